/**
 * The headless host: the supervised collector and the command handlers behind an HTTP(S) server
 * (REST, Prometheus, the built renderer) and a WebSocket stream, all behind one token. The alert
 * rules (src-main/alerts/) watch its snapshots; their actions act only with `--allow-control`.
 */
import fs from 'node:fs';
import http, { STATUS_CODES } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlertService } from '../alerts/alert-service.ts';
import { createRuleEvaluator } from '../alerts/rule-evaluator.ts';
import { createCommandHandlers, runCommand } from '../control/command-handlers.ts';
import { BroadcastHub } from '../core/broadcast-hub.ts';
import { CollectorSupervisor, type CollectorLauncher } from '../core/collector-supervisor.ts';
import { NO_INVENTORY, type InventorySource } from '../core/inventory-source.ts';
import { currentUserName } from '../core/current-user.ts';
import { createSystemPages } from '../core/system-pages.ts';
import { userCacheDir } from '../core/user-cache-dir.ts';
import { startInventory } from '../inventory/inventory-service.ts';
import { answerQuery } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import { defaultHistoryDir } from '../history/history-dir.ts';
import { withCommandHistory } from '../history/history-commands.ts';
import { HistoryStore } from '../history/history-store.ts';
import { nodeCollectorLauncher } from '../core/node-collector-launcher.ts';
import type { Duplex } from 'node:stream';
import { AUTH_FAILURE_WINDOW_MS, AuthThrottle, MAX_AUTH_FAILURES, MAX_TRACKED_ADDRESSES } from './auth-throttle.ts';
import { createHttpApi, tooManyAttempts } from './http-api.ts';
import type { HostOptions } from './host-options.ts';
import { httpStatusOf, requestFailure, type RequestFailure } from './http-status.ts';
import { checkRequestHeaders, type GuardedHeaders, type ServedAddress } from './request-guard.ts';
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
  /** The machine's facts; by default read by src-main/inventory/ (cached per boot in the user's cache folder). */
  inventory?: InventorySource;
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
  // History: written and read in a worker thread of its own, never on the tick (src-main/history/).
  const dataDir = options.historyDir ?? defaultHistoryDir(process.platform, process.env, os.homedir());
  const history = options.isHistoryOn ? new HistoryStore({ dir: dataDir, log, settings: options.historySettings, retention: options.historyRetention }) : undefined;
  const ownPids = () => new Set([process.pid, ...(supervisor.collectorPid === undefined ? [] : [supervisor.collectorPid])]);
  // The rules: kept beside history (also with --no-history), evaluated at each snapshot; an armed
  // rule's actions take the same command path as a user's (policy, identity, history's note), and
  // act only with --allow-control (dry runs otherwise, saying why).
  const alerts = new AlertService({
    evaluator: createRuleEvaluator(),
    rulesFile: options.rulesFile ?? path.join(dataDir, 'rules.json'),
    runCommand: (name, args) => runCommand(handlers, name, args),
    isControlAllowed: options.isControlAllowed,
    ownPids,
    ownUser: currentUserName(),
    history,
    log,
  });
  // Startup apps, Services and Users: this OS's adapters, read when asked (src-main/core/system-pages.ts).
  const systemPages = createSystemPages({ latest: () => supervisor.latest, history });
  // Every command a user runs is noted in history (src-main/history/history-commands.ts).
  const handlers = withCommandHistory(
    createCommandHandlers({
      collector: supervisor,
      latest: () => supervisor.latest,
      ownPids,
      bootTimeMs: () => supervisor.startTimeBasis?.bootTimeMs ?? null,
      history,
      alerts,
      ...systemPages.platforms,
    }),
    history,
  );
  await alerts.load();
  const throttle = new AuthThrottle({
    maxFailures: MAX_AUTH_FAILURES,
    windowMs: AUTH_FAILURE_WINDOW_MS,
    maxAddresses: MAX_TRACKED_ADDRESSES,
    now: () => Date.now(),
  });
  const isTls = options.tlsCertPath !== null && options.tlsKeyPath !== null;
  // Known once listening (the real port of --port 0); no request arrives before.
  let served: ServedAddress | null = null;
  const checkRequest = (headers: GuardedHeaders): RequestFailure | null =>
    served ? checkRequestHeaders(served, headers) : requestFailure('MISDIRECTED_REQUEST', 'the host is not listening yet');

  // The machine's facts: read off the tick in a process of their own, once per boot (src-main/inventory/).
  const ownInventory = options.inventory
    ? null
    : startInventory({ cacheDir: userCacheDir(process.platform, process.env, os.homedir()), snapshots: (listener) => supervisor.onSnapshot((snapshot) => listener(snapshot)) });
  const inventory: InventorySource = options.inventory ?? ownInventory ?? NO_INVENTORY;
  const ring = new RecentSeriesRing();
  const broadcasts = new BroadcastHub({ inventory });
  // One answer for the WebSocket and the REST routes, so the two can't differ.
  const answer = (input: unknown) => answerQuery(input, { ring, inventory, history, alerts, ...systemPages.views });
  const stream = new StreamServer({
    throttle,
    token,
    isControlAllowed: options.isControlAllowed,
    handlers,
    alerts,
    latest: () => supervisor.latest,
    status: () => supervisor.status,
    answerQuery: answer,
    retainedBroadcasts: () => broadcasts.retained(),
  });
  broadcasts.subscribe((broadcast) => stream.publishBroadcast(broadcast));
  // Paused (the disk is full), recording again, read-only (another instance writes), a file set aside.
  history?.onStatus((status) => broadcasts.publish({ type: 'historyStatus', status }));
  // The rules as loaded (retained for every page that connects), then each change and each alert.
  broadcasts.publish({ type: 'rules', view: alerts.rulesView() });
  const offAlerts = alerts.onBroadcast((broadcast) => broadcasts.publish(broadcast));
  supervisor.onSnapshot((snapshot, delta) => {
    ring.pushSnapshot(snapshot);
    history?.record(snapshot);
    stream.publishSnapshot(snapshot, delta);
    alerts.onSnapshot(snapshot);
  });
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
    checkRequest,
    throttle,
    answerQuery: answer,
    alerts,
  });
  const server = isTls
    ? https.createServer({ cert: fs.readFileSync(options.tlsCertPath ?? ''), key: fs.readFileSync(options.tlsKeyPath ?? '') }, api)
    : http.createServer(api);
  // The WebSocket upgrade passes the same Host/Origin checks as HTTP, and is refused while its
  // address is throttled; the token itself comes in the first message (stream-server.ts).
  server.on('upgrade', (req, socket, head) => {
    const refusal = checkRequest({ host: req.headers.host, origin: req.headers.origin });
    const { pathname } = new URL(req.url ?? '/', 'http://host.invalid');
    const retryAfterMs = throttle.retryAfterMs(req.socket.remoteAddress ?? '');
    if (refusal) refuseUpgrade(socket, refusal);
    else if (pathname !== '/api/stream') socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    else if (retryAfterMs > 0) refuseUpgrade(socket, tooManyAttempts(retryAfterMs), { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) });
    else stream.handleUpgrade(req, socket, head);
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
  served = { bindHost: options.host, port, isTls };
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
      ownInventory?.stop();
      offAlerts();
      broadcasts.close();
      await stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Before the collector and history: it resumes what its rules suspended, and notes it.
      await alerts.close();
      systemPages.close();
      await supervisor.stop();
      await history?.close();
    },
  };
}

/** Answers an upgrade request with an HTTP error and its JSON body, as the HTTP routes would, and closes. */
function refuseUpgrade(socket: Duplex, refusal: RequestFailure, headers: Record<string, string> = {}): void {
  const status = httpStatusOf(refusal.code);
  const body = JSON.stringify(refusal);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
