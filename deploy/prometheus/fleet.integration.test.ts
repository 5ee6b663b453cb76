/**
 * The shipped deploy/ files against the real tools: promtool checks the config and the rules and
 * runs the rules' unit tests; then a real Prometheus (Debian's, as an operator runs it) scrapes two
 * real hosts on loopback over https with their view token read from a file, through a config
 * derived from the shipped one (fleet-test-config.ts), and answers the questions an operator asks.
 * Every query of the Grafana dashboard and of the recording rules is run and must return data.
 * Only processes this file started are ended (by process group, child-processes.ts); every wait
 * polls until a generous deadline, nothing asserts how long anything took.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned } from '../../src-main/test-support/child-processes.ts';
import { runPromtool, startPrometheus, type PrometheusProcess } from '../../src-main/test-support/prometheus-process.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';
import { deriveTestConfig, parseLabelValues, readDashboard, substituteVariables, WRONG_TOKEN_FILE, WRONG_TOKEN_JOB, WRONG_TOKEN_TARGETS } from './fleet-test-config.ts';

const DEPLOY_PROMETHEUS = fileURLToPath(new URL('.', import.meta.url));
const DASHBOARD_FILE = fileURLToPath(new URL('../grafana/taskmgr-fleet.json', import.meta.url));
const FLEET_TOKEN = 'fleet-view-token-0123456789abcdef';
const WRONG_TOKEN = 'not-the-hosts-token-0123456789abc';
/** How long any wait polls before it fails: the machine running the tests may be busy. */
const DEADLINE_MS = 90_000;

/** Polls `read` until `isDone` holds of its answer or the deadline passes; gives the last answer either way. */
async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A copy of deploy/prometheus/ laid out as deploy/README.md tells an operator: the token and the certificate beside the config. */
function operatorLayout(dir: string, caFile: string): void {
  fs.cpSync(DEPLOY_PROMETHEUS, dir, { recursive: true, filter: (source) => !source.endsWith('.ts') });
  fs.writeFileSync(path.join(dir, 'taskmgr/view-token'), `${FLEET_TOKEN}\n`, { mode: 0o640 });
  fs.copyFileSync(caFile, path.join(dir, 'taskmgr/ca.pem'));
}

let dir: string;
let certFile: string;
let keyFile: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-fleet-'));
  certFile = path.join(dir, 'cert.pem');
  keyFile = path.join(dir, 'key.pem');
  // One certificate for both hosts (both are 127.0.0.1); Prometheus trusts it as its ca_file.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
});

afterAll(async () => {
  await endAllOwned();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the shipped files, checked by promtool', () => {
  it('promtool check config accepts prometheus.yml as an operator installs it (rules, token file and CA beside it)', async () => {
    const layout = path.join(dir, 'operator');
    operatorLayout(layout, certFile);
    const checked = await runPromtool(['check', 'config', 'prometheus.yml'], layout);
    expect(checked.output).toContain('SUCCESS');
    expect(checked.code).toBe(0);
  });

  it('promtool check rules accepts both rule files', async () => {
    const checked = await runPromtool(['check', 'rules', 'rules/taskmgr-recording.yml', 'rules/taskmgr-alerts.yml'], DEPLOY_PROMETHEUS);
    expect(checked.output).not.toContain('FAILED');
    expect(checked.output).toMatch(/SUCCESS: 9 rules found[\s\S]*SUCCESS: 6 rules found|SUCCESS: 6 rules found[\s\S]*SUCCESS: 9 rules found/);
    expect(checked.code).toBe(0);
  });

  it("promtool test rules passes the rules' unit tests", async () => {
    const tested = await runPromtool(['test', 'rules', 'tests/taskmgr-rules.test.yml'], DEPLOY_PROMETHEUS);
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
  });
});

