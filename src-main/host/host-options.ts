/**
 * Flags of `npm run -s serve -- [--host 127.0.0.1] [--port 8737] [--token-file F | --token T]
 * [--allow-control [--control-token-file F | --control-token T]] [--interval-ms 1000] [--tls-cert F --tls-key F]
 * [--history-dir DIR] [--history-command-lines own|all|none] [--history-keep TIER=SPAN,…] [--no-history]
 * [--rules-file FILE] [--metrics-top N]`. Pure: argv and environment
 * in, options (with the token file still to read, and warnings to print) or a message out (the
 * caller exits 2 with it).
 */
import type { HistorySettings } from '../../src-shared/query.ts';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../collector/collector.ts';
import { parseHistoryKeep } from '../history/history-keep.ts';
import { DEFAULT_RETENTION, type HistoryRetention } from '../history/history-rollup.ts';
import { DEFAULT_METRICS_TOP, MAX_METRICS_TOP, MIN_METRICS_TOP } from './metrics-buckets.ts';

export interface HostOptions {
  host: string;
  port: number;
  /**
   * The view token: reads, `/metrics`, the stream, queries, rules without actions; never a command
   * that acts. Null: generate one (or, while `tokenFilePath` of the parse is set, read it from that file).
   */
  token: string | null;
  /**
   * The control token: what the view token may do, plus the commands that act. Only with
   * `isControlAllowed` (the parse refuses it otherwise); null there: generate one (or, while
   * `controlTokenFilePath` is set, read it from that file). Never the same as the view token.
   */
  controlToken: string | null;
  /** `--allow-control`: the switch; commands act only with it, and only for the control token. */
  isControlAllowed: boolean;
  intervalMs: number;
  tlsCertPath: string | null;
  tlsKeyPath: string | null;
  /** Whether history is recorded (`--no-history`: not; its queries answer HISTORY_OFF). */
  isHistoryOn: boolean;
  /** `--history-dir`; null: the per-user data folder (src-main/history/history-dir.ts). */
  historyDir: string | null;
  /**
   * History's settings the command line chose (`--history-command-lines`), for the store to start
   * with; empty when not given (the store keeps what it has).
   */
  historySettings: Partial<HistorySettings>;
  /** How long history keeps each kind (`--history-keep`; DEFAULT_RETENTION for what is not given). */
  historyRetention: HistoryRetention;
  /**
   * `--rules-file`: where the alert rules are kept (src-main/alerts/); null: `rules.json` in the
   * history folder (`--history-dir`, else the per-user data folder, also with `--no-history`).
   */
  rulesFile: string | null;
  /** `--metrics-top`: apps and executables `/metrics` keeps by CPU and by memory (each), 1–100 (metrics-buckets.ts). */
  metricsTop: number;
}


/**
 * `--history-command-lines`: whose command lines history records. `own` (the default): this
 * user's processes only, since a root or elevated host sees other accounts' command lines, which may
 * hold their secrets; `all`: every process's; `none`: no command line is recorded.
 */
export const HISTORY_COMMAND_LINE_CHOICES = {
  own: { isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: false },
  all: { isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: true },
  none: { isRecordingOwnCommandLines: false, isRecordingOthersCommandLines: false },
} as const satisfies Record<string, HistorySettings>;

/** The settings of a `--history-command-lines` value, or null for a word it does not take. */
export function historyCommandLineSettings(choice: string): HistorySettings | null {
  const found = Object.entries(HISTORY_COMMAND_LINE_CHOICES).find(([name]) => name === choice);
  return found ? { ...found[1] } : null;
}

/** What a token may be: URL-safe, unreserved characters only, at least 16 of them. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,}$/;

const VALUE_FLAGS = new Set(['--host', '--port', '--token', '--token-file', '--control-token', '--control-token-file', '--interval-ms', '--tls-cert', '--tls-key', '--history-dir', '--history-command-lines', '--history-keep', '--rules-file', '--metrics-top']);
/** Flags that take no value. */
const SWITCHES = new Set(['--allow-control', '--no-history']);

/**
 * Said on stderr when the control token is on the command line (never with the token). The view
 * token is not worth a warning there: it only shows what every local user's `ps` shows anyway.
 */
export const CONTROL_TOKEN_ON_COMMAND_LINE_WARNING =
  'warning: --control-token puts the control token in the process list, where every user of this machine can read it, and it ends processes: prefer --control-token-file F or TASKMGR_CONTROL_TOKEN';

/** The two roles' flags and variables, for `parseTokenSource` and its messages. */
const TOKEN_SOURCES = {
  view: { flag: '--token', fileFlag: '--token-file', envName: 'TASKMGR_TOKEN', words: 'the token' },
  control: { flag: '--control-token', fileFlag: '--control-token-file', envName: 'TASKMGR_CONTROL_TOKEN', words: 'the control token' },
} as const;

export type ParsedHostOptions = {
  ok: true;
  value: HostOptions;
  /** `--token-file`: the caller reads the token from it (`readTokenFile`) before starting; `value.token` is then null. */
  tokenFilePath: string | null;
  /** `--control-token-file`: likewise for the control token; `value.controlToken` is then null. */
  controlTokenFilePath: string | null;
  /** Lines for stderr; none contains the token. */
  warnings: string[];
};

