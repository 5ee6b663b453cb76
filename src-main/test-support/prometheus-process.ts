/**
 * Test support: Debian's `prometheus` and `promtool` (installed by scripts/bootstrap.sh), started
 * by the test as its own child (ended by pid through child-processes.ts), and its HTTP API's
 * answers parsed by schemas: queries, targets, rules and alerts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { z } from 'zod';
import { endOwned, spawnOwned } from './child-processes.ts';

export const PROMETHEUS_PATH = process.env['PROMETHEUS_PATH'] ?? '/usr/bin/prometheus';
export const PROMTOOL_PATH = process.env['PROMTOOL_PATH'] ?? '/usr/bin/promtool';

function requireInstalled(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`no ${file}: run scripts/bootstrap.sh as root (it installs Debian's prometheus, which has promtool) or set PROMETHEUS_PATH / PROMTOOL_PATH`);
}

/** `promtool` with `args` in `cwd`: its exit code and what it printed. */
export function runPromtool(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  requireInstalled(PROMTOOL_PATH);
  return new Promise((resolve) => {
    execFile(PROMTOOL_PATH, args, { cwd }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A loopback port free now (the OS's pick), for a child that takes its port on the command line. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const vectorSchema = z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) }));
const matrixSchema = z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(z.tuple([z.number(), z.string()])) }));
const answerSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('status', [z.object({ status: z.literal('success'), data }), z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() })]);
const queryAnswer = answerSchema(z.object({ resultType: z.literal('vector'), result: vectorSchema }));
const rangeAnswer = answerSchema(z.object({ resultType: z.literal('matrix'), result: matrixSchema }));
const labelValuesAnswer = answerSchema(z.array(z.string()));
const targetSchema = z.object({
  labels: z.record(z.string(), z.string()),
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  scrapeInterval: z.string(),
  health: z.enum(['up', 'down', 'unknown']),
  lastError: z.string(),
});
const targetsAnswer = answerSchema(z.object({ activeTargets: z.array(targetSchema) }));
const ruleSchema = z.object({ name: z.string(), query: z.string(), type: z.enum(['recording', 'alerting']), health: z.string(), lastError: z.string().optional() });
const rulesAnswer = answerSchema(z.object({ groups: z.array(z.object({ name: z.string(), file: z.string(), rules: z.array(ruleSchema) })) }));
const alertsAnswer = answerSchema(z.object({ alerts: z.array(z.object({ labels: z.record(z.string(), z.string()), state: z.string(), value: z.string() })) }));

/** One series of an instant query: its labels and its value as a number. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}
export type Target = z.infer<typeof targetSchema>;
export type Rule = z.infer<typeof ruleSchema> & { group: string; file: string };

export interface PrometheusProcess {
  url: string;
  stderr: () => string;
  /** An instant query at now; throws with Prometheus' own message when it refuses the query. */
  query(promql: string): Promise<Sample[]>;
  /** A range query over the last `seconds` (step 1 s): the series that have any point. */
  queryRange(promql: string, seconds: number): Promise<{ labels: Record<string, string>; points: number }[]>;
  labelValues(label: string, match: string): Promise<string[]>;
  targets(): Promise<Target[]>;
  rules(): Promise<Rule[]>;
  alerts(): Promise<{ labels: Record<string, string>; state: string; value: string }[]>;
  end(): Promise<void>;
}

/** Starts Prometheus on a free loopback port with `configFile`, and resolves once it is ready (`/-/ready`). */
export async function startPrometheus(configFile: string, storageDir: string): Promise<PrometheusProcess> {
  requireInstalled(PROMETHEUS_PATH);
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnOwned(
    PROMETHEUS_PATH,
    [`--config.file=${configFile}`, `--storage.tsdb.path=${storageDir}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const api = async <T>(schema: z.ZodType<{ status: 'success'; data: T } | { status: 'error'; errorType: string; error: string }>, route: string): Promise<T> => {
    const answer = schema.parse(await (await fetch(`${url}${route}`)).json());
    if (answer.status === 'error') throw new Error(`Prometheus refused ${route}: ${answer.errorType}: ${answer.error}`);
    return answer.data;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
    const isReady = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (isReady) break;
    if (Date.now() > deadline) throw new Error(`prometheus was not ready within 60 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stderr: () => stderr,
    query: async (promql) => {
      const data = await api(queryAnswer, `/api/v1/query?query=${encodeURIComponent(promql)}`);
      return data.result.map((series) => ({ labels: series.metric, value: Number(series.value[1]) }));
    },
    queryRange: async (promql, seconds) => {
      const end = Date.now() / 1000;
      const data = await api(rangeAnswer, `/api/v1/query_range?query=${encodeURIComponent(promql)}&start=${end - seconds}&end=${end}&step=1`);
      return data.result.map((series) => ({ labels: series.metric, points: series.values.length }));
    },
    labelValues: (label, match) => api(labelValuesAnswer, `/api/v1/label/${encodeURIComponent(label)}/values?match[]=${encodeURIComponent(match)}`),
    targets: async () => (await api(targetsAnswer, '/api/v1/targets?state=active')).activeTargets,
    rules: async () => (await api(rulesAnswer, '/api/v1/rules')).groups.flatMap((group) => group.rules.map((rule) => ({ ...rule, group: group.name, file: group.file }))),
    alerts: async () => (await api(alertsAnswer, '/api/v1/alerts')).alerts,
    end: () => endOwned(child),
  };
}
