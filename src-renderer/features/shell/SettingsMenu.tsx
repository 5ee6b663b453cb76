/**
 * Settings: update speed (sent to the collector; paused also holds the view still), CPU % mode and
 * the chart history window. A refusal (a view-only host) is shown in plain words.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { CPU_MODES, HISTORY_WINDOWS_SEC, UPDATE_SPEED_MS, UPDATE_SPEEDS, type UpdateSpeed } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { DesktopSettings } from './DesktopSettings.tsx';

export function SettingsMenu() {
  const api = useApi();
  const s = useAppStore(
    useShallow((state) => ({
      updateSpeed: state.updateSpeed,
      setUpdateSpeed: state.setUpdateSpeed,
      cpuMode: state.cpuMode,
      setCpuMode: state.setCpuMode,
      historyWindowSec: state.historyWindowSec,
      setHistoryWindow: state.setHistoryWindow,
    })),
  );
  const [isOpen, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const changeSpeed = async (speed: UpdateSpeed) => {
    s.setUpdateSpeed(speed);
    const result = await api.setCollectorSettings(speed === 'paused' ? { isPaused: true } : { isPaused: false, intervalMs: UPDATE_SPEED_MS[speed] });
    setNotice(result.ok ? null : strings.speedRefused(result.message));
  };

  return (
    <div className="menu-anchor settings">
      <button type="button" aria-haspopup="true" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {strings.settings}
      </button>
      {isOpen ? (
        <div className="popover" role="group" aria-label={strings.settings} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <fieldset>
            <legend>{strings.updateSpeed}</legend>
            {UPDATE_SPEEDS.map((speed) => (
              <label key={speed}>
                <input type="radio" name="update-speed" checked={s.updateSpeed === speed} onChange={() => void changeSpeed(speed)} />
                {strings.speeds[speed]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{strings.cpuMode}</legend>
            {CPU_MODES.map((mode) => (
              <label key={mode}>
                <input type="radio" name="cpu-mode" checked={s.cpuMode === mode} onChange={() => s.setCpuMode(mode)} />
                {strings.cpuModes[mode]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{strings.historyWindow}</legend>
            {HISTORY_WINDOWS_SEC.map((sec) => (
              <label key={sec}>
                <input type="radio" name="history-window" checked={s.historyWindowSec === sec} onChange={() => s.setHistoryWindow(sec)} />
                {strings.historyWindows[sec]}
              </label>
            ))}
          </fieldset>
          <DesktopSettings />
        </div>
      ) : null}
      {notice ? (
        <p role="alert" className="notice">
          {notice}
        </p>
      ) : null}
    </div>
  );
}
