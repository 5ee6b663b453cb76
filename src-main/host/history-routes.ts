/**
 * The history routes' query strings as the contract's `Query`, and a query's result as the HTTP
 * answer (JSON, CSV or JSON Lines). Pure: http-api.ts sends what these return, and the query itself
 * is answered by the core's `answerQuery`, the one the WebSocket uses, so REST and WebSocket can't
 * differ. Times are ms since the Unix epoch.
 */
import type { Failure } from '../../src-shared/results.ts';
import { failure } from '../../src-shared/results.ts';
import { HISTORY_EVENT_KINDS, TOP_BY, type AnyQueryResult, type Query } from '../../src-shared/query.ts';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  exportFileName,
  formatRows,
  HISTORY_STATUS_COLUMNS,
  EVENT_COLUMNS,
  GROUP_USAGE_COLUMNS,
  PROCESS_COLUMNS,
  PROCESS_USAGE_COLUMNS,
  SYSTEM_COLUMNS,
  type ExportFormat,
} from '../../src-shared/export-format.ts';
import type { ProcessRow } from '../../src-shared/snapshot.ts';

export type ResponseFormat = 'json' | ExportFormat;

/** What one history route asks: the query for the core, and how to write its answer. */
export interface HistoryRequest {
  query: Query;
  format: ResponseFormat;
}

/** How a parameter's text is read: ms since the epoch, a whole number, or one of a few words. */
type ParamKind = 'ms' | 'count' | 'choice';

interface Param {
  /** The query's field it fills (messages name the parameter the client sent: `from`, not `fromMs`). */
  field: string;
  kind: ParamKind;
  /** The words a `choice` takes. */
  choices?: readonly string[];
  /** Used when the parameter is left out; without one the parameter is required, unless it is optional. */
  default?: string;
  /** May be left out, then the query has no such field. */
  isOptional?: boolean;
}

const FROM: Param = { field: 'fromMs', kind: 'ms' };
const TO: Param = { field: 'toMs', kind: 'ms' };

/** Each history route's query-string parameters. */
const PARAMS: Record<string, Record<string, Param>> = {
  '/api/history/system': { from: FROM, to: TO, stepMs: { field: 'stepMs', kind: 'ms' } },
  '/api/history/processes': { at: { field: 'atMs', kind: 'ms' } },
  '/api/history/status': {},
  '/api/history/top': { from: FROM, to: TO, by: { field: 'by', kind: 'choice', choices: TOP_BY, default: 'cpu' }, limit: { field: 'limit', kind: 'count', default: '10' } },
  '/api/history/apps': { from: FROM, to: TO },
  '/api/history/events': { from: FROM, to: TO, kind: { field: 'eventKind', kind: 'choice', choices: HISTORY_EVENT_KINDS, isOptional: true } },
};

export function isHistoryPath(pathname: string): boolean {
  return Object.hasOwn(PARAMS, pathname);
}

/**
 * The request of a history route (`isHistoryPath`), or INVALID_ARGUMENT naming the parameter: a
 * missing, repeated, unknown or non-numeric one. Ranges, steps, `by` and `limit`'s bounds are
 * checked by the query's schema in `answerQuery`, the same check as on the WebSocket.
 */
export function parseHistoryRequest(pathname: string, search: URLSearchParams): { ok: true; value: HistoryRequest } | Failure {
  const known = PARAMS[pathname] ?? {};
  const format = parseFormat(search);
  if (!format.ok) return format;
  const seen = new Set<string>();
  for (const name of search.keys()) {
    if (seen.has(name)) return failure('INVALID_ARGUMENT', `${name}: given more than once`);
    seen.add(name);
    if (name !== 'format' && !Object.hasOwn(known, name)) {
      const allowed = [...Object.keys(known), 'format'].join(', ');
      return failure('INVALID_ARGUMENT', `${name}: not a parameter of ${pathname} (it takes ${allowed})`);
    }
  }
  const values: Record<string, number | string> = {};
  for (const [name, param] of Object.entries(known)) {
    const text = search.get(name) ?? param.default ?? null;
    if (text === null && param.isOptional === true) continue;
    const parsed = parseParam(name, param, text);
    if (!parsed.ok) return parsed;
    values[param.field] = parsed.value;
  }
  const query = queryOf(pathname, values);
  return query ? { ok: true, value: { query, format: format.value } } : failure('INVALID_ARGUMENT', `no such history route: ${pathname}`);
}

/**
 * The query of a route from its parsed fields. A number missing (never, given PARAMS) is passed on
 * as NaN for the schema to refuse.
 */
function queryOf(pathname: string, values: Record<string, number | string>): Query | null {
  const ms = (field: string): number => {
    const value = values[field];
    return typeof value === 'number' ? value : NaN;
  };
  switch (pathname) {
    case '/api/history/system':
      return { kind: 'historySeries', fromMs: ms('fromMs'), toMs: ms('toMs'), stepMs: ms('stepMs') };
    case '/api/history/processes':
      return { kind: 'processesAt', atMs: ms('atMs') };
    case '/api/history/status':
      return { kind: 'historyStatus' };
    case '/api/history/top': {
      const by = TOP_BY.find((choice) => choice === values['by']);
      return by ? { kind: 'topConsumers', fromMs: ms('fromMs'), toMs: ms('toMs'), by, limit: ms('limit') } : null;
    }
    case '/api/history/apps':
      return { kind: 'appHistory', fromMs: ms('fromMs'), toMs: ms('toMs') };
    case '/api/history/events': {
      const eventKind = HISTORY_EVENT_KINDS.find((choice) => choice === values['eventKind']);
      return { kind: 'historyEvents', fromMs: ms('fromMs'), toMs: ms('toMs'), ...(eventKind === undefined ? {} : { eventKind }) };
    }
  }
  return null;
}

