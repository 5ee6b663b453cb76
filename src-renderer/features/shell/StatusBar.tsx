/**
 * The bottom line: what the machine runs, and what watching it costs (`snapshot.self`).
 */
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount, formatPercent } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';

export function StatusBar() {
  const { processes, cpu, memoryShare, selfCpu, selfMemory, state } = useAppStore(
    useShallow((s) => ({
      processes: s.snapshot?.totals.processes ?? null,
      cpu: s.snapshot?.cpu.totalPercent ?? null,
      memoryShare: s.snapshot && s.snapshot.memory.totalBytes > 0 ? (s.snapshot.memory.usedBytes / s.snapshot.memory.totalBytes) * 100 : null,
      selfCpu: s.snapshot?.self.cpuPercent ?? null,
      selfMemory: s.snapshot?.self.memoryBytes ?? null,
      state: s.status?.state ?? null,
    })),
  );
  // While a search filters the Processes table: how many it finds, of all.
  const matchCount = useAppStore((s) => s.processMatchCount);
  return (
    <footer className="status-bar">
      <span>{matchCount === null ? strings.totals(formatCount(processes)) : strings.totalsFiltered(formatCount(matchCount), formatCount(processes))}</span>
      <span>
        {strings.columns.cpu} {formatPercent(cpu)} · {strings.columns.memory} {formatPercent(memoryShare)}
      </span>
      <span title={strings.definitions.cpu}>{strings.selfCost(formatPercent(selfCpu), formatBytes(selfMemory))}</span>
      <span>{state ? strings.collectorState[state] : strings.collectorState.starting}</span>
    </footer>
  );
}
