/**
 * Says so when the desktop app runs without administrator rights on Windows (most system and
 * other users' processes can't be acted on then), with "Restart as administrator".
 */
import { useState } from 'react';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';

export function ElevationBanner() {
  const api = useApi();
  const shell = useAppStore((s) => s.shell);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!shell?.isDesktopApp || shell.platform !== 'win32' || shell.isElevated !== false) return null;
  const restart = async () => {
    const result = await api.restartAsAdministrator({});
    setRefusal(result.ok ? null : strings.shell.restartRefused(result.message));
  };
  return (
    <div role="region" aria-label={strings.shell.restartElevated} className="banner elevation-banner">
      <span>{strings.shell.notElevated}</span>
      {shell.canRestartElevated ? (
        <button type="button" onClick={() => void restart()}>
          {strings.shell.restartElevated}
        </button>
      ) : null}
      {refusal ? <span role="alert">{refusal}</span> : null}
    </div>
  );
}
