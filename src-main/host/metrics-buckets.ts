/**
 * The per-app and per-executable series of `/metrics`, so a fleet's Prometheus keeps a bounded set of
 * series that do not churn when a process restarts (a pid label would): processes summed by a label
 * (an app's name, an executable's file name), the top N labels by CPU ∪ the top N by memory kept, and
 * every other process, those with no label included, summed into one `other` bucket, so that a sum
 * over a family is the sum over every process. Pure.
 */

/** One process's figures, as its row gives them: CPU as a share of the machine (0–1), private memory. */
export interface LabelledFigures {
  /** The app's or executable's name; null: it belongs to none (it goes to the `other` bucket). */
  label: string | null;
  cpuRatio: number | null;
  memoryBytes: number | null;
}

/** A series' figures: null where every process summed into it had that figure null (then it is not written). */
export interface Bucket {
  label: string;
  cpuRatio: number | null;
  memoryBytes: number | null;
  processes: number;
}

/** `--metrics-top`: how many labels are kept by CPU and by memory (each), 1–100. */
export const DEFAULT_METRICS_TOP = 10;
export const MIN_METRICS_TOP = 1;
export const MAX_METRICS_TOP = 100;

export const OTHER_LABEL = 'other';

/**
 * The kept buckets (highest CPU first, then highest memory, then by label), then the `other` bucket,
 * always written (0 processes when every label is kept). A label really named `other` that is kept
 * keeps its name: the bucket is then `(other)` (or `((other))`, … whichever is free), never merged.
 */
export function bucketsWithOther(processes: Iterable<LabelledFigures>, topN: number): Bucket[] {
  const byLabel = new Map<string, Bucket>();
  const other: Bucket = { label: OTHER_LABEL, cpuRatio: null, memoryBytes: null, processes: 0 };
  for (const process of processes) {
    if (process.label === null) {
      addTo(other, process);
      continue;
    }
    let bucket = byLabel.get(process.label);
    if (!bucket) byLabel.set(process.label, (bucket = { label: process.label, cpuRatio: null, memoryBytes: null, processes: 0 }));
    addTo(bucket, process);
  }
  const all = [...byLabel.values()];
  const kept = new Set([...topBy(all, (b) => b.cpuRatio, topN), ...topBy(all, (b) => b.memoryBytes, topN)]);
  for (const bucket of all) {
    if (!kept.has(bucket)) addTo(other, bucket, bucket.processes);
  }
  const keptLabels = new Set([...kept].map((b) => b.label));
  while (keptLabels.has(other.label)) other.label = `(${other.label})`;
  if (other.processes === 0) Object.assign(other, { cpuRatio: 0, memoryBytes: 0 });
  return [...[...kept].sort(byCpuThenMemory), other];
}

function addTo(bucket: Bucket, figures: Pick<Bucket, 'cpuRatio' | 'memoryBytes'>, processes = 1): void {
  bucket.processes += processes;
  if (figures.cpuRatio !== null) bucket.cpuRatio = (bucket.cpuRatio ?? 0) + figures.cpuRatio;
  if (figures.memoryBytes !== null) bucket.memoryBytes = (bucket.memoryBytes ?? 0) + figures.memoryBytes;
}

/**
 * The n highest by a figure, ties by label so a scrape is stable. An unknown figure never counts as
 * high, nor does 0: idle labels would only add series that say nothing (they are in `other`).
 */
function topBy(buckets: readonly Bucket[], figure: (bucket: Bucket) => number | null, n: number): Bucket[] {
  return buckets
    .filter((b) => (figure(b) ?? 0) > 0)
    .sort((a, b) => (figure(b) ?? 0) - (figure(a) ?? 0) || compareLabels(a, b))
    .slice(0, n);
}

function byCpuThenMemory(a: Bucket, b: Bucket): number {
  return (b.cpuRatio ?? -1) - (a.cpuRatio ?? -1) || (b.memoryBytes ?? -1) - (a.memoryBytes ?? -1) || compareLabels(a, b);
}

function compareLabels(a: Bucket, b: Bucket): number {
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
