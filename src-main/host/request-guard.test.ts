import { describe, expect, it } from 'vitest';
import type { RequestErrorCode } from './http-status.ts';
import { checkRequestHeaders, parseAuthority, type GuardedHeaders, type ServedAddress } from './request-guard.ts';

const LOOPBACK: ServedAddress = { bindHost: '127.0.0.1', port: 8737, isTls: false };
const LOOPBACK_TLS: ServedAddress = { bindHost: '127.0.0.1', port: 8737, isTls: true };
const LOOPBACK_ON_80: ServedAddress = { bindHost: '127.0.0.1', port: 80, isTls: false };
const OTHER_LOOPBACK: ServedAddress = { bindHost: '127.0.0.2', port: 8737, isTls: false };
const IPV6_LOOPBACK: ServedAddress = { bindHost: '::1', port: 8737, isTls: false };
const NETWORK: ServedAddress = { bindHost: '0.0.0.0', port: 8443, isTls: true };

type Verdict = 'answered' | RequestErrorCode;

function verdict(served: ServedAddress, headers: GuardedHeaders): Verdict {
  return checkRequestHeaders(served, headers)?.code ?? 'answered';
}

describe('checkRequestHeaders: the Host header', () => {
  it.each<[string, ServedAddress, string | undefined, Verdict]>([
    ['127.0.0.1 with the port', LOOPBACK, '127.0.0.1:8737', 'answered'],
    ['localhost with the port', LOOPBACK, 'localhost:8737', 'answered'],
    ['LOCALHOST (names are case-insensitive)', LOOPBACK, 'LOCALHOST:8737', 'answered'],
    ['[::1] with the port', LOOPBACK, '[::1]:8737', 'answered'],
    ['a rebound name (DNS rebinding)', LOOPBACK, 'evil.example:8737', 'MISDIRECTED_REQUEST'],
    ['a rebound name without a port', LOOPBACK, 'evil.example', 'MISDIRECTED_REQUEST'],
    ['a name that merely starts with localhost', LOOPBACK, 'localhost.evil.example:8737', 'MISDIRECTED_REQUEST'],
    ['another loopback address than the bound one', LOOPBACK, '127.0.0.2:8737', 'MISDIRECTED_REQUEST'],
    ['the right name with another port', LOOPBACK, '127.0.0.1:8738', 'MISDIRECTED_REQUEST'],
    ['the right name without a port (80) when serving on 8737', LOOPBACK, '127.0.0.1', 'MISDIRECTED_REQUEST'],
    ['the right name without a port when serving http on 80', LOOPBACK_ON_80, 'localhost', 'answered'],
    ['no Host header (HTTP/1.0)', LOOPBACK, undefined, 'MISDIRECTED_REQUEST'],
    ['an empty Host header', LOOPBACK, '', 'MISDIRECTED_REQUEST'],
    ['a Host with user info', LOOPBACK, 'user@127.0.0.1:8737', 'MISDIRECTED_REQUEST'],
    ['a Host with a path', LOOPBACK, '127.0.0.1:8737/x', 'MISDIRECTED_REQUEST'],
    ['a port out of range', LOOPBACK, '127.0.0.1:99999', 'MISDIRECTED_REQUEST'],
    ['the bound address when it is another loopback address', OTHER_LOOPBACK, '127.0.0.2:8737', 'answered'],
    ['127.0.0.1 when bound to 127.0.0.2', OTHER_LOOPBACK, '127.0.0.1:8737', 'answered'],
    ['[::1] when bound to ::1', IPV6_LOOPBACK, '[::1]:8737', 'answered'],
    ['an unbracketed ::1', IPV6_LOOPBACK, '::1:8737', 'MISDIRECTED_REQUEST'],
    ['any name when bound to the network (TLS)', NETWORK, 'taskmgr.lan:8443', 'answered'],
    ['an address when bound to the network', NETWORK, '192.168.1.10:8443', 'answered'],
    ['a forwarded port when bound to the network', NETWORK, 'gateway.example', 'answered'],
    ['an IPv6 address when bound to the network', NETWORK, '[fe80::1]:8443', 'answered'],
    ['a malformed Host when bound to the network', NETWORK, 'a b:8443', 'MISDIRECTED_REQUEST'],
    ['no Host when bound to the network', NETWORK, undefined, 'MISDIRECTED_REQUEST'],
  ])('%s → %s', (_name, served, host, expected) => {
    expect(verdict(served, { host })).toBe(expected);
  });

  it('says which names it answers to, with the real port', () => {
    expect(checkRequestHeaders(LOOPBACK, { host: 'evil.example:8737' })?.message).toContain('127.0.0.1:8737, localhost:8737, [::1]:8737');
    expect(checkRequestHeaders(OTHER_LOOPBACK, { host: 'evil.example:8737' })?.message).toContain('127.0.0.2:8737');
  });
});

