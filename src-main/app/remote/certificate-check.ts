/**
 * The TLS half of Connect to machine…: reading a host's certificate for the user to check (probe),
 * and a connection that goes on only when the certificate is the one the user accepted (pinning).
 * Hosts use self-signed certificates, so no certificate authority is asked (`rejectUnauthorized`
 * false) and the fingerprint alone decides; Node skips `checkServerIdentity` for a certificate it
 * could not verify, so the check runs on `secureConnect`, before any byte of ours goes out.
 */
import net from 'node:net';
import tls from 'node:tls';
import { failure, type Failure } from '../../../src-shared/results.ts';

const PROBE_TIMEOUT_MS = 10_000;

export interface CertificateFacts {
  /** SHA-256 of the certificate, `AB:CD:…` (Node's `fingerprint256`). */
  fingerprint: string;
  subject: string | null;
  issuer: string | null;
}

/** Where a machine's URL points: the socket's host (IPv6 without brackets), port, and whether it is TLS. Pure. */
export function machineEndpoint(url: string): { host: string; port: number; isTls: boolean } {
  const parsed = new URL(url);
  const isTls = parsed.protocol === 'https:';
  const port = parsed.port === '' ? (isTls ? 443 : 80) : Number(parsed.port);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port, isTls };
}

/** The host's stream (`/api/stream`) for a machine's URL: wss for https, ws for http. Pure. */
export function streamUrlOf(url: string): string {
  const { isTls } = machineEndpoint(url);
  const parsed = new URL(url);
  return `${isTls ? 'wss' : 'ws'}://${parsed.host}/api/stream`;
}

/** What the user is told when a machine's certificate is not the pinned one. Pure. */
export function certificateChangedMessage(name: string, fingerprint: string): string {
  return `the certificate of ${name} changed since you connected: its fingerprint is now ${fingerprint} — if you did not change it, someone may be in between; Forget the machine and connect again to trust the new one`;
}

/** The CN of a certificate's subject or issuer (Node gives a string, or an array when repeated). */
function commonName(names: { CN?: string | string[] } | undefined): string | null {
  const cn = names?.CN;
  if (cn === undefined) return null;
  return Array.isArray(cn) ? cn.join(', ') : cn;
}

function factsOf(socket: tls.TLSSocket): CertificateFacts | null {
  const certificate = socket.getPeerCertificate();
  if (!certificate || typeof certificate.fingerprint256 !== 'string' || certificate.fingerprint256 === '') return null;
  return { fingerprint: certificate.fingerprint256.toUpperCase(), subject: commonName(certificate.subject), issuer: commonName(certificate.issuer) };
}

/** SNI is a name: none for an address (Node warns about an IP there). */
function serverNameOf(host: string): string {
  return net.isIP(host) === 0 ? host : '';
}

/**
 * Reads the certificate of an https machine: a TLS handshake and nothing else (no request, no
 * token). Null facts for http (on loopback only: the URL rule). Unreachable → COLLECTOR_DOWN in words.
 */
export function probeCertificate(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<{ ok: true; facts: CertificateFacts | null } | Failure> {
  const { host, port, isTls } = machineEndpoint(url);
  if (!isTls) return Promise.resolve({ ok: true, facts: null });
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, servername: serverNameOf(host), rejectUnauthorized: false });
    const finish = (result: { ok: true; facts: CertificateFacts | null } | Failure) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(failure('COLLECTOR_DOWN', `${url} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    socket.once('secureConnect', () => {
      const facts = factsOf(socket);
      finish(facts ? { ok: true, facts } : failure('INVALID_ARGUMENT', `${url} presented no certificate`));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish(failure('COLLECTOR_DOWN', `${url} can't be reached: ${error.code ?? error.message}`)));
  });
}

/**
 * `ws`'s `createConnection` for a machine: TLS that is destroyed on `secureConnect` when the
 * certificate's fingerprint is not `expected`, so neither the upgrade request nor the token is
 * sent; `onMismatch` is told the fingerprint that was found. Plain TCP for http (null `expected`).
 */
export function pinnedConnection(expected: string | null, onMismatch: (found: string) => void): (options: tls.ConnectionOptions) => net.Socket {
  return (options) => {
    if (expected === null) return net.connect({ host: options.host ?? '127.0.0.1', port: options.port ?? 80 });
    const host = options.host ?? '';
    const socket = tls.connect({ ...options, servername: serverNameOf(host), rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const found = factsOf(socket)?.fingerprint ?? '(none)';
      if (found === expected) return;
      onMismatch(found);
      socket.destroy(new Error(`certificate fingerprint ${found} is not the pinned ${expected}`));
    });
    return socket;
  };
}
