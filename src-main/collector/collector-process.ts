/**
 * Entry point of the collector's own process: Electron's utilityProcess (messages through
 * `process.parentPort`) or a Node child (`process.send`). It waits for `start`, then streams
 * snapshots to its host (the first whole, then deltas: snapshot-sender.ts) until `stop` or until
 * the host goes away.
 */
import { Collector } from './collector.ts';
import { errorData, isHostToCollector, type CollectorToHost, type HostToCollector } from './protocol.ts';
import { SnapshotSender } from './snapshot-sender.ts';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface HostChannel {
  send(message: CollectorToHost, then?: () => void): void;
  onMessage(listener: (message: HostToCollector) => void): void;
}

function hostChannel(): HostChannel {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  const accept = (listener: (message: HostToCollector) => void) => (data: unknown) => {
    if (isHostToCollector(data)) listener(data);
  };
  if (parentPort) {
    return {
      send: (message, then) => {
        parentPort.postMessage(message);
        // postMessage only queues: give the port a moment to deliver before `then` (an exit).
        if (then) setTimeout(then, 100);
      },
      onMessage: (listener) => parentPort.on('message', (event) => accept(listener)(event.data)),
    };
  }
  return {
    send: (message, then) => {
      if (process.send) process.send(message, undefined, undefined, () => then?.());
      else then?.();
    },
    onMessage: (listener) => process.on('message', accept(listener)),
  };
}

function main(): void {
  const channel = hostChannel();
  let collector: Collector | null = null;
  const sender = new SnapshotSender();

  channel.onMessage((message) => {
    switch (message.type) {
      case 'start':
        if (collector) return;
        try {
          collector = new Collector({
            ...message.options,
            onSnapshot: (snapshot) => channel.send(sender.next(snapshot)),
            onSampleFailed: (error) => channel.send({ type: 'sample-failed', error }),
          });
          channel.send({ type: 'started', startTimeBasis: collector.startTimeBasis });
          collector.start();
        } catch (error) {
          // Exit only once the reason has reached the host.
          channel.send({ type: 'fatal', error: errorData(error) }, () => process.exit(1));
        }
        return;
      case 'configure':
        collector?.configure(message);
        return;
      case 'resync':
        sender.resync();
        return;
      case 'stop':
        collector?.stop();
        process.exit(0);
    }
  });

  // A Node child whose host died gets 'disconnect': nobody is listening, so stop sampling.
  process.on('disconnect', () => {
    collector?.stop();
    process.exit(0);
  });

  channel.send({ type: 'ready', pid: process.pid });
}

main();