// Each wait may take up to DEADLINE_MS on a busy machine: the tests get room beyond it.
describe('a real Prometheus scraping two hosts with the shipped config', { timeout: DEADLINE_MS + 60_000 }, () => {
  let alpha: ServeProcess;
  let beta: ServeProcess;
  let prometheus: PrometheusProcess;
  let layout: string;
  const hostPort = (host: ServeProcess) => new URL(host.url).port;

  beforeAll(async () => {
    const hostsDir = path.join(dir, 'hosts');
    fs.mkdirSync(hostsDir);
    const tokenFile = (name: string) => {
      const file = path.join(hostsDir, `${name}.token`);
      fs.writeFileSync(file, `${FLEET_TOKEN}\n`, { mode: 0o600 });
      return file;
    };
    // alpha keeps a rule of its own that is always active (any memory in use), for the fleet to see.
    const alphaRules = path.join(hostsDir, 'alpha-rules.json');
    const rule = { id: 'memory-in-use', name: 'Memory in use', scope: 'machine', metric: 'memoryUsedPercent', above: 0, forSeconds: 0 };
    fs.writeFileSync(alphaRules, JSON.stringify({ version: 1, rules: [rule] }));
    const tls = ['--tls-cert', certFile, '--tls-key', keyFile];
    // beta samples four times as often as alpha: its task manager is the costlier one.
    [alpha, beta] = await Promise.all([
      startServe(['--port', '0', '--token-file', tokenFile('alpha'), ...tls, '--no-history', '--rules-file', alphaRules]),
      startServe(['--port', '0', '--token-file', tokenFile('beta'), ...tls, '--no-history', '--interval-ms', '250']),
    ]);

    layout = path.join(dir, 'prometheus');
    operatorLayout(layout, certFile);
    fs.rmSync(path.join(layout, 'taskmgr/targets/example.yml'));
    fs.writeFileSync(
      path.join(layout, 'taskmgr/targets/fleet.yml'),
      `- targets: ['127.0.0.1:${hostPort(alpha)}']\n  labels:\n    machine: alpha\n- targets: ['127.0.0.1:${hostPort(beta)}']\n  labels:\n    machine: beta\n`,
    );
    // The same host, scraped by a second job whose token file holds a token the host never had.
    fs.writeFileSync(path.join(layout, WRONG_TOKEN_FILE), `${WRONG_TOKEN}\n`, { mode: 0o640 });
    fs.mkdirSync(path.join(layout, WRONG_TOKEN_TARGETS));
    fs.writeFileSync(path.join(layout, WRONG_TOKEN_TARGETS, 'beta.yml'), `- targets: ['127.0.0.1:${hostPort(beta)}']\n  labels:\n    machine: beta\n`);
    const configFile = path.join(layout, 'prometheus.yml');
    fs.writeFileSync(configFile, deriveTestConfig(fs.readFileSync(configFile, 'utf8'), 1));
    expect((await runPromtool(['check', 'config', 'prometheus.yml'], layout)).code).toBe(0);
    prometheus = await startPrometheus(configFile, path.join(dir, 'tsdb'));
  });

  it('scrapes both hosts over https with the view token from its file, each named by its machine label', async () => {
    const targets = await eventually(
      async () => (await prometheus.targets()).filter((target) => target.scrapePool === 'taskmgr'),
      (found) => found.length === 2 && found.every((target) => target.health === 'up'),
    );
    expect(targets.map((target) => [target.labels['instance'], target.health, target.lastError]).sort()).toEqual([
      ['alpha', 'up', ''],
      ['beta', 'up', ''],
    ]);
    for (const target of targets) {
      expect(target.scrapeUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(target.scrapeInterval).toBe('1s');
      expect(target.labels).not.toHaveProperty('machine');
    }
  });

  it('a target whose token file holds another token is down, with the host\'s 401 in /api/v1/targets', async () => {
    const [target] = await eventually(
      async () => (await prometheus.targets()).filter((t) => t.scrapePool === WRONG_TOKEN_JOB),
      (found) => found.length === 1 && found[0]?.health === 'down',
    );
    expect(target?.labels['instance']).toBe('beta');
    expect(target?.health).toBe('down');
    expect(target?.lastError).toMatch(/401 Unauthorized/);
  });

  it('answers machine CPU per instance: one series per machine, a share from 0 to 1', async () => {
    const cpu = await eventually(
      () => prometheus.query('instance:taskmgr_cpu:ratio'),
      (series) => series.length === 2,
    );
    expect(cpu.map((series) => series.labels['instance']).sort()).toEqual(['alpha', 'beta']);
    for (const series of cpu) {
      expect(series.value).toBeGreaterThanOrEqual(0);
      expect(series.value).toBeLessThanOrEqual(1);
    }
  });

  it('answers the top 3 apps by memory across the fleet: none left out weighs more', async () => {
    const top = await eventually(
      () => prometheus.query('topk(3, sum by (app) (taskmgr_app_memory_bytes))'),
      (series) => series.length === 3,
    );
    expect(top).toHaveLength(3);
    const all = await prometheus.query('sum by (app) (taskmgr_app_memory_bytes)');
    const topApps = new Set(top.map((series) => series.labels['app']));
    const lightestTop = Math.min(...top.map((series) => series.value));
    const heaviestRest = Math.max(0, ...all.filter((series) => !topApps.has(series.labels['app'])).map((series) => series.value));
    expect(lightestTop).toBeGreaterThan(0);
    expect(lightestTop).toBeGreaterThanOrEqual(heaviestRest);
  });

  it("answers which machine's task manager costs the most: beta, which samples four times as often", async () => {
    // A minute's rate needs samples to rest on: wait until both hosts have 20 s of them.
    await eventually(
      () => prometheus.query('min(count_over_time(taskmgr_self_cpu_seconds_total{process="collector"}[1m]))'),
      (series) => (series[0]?.value ?? 0) >= 20,
    );
    const costliest = await prometheus.query('topk(1, sum by (instance) (rate(taskmgr_self_cpu_seconds_total[1m])))');
    expect(costliest.map((series) => series.labels['instance'])).toEqual(['beta']);
  });

  it('runs every query of the Grafana dashboard, its variables at their defaults, and each returns data', async () => {
    const dashboard = readDashboard(JSON.parse(fs.readFileSync(DASHBOARD_FILE, 'utf8')));
    const values: Record<string, string> = { __rate_interval: '1m' };
    for (const variable of dashboard.variables) {
      if (variable.query !== null) {
        const labelValues = parseLabelValues(variable.query);
        expect(labelValues, `variable ${variable.name}`).not.toBeNull();
        if (labelValues) {
          const found = await eventually(() => prometheus.labelValues(labelValues.label, labelValues.metric), (names) => names.length === 2);
          expect(found.sort(), `variable ${variable.name}: ${variable.query}`).toEqual(['alpha', 'beta']);
        }
      }
      if (variable.defaultValue !== null) values[variable.name] = variable.defaultValue;
    }
    // Polled together until each has returned data once (series appear as scrapes and rules catch up).
    const pending = new Map(dashboard.queries.map((query) => [`${query.panel}: ${substituteVariables(query.expr, values)}`, query]));
    const deadline = Date.now() + DEADLINE_MS;
    while (pending.size > 0 && Date.now() < deadline) {
      for (const [name, query] of pending) {
        const expr = substituteVariables(query.expr, values);
        const count = query.isRange ? (await prometheus.queryRange(expr, 30)).length : (await prometheus.query(expr)).length;
        if (count > 0) pending.delete(name);
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const empty = [...pending.keys()];
    expect(empty).toEqual([]);
  });

  it("runs every recording rule's query, each returning data and recorded; every shipped rule evaluates without error", async () => {
    const rules = await eventually(
      () => prometheus.rules(),
      (found) => found.length === 15 && found.every((rule) => rule.health === 'ok'),
    );
    expect(rules.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.health} ${rule.lastError ?? ''}`)).toEqual([]);
    const recording = rules.filter((rule) => rule.type === 'recording');
    expect(recording.map((rule) => path.basename(rule.file))).toEqual(Array(9).fill('taskmgr-recording.yml'));
    expect(rules.filter((rule) => rule.type === 'alerting')).toHaveLength(6);
    const empty: string[] = [];
    for (const rule of recording) {
      for (const expr of [rule.query, rule.name]) {
        const series = await eventually(() => prometheus.query(expr), (found) => found.length > 0);
        if (series.length === 0) empty.push(`${rule.name}: ${expr}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it("fires the shipped alert for a host's own active rule, and holds the down target's alert pending", async () => {
    const alerts = await eventually(
      () => prometheus.alerts(),
      (found) => found.some((alert) => alert.labels['alertname'] === 'TaskmgrRuleActive' && alert.state === 'firing'),
    );
    expect(alerts.filter((alert) => alert.labels['alertname'] === 'TaskmgrRuleActive')).toEqual([
      { labels: expect.objectContaining({ instance: 'alpha', rule: 'Memory in use', rule_id: 'memory-in-use', severity: 'warning' }), state: 'firing', value: expect.any(String) },
    ]);
    const down = alerts.filter((alert) => alert.labels['alertname'] === 'TaskmgrHostDown');
    expect(down.map((alert) => [alert.labels['job'], alert.labels['instance'], alert.state])).toEqual([[WRONG_TOKEN_JOB, 'beta', 'pending']]);
  });

  // Last: it puts right what the tests above rely on being wrong.
  it('reads a rewritten token file at the next scrape, without a reload; a machine scraped by two jobs is still one machine in the recorded series', async () => {
    fs.writeFileSync(path.join(layout, WRONG_TOKEN_FILE), `${FLEET_TOKEN}\n`, { mode: 0o640 });
    const [target] = await eventually(
      async () => (await prometheus.targets()).filter((t) => t.scrapePool === WRONG_TOKEN_JOB),
      (found) => found[0]?.health === 'up',
    );
    expect(target?.health).toBe('up');
    expect(target?.lastError).toBe('');
    await eventually(() => prometheus.query(`taskmgr_cpu_utilization_ratio{job="${WRONG_TOKEN_JOB}"}`), (series) => series.length === 1);
    const cpu = await eventually(() => prometheus.query('instance:taskmgr_cpu:ratio'), (series) => series.length === 2);
    expect(cpu.map((series) => series.labels['instance']).sort()).toEqual(['alpha', 'beta']);
    expect(await prometheus.query('count by (instance) (taskmgr_cpu_utilization_ratio{instance="beta"})')).toEqual([{ labels: { instance: 'beta' }, value: 2 }]);
  });

  afterAll(async () => {
    await Promise.all([prometheus?.end(), alpha?.end(), beta?.end()]);
  });
});
