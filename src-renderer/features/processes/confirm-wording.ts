/**
 * What the End task / End process tree confirmation says (ConfirmEndDialog.tsx): the title names
 * one process, one app or how many processes; when it ends several, it lists the first few by name
 * and says how many more; "this process" or "them" as the count wants; every count with a thousands
 * separator; when the desktop app shows another machine, the title names it ("End chrome.exe (PID
 * 4242) on build-server?"). Pure.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { formatCount } from '../../format.ts';
import { strings } from '../../strings.ts';
import { onMachine } from '../machines/on-machine.ts';
import type { EndApp } from './process-commands.ts';

/** How many processes the dialog names before "and N more". */
export const LISTED_PROCESSES = 5;

export interface EndRequest {
  kind: 'endTask' | 'endTree';
  /** Every process the user chose (an app's members included), in the order they are named. */
  targets: ProcessRow[];
  /** For a tree: how many processes descend from the targets (the targets not counted). */
  descendants: number;
  isSystem: boolean;
  /** End task on whole apps (the Apps tab): each ended by one `killApp`; their members are in `targets` too. */
  apps?: EndApp[];
}

export interface EndWording {
  title: string;
  /** Above the list of names; null when there is one process (the title names it). */
  listHeading: string | null;
  /** The first `LISTED_PROCESSES` processes, by name and PID; empty for one process. */
  listed: string[];
  /** "and 25 more", or null. */
  more: string | null;
  loss: string;
}

/** `machineName`: the machine shown when it is not this computer, else null. */
export function endWording(request: EndRequest, machineName: string | null = null): EndWording {
  const { targets } = request;
  const first = targets[0];
  const isMany = targets.length !== 1;
  const onlyApp = request.apps?.length === 1 ? request.apps[0] : undefined;
  const isOneApp = onlyApp !== undefined && onlyApp.members.length === targets.length;
  const count = formatCount(targets.length);
  const named = !isMany && first ? strings.confirm.process(first.name, first.pid) : isOneApp ? onlyApp.name : strings.confirm.manyProcesses(count);
  const what = onMachine(named, machineName);
  const listed = isMany ? targets.slice(0, LISTED_PROCESSES).map((p) => strings.confirm.process(p.name, p.pid)) : [];
  const hidden = targets.length - listed.length;
  const isTree = request.kind === 'endTree';
  return {
    title: isTree ? strings.confirm.endTreeTitle(what, isMany) : strings.confirm.endTaskTitle(what),
    listHeading: isMany ? strings.confirm.listHeading(count) : null,
    listed,
    more: isMany && hidden > 0 ? strings.confirm.more(formatCount(hidden)) : null,
    loss:
      isTree && request.descendants > 0
        ? strings.confirm.treeLoss(request.descendants, formatCount(request.descendants), isMany)
        : isMany
          ? strings.confirm.lossMany
          : strings.confirm.loss,
  };
}
