/**
 * Every figure of the focused process, labelled, with "—" for what the OS does not give. A close
 * button hides the panel (the toolbar's Details button brings it back); Enter on a row of the table
 * moves the focus here, Escape goes back.
 */
import type { Ref } from 'react';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { formatBytes, formatDateTime, formatPercent, formatRate } from '../../format.ts';
import { strings } from '../../strings.ts';
import { COLUMNS, stateLabel, type ColumnContext } from './columns.ts';

/** The figures shown here are the Task Manager ones (share of the machine); no context is needed for them. */
const CONTEXT: ColumnContext = { cpuMode: 'machine', logicalCores: 1, totalMemoryBytes: 0 };
const c = strings.columns;

/** `ref`: the panel, focusable (Enter on a row of the table moves the focus here). */
export function DetailsPanel({ row, onClose, ref }: { row: ProcessRow | null; onClose(): void; ref?: Ref<HTMLElement> }) {
  return (
    <aside ref={ref} tabIndex={-1} className="details" aria-label={strings.details}>
      <button type="button" className="details-close" aria-label={strings.detailsPanel.close} title={strings.detailsPanel.close} onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
      {row ? <DetailsList row={row} /> : <p>{strings.noSelection}</p>}
    </aside>
  );
}

function DetailsList({ row }: { row: ProcessRow }) {
  const items: [string, string][] = [
    [c.name, row.name],
    [c.pid, String(row.pid)],
    [c.parentPid, COLUMNS.parentPid.text(row, CONTEXT)],
    [c.status, stateLabel(row.state)],
    [c.user, row.user ?? strings.unknown],
    [c.startTime, formatDateTime(row.startTimeMs)],
    [c.cpu, formatPercent(row.cpuPercent)],
    [c.memory, formatBytes(row.memoryBytes)],
    [c.workingSet, formatBytes(row.residentBytes)],
    [c.commit, formatBytes(row.commitBytes)],
    [c.threads, COLUMNS.threads.text(row, CONTEXT)],
    [c.handles, COLUMNS.handles.text(row, CONTEXT)],
    [c.ioRead, formatRate(row.ioReadBytesPerSec)],
    [c.ioWrite, formatRate(row.ioWriteBytesPerSec)],
    [strings.detailsPanel.networkReceive, formatRate(row.netRxBytesPerSec)],
    [strings.detailsPanel.networkSend, formatRate(row.netTxBytesPerSec)],
    [c.gpu, formatPercent(row.gpuPercent)],
    [c.gpuMemory, formatBytes(row.gpuMemoryBytes)],
    [c.priority, COLUMNS.priority.text(row, CONTEXT)],
    [c.efficiencyMode, COLUMNS.efficiencyMode.text(row, CONTEXT)],
    [c.path, row.exePath ?? strings.unknown],
    [c.commandLine, row.commandLine ?? strings.unknown],
    // Windows only (version resource, Service Control Manager); "—" elsewhere.
    [c.description, row.description ?? strings.unknown],
    [c.publisher, row.publisher ?? strings.unknown],
    [c.services, COLUMNS.services.text(row, CONTEXT)],
  ];
  return (
    <>
      <h2>{row.name}</h2>
      <dl>
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