describe('checkRequestHeaders: the Origin header', () => {
  it.each<[string, ServedAddress, string, string | undefined, Verdict]>([
    ['no Origin (curl, Prometheus)', LOOPBACK, '127.0.0.1:8737', undefined, 'answered'],
    ['its own page', LOOPBACK, '127.0.0.1:8737', 'http://127.0.0.1:8737', 'answered'],
    ['its own page opened as localhost', LOOPBACK, 'localhost:8737', 'http://localhost:8737', 'answered'],
    ['its own page, the scheme in capitals', LOOPBACK, '127.0.0.1:8737', 'HTTP://127.0.0.1:8737', 'answered'],
    ['its own page over TLS', LOOPBACK_TLS, '127.0.0.1:8737', 'https://127.0.0.1:8737', 'answered'],
    ['its own page on the default port, the port left out', LOOPBACK_ON_80, '127.0.0.1', 'http://127.0.0.1', 'answered'],
    ['its own page on the default port, the port given', LOOPBACK_ON_80, '127.0.0.1', 'http://127.0.0.1:80', 'answered'],
    ['another site', LOOPBACK, '127.0.0.1:8737', 'http://evil.example', 'ORIGIN_NOT_ALLOWED'],
    ['another site on the same port', LOOPBACK, '127.0.0.1:8737', 'http://evil.example:8737', 'ORIGIN_NOT_ALLOWED'],
    ['another port of this machine (another local server)', LOOPBACK, '127.0.0.1:8737', 'http://127.0.0.1:3000', 'ORIGIN_NOT_ALLOWED'],
    ['the other loopback name than the one requested', LOOPBACK, '127.0.0.1:8737', 'http://localhost:8737', 'ORIGIN_NOT_ALLOWED'],
    ['its own address with the other scheme', LOOPBACK, '127.0.0.1:8737', 'https://127.0.0.1:8737', 'ORIGIN_NOT_ALLOWED'],
    ['plain http to a TLS host', LOOPBACK_TLS, '127.0.0.1:8737', 'http://127.0.0.1:8737', 'ORIGIN_NOT_ALLOWED'],
    ['"null" (a sandboxed frame, a file:// page)', LOOPBACK, '127.0.0.1:8737', 'null', 'ORIGIN_NOT_ALLOWED'],
    ['an empty Origin', LOOPBACK, '127.0.0.1:8737', '', 'ORIGIN_NOT_ALLOWED'],
    ['a browser extension', LOOPBACK, '127.0.0.1:8737', 'chrome-extension://abcdefghijklmnop', 'ORIGIN_NOT_ALLOWED'],
    ['its own page with a path (not an origin)', LOOPBACK, '127.0.0.1:8737', 'http://127.0.0.1:8737/', 'ORIGIN_NOT_ALLOWED'],
    ['a network host, its own page by the name it was asked by', NETWORK, 'taskmgr.lan:8443', 'https://taskmgr.lan:8443', 'answered'],
    ['a network host, a page of another name', NETWORK, 'taskmgr.lan:8443', 'https://evil.example:8443', 'ORIGIN_NOT_ALLOWED'],
  ])('%s → %s', (_name, served, host, origin, expected) => {
    expect(verdict(served, { host, origin })).toBe(expected);
  });

  it('a wrong Host is refused as misdirected before the Origin is looked at', () => {
    expect(verdict(LOOPBACK, { host: 'evil.example:8737', origin: 'http://evil.example:8737' })).toBe('MISDIRECTED_REQUEST');
  });
});

describe('parseAuthority', () => {
  it.each<[string, { hostname: string; port: number | null } | null]>([
    ['127.0.0.1:8737', { hostname: '127.0.0.1', port: 8737 }],
    ['Example.ORG', { hostname: 'example.org', port: null }],
    ['[::1]:1', { hostname: '[::1]', port: 1 }],
    ['[::1]', { hostname: '[::1]', port: null }],
    ['host:0', null],
    ['host:65536', null],
    ['host:', null],
    [':8737', null],
    ['', null],
    ['a b', null],
  ])('%j → %j', (text, expected) => {
    expect(parseAuthority(text)).toEqual(expected);
  });
});
