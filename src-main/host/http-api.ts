/**
 * The host's HTTP routes (issue #3's table). Errors are `{ ok: false, code, message }`, checked in
 * this order: 421 / 403 (Host, Origin: every route, request-guard.ts) → 429 (an address that failed
 * too often, API routes) → 401 (token) → 404 / 405 (route, method) → 400 (arguments, body) → 403
 * (CONTROL_DISABLED) → 503 (collector down, for data) → the command's own result.
 * The history routes (`GET /api/history/system|processes|status|top|apps|events`, history-routes.ts)
 * are queries answered by the core's `answerQuery`, as on the WebSocket: 404 NO_HISTORY / 409
 * HISTORY_OFF are theirs, and they answer while the collector is down. `POST /api/history/delete`
 * and `/api/history/settings` are commands (body: the command's arguments), control only.
 * `?format=csv|jsonl` on the queries and on `/api/processes` answers a download
 * (src-shared/export-format.ts; docs/export.md).
 * Rules and alerts (src-shared/alerts.ts): `GET /api/rules` and `GET /api/alerts` are the `rules` and
 * `alerts` queries; `PUT /api/rules/:id` (body: the rule's fields) and `DELETE /api/rules/:id` are
 * the `putRule` and `deleteRule` commands, which a view-only token may run on a rule without actions
 * (remote-commands.ts).
 * Startup apps, Services and Users (system-routes.ts): `GET /api/startup`, `/api/services` and
 * `/api/users` are the queries of those names (answered while the collector is down, but `users`);
 * `POST /api/startup/:id/disable` and `/api/services/:name/stop|restart` are commands, control only,
 * with an optional body; `…/enable` and `…/start` answer 501 UNSUPPORTED (desktop app only).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure, type CommandName, type Failure } from '../../src-shared/commands.ts';
import type { AnyQueryResult } from '../../src-shared/query.ts';
import { pidSchema, type Snapshot } from '../../src-shared/snapshot.ts';
import { systemPart } from '../../src-shared/stream.ts';
import type { AlertSource } from '../alerts/alert-source.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import { historyAnswer, isHistoryPath, parseFormat, parseHistoryRequest, processesFile, withParamNames, type HttpAnswer } from './history-routes.ts';
import { httpStatusOf, httpStatusOfResult, requestFailure, type RequestFailure } from './http-status.ts';
import { renderMetrics } from './metrics.ts';
import { readJsonBody } from './request-body.ts';
import { processInfo } from './process-info.ts';
import { runRemoteCommand } from './remote-commands.ts';
import { ruleCommandOf } from './rule-routes.ts';
import { systemCommandRoute, type SystemCommandRoute } from './system-routes.ts';
import type { GuardedHeaders } from './request-guard.ts';
import { serveStatic } from './static-files.ts';
import { bearerToken, tokensMatch } from './token.ts';

/** Kept here for the test drivers that import it from the HTTP API. */
export { runCommand } from './remote-commands.ts';

