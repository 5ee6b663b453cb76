/**
 * Which logical CPUs a process may run on: one checkbox per CPU, at least one.
 */
import { useState } from 'react';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { strings } from '../../strings.ts';
import { toolDialogStrings } from './tool-dialog-strings.ts';

interface AffinityDialogProps {
  row: ProcessRow;
  logicalCores: number;
  onApply(cpus: number[]): void;
  onCancel(): void;
}

export function AffinityDialog({ row, logicalCores, onApply, onCancel }: AffinityDialogProps) {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(Array.from({ length: logicalCores }, (_, i) => i)));
  const toggle = (cpu: number) => {
    const next = new Set(chosen);
    if (next.has(cpu)) next.delete(cpu);
    else next.add(cpu);
    setChosen(next);
  };
  return (
    <Dialog
      role="dialog"
      title={toolDialogStrings.affinity.title(`${row.name} (PID ${row.pid})`)}
      description={<p>{toolDialogStrings.affinity.help}</p>}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" disabled={chosen.size === 0} onClick={() => onApply([...chosen].sort((a, b) => a - b))}>
            {toolDialogStrings.affinity.apply}
          </button>
          <button type="button" onClick={onCancel}>
            {strings.confirm.cancel}
          </button>
        </>
      }
    >
      <fieldset className="affinity-cpus">
        <legend>{toolDialogStrings.affinity.legend}</legend>
        {Array.from({ length: logicalCores }, (_, cpu) => (
          <label key={cpu}>
            <input type="checkbox" checked={chosen.has(cpu)} onChange={() => toggle(cpu)} />
            {toolDialogStrings.affinity.cpu(cpu)}
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
