/**
 * While another machine is shown: a bar across the top in the machine's colour, "Viewing
 * build-server (https://build-server:8737)" and how the link is (connecting, connected,
 * unreachable or refused, with why), and the window's title names it ("Task Manager —
 * build-server"), so nobody ends a process on the wrong machine. Desktop app only.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { barText, documentTitle, textColorOn } from './machine-bar.ts';
import './machines.css';

export function MachineBar() {
  const machine = useAppStore((s) => s.shell?.shownMachine ?? null);
  const name = machine?.name ?? null;
  useEffect(() => {
    document.title = documentTitle(name);
  }, [name]);
  useEffect(() => () => void (document.title = documentTitle(null)), []);
  if (!machine) return null;
  const text = barText(machine);
  return (
    <div className="machine-bar" role="status" data-state={machine.state} style={{ background: machine.color, color: textColorOn(machine.color) }}>
      <strong>{text.viewing}</strong>
      <span className="machine-bar-state">{text.state}</span>
      {text.viewOnly !== null ? <span className="machine-bar-note">{text.viewOnly}</span> : null}
    </div>
  );
}
