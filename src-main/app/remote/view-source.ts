/**
 * Where the window's data comes from: this computer's core, or another machine's host
 * (remote-connection.ts). Main switches the source; the page keeps one `TaskManagerApi`. While a
 * remote machine is shown, the window's snapshots, collector status and broadcasts come from its
 * stream, and its commands and queries go there; the local collector keeps running for alerts,
 * history and the tray, but nothing of it reaches the window. After every switch (and every
 * reconnection) the page is sent a whole snapshot first, so rows of two machines never mix.
 */
import type { CollectorStatus } from '../../../src-shared/collector-status.ts';
import { commandSchemas, failure, type CommandArgs, type CommandName, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import { RETAINED_BROADCAST_TYPES } from '../../../src-shared/broadcast-feed.ts';
import type { SavedMachine, ShownMachine } from '../../../src-shared/machines.ts';
import type { AnyQueryResult, Broadcast, Query } from '../../../src-shared/query.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import type { SnapshotDelta } from '../../../src-shared/stream.ts';
import { runCommand, type CommandHandlers } from '../../control/command-handlers.ts';
import { desktopOnlyRefusal, type RemoteConnection } from './remote-connection.ts';

/** The window's push side (push-port.ts `PushPublisher`). */
export interface ViewPublisher {
  publishSnapshot(next: Snapshot, delta?: SnapshotDelta | null): void;
  publishStatus(status: CollectorStatus): void;
  publishBroadcast(broadcast: Broadcast): void;
  /** Forgets the snapshot sent last: the next one goes whole to every page. */
  startOver(): void;
}

/** This computer's core, as the window sees it. */
export interface LocalSource {
  handlers: CommandHandlers;
  answerQuery(query: Query): Promise<AnyQueryResult>;
  latest(): Snapshot | null;
  status(): CollectorStatus | null;
  retainedBroadcasts(): readonly Broadcast[];
}

/** The window's title: it names the machine shown, so nobody ends a process on the wrong one. Pure. */
export function windowTitleFor(shown: Pick<SavedMachine, 'name'> | null): string {
  return shown ? `Task Manager — ${shown.name}` : 'Task Manager';
}

interface Shown {
  machine: SavedMachine;
  connection: RemoteConnection;
  offs: (() => void)[];
  retained: Map<Broadcast['type'], Broadcast>;
  /** The update speed the page asked for, sent to the host as the stream's `view`. */
  cadence: { isPaused: boolean; intervalMs: number };
}

export class ViewSwitch {
  private shownMachine: Shown | null = null;
  private readonly publisher: ViewPublisher;
  private readonly local: LocalSource;
  private readonly onChange: () => void;

  constructor(publisher: ViewPublisher, local: LocalSource, onChange: () => void) {
    this.publisher = publisher;
    this.local = local;
    this.onChange = onChange;
  }

  /** The machine shown, with its connection's state; null: this computer. */
  get shown(): ShownMachine | null {
    const shown = this.shownMachine;
    return shown ? { ...shown.machine, ...shown.connection.state } : null;
  }

  get shownId(): string | null {
    return this.shownMachine?.machine.id ?? null;
  }

  /** The window's commands: this computer's handlers, or the shown machine's host. */
  readonly handlers: CommandHandlers = Object.fromEntries(
    (Object.keys(commandSchemas) as CommandName[]).map((name) => [name, (args: CommandArgs<typeof name>) => this.runCommand(name, args)]),
  ) as CommandHandlers;

  /** For ipc.ts: a desktop-only command (or icons) is refused for another machine before main asks anything. */
  refuseBeforeAsking(name: string): Failure | null {
    const shown = this.shownMachine;
    if (!shown) return null;
    if (name === 'getProcessIcon') return failure('UNSUPPORTED', `process icons are shown for this computer only, not for ${shown.machine.name}`);
    return desktopOnlyRefusal(name, shown.machine.name);
  }

  answerQuery(query: Query): Promise<AnyQueryResult> {
    return this.shownMachine ? this.shownMachine.connection.view.ask(query) : this.local.answerQuery(query);
  }

  /** What a page that attaches now is given besides the snapshot: the shown source's retained broadcasts. */
  retainedBroadcasts(): readonly Broadcast[] {
    return this.shownMachine ? [...this.shownMachine.retained.values()] : this.local.retainedBroadcasts();
  }

  // This computer's core reports here; it reaches the window only while this computer is shown.
  localSnapshot(snapshot: Snapshot, delta: SnapshotDelta | null): void {
    if (!this.shownMachine) this.publisher.publishSnapshot(snapshot, delta);
  }

  localStatus(status: CollectorStatus): void {
    if (!this.shownMachine) this.publisher.publishStatus(status);
  }

  localBroadcast(broadcast: Broadcast): void {
    if (!this.shownMachine) this.publisher.publishBroadcast(broadcast);
  }

  /** Shows another machine over `connection` (which this switch now owns and closes). */
  show(machine: SavedMachine, connection: RemoteConnection): void {
    this.closeShown();
    const shown: Shown = { machine, connection, offs: [], retained: new Map(), cadence: { isPaused: false, intervalMs: 1000 } };
    this.shownMachine = shown;
    this.publisher.startOver();
    const view = connection.view;
    const isCurrent = () => this.shownMachine === shown;
    shown.offs.push(
      view.onStatus((status) => {
        if (isCurrent()) this.publisher.publishStatus(status);
      }),
      view.onSnapshotMessage((message) => {
        const snapshot = view.latestSnapshot;
        if (!isCurrent() || snapshot === null) return;
        this.publisher.publishSnapshot(snapshot, message.type === 'delta' ? message.delta : null);
      }),
      view.onBroadcast((broadcast) => {
        if (!isCurrent()) return;
        if (RETAINED_BROADCAST_TYPES.has(broadcast.type)) shown.retained.set(broadcast.type, broadcast);
        this.publisher.publishBroadcast(broadcast);
      }),
      view.onConnection((connectionState) => {
        if (!isCurrent()) return;
        // Whatever comes after a lost connection starts from a whole snapshot (the host may have restarted).
        if (connectionState.state !== 'connected') this.publisher.startOver();
        this.onChange();
      }),
    );
  }

  /** Back to this computer: its latest state at once, whole. */
  showLocal(): void {
    if (!this.shownMachine) return;
    this.closeShown();
    this.publisher.startOver();
    // The shell state first: the page resets its stores when the shown machine changes, so this
    // computer's state must come after that, or the page would forget it until the next tick.
    this.onChange();
    const status = this.local.status();
    if (status) this.publisher.publishStatus(status);
    const latest = this.local.latest();
    if (latest) this.publisher.publishSnapshot(latest, null);
    for (const broadcast of this.local.retainedBroadcasts()) this.publisher.publishBroadcast(broadcast);
  }

  close(): void {
    this.closeShown();
  }

  private runCommand<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult> {
    const shown = this.shownMachine;
    if (!shown) return runCommand(this.local.handlers, name, args);
    if (name === 'setCollectorSettings') {
      // The page's update speed is what it receives from that host (the stream's `view`), not the host's own sampling.
      const change = args as CommandArgs<'setCollectorSettings'>;
      shown.cadence = { isPaused: change.isPaused ?? shown.cadence.isPaused, intervalMs: change.intervalMs ?? shown.cadence.intervalMs };
      shown.connection.view.setUpdateSpeed(shown.cadence);
      return Promise.resolve({ ok: true });
    }
    return shown.connection.command(name, args);
  }

  private closeShown(): void {
    const shown = this.shownMachine;
    if (!shown) return;
    this.shownMachine = null;
    for (const off of shown.offs) off();
    shown.connection.close();
  }
}

