/**
 * How a page's commands went, said as the Processes tab says it (CommandFeedbackView shows it): a
 * toast while one runs ("Stopping …") and when it did what it was asked (it goes by itself), the
 * refusal's message in plain words when it did not (it stays until dismissed or the next outcome
 * replaces it). Nothing here throws: a transport that throws is an INTERNAL failure, said like any other.
 */
import { useCallback, useState } from 'react';
import type { CommandResult } from '../../src-shared/results.ts';
import { strings } from '../strings.ts';

export interface Toast {
  /** A new id for every toast, so that one replacing another starts its own time. */
  id: number;
  text: string;
}

/** What to say about a command: `pending` while it runs, `done` when it succeeded (none: nothing). */
export interface CommandTexts {
  pending?: string;
  done?: string;
}

let nextToastId = 1;

/** A command's result, a throw turned into an INTERNAL failure. */
export function settle(command: () => Promise<CommandResult>): Promise<CommandResult> {
  return command().catch((error: unknown): CommandResult => ({ ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }));
}

export function useCommandFeedback() {
  const [notice, setNotice] = useState<string | null>(null);
  const [toast, setToastState] = useState<Toast | null>(null);
  const setToast = (text: string | undefined) => setToastState(text === undefined ? null : { id: nextToastId++, text });
  /** Says how a command went: `what` names the action ("Disable"). */
  const report = useCallback((what: string, result: CommandResult, texts: CommandTexts = {}) => {
    setNotice(result.ok ? null : strings.commandFailed(what, result.message));
    setToast(result.ok ? texts.done : undefined);
  }, []);
  /** Sends a command, says it runs, then how it went; gives the result. */
  const send = useCallback(
    async (what: string, command: () => Promise<CommandResult>, texts: CommandTexts = {}): Promise<CommandResult> => {
      setToast(texts.pending);
      const result = await settle(command);
      report(what, result, texts);
      return result;
    },
    [report],
  );
  return {
    notice,
    toast,
    send,
    report,
    /** Shows a pending text (a command sent outside `send`). */
    setPending: useCallback((text: string) => setToast(text), []),
    dismissNotice: useCallback(() => setNotice(null), []),
    dismissToast: useCallback(() => setToastState(null), []),
  };
}

export type CommandFeedback = ReturnType<typeof useCommandFeedback>;
