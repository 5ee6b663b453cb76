/**
 * Many machines (the contract's part for the desktop app looking at another machine): the
 * machines a user saved, and the one the window shows. Plain types and pure checks; main parses
 * the shell commands with shell.ts's schemas. A machine is a headless host (`serve`) reached over
 * its WebSocket with a token; its TLS certificate's SHA-256 fingerprint is shown on first use and
 * pinned after, so a changed certificate is refused, never trusted silently. Tokens are kept by
 * main with Electron's safeStorage and never cross into the page (only whether one is held).
 */

/** How the window's source is doing. */
export const MACHINE_STATES = ['connecting', 'connected', 'unreachable', 'refused'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

/** A saved machine, as the page sees it (no tokens). */
export interface SavedMachine {
  /** Stable id main gives it when saved. */
  id: string;
  /** What the user called it ("build-server"); shown in the title and the bar. */
  name: string;
  /** The host's address: `https://host:port` (or `http://127.0.0.1:port` for a loopback host). */
  url: string;
  /** The pinned certificate's SHA-256 fingerprint (`AB:CD:…`, 32 bytes), null for plain http on loopback. */
  fingerprint: string | null;
  /** The bar's colour, `#rrggbb`, chosen when saved so two machines never look alike. */
  color: string;
  /** Whether a control token is kept for it (actions need one: the host's `--control-token`). */
  hasControlToken: boolean;
}

/** The machine the window shows when it is not this computer. */
export interface ShownMachine extends SavedMachine {
  state: MachineState;
  /** Why it is unreachable or refused, in plain words ("the certificate changed: …"), else null. */
  message: string | null;
}

/** What probing an address found: the certificate to show the user before the first connection. */
export interface MachineProbe {
  url: string;
  /** The certificate's SHA-256 fingerprint, null for plain http on loopback. */
  fingerprint: string | null;
  /** The certificate's subject and issuer (CN), for the user to recognise, null for http. */
  subject: string | null;
  issuer: string | null;
  /** The fingerprint pinned for this address before, if any: a different one is refused on connect. */
  pinnedFingerprint: string | null;
}

/** `AB:CD:…` (32 upper-case hex pairs), the way browsers and `openssl x509 -fingerprint -sha256` show it. */
export const FINGERPRINT_PATTERN = /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/;

/** `scheme://host[:port][/]`: a name, an IPv4 address or a bracketed IPv6 address; nothing else (no user, path or query). */
const MACHINE_URL = /^(https?):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::(\d{1,5}))?\/?$/;

/** Why a machine's address can't be used, or null: https anywhere, http only on loopback (a token must not cross a network in clear). Pure. */
export function machineUrlProblem(text: string): string | null {
  const match = MACHINE_URL.exec(text.trim());
  if (!match) {
    if (/^https?:\/\/[^/]*@/.test(text)) return 'the address must not hold a user name or password: give the token instead';
    if (/^https?:\/\/[^/]+\/./.test(text)) return 'give the host’s address only (scheme, name and port), without a path';
    if (/^[a-z]+:\/\//i.test(text) && !/^https?:\/\//i.test(text)) return 'the address must start with https:// (or http:// for this computer)';
    return 'type the host’s address, e.g. https://build-server:8737';
  }
  const [, scheme, rawHost = '', port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return 'the port must be 1–65535';
  const host = rawHost.replace(/^\[|\]$/g, '').toLowerCase();
  const isLoopback = host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  if (scheme === 'http' && !isLoopback) return 'a host on another computer must use https://, or its token would cross the network in clear';
  return null;
}
