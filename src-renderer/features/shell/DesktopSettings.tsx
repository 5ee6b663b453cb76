/**
 * The desktop shell's settings inside the Settings menu (only in the desktop app): window
 * behaviour and the opt-in Windows integrations. Each toggle shows the shell's state as main
 * reports it after the change, and a refusal (not elevated, the OS said no) in plain words.
 */
import { useState } from 'react';
import type { ShellSettings, ShellState } from '../../../src-shared/shell.ts';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { desktopStrings } from './desktop-strings.ts';

type ToggleKey = keyof ShellSettings & keyof ShellState;

interface Toggle {
  key: ToggleKey;
  label: string;
  isOffered(shell: ShellState): boolean;
}

const TOGGLES: readonly Toggle[] = [
  { key: 'isAlwaysOnTop', label: desktopStrings.alwaysOnTop, isOffered: () => true },
  { key: 'isMinimizeToTray', label: desktopStrings.minimizeToTray, isOffered: (s) => s.supports.tray },
  { key: 'isStartElevatedEnabled', label: desktopStrings.startElevated, isOffered: (s) => s.supports.startElevated },
  { key: 'isStartAtLoginEnabled', label: desktopStrings.startAtLogin, isOffered: (s) => s.supports.startAtLogin },
  { key: 'isReplaceTaskManagerEnabled', label: desktopStrings.replaceTaskManager, isOffered: (s) => s.supports.replaceTaskManager },
];

export function DesktopSettings() {
  const api = useApi();
  const shell = useAppStore((s) => s.shell);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!shell?.isDesktopApp) return null;
  const change = async (key: ToggleKey, isOn: boolean) => {
    const result = await api.setShellSettings({ [key]: isOn });
    setRefusal(result.ok ? null : desktopStrings.refused(result.message));
  };
  const openWindowsTaskManager = async () => {
    const result = await api.openWindowsTaskManager({});
    setRefusal(result.ok ? null : result.message);
  };
  return (
    <fieldset>
      <legend>{desktopStrings.legend}</legend>
      {TOGGLES.filter((toggle) => toggle.isOffered(shell)).map((toggle) => (
        <label key={toggle.key}>
          <input type="checkbox" checked={shell[toggle.key]} onChange={(event) => void change(toggle.key, event.currentTarget.checked)} />
          {toggle.label}
          {toggle.key === 'isReplaceTaskManagerEnabled' && shell.isElevated === false ? ` (${desktopStrings.needsElevation})` : ''}
        </label>
      ))}
      {shell.supports.replaceTaskManager && shell.replaceTaskManagerOwner === 'other' ? <p className="hint">{desktopStrings.replacedByOther}</p> : null}
      {shell.platform === 'win32' ? (
        <button type="button" onClick={() => void openWindowsTaskManager()}>
          {desktopStrings.openWindowsTaskManager}
        </button>
      ) : null}
      {refusal ? <p role="alert">{refusal}</p> : null}
    </fieldset>
  );
}