export interface HttpApiContext {
  token: string;
  version: string;
  isControlAllowed: boolean;
  /** The latest snapshot, or null while the collector is down or starting. */
  latest(): Snapshot | null;
  handlers: CommandHandlers;
  /** Absolute path of the built renderer. */
  staticRoot: string;
  /** The refusal of a request by its Host or Origin header (request-guard.ts), or null. */
  checkRequest(headers: GuardedHeaders): RequestFailure | null;
  /** Failed authentication per remote address, shared with the WebSocket. */
  throttle: AuthThrottle;
  /** Answers a query as sent (unparsed): the core's `answerQuery`, the WebSocket's too. */
  answerQuery(input: unknown): Promise<AnyQueryResult>;
  /** The host's rules and alerts (for `/metrics` and the rule commands' policy); absent: none. */
  alerts?: AlertSource;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

type Route =
  | { kind: 'data'; read: (snapshot: Snapshot) => unknown }
  | { kind: 'info'; pidText: string }
  | { kind: 'command'; pidText: string; action: 'kill' | 'suspend' | 'resume' | 'priority' }
  | { kind: 'metrics' }
  | { kind: 'history' }
  | { kind: 'historyCommand'; name: 'deleteHistory' | 'setHistorySettings' }
  | { kind: 'view'; query: 'rules' | 'alerts' | 'startup' | 'services' | 'users' }
  | { kind: 'rule'; idText: string }
  | { kind: 'systemCommand'; command: SystemCommandRoute };

function matchApiRoute(pathname: string): { route: Route; method: Method | readonly Method[] } | null {
  switch (pathname) {
    case '/api/stats':
      return { method: 'GET', route: { kind: 'data', read: (s) => systemPart(s) } };
    case '/api/processes':
      return { method: 'GET', route: { kind: 'data', read: (s) => ({ seq: s.seq, takenAtMs: s.takenAtMs, processes: s.processes }) } };
    case '/api/apps':
      return { method: 'GET', route: { kind: 'data', read: (s) => ({ seq: s.seq, takenAtMs: s.takenAtMs, apps: s.apps }) } };
    case '/metrics':
      return { method: 'GET', route: { kind: 'metrics' } };
    // History's commands: control only, like the process commands (remote-commands.ts).
    case '/api/history/delete':
      return { method: 'POST', route: { kind: 'historyCommand', name: 'deleteHistory' } };
    case '/api/history/settings':
      return { method: 'POST', route: { kind: 'historyCommand', name: 'setHistorySettings' } };
    case '/api/rules':
      return { method: 'GET', route: { kind: 'view', query: 'rules' } };
    case '/api/alerts':
      return { method: 'GET', route: { kind: 'view', query: 'alerts' } };
    case '/api/startup':
      return { method: 'GET', route: { kind: 'view', query: 'startup' } };
    case '/api/services':
      return { method: 'GET', route: { kind: 'view', query: 'services' } };
    case '/api/users':
      return { method: 'GET', route: { kind: 'view', query: 'users' } };
  }
  const system = systemCommandRoute(pathname);
  if (system) return { method: 'POST', route: { kind: 'systemCommand', command: system } };
  if (isHistoryPath(pathname)) return { method: 'GET', route: { kind: 'history' } };
  const rule = /^\/api\/rules\/([^/]*)$/.exec(pathname);
  if (rule) return { method: ['PUT', 'DELETE'], route: { kind: 'rule', idText: rule[1] ?? '' } };
  const match = /^\/api\/process\/([^/]+)\/(info|kill|suspend|resume|priority)$/.exec(pathname);
  if (!match) return null;
  const [, pidText = '', action = ''] = match;
  if (action === 'info') return { method: 'GET', route: { kind: 'info', pidText } };
  return { method: 'POST', route: { kind: 'command', pidText, action: action as 'kill' | 'suspend' | 'resume' | 'priority' } };
}

export function createHttpApi(context: HttpApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      // A bug, not an expected failure: answer 500 without details and keep serving.
      process.stderr.write(`host: ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}: ${String(error)}\n`);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'internal error'));
      else res.destroy();
    });
  };
}

async function handle(context: HttpApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://host.invalid');
  const method = req.method ?? 'GET';

  const refusal = context.checkRequest({ host: req.headers.host, origin: req.headers.origin });
  if (refusal) return sendFailure(res, refusal);

  if (pathname === '/health') {
    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, failure('METHOD_NOT_ALLOWED', 'use GET'), { Allow: 'GET, HEAD' });
    return sendJson(res, 200, { status: 'ok', version: context.version });
  }

  const isApi = pathname === '/metrics' || pathname === '/api' || pathname.startsWith('/api/');
  if (!isApi) {
    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, failure('METHOD_NOT_ALLOWED', 'use GET'), { Allow: 'GET, HEAD' });
    if (serveStatic(context.staticRoot, pathname, method === 'HEAD', res)) return;
    return sendJson(res, 404, failure('NOT_FOUND', `no such page: ${pathname}`));
  }

  // A throttled address is refused before its token is even compared.
  const address = req.socket.remoteAddress ?? '';
  const retryAfterMs = context.throttle.retryAfterMs(address);
  if (retryAfterMs > 0) return sendFailure(res, tooManyAttempts(retryAfterMs), { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) });
  if (tokensMatch(context.token, bearerToken(req.headers.authorization))) {
    context.throttle.recordSuccess(address);
  } else {
    context.throttle.recordFailure(address);
    return sendJson(res, 401, failure('UNAUTHORIZED', 'a valid "Authorization: Bearer <token>" header is required'), {
      'WWW-Authenticate': 'Bearer',
    });
  }
  const matched = matchApiRoute(pathname);
  if (!matched) return sendJson(res, 404, failure('NOT_FOUND', `no such route: ${pathname}`));
  const methods: readonly string[] = typeof matched.method === 'string' ? [matched.method] : matched.method;
  if (!methods.includes(method) && !(methods.includes('GET') && method === 'HEAD')) {
    return sendJson(res, 405, failure('METHOD_NOT_ALLOWED', `${pathname} takes ${methods.join(' or ')}`), { Allow: methods.join(', ') });
  }
  const { route } = matched;

  if (route.kind === 'command') return handleCommand(context, req, res, route);
  if (route.kind === 'rule') return handleRule(context, req, res, route.idText, method === 'DELETE' ? 'DELETE' : 'PUT');
  if (route.kind === 'systemCommand') return handleBodyCommand(context, req, res, route.command.name, route.command.fromPath, { isBodyOptional: true });
  // Read from the rules or the OS, not the latest snapshot: answered while the collector is down (users: COLLECTOR_DOWN).
  if (route.kind === 'view') {
    const result = await context.answerQuery({ kind: route.query });
    return result.ok ? sendJson(res, 200, result.value) : sendFailure(res, result);
  }
  if (route.kind === 'historyCommand') return handleBodyCommand(context, req, res, route.name, {});
  // History is read from the store, not the latest snapshot: it answers while the collector is down.
  if (route.kind === 'history') return handleHistory(context, res, pathname, searchParams);
  // The current Processes view as a file; the other data routes take no format.
  const format = pathname === '/api/processes' ? parseFormat(searchParams) : ({ ok: true, value: 'json' } as const);
  if (!format.ok) return sendFailure(res, format);

  let pid = 0;
  if (route.kind === 'info') {
    const parsedPid = parsePid(route.pidText);
    if (!parsedPid.ok) return sendFailure(res, parsedPid);
    pid = parsedPid.value;
  }
  const snapshot = context.latest();
  if (!snapshot) return sendFailure(res, failure('COLLECTOR_DOWN', 'the collector is not running; data will be back when it restarts'));
  switch (route.kind) {
    case 'data':
      if (format.value !== 'json') return sendAnswer(res, processesFile(snapshot.processes, snapshot.takenAtMs, format.value));
      return sendJson(res, 200, route.read(snapshot));
    case 'metrics':
      return sendText(res, 200, renderMetrics(snapshot, context.alerts?.rulesView() ?? null), 'text/plain; version=0.0.4; charset=utf-8');
    case 'info': {
      const info = processInfo(snapshot, pid);
      if (!info) return sendFailure(res, failure('NOT_FOUND', `no process with pid ${pid} in the latest snapshot`));
      return sendJson(res, 200, { ...info.process, parents: info.parents, children: info.children });
    }
  }
}

