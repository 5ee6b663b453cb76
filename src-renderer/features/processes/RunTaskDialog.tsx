/**
 * Run new task: a command line as the Run dialog takes it, optionally as administrator (Windows
 * asks with its own UAC prompt). Main runs it; a failure comes back in plain words.
 */
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { strings } from '../../strings.ts';
import { toolDialogStrings } from './tool-dialog-strings.ts';

interface RunTaskDialogProps {
  onRun(commandLine: string, isElevated: boolean): void;
  onCancel(): void;
}

export function RunTaskDialog({ onRun, onCancel }: RunTaskDialogProps) {
  const id = useId();
  const [commandLine, setCommandLine] = useState('');
  const [isElevated, setElevated] = useState(false);
  const canRun = commandLine.trim() !== '';
  const run = () => {
    if (canRun) onRun(commandLine.trim(), isElevated);
  };
  return (
    <Dialog
      role="dialog"
      title={toolDialogStrings.runTask.title}
      description={<p>{toolDialogStrings.runTask.help}</p>}
      onCancel={onCancel}
      initialFocus="input[type=text]"
      actions={
        <>
          <button type="button" disabled={!canRun} onClick={run}>
            {toolDialogStrings.runTask.run}
          </button>
          <button type="button" onClick={onCancel}>
            {strings.confirm.cancel}
          </button>
        </>
      }
    >
      <label htmlFor={`${id}-command`}>{toolDialogStrings.runTask.label}</label>
      <input
        id={`${id}-command`}
        type="text"
        spellCheck={false}
        value={commandLine}
        onChange={(event) => setCommandLine(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            run();
          }
        }}
      />
      <label>
        <input type="checkbox" checked={isElevated} onChange={(event) => setElevated(event.target.checked)} />
        {toolDialogStrings.runTask.isElevated}
      </label>
    </Dialog>
  );
}
