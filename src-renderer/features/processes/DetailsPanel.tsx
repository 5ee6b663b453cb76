/**
 * Every figure of the focused process, labelled, with "—" for what the OS does not give.
 */
import type { Ref } from 'react';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { formatBytes, formatPercent, formatRate } from '../../format.ts';
import { strings } from '../../strings.ts';
import { stateLabel } from './columns.ts';

/** The services a process hosts: their names, "None" when it hosts none, "—" where unknown. */
function servicesText(services: readonly string[] | null): string {
  if (services === null) return strings.unknown;
  return services.length === 0 ? 'None' : services.join(', ');
}

/** `ref`: the panel, focusable (Enter on a row of the table moves the focus here). */
export function DetailsPanel({ row, ref }: { row: ProcessRow | null; ref?: Ref<HTMLElement> }) {
  if (!row) {
    return (
      <aside ref={ref} tabIndex={-1} className="details" aria-label={strings.details}>
        <p>{strings.noSelection}</p>
      </aside>
    );
  }
  const items: [string, string][] = [
    [strings.columns.name, row.name],
    [strings.columns.pid, String(row.pid)],
    ['Parent PID', row.ppid === 0 ? strings.unknown : String(row.ppid)],
    [strings.columns.status, stateLabel(row.state)],
    [strings.columns.user, row.user ?? strings.unknown],
    ['Started', new Date(row.startTimeMs).toLocaleString()],
    [strings.columns.cpu, formatPercent(row.cpuPercent)],
    [strings.columns.memory, formatBytes(row.memoryBytes)],
    ['Working set', formatBytes(row.residentBytes)],
    ['Commit', formatBytes(row.commitBytes)],
    [strings.columns.threads, row.threads === null ? strings.unknown : String(row.threads)],
    ['Handles', row.handles === null ? strings.unknown : String(row.handles)],
    ['Disk read', formatRate(row.ioReadBytesPerSec)],
    ['Disk write', formatRate(row.ioWriteBytesPerSec)],
    ['Network receive', formatRate(row.netRxBytesPerSec)],
    ['Network send', formatRate(row.netTxBytesPerSec)],
    [strings.columns.gpu, formatPercent(row.gpuPercent)],
    ['GPU memory', formatBytes(row.gpuMemoryBytes)],
    ['Priority', row.priority ? strings.priorities[row.priority] : strings.unknown],
    ['Path', row.exePath ?? strings.unknown],
    [strings.columns.commandLine, row.commandLine ?? strings.unknown],
    // Windows only (version resource, Service Control Manager); "—" elsewhere.
    ['Description', row.description ?? strings.unknown],
    ['Publisher', row.publisher ?? strings.unknown],
    ['Services', servicesText(row.services)],
  ];
  return (
    <aside ref={ref} tabIndex={-1} className="details" aria-label={strings.details}>
      <h2>{row.name}</h2>
      <dl>
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
