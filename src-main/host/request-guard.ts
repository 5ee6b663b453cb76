/**
 * Which requests the host answers at all, decided from the `Host` and `Origin` headers before any
 * route or token (HTTP and the WebSocket upgrade alike). Pure.
 *
 * Host (421 MISDIRECTED_REQUEST otherwise), against DNS rebinding: a page of evil.example whose
 * name is made to resolve to 127.0.0.1 talks to this host as "same-origin", but its requests still
 * say `Host: evil.example`.
 * - Bound to loopback: only `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` and the bound address
 *   itself (`--host 127.0.0.2`, say) with the real port.
 * - Bound to another address (which needs TLS): any well-formed Host, whatever name or port. The
 *   machine may be reached by any of its names, addresses or a forwarded port, which the host can't
 *   know; and rebinding gains nothing there: a browser that connects to a rebound evil.example over
 *   TLS gets this host's certificate, which is not valid for evil.example, and gives up.
 *
 * Origin (403 ORIGIN_NOT_ALLOWED otherwise), against other sites' pages: a request that carries an
 * Origin (browsers add it to WebSocket upgrades and to cross-site requests) is answered only when
 * it is this host's own page, `scheme://` plus the Host it was sent to. Requests without one
 * (curl, Prometheus, scripts) are answered.
 */
import { requestFailure, type RequestFailure } from './http-status.ts';
import { isLoopbackHost } from './host-options.ts';

export interface ServedAddress {
  /** The address it listens on, as given to `--host` (`127.0.0.1`, `::1`, `0.0.0.0`, a name…). */
  bindHost: string;
  /** The real port (after `--port 0` picked one). */
  port: number;
  isTls: boolean;
}

export interface GuardedHeaders {
  host?: string | undefined;
  origin?: string | undefined;
}

/** The refusal of a request by its Host or Origin header, or null when it may go on. */
export function checkRequestHeaders(served: ServedAddress, headers: GuardedHeaders): RequestFailure | null {
  const defaultPort = served.isTls ? 443 : 80;
  const host = headers.host === undefined ? null : parseAuthority(headers.host);
  if (host === null || !isServedHost(served, host.hostname, host.port ?? defaultPort)) {
    return requestFailure(
      'MISDIRECTED_REQUEST',
      `the Host header must name this server${isLoopbackHost(served.bindHost) ? `: one of ${loopbackNames(served).map((name) => `${name}:${served.port}`).join(', ')}` : ''}`,
    );
  }
  if (headers.origin === undefined) return null;
  const scheme = served.isTls ? 'https' : 'http';
  const origin = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(headers.origin);
  const originHost = origin ? parseAuthority(origin[2] ?? '') : null;
  const isOwnPage =
    origin?.[1]?.toLowerCase() === scheme &&
    originHost !== null &&
    originHost.hostname === host.hostname &&
    (originHost.port ?? defaultPort) === (host.port ?? defaultPort);
  if (!isOwnPage) {
    return requestFailure('ORIGIN_NOT_ALLOWED', `requests from another site's page are refused: only this host's own page (${scheme}://${host.hostname}:${host.port ?? defaultPort}) may call it`);
  }
  return null;
}

function isServedHost(served: ServedAddress, hostname: string, port: number): boolean {
  if (!isLoopbackHost(served.bindHost)) return true;
  return port === served.port && loopbackNames(served).includes(hostname);
}

/** The names a loopback-bound host answers to, as they appear in a Host header. */
function loopbackNames(served: ServedAddress): string[] {
  const bound = normaliseHostname(served.bindHost);
  return ['127.0.0.1', 'localhost', '[::1]', ...(['127.0.0.1', 'localhost', '[::1]'].includes(bound) ? [] : [bound])];
}

/** `host[:port]` of a Host header or an origin: the host lower-case (IPv6 in brackets), the port if given; null if malformed. */
export function parseAuthority(text: string): { hostname: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(text);
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { hostname: match[1].toLowerCase(), port };
}

function normaliseHostname(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}