async function handleCommand(
  context: HttpApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: Extract<Route, { kind: 'command' }>,
): Promise<void> {
  const parsedPid = parsePid(route.pidText);
  if (!parsedPid.ok) return sendFailure(res, parsedPid);
  const name: CommandName = route.action === 'priority' ? 'setPriority' : route.action;
  return handleBodyCommand(context, req, res, name, { pid: parsedPid.value });
}

/** A command whose arguments are the JSON object of the body (plus what the path says, which wins); `isBodyOptional`: no body is `{}`. */
async function handleBodyCommand(
  context: HttpApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: CommandName,
  fromPath: Record<string, unknown>,
  options: { isBodyOptional?: boolean } = {},
): Promise<void> {
  const body = await readJsonBody(req, options.isBodyOptional === true);
  if (!body.ok) return sendFailure(res, body);
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return sendFailure(res, failure('INVALID_ARGUMENT', 'the body must be a JSON object'));
  }
  const result = await runRemoteCommand(context, name, { ...body.value, ...fromPath });
  sendJson(res, httpStatusOfResult(result), result);
}

/** `PUT` / `DELETE /api/rules/:id` (rule-routes.ts): 400 naming the field, then the same policy and handler as the stream's. */
async function handleRule(context: HttpApiContext, req: IncomingMessage, res: ServerResponse, idText: string, method: 'PUT' | 'DELETE'): Promise<void> {
  let body: unknown = null;
  if (method === 'PUT') {
    const read = await readJsonBody(req);
    if (!read.ok) return sendFailure(res, read);
    body = read.value;
  } else {
    req.resume();
  }
  const command = ruleCommandOf(method, idText, body);
  if (!command.ok) return sendFailure(res, command);
  const result = await runRemoteCommand(context, command.value.name, command.value.args);
  sendJson(res, httpStatusOfResult(result), result);
}

/** `GET /api/history/…`: the query string as the contract's query, answered by the core. */
async function handleHistory(context: HttpApiContext, res: ServerResponse, pathname: string, search: URLSearchParams): Promise<void> {
  const request = parseHistoryRequest(pathname, search);
  if (!request.ok) return sendFailure(res, request);
  const result = await context.answerQuery(request.value.query);
  if (!result.ok) return sendFailure(res, withParamNames(pathname, result));
  sendAnswer(res, historyAnswer(result, request.value.format));
}

function sendAnswer(res: ServerResponse, answer: HttpAnswer): void {
  sendText(res, 200, answer.body, answer.contentType, answer.headers);
}

/** 429 TOO_MANY_ATTEMPTS, saying when to try again (also the WebSocket upgrade's refusal). */
export function tooManyAttempts(retryAfterMs: number): RequestFailure {
  return requestFailure('TOO_MANY_ATTEMPTS', `too many failed attempts to authenticate from this address: try again in ${Math.ceil(retryAfterMs / 1000)} s`);
}

function parsePid(text: string): { ok: true; value: number } | Failure {
  const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  const parsed = pidSchema.safeParse(value);
  if (!parsed.success) return failure('INVALID_ARGUMENT', `"${text.slice(0, 40)}" is not a pid: a pid is a whole number from 1 to 4294967295`);
  return { ok: true, value: parsed.data };
}

function sendFailure(res: ServerResponse, result: Failure | RequestFailure, headers: Record<string, string> = {}): void {
  sendJson(res, httpStatusOf(result.code), result, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
