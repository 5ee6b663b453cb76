/**
 * Settings: update speed, CPU % mode, the chart history window and the history store's status. The update speed is this view's
 * (`TaskManagerApi.setUpdateSpeed`): applied when the page loads and whenever it changes; a
 * refusal is shown in plain words and cleared by the next success. The popover closes on Escape
 * and on a click outside it.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePopover } from '../../components/use-popover.ts';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { CPU_MODES, HISTORY_WINDOWS_SEC, UPDATE_SPEEDS } from '../../store/settings.ts';
import { cadenceOf } from '../../store/update-speed.ts';
import { strings } from '../../strings.ts';

// Loaded when Settings first opens: neither is needed for the first rows.
const DesktopSettings = lazy(() => import('./DesktopSettings.tsx').then((m) => ({ default: m.DesktopSettings })));
const HistoryStatusView = lazy(() => import('./HistoryStatusView.tsx').then((m) => ({ default: m.HistoryStatusView })));

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
  const { isOpen, setOpen, anchorRef } = usePopover();
  const [notice, setNotice] = useState<string | null>(null);

  // The saved choice is applied on load, and every change after (one-way: store → API).
  const { updateSpeed } = s;
  useEffect(() => {
    let isCurrent = true;
    void api.setUpdateSpeed(cadenceOf(updateSpeed)).then((result) => {
      if (isCurrent) setNotice(result.ok ? null : strings.speedRefused(result.message));
    });
    return () => {
      isCurrent = false;
    };
  }, [api, updateSpeed]);

  return (
    <div className="menu-anchor settings" ref={anchorRef}>
      <button type="button" aria-haspopup="true" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {strings.settings}
      </button>
      {isOpen ? (
        <div className="popover" role="group" aria-label={strings.settings} onKeyDown={(e) => {
            // An Escape taken inside (the delete-history confirmation closing) leaves Settings open.
            if (e.key !== 'Escape' || e.defaultPrevented) return;
            // Taken here: closing Settings is not also leaving the past (TimeTravelBanner).
            e.preventDefault();
            setOpen(false);
          }}>
          <fieldset>
            <legend>{strings.updateSpeed}</legend>
            {UPDATE_SPEEDS.map((speed) => (
              <label key={speed}>
                <input type="radio" name="update-speed" checked={s.updateSpeed === speed} onChange={() => s.setUpdateSpeed(speed)} />
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
          <Suspense fallback={null}>
            <HistoryStatusView />
            <DesktopSettings />
          </Suspense>
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
