/**
 * Create dump file: where to write it. The path is checked here with the contract's own rule (so a
 * mistake is said at once) and again by main, which also checks that the folder exists and never
 * overwrites a file.
 */
import { useId, useState } from 'react';
import { dumpFilePathProblem } from '../../../src-shared/dump-path.ts';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { strings } from '../../strings.ts';
import { toolDialogStrings } from './tool-dialog-strings.ts';
import { dumpFileBaseName } from './process-commands.ts';

interface DumpFileDialogProps {
  row: ProcessRow;
  onCreate(path: string): void;
  onCancel(): void;
}

export function DumpFileDialog({ row, onCreate, onCancel }: DumpFileDialogProps) {
  const id = useId();
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const found = dumpFilePathProblem(path.trim());
    setProblem(found);
    if (found === null) onCreate(path.trim());
  };
  return (
    <Dialog
      role="dialog"
      title={toolDialogStrings.dump.title(`${row.name} (PID ${row.pid})`)}
      description={<p>{toolDialogStrings.dump.help}</p>}
      onCancel={onCancel}
      initialFocus="input"
      actions={
        <>
          <button type="button" disabled={path.trim() === ''} onClick={submit}>
            {toolDialogStrings.dump.create}
          </button>
          <button type="button" onClick={onCancel}>
            {strings.confirm.cancel}
          </button>
        </>
      }
    >
      <label htmlFor={`${id}-path`}>{toolDialogStrings.dump.label}</label>
      <input
        id={`${id}-path`}
        type="text"
        spellCheck={false}
        value={path}
        placeholder={toolDialogStrings.dump.placeholder(dumpFileBaseName(row))}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? `${id}-problem` : undefined}
        onChange={(event) => setPath(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && path.trim() !== '') {
            event.preventDefault();
            submit();
          }
        }}
      />
      {problem !== null ? (
        <p id={`${id}-problem`} role="alert" className="notice">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}
