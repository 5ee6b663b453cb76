/**
 * A first live view: the collector's status, the machine's totals and the busiest processes.
 * The Processes, Apps and Performance tabs (issue #4) replace it.
 */
import { useEffect, useState } from 'react';
import type { TaskManagerApi } from '../src-shared/api.ts';
import type { CollectorStatus } from '../src-shared/collector-status.ts';
import type { Snapshot } from '../src-shared/snapshot.ts';
import { formatBytes, formatPercent } from './format.ts';
import { strings } from './strings.ts';

const ROWS_SHOWN = 50;

export function App({ api }: { api: TaskManagerApi | null }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [status, setStatus] = useState<CollectorStatus | null>(null);
  useEffect(() => {
    if (!api) return undefined;
    const offSnapshot = api.onSnapshot(setSnapshot);
    const offStatus = api.onStatus(setStatus);
    return () => {
      offSnapshot();
      offStatus();
    };
  }, [api]);

  if (!api) return <main className="notice">{strings.noToken}</main>;
  const rows = snapshot
    ? [...snapshot.processes].sort((a, b) => (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1) || a.pid - b.pid).slice(0, ROWS_SHOWN)
    : [];
  return (
    <main>
      <header className="summary">
        <h1>{strings.title}</h1>
        {status && status.state !== 'up' ? (
          <p role="status" className="banner">
            {strings.collectorState[status.state]}
            {status.message ? `: ${status.message}` : ''}
          </p>
        ) : null}
        {snapshot ? (
          <dl>
            <dt>{strings.cpu}</dt>
            <dd>{formatPercent(snapshot.cpu.totalPercent)}</dd>
            <dt>{strings.memory}</dt>
            <dd>
              {formatBytes(snapshot.memory.usedBytes)} / {formatBytes(snapshot.memory.totalBytes)}
            </dd>
            <dt>{strings.processes}</dt>
            <dd>{snapshot.totals.processes}</dd>
          </dl>
        ) : null}
      </header>
      <table aria-label={strings.processes}>
        <thead>
          <tr>
            <th scope="col">{strings.name}</th>
            <th scope="col">{strings.pid}</th>
            <th scope="col">{strings.cpu}</th>
            <th scope="col">{strings.memory}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={`${p.pid}:${p.startTimeMs}`}>
              <td>{p.name}</td>
              <td>{p.pid}</td>
              <td>{formatPercent(p.cpuPercent)}</td>
              <td>{formatBytes(p.memoryBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
