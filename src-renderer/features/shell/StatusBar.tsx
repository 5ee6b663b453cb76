/**
 * The bottom line: what the machine runs, and what watching it costs (`snapshot.self`).
 */
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount, formatPercent } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';

export function StatusBar() {
  const { processes, selfCpu, selfMemory, state } = useAppStore(
    useShallow((s) => ({
      processes: s.snapshot?.totals.processes ?? null,
      selfCpu: s.snapshot?.self.cpuPercent ?? null,
      selfMemory: s.snapshot?.self.memoryBytes ?? null,
      state: s.status?.state ?? null,
    })),
  );
  return (
    <footer className="status-bar">
      <span>{strings.totals(formatCount(processes))}</span>
      <span title={strings.definitions.cpu}>{strings.selfCost(formatPercent(selfCpu), formatBytes(selfMemory))}</span>
      <span>{state ? strings.collectorState[state] : strings.collectorState.starting}</span>
    </footer>
  );
}
