/**
 * The bottom line: what the machine runs, what watching it costs (`snapshot.self`), and the update
 * speed actually in effect (update-speed.ts): paused, held by Ctrl, or every N s, slower than
 * chosen when the source samples less often. While the tabs show the past its figures stay live
 * (the feed keeps running under the time-travel banner) and say so; the count is the table's. When
 * history does not record (paused: the disk is full; read-only: another instance writes), it says
 * so in a word and the reason.
 */
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount, formatPercent } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { viewedSnapshot } from '../../store/time-travel-slice.ts';
import { speedInEffect, type SpeedInEffect } from '../../store/update-speed.ts';
import { strings } from '../../strings.ts';

export function StatusBar() {
  const { processes, cpu, memoryShare, selfCpu, selfMemory, state, isConnected, updateSpeed, isHeld, samplingIntervalMs, isPast } = useAppStore(
    useShallow((s) => ({
      // The table's count: of the moment shown (live, or the past one).
      processes: viewedSnapshot(s)?.totals.processes ?? null,
      cpu: s.snapshot?.cpu.totalPercent ?? null,
      memoryShare: s.snapshot && s.snapshot.memory.totalBytes > 0 ? (s.snapshot.memory.usedBytes / s.snapshot.memory.totalBytes) * 100 : null,
      selfCpu: s.snapshot?.self.cpuPercent ?? null,
      selfMemory: s.snapshot?.self.memoryBytes ?? null,
      state: s.status?.state ?? null,
      isConnected: s.connection === null || s.connection.state === 'connected',
      updateSpeed: s.updateSpeed,
      isHeld: s.isHeld,
      samplingIntervalMs: s.snapshot?.intervalMs ?? null,
      isPast: s.viewAtMs !== null,
    })),
  );
  const speed = speedInEffect(updateSpeed, isHeld, samplingIntervalMs);
  // While a search filters the Processes table: how many it finds, of all.
  const matchCount = useAppStore((s) => s.processMatchCount);
  const figures = `${strings.columns.cpu} ${formatPercent(cpu)} · ${strings.columns.memory} ${formatPercent(memoryShare)}`;
  return (
    <footer className="status-bar">
      <span>{matchCount === null ? strings.totals(formatCount(processes)) : strings.totalsFiltered(formatCount(matchCount), formatCount(processes))}</span>
      <span>{isPast ? strings.liveFigures(figures) : figures}</span>
      <span title={strings.definitions.cpu}>{strings.selfCost(formatPercent(selfCpu), formatBytes(selfMemory))}</span>
      <HistoryIndicator />
      <span className="status-speed" data-speed={speed.kind}>
        {!isConnected ? strings.notConnected : state === 'up' ? speedText(speed) : strings.collectorState[state ?? 'starting']}
      </span>
    </footer>
  );
}

/** Said only when history does not record as it should: recording and off (the user's choice) say nothing here. */
function HistoryIndicator() {
  const { state, reason } = useAppStore(useShallow((s) => ({ state: s.historyStatus?.state ?? null, reason: s.historyStatus?.reason ?? null })));
  if (state !== 'paused' && state !== 'readOnly') return null;
  const what = state === 'paused' ? strings.historyPaused : strings.historyReadOnly;
  return (
    <span className="status-history" role="status">
      {reason === null ? what : `${what}: ${reason}`}
    </span>
  );
}

function speedText(speed: SpeedInEffect): string {
  if (speed.kind !== 'live') return strings.speedInEffect[speed.kind];
  const seconds = String(speed.intervalMs / 1000);
  return speed.isSlowedBySource ? strings.speedInEffect.slowedBySource(seconds) : strings.speedInEffect.live(seconds);
}
