/**
 * Entry point of the collector's own process: Electron's utilityProcess (messages through
 * `process.parentPort`) or a Node child (`process.send`). It waits for `start`, then streams
 * snapshots to its host until `stop` or until the host goes away.
 */
import { Collector } from './collector.ts';
import { errorData, type CollectorToHost, type HostToCollector } from './protocol.ts';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function send(message: CollectorToHost): void {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send) process.send(message);
}

function onMessage(listener: (message: HostToCollector) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data as HostToCollector));
  else process.on('message', (message) => listener(message as HostToCollector));
}

let collector: Collector | null = null;

onMessage((message) => {
  switch (message.type) {
    case 'start':
      if (collector) return;
      try {
        collector = new Collector({
          ...message.options,
          onSnapshot: (snapshot) => send({ type: 'snapshot', snapshot }),
          onSampleFailed: (error) => send({ type: 'sample-failed', error }),
        });
        collector.start();
      } catch (error) {
        send({ type: 'fatal', error: errorData(error) });
        process.exit(1);
      }
      return;
    case 'configure':
      collector?.configure(message);
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

send({ type: 'ready', pid: process.pid });