/** `format=csv|jsonl`; absent means JSON. Also read by `GET /api/processes`. */
export function parseFormat(search: URLSearchParams): { ok: true; value: ResponseFormat } | Failure {
  const all = search.getAll('format');
  if (all.length === 0) return { ok: true, value: 'json' };
  const [text = ''] = all;
  if (all.length > 1) return failure('INVALID_ARGUMENT', 'format: given more than once');
  if ((EXPORT_FORMATS as readonly string[]).includes(text)) return { ok: true, value: text as ExportFormat };
  return failure('INVALID_ARGUMENT', `format: "${text.slice(0, 20)}" is not a format: use csv or jsonl (or leave it out for JSON)`);
}

function parseParam(name: string, param: Param, text: string | null): { ok: true; value: number | string } | Failure {
  const choices = param.choices?.join(', ') ?? '';
  const what = param.kind === 'ms' ? `ms since the Unix epoch${name === 'stepMs' ? ', or a step in ms' : ''}` : param.kind === 'count' ? 'a whole number' : choices;
  if (text === null || text === '') return failure('INVALID_ARGUMENT', `${name}: required (${what})`);
  if (param.kind === 'choice') {
    if (param.choices?.includes(text)) return { ok: true, value: text };
    return failure('INVALID_ARGUMENT', `${name}: "${text.slice(0, 20)}" is not one of ${choices}`);
  }
  // Digits only: Number() would take "", " 1", "0x10" and "1e3", which a client did not mean as a number.
  if (!/^\d{1,16}$/.test(text)) return failure('INVALID_ARGUMENT', `${name}: "${text.slice(0, 20)}" is not a whole number${param.kind === 'ms' ? ' of ms' : ''}`);
  return { ok: true, value: Number(text) };
}

/** The query's refusal with the client's parameter names (`from`, not `fromMs`), the rest as it was. */
export function withParamNames(pathname: string, result: Failure): Failure {
  if (result.code !== 'INVALID_ARGUMENT') return result;
  let message = result.message.replace(/^query: /, '');
  for (const [name, { field }] of Object.entries(PARAMS[pathname] ?? {})) {
    if (field !== name) message = message.replaceAll(new RegExp(`\\b${field}\\b`, 'g'), name);
  }
  // The schema's message may repeat its path ("to: to: …"): once is enough.
  return failure(result.code, message.replace(/^(\w+): \1: /, '$1: '));
}

/** An answer to send: status 200, its body and type, and for a file the download's name. */
export interface HttpAnswer {
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A successful query's answer in the format asked. */
export function historyAnswer(result: Extract<AnyQueryResult, { ok: true }>, format: ResponseFormat): HttpAnswer {
  if (format === 'json') return { body: JSON.stringify(result.value), contentType: JSON_TYPE, headers: {} };
  switch (result.kind) {
    case 'historySeries': {
      const { fromMs, toMs, points } = result.value;
      return download(formatRows(format, SYSTEM_COLUMNS, points), format, exportFileName('system', format, fromMs, toMs));
    }
    case 'processesAt': {
      const { atMs, processes } = result.value;
      return download(formatRows(format, PROCESS_COLUMNS, processes), format, exportFileName('processes', format, atMs));
    }
    case 'historyStatus':
      return download(formatRows(format, HISTORY_STATUS_COLUMNS, [result.value]), format, exportFileName('history-status', format));
    case 'topConsumers': {
      // A table is one kind of row: the file holds the processes (the apps are in the JSON answer and App history's file).
      const { fromMs, toMs, processes } = result.value;
      return download(formatRows(format, PROCESS_USAGE_COLUMNS, processes), format, exportFileName('top', format, fromMs, toMs));
    }
    case 'appHistory': {
      const { fromMs, toMs, apps, executables } = result.value;
      return download(formatRows(format, GROUP_USAGE_COLUMNS, [...apps, ...executables]), format, exportFileName('apps', format, fromMs, toMs));
    }
    case 'historyEvents': {
      const { fromMs, toMs, events } = result.value;
      return download(formatRows(format, EVENT_COLUMNS, events), format, exportFileName('events', format, fromMs, toMs));
    }
    case 'recentSeries':
      return download(formatRows(format, SYSTEM_COLUMNS, result.value.points), format, exportFileName('system', format));
    case 'inventory':
    case 'rules':
    case 'alerts':
    case 'startup':
    case 'services':
    case 'users':
      // Not a table; no route asks for it as a file.
      return { body: JSON.stringify(result.value), contentType: JSON_TYPE, headers: {} };
  }
}

/** `GET /api/processes?format=`: the latest snapshot's rows as a file. */
export function processesFile(processes: readonly ProcessRow[], takenAtMs: number, format: ExportFormat): HttpAnswer {
  return download(formatRows(format, PROCESS_COLUMNS, processes), format, exportFileName('processes', format, takenAtMs));
}

function download(body: string, format: ExportFormat, fileName: string): HttpAnswer {
  return { body, contentType: EXPORT_CONTENT_TYPES[format], headers: { 'Content-Disposition': `attachment; filename="${fileName}"` } };
}