export function parseHostOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedHostOptions | { ok: false; message: string } {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (SWITCHES.has(flag) && eq < 0) {
      switches.add(flag);
      continue;
    }
    // Only the flag is echoed: what follows `=` may be a secret typed under a misspelt flag.
    if (!VALUE_FLAGS.has(flag)) return { ok: false, message: `unknown argument "${flag.startsWith('--') ? flag : '(a value)'}"` };
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && isKnownFlag(value))) {
      return { ok: false, message: `${flag} needs a value` };
    }
    values.set(flag, value);
  }

  const isControlAllowed = switches.has('--allow-control');
  const historyDir = values.get('--history-dir') ?? null;
  if (historyDir !== null && switches.has('--no-history')) return { ok: false, message: '--history-dir and --no-history: give one of them' };
  const commandLines = values.get('--history-command-lines') ?? null;
  if (commandLines !== null && switches.has('--no-history')) {
    return { ok: false, message: '--history-command-lines and --no-history: with history off no command line is recorded' };
  }
  const chosen = commandLines === null ? null : historyCommandLineSettings(commandLines);
  if (commandLines !== null && chosen === null) {
    return {
      ok: false,
      message: `--history-command-lines must be own (this user's processes), all (every process's, other accounts' included) or none, got "${commandLines.slice(0, 20)}"`,
    };
  }
  const historySettings: Partial<HistorySettings> = chosen ?? {};
  const keepText = values.get('--history-keep') ?? null;
  if (keepText !== null && switches.has('--no-history')) return { ok: false, message: '--history-keep and --no-history: with history off nothing is kept' };
  const keep = keepText === null ? { ok: true as const, value: { ...DEFAULT_RETENTION } } : parseHistoryKeep(keepText);
  if (!keep.ok) return keep;
  const host = values.get('--host') ?? '127.0.0.1';
  const portText = values.get('--port') ?? '8737';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
    return { ok: false, message: `--port must be a whole number from 0 to 65535, got "${portText}"` };
  }
  const intervalText = values.get('--interval-ms') ?? '1000';
  const intervalMs = Number(intervalText);
  if (!/^\d+$/.test(intervalText) || intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
    return { ok: false, message: `--interval-ms must be between ${MIN_INTERVAL_MS} and ${MAX_INTERVAL_MS}, got "${intervalText}"` };
  }
  const metricsTopText = values.get('--metrics-top') ?? String(DEFAULT_METRICS_TOP);
  const metricsTop = Number(metricsTopText);
  if (!/^\d+$/.test(metricsTopText) || metricsTop < MIN_METRICS_TOP || metricsTop > MAX_METRICS_TOP) {
    return {
      ok: false,
      message: `--metrics-top must be a whole number from ${MIN_METRICS_TOP} to ${MAX_METRICS_TOP} (how many apps and executables /metrics keeps by CPU and by memory), got "${metricsTopText.slice(0, 20)}"`,
    };
  }
  const view = parseTokenSource('view', values, env);
  if (!view.ok) return view;
  const control = parseTokenSource('control', values, env);
  if (!control.ok) return control;
  const hasControlToken = control.token !== null || control.filePath !== null;
  if (hasControlToken && !isControlAllowed) {
    const given = control.filePath !== null ? '--control-token-file' : values.has('--control-token') ? '--control-token' : 'TASKMGR_CONTROL_TOKEN';
    return { ok: false, message: `${given} without --allow-control would do nothing: add --allow-control to let the control token act, or leave it out` };
  }
  if (view.token !== null && view.token === control.token) {
    return { ok: false, message: 'the control token is the same as the view token: give the control token a value of its own, or the view token could act' };
  }
  const tlsCertPath = values.get('--tls-cert') ?? null;
  const tlsKeyPath = values.get('--tls-key') ?? null;
  if ((tlsCertPath === null) !== (tlsKeyPath === null)) {
    return { ok: false, message: '--tls-cert and --tls-key go together' };
  }
  if (!isLoopbackHost(host) && tlsCertPath === null) {
    return {
      ok: false,
      message: `listening on ${host} would expose the token and every process on the network in clear text: give --tls-cert and --tls-key, or keep the default --host 127.0.0.1`,
    };
  }
  return {
    ok: true,
    value: { host, port: Number(portText), token: view.token, controlToken: control.token, isControlAllowed, intervalMs, tlsCertPath, tlsKeyPath, isHistoryOn: !switches.has('--no-history'), historyDir, historySettings, historyRetention: keep.value, rulesFile: values.get('--rules-file') ?? null, metricsTop },
    tokenFilePath: view.filePath,
    controlTokenFilePath: control.filePath,
    warnings: values.has('--control-token') ? [CONTROL_TOKEN_ON_COMMAND_LINE_WARNING] : [],
  };
}

/**
 * One role's token: from its flag, else its file flag (read later by the caller), else its
 * environment variable (set but empty counts as not set); the flag and the file flag together are refused.
 */
function parseTokenSource(
  role: keyof typeof TOKEN_SOURCES,
  values: ReadonlyMap<string, string>,
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; token: string | null; filePath: string | null } | { ok: false; message: string } {
  const { flag, fileFlag, envName, words } = TOKEN_SOURCES[role];
  const filePath = values.get(fileFlag) ?? null;
  if (filePath !== null && values.has(flag)) return { ok: false, message: `${flag} and ${fileFlag}: give one of them` };
  // The flags win over the environment.
  const token = filePath === null ? (values.get(flag) ?? (env[envName] || null)) : null;
  if (token !== null && !TOKEN_PATTERN.test(token)) {
    // The token itself is never echoed: it may be a real secret with one character wrong.
    return { ok: false, message: `${words} must be at least 16 characters of A–Z, a–z, 0–9 and . _ ~ -` };
  }
  return { ok: true, token, filePath };
}

function isKnownFlag(text: string): boolean {
  return SWITCHES.has(text) || VALUE_FLAGS.has(text.split('=')[0] ?? '');
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
