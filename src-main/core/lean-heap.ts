/**
 * V8 flags for the processes of ours that live as long as the app: the collector (a Node child of
 * the headless host, a utilityProcess of the desktop app) and the host itself (`npm run serve`).
 *
 * Both allocate a little per tick and keep a little: at 2,000 processes the collector's live heap is
 * ~20 MB, the host's ~29 MB (heap snapshots). V8's default young generation (semi-spaces of up to
 * 16 MB, then 32 MB) is sized for throughput; after a minute at 1 Hz it held the collector at 151 MB
 * and the host at 123 MB resident. With 1 MB semi-spaces: 87 MB and 77 MB, and no measurable change
 * in CPU per tick (collector 336 vs 342 ticks per minute, host 25 vs 47). `--optimize-for-size` cut
 * memory a little more but doubled the collector's CPU, so it is not used.
 */
export const LEAN_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** `execArgv` with the lean-heap flags added once (a flag the parent already has is not repeated). */
export function withLeanHeap(execArgv: readonly string[]): string[] {
  const names = new Set(execArgv.map((arg) => arg.split('=')[0]));
  return [...execArgv, ...LEAN_HEAP_FLAGS.filter((flag) => !names.has(flag.split('=')[0]))];
}
