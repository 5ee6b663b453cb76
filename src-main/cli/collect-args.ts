/**
 * Flags of `npm run -s collect -- [--count N] [--interval-ms M]`. Pure; a bad flag is a message.
 */
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../collector/collector.ts';

export interface CollectArgs {
  count: number;
  intervalMs: number;
}

export function parseCollectArgs(argv: readonly string[]): { ok: true; value: CollectArgs } | { ok: false; message: string } {
  const value: CollectArgs = { count: 1, intervalMs: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--count' && flag !== '--interval-ms') {
      return { ok: false, message: `unknown argument "${arg}" (expected --count N, --interval-ms M)` };
    }
    const text = inline ?? argv[++i];
    if (text === undefined) return { ok: false, message: `${flag} needs a value` };
    if (!/^\d+$/.test(text)) return { ok: false, message: `${flag} must be a whole number, got "${text}"` };
    const number = Number(text);
    if (flag === '--count') {
      if (number < 1) return { ok: false, message: `--count must be at least 1, got ${text}` };
      if (!Number.isSafeInteger(number)) return { ok: false, message: `--count is too large, got ${text}` };
      value.count = number;
    } else {
      if (number < MIN_INTERVAL_MS || number > MAX_INTERVAL_MS) {
        return { ok: false, message: `--interval-ms must be between ${MIN_INTERVAL_MS} and ${MAX_INTERVAL_MS}, got ${text}` };
      }
      value.intervalMs = number;
    }
  }
  return { ok: true, value };
}
