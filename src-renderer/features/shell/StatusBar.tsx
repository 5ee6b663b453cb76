/**
 * The bottom line: what the machine runs, what watching it costs (`snapshot.self`), and the update
 * speed actually in effect (update-speed.ts): paused, held by Ctrl, or every N s, slower than
 * chosen when the source samples less often.
 */
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount, formatPercent } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { speedInEffect, type SpeedInEffect } from '../../store/update-speed.ts';
import { strings } from '../../strings.ts';

export function StatusBar() {
  const { processes, cpu, memoryShare, selfCpu, selfMemory, state, isConnected, updateSpeed, isHeld, samplingIntervalMs } = useAppStore(
    useShallow((s) => ({
      processes: s.snapshot?.totals.processes ?? null,
      cpu: s.snapshot?.cpu.totalPercent ?? null,
      memoryShare: s.snapshot && s.snapshot.memory.totalBytes > 0 ? (s.snapshot.memory.usedBytes / s.snapshot.memory.totalBytes) * 100 : null,
      selfCpu: s.snapshot?.self.cpuPercent ?? null,
      selfMemory: s.snapshot?.self.memoryBytes ?? null,
      state: s.status?.state ?? null,
      isConnected: s.connection === null || s.connection.state === 'connected',
      updateSpeed: s.updateSpeed,
      isHeld: s.isHeld,
      samplingIntervalMs: s.snapshot?.intervalMs ?? null,
    })),
  );
  const speed = speedInEffect(updateSpeed, isHeld, samplingIntervalMs);
  // While a search filters the Processes table: how many it finds, of all.
  const matchCount = useAppStore((s) => s.processMatchCount);
  return (
    <footer className="status-bar">
      <span>{matchCount === null ? strings.totals(formatCount(processes)) : strings.totalsFiltered(formatCount(matchCount), formatCount(processes))}</span>
      <span>
        {strings.columns.cpu} {formatPercent(cpu)} · {strings.columns.memory} {formatPercent(memoryShare)}
      </span>
      <span title={strings.definitions.cpu}>{strings.selfCost(formatPercent(selfCpu), formatBytes(selfMemory))}</span>
      <span className="status-speed" data-speed={speed.kind}>
        {!isConnected ? strings.notConnected : state === 'up' ? speedText(speed) : strings.collectorState[state ?? 'starting']}
      </span>
    </footer>
  );
}

function speedText(speed: SpeedInEffect): string {
  if (speed.kind !== 'live') return strings.speedInEffect[speed.kind];
  const seconds = String(speed.intervalMs / 1000);
  return speed.isSlowedBySource ? strings.speedInEffect.slowedBySource(seconds) : strings.speedInEffect.live(seconds);
}
