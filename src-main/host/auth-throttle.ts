/**
 * Throttles failed authentication per remote address (HTTP and the WebSocket share one budget):
 * after `maxFailures` wrong or missing tokens within `windowMs`, that address is refused without
 * its token even being compared, until the oldest of those failures is `windowMs` old. Pure: the
 * clock is injected, nothing is scheduled; memory is bounded by `maxAddresses` (the address whose
 * last failure is oldest is forgotten first).
 *
 * Trade-off, by design: every client behind one address (a reverse proxy, or every local user on a
 * loopback host) shares that address's budget, so someone failing on purpose can keep the others
 * out for a window. The alternative, unlimited guessing, is worse.
 */

/** The host's limits: 10 failures a minute, at most 10 000 addresses remembered (~1 MB). */
export const MAX_AUTH_FAILURES = 10;
export const AUTH_FAILURE_WINDOW_MS = 60_000;
export const MAX_TRACKED_ADDRESSES = 10_000;

export interface AuthThrottleOptions {
  maxFailures: number;
  windowMs: number;
  maxAddresses: number;
  /** Milliseconds, monotonic enough for windows of a minute (Date.now in the host). */
  now: () => number;
}

export class AuthThrottle {
  /** Key → times of its recent failures, oldest first, at most `maxFailures`. Map order = least recently failed first. */
  private readonly failures = new Map<string, number[]>();
  private readonly options: AuthThrottleOptions;

  constructor(options: AuthThrottleOptions) {
    this.options = options;
  }

  /** How many addresses are remembered now (bounded by `maxAddresses`). */
  get trackedCount(): number {
    return this.failures.size;
  }

  /** Milliseconds until `address` may try a token again; 0: it may try now. */
  retryAfterMs(address: string): number {
    const key = throttleKey(address);
    const times = this.recent(key);
    if (times.length < this.options.maxFailures) return 0;
    return (times[0] ?? 0) + this.options.windowMs - this.options.now();
  }

  recordFailure(address: string): void {
    const key = throttleKey(address);
    const times = this.recent(key);
    times.push(this.options.now());
    if (times.length > this.options.maxFailures) times.shift();
    this.failures.delete(key); // re-inserted last: the most recently failed
    this.failures.set(key, times);
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= this.options.maxAddresses) break;
      this.failures.delete(oldest);
    }
  }

  /** A right token: that address starts afresh; no other address is affected. */
  recordSuccess(address: string): void {
    this.failures.delete(throttleKey(address));
  }

  /** The key's failures within the window (older ones dropped; the key forgotten when none is left). */
  private recent(key: string): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const since = this.options.now() - this.options.windowMs;
    while (times.length > 0 && (times[0] ?? 0) <= since) times.shift();
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}

/**
 * What is counted as one client: an IPv4 address (also when it arrives IPv4-mapped, `::ffff:a.b.c.d`),
 * or an IPv6 /64 network, since one IPv6 host usually holds a whole /64 and could otherwise change
 * its address for every few attempts. Anything unparsable is its own key.
 */
export function throttleKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const hextets = expandIpv6(address.split('%')[0] ?? '');
  return hextets ? `${hextets.slice(0, 4).join(':')}::/64` : address;
}

/** The eight hextets of an IPv6 address (lower-case hex, no leading zeros), or null. */
function expandIpv6(text: string): string[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const pieces = (half: string | undefined) => {
    const parts = half ? half.split(':') : [];
    const last = parts.at(-1);
    if (last?.includes('.')) {
      const octets = last.split('.').map(Number);
      if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o > 255)) return null;
      const [a = 0, b = 0, c = 0, d = 0] = octets;
      parts.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
    }
    return parts;
  };
  const head = pieces(halves[0]);
  const tail = pieces(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!all.every((h) => /^[0-9a-f]{1,4}$/i.test(h))) return null;
  return all.map((h) => parseInt(h, 16).toString(16));
}
