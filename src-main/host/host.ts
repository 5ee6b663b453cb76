/**
 * The headless host: the supervised collector and the command handlers behind an HTTP(S) server
 * (REST, Prometheus, the built renderer) and a WebSocket stream, all behind one token.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommandHandlers } from '../control/command-handlers.ts';
import { CollectorSupervisor, type CollectorLauncher } from '../core/collector-supervisor.ts';
import { nodeCollectorLauncher } from '../core/node-collector-launcher.ts';
import { createHttpApi } from './http-api.ts';
import type { HostOptions } from './host-options.ts';
import { StreamServer } from './stream-server.ts';
import { generateToken } from './token.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_ROOT = path.join(PROJECT_ROOT, 'dist', 'renderer');

export interface RunningHost {
  /** `http(s)://host:port` with the real port. */
  url: string;
  token: string;
  supervisor: CollectorSupervisor;
  /** Resolves when the first snapshot is ready (or rejects if the collector can't start). */
  firstSnapshot: Promise<void>;
  close(): Promise<void>;
}

export interface StartHostOptions extends HostOptions {
  /** Tests inject a launcher; the default forks the collector as a Node child. */
  launch?: CollectorLauncher;
  staticRoot?: string;
  log?: (line: string) => void;
}

export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = options.token ?? generateToken();
  const version = readVersion();
  const supervisor = new CollectorSupervisor({
    launch: options.launch ?? nodeCollectorLauncher(),
    start: { intervalMs: options.intervalMs, isPaused: false, hostPids: [process.pid], includeLoopback: false },
    onSampleFailed: (error) => log(`collector: a sample failed: ${error.message}`),
  });
  const handlers = createCommandHandlers({
    collector: supervisor,
    latest: () => supervisor.latest,
    ownPids: () => new Set([process.pid, ...(supervisor.collectorPid === undefined ? [] : [supervisor.collectorPid])]),
    bootTimeMs: () => supervisor.startTimeBasis?.bootTimeMs ?? null,
  });
  const stream = new StreamServer({
    token,
    isControlAllowed: options.isControlAllowed,
    handlers,
    latest: () => supervisor.latest,
    status: () => supervisor.status,
  });
  supervisor.onSnapshot((snapshot) => stream.publishSnapshot(snapshot));
  supervisor.onStatus((status) => {
    stream.publishStatus(status);
    if (status.state === 'down') log(`collector: down (${status.message ?? 'no reason given'}); restarting`);
    if (status.state === 'up' && status.restarts > 0) log('collector: up again');
  });

  const api = createHttpApi({
    token,
    version,
    isControlAllowed: options.isControlAllowed,
    latest: () => supervisor.latest,
    handlers,
    staticRoot: path.resolve(options.staticRoot ?? RENDERER_ROOT),
  });
  const isTls = options.tlsCertPath !== null && options.tlsKeyPath !== null;
  const server = isTls
    ? https.createServer({ cert: fs.readFileSync(options.tlsCertPath ?? ''), key: fs.readFileSync(options.tlsKeyPath ?? '') }, api)
    : http.createServer(api);
  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://host.invalid');
    if (pathname === '/api/stream') stream.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  // Idle keep-alive sockets of many small clients must not pile up.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;

  const firstSnapshot = new Promise<void>((resolve) => {
    if (supervisor.latest) resolve();
    const off = supervisor.onSnapshot(() => {
      off();
      resolve();
    });
  });
  supervisor.start();

  return {
    url: `${isTls ? 'https' : 'http'}://${hostInUrl}:${port}`,
    token,
    supervisor,
    firstSnapshot,
    close: async () => {
      await stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await supervisor.stop();
    },
  };
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
