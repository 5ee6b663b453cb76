import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, Rule } from '../../src-shared/alerts.ts';
import { MAX_RULES, SUSPEND_EXPIRY_MS } from '../../src-shared/alerts.ts';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import { FIXTURE_TIME_MS, ruleFixture, snapshot } from '../../src-shared/testing/fixtures.ts';
import type { AlertNote } from '../history/history-events.ts';
import { FakeTimers } from '../test-support/fake-timers.ts';
import { AlertService, type AlertHistory } from './alert-service.ts';
import { createRuleEvaluator } from './rule-evaluator.ts';
import type { ActionIntent, BaselineRequest, EvaluationInput, EvaluationOutput, RuleEvaluator } from './evaluation.ts';

const rule = (id: string, overrides: Partial<Rule> = {}): Rule => ruleFixture({ id, name: `Rule ${id}`, match: { name: 'burn' }, ...overrides });

const alertOf = (id: string, ruleId = 'hog'): Alert => ({
  id,
  ruleId,
  ruleName: 'CPU hog',
  subject: { kind: 'process', pid: 4242, startTimeMs: 77, name: 'burn' },
  firedAtMs: FIXTURE_TIME_MS,
  clearedAtMs: null,
  value: 85,
  message: 'burn (4242): CPU 85 % for 3 s (above 40 %)',
  actions: [],
});

/** An evaluator that answers what the test queues, and keeps the alerts it was told of. */
class ScriptedEvaluator implements RuleEvaluator {
  rules: Rule[] = [];
  readonly inputs: EvaluationInput[] = [];
  readonly outputs: Partial<EvaluationOutput>[] = [];
  readonly alerts = new Map<string, Alert>();
  requests: (hourOfDay: number) => BaselineRequest[] = () => [];

  setRules(rules: readonly Rule[]): void {
    this.rules = [...rules];
  }
  evaluate(input: EvaluationInput): EvaluationOutput {
    this.inputs.push(input);
    const output = { fired: [], cleared: [], intents: [], states: [], isStateChanged: false, ...this.outputs.shift() };
    for (const alert of [...output.fired, ...output.cleared]) this.alerts.set(alert.id, alert);
    return output;
  }
  baselineRequests(hourOfDay: number): BaselineRequest[] {
    return this.requests(hourOfDay);
  }
  active(): Alert[] {
    return [...this.alerts.values()].filter((a) => a.clearedAtMs === null);
  }
  recent(): Alert[] {
    return [...this.alerts.values()].filter((a) => a.clearedAtMs !== null);
  }
  recordOutcomes(alertId: string, outcomes: Alert['actions']): Alert | null {
    const alert = this.alerts.get(alertId);
    if (!alert) return null;
    const updated = { ...alert, actions: [...alert.actions, ...outcomes] };
    this.alerts.set(alertId, updated);
    return updated;
  }
}

type Call = { name: CommandName; args: unknown };

let dir: string;
let timers: FakeTimers;
let evaluator: ScriptedEvaluator;
let calls: Call[];
let answers: Partial<Record<CommandName, CommandResult>>;
let notes: AlertNote[];
let lines: string[];
let broadcasts: Broadcast[];

function service(overrides: { rulesFile?: string | null; isControlAllowed?: boolean; history?: AlertHistory | null } = {}): AlertService {
  const history: AlertHistory = {
    recordAlerts: (n) => notes.push(...n),
    readBaselineSamples: () => Promise.resolve({ ok: true, value: [] }),
  };
  const created = new AlertService({
    evaluator,
    rulesFile: overrides.rulesFile === undefined ? path.join(dir, 'rules.json') : overrides.rulesFile,
    runCommand: <N extends CommandName>(name: N, args: CommandArgs<N>) => {
      calls.push({ name, args });
      return Promise.resolve(answers[name] ?? { ok: true });
    },
    isControlAllowed: overrides.isControlAllowed ?? true,
    ownPids: () => new Set([1]),
    ownUser: 'me',
    history: overrides.history === null ? undefined : (overrides.history ?? history),
    log: (line) => lines.push(line),
    now: () => timers.now(),
    setTimer: (callback, ms) => timers.setTimeout(callback, ms),
    clearTimer: (handle) => timers.clearTimeout(handle),
    platform: 'linux',
  });
  created.onBroadcast((b) => broadcasts.push(b));
  return created;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const intent = (action: ActionIntent['action'], decision: ActionIntent['decision'] = 'act', reason: string | null = null): ActionIntent => ({
  alertId: 'hog:1:1',
  ruleId: 'hog',
  action,
  target: { pid: 4242, startTimeMs: 77, name: 'burn' },
  decision,
  reason,
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-service-'));
  timers = new FakeTimers(FIXTURE_TIME_MS);
  evaluator = new ScriptedEvaluator();
  calls = [];
  answers = {};
  notes = [];
  lines = [];
  broadcasts = [];
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('AlertService rules', () => {
  it('keeps rules across a restart, in a {version: 1, rules} file', async () => {
    const first = service();
    expect(await first.putRule({ rule: rule('a') })).toEqual({ ok: true });
    expect(await first.putRule({ rule: rule('b', { name: 'Second' }) })).toEqual({ ok: true });
    await first.close();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8'))).toMatchObject({ version: 1, rules: [{ id: 'a' }, { id: 'b', name: 'Second' }] });

    evaluator = new ScriptedEvaluator();
    const second = service();
    await second.load();
    expect(second.rulesView().rules).toEqual([rule('a'), rule('b', { name: 'Second' })]);
    expect(evaluator.rules.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('drops a bad rule, keeps the others, and keeps a copy of the file as it was', async () => {
    const file = path.join(dir, 'rules.json');
    const text = JSON.stringify({ version: 1, rules: [rule('good'), { ...rule('bad'), metric: 'loudness' }, rule('also-good')] });
    fs.writeFileSync(file, text);
    const loaded = service();
    await loaded.load();
    expect(loaded.rulesView().rules.map((r) => r.id)).toEqual(['good', 'also-good']);
    expect(lines.join('\n')).toMatch(/rule 2 was dropped: rule: metric/);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('rules.json.bad-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe(text);
    // The file now holds the rules kept: the next start drops nothing and sets nothing aside.
    lines.length = 0;
    await service().load();
    expect(lines).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('rules.json.bad-'))).toHaveLength(1);
  });

  it('sets a corrupt file aside and starts with no rules, without losing the file', async () => {
    const file = path.join(dir, 'rules.json');
    fs.writeFileSync(file, '{"version": 1, "rules": [');
    const loaded = service();
    await loaded.load();
    expect(loaded.rulesView().rules).toEqual([]);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('rules.json.bad-'));
    expect(aside.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))).toEqual(['{"version": 1, "rules": [']);
    expect(lines.join('\n')).toMatch(/not JSON/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ version: 1, rules: [] });
  });

  it('replaces a rule by id, deletes it, and answers NOT_FOUND for an unknown id', async () => {
    const alerts = service({ rulesFile: null });
    await alerts.putRule({ rule: rule('a') });
    await alerts.putRule({ rule: rule('a', { above: 90 }) });
    expect(alerts.rulesView().rules).toEqual([rule('a', { above: 90 })]);
    expect(await alerts.deleteRule({ id: 'nope' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await alerts.deleteRule({ id: 'a' })).toEqual({ ok: true });
    expect(alerts.rulesView().rules).toEqual([]);
    expect(evaluator.rules).toEqual([]);
  });

  it(`refuses a rule past ${MAX_RULES} with INVALID_ARGUMENT, but still replaces one`, async () => {
    const alerts = service({ rulesFile: null });
    for (let i = 0; i < MAX_RULES; i++) await alerts.putRule({ rule: rule(`r${i}`) });
    expect(await alerts.putRule({ rule: rule('one-more') })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await alerts.putRule({ rule: rule('r7', { above: 1 }) })).toEqual({ ok: true });
    expect(alerts.rulesView().rules).toHaveLength(MAX_RULES);
  });

  it('two saves at once both land, in the file too', async () => {
    const alerts = service();
    expect(await Promise.all([alerts.putRule({ rule: rule('a') }), alerts.putRule({ rule: rule('b') }), alerts.deleteRule({ id: 'a' })])).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(alerts.rulesView().rules.map((r) => r.id)).toEqual(['b']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8'))).toMatchObject({ rules: [{ id: 'b' }] });
  });

  it('answers a failed write and keeps the rules it had', async () => {
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    const alerts = service({ rulesFile: path.join(blocker, 'rules.json') });
    expect(await alerts.putRule({ rule: rule('a') })).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(alerts.rulesView().rules).toEqual([]);
  });

  it('broadcasts rules after a put or a delete, and at a tick only when a state changed', async () => {
    const alerts = service({ rulesFile: null });
    await alerts.putRule({ rule: rule('a') });
    expect(broadcasts).toEqual([{ type: 'rules', view: { rules: [rule('a')], states: [expect.objectContaining({ ruleId: 'a', state: 'watching' })], isControlAllowed: true } }]);
    broadcasts.length = 0;
    const pending = { ruleId: 'a', state: 'pending' as const, reason: null, activeCount: 0, lastFiredAtMs: null, firedLastHour: 0, suppressedLastHour: 0 };
    evaluator.outputs.push({ states: [pending], isStateChanged: true }, { states: [pending], isStateChanged: false });
    alerts.onSnapshot(snapshot());
    alerts.onSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 }));
    expect(broadcasts).toEqual([{ type: 'rules', view: expect.objectContaining({ states: [pending] }) }]);
  });
});

describe('AlertService ticks and actions', () => {
  it('hands the evaluator the tick with its own time, local hour, control and own processes', () => {
    const alerts = service({ rulesFile: null, isControlAllowed: false });
    alerts.onSnapshot(snapshot({ takenAtMs: FIXTURE_TIME_MS + 5 }));
    expect(evaluator.inputs[0]).toMatchObject({ nowMs: FIXTURE_TIME_MS + 5, hourOfDay: new Date(FIXTURE_TIME_MS + 5).getHours(), isControlAllowed: false, ownUser: 'me', platform: 'linux' });
    expect([...(evaluator.inputs[0]?.ownPids ?? [])]).toEqual([1]);
  });

  it("an evaluator that throws is logged and the tick goes on (the host's sampling never stops for a rule)", () => {
    const alerts = service({ rulesFile: null });
    evaluator.evaluate = () => {
      throw new Error('bad figure');
    };
    expect(() => alerts.onSnapshot(snapshot())).not.toThrow();
    expect(lines).toEqual(['alerts: the rules could not be evaluated: bad figure']);
  });

  it('publishes fired and cleared alerts and notes them in history', () => {
    const alerts = service({ rulesFile: null });
    const fired = alertOf('hog:1:1');
    evaluator.outputs.push({ fired: [fired] }, { cleared: [{ ...fired, clearedAtMs: FIXTURE_TIME_MS + 20_000 }] });
    alerts.onSnapshot(snapshot());
    alerts.onSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 20_000 }));
    expect(broadcasts.map((b) => (b.type === 'alert' ? [b.alert.id, b.alert.clearedAtMs] : b.type))).toEqual([
      ['hog:1:1', null],
      ['hog:1:1', FIXTURE_TIME_MS + 20_000],
    ]);
    expect(notes).toEqual([
      { atMs: FIXTURE_TIME_MS, pid: 4242, startTimeMs: 77, name: 'burn', detail: 'CPU hog fired: burn (4242): CPU 85 % for 3 s (above 40 %)' },
      { atMs: FIXTURE_TIME_MS + 20_000, pid: 4242, startTimeMs: 77, name: 'burn', detail: 'CPU hog cleared' },
    ]);
    expect(alerts.alertsView().recent.map((a) => a.id)).toEqual(['hog:1:1']);
  });

  it.each<[ActionIntent['action'], CommandName, Record<string, unknown>]>([
    [{ type: 'setEfficiencyMode' }, 'setEfficiencyMode', { pid: 4242, startTimeMs: 77, enabled: true }],
    [{ type: 'setPriority', priority: 'belowNormal' }, 'setPriority', { pid: 4242, startTimeMs: 77, priority: 'belowNormal' }],
    [{ type: 'setPriority', priority: 'idle' }, 'setPriority', { pid: 4242, startTimeMs: 77, priority: 'idle' }],
    [{ type: 'suspend' }, 'suspend', { pid: 4242, startTimeMs: 77 }],
    [{ type: 'end' }, 'kill', { pid: 4242, startTimeMs: 77 }],
    [{ type: 'end', force: true }, 'kill', { pid: 4242, startTimeMs: 77, force: true }],
  ])('carries out %j as the command %s on the target by identity', async (action, name, args) => {
    const alerts = service({ rulesFile: null });
    evaluator.outputs.push({ fired: [alertOf('hog:1:1')], intents: [intent(action)] });
    alerts.onSnapshot(snapshot());
    await settle();
    expect(calls).toEqual([{ name, args }]);
  });

  it('records each outcome on the alert, publishes it again, notes and logs it', async () => {
    const alerts = service({ rulesFile: null });
    await alerts.putRule({ rule: rule('hog', { name: 'CPU hog' }) });
    answers.setPriority = failure('PROTECTED', 'burn is a system process');
    evaluator.outputs.push({ fired: [alertOf('hog:1:1')], intents: [intent({ type: 'setPriority', priority: 'belowNormal' }), intent({ type: 'setEfficiencyMode' })] });
    alerts.onSnapshot(snapshot());
    await settle();
    const outcomes = evaluator.alerts.get('hog:1:1')?.actions.map((a) => [a.outcome, a.detail]);
    expect(outcomes).toEqual([
      ['failed', 'PROTECTED — burn is a system process'],
      ['done', 'put in efficiency mode'],
    ]);
    expect(broadcasts.filter((b) => b.type === 'alert')).toHaveLength(3);
    expect(notes.map((n) => n.detail)).toEqual([
      'CPU hog fired: burn (4242): CPU 85 % for 3 s (above 40 %)',
      'CPU hog: set priority to below normal: PROTECTED — burn is a system process',
      'CPU hog: put in efficiency mode: done',
    ]);
    expect(lines).toContain('alerts: CPU hog: put in efficiency mode on burn (4242): done');
  });

  it('runs nothing for dry runs and skips, adds nothing to the alert (the evaluator put them there), and notes them in history', async () => {
    const alerts = service({ rulesFile: null });
    await alerts.putRule({ rule: rule('hog', { name: 'CPU hog' }) });
    evaluator.outputs.push({
      fired: [alertOf('hog:1:1')],
      intents: [intent({ type: 'setPriority', priority: 'idle' }, 'dryRun', 'the rule is not armed'), intent({ type: 'setEfficiencyMode' }, 'skipped', "another user's process")],
    });
    alerts.onSnapshot(snapshot());
    await settle();
    expect(calls).toEqual([]);
    expect(evaluator.alerts.get('hog:1:1')?.actions).toEqual([]);
    expect(broadcasts.filter((b) => b.type === 'alert')).toHaveLength(1);
    expect(notes.slice(1).map((n) => n.detail)).toEqual(['CPU hog: dry run: would set priority to idle — the rule is not armed', "CPU hog: skipped: another user's process"]);
  });

  it('a command that throws is a failed outcome, not an unhandled rejection', async () => {
    const alerts = new AlertService({
      evaluator,
      rulesFile: null,
      runCommand: () => Promise.reject(new Error('handler broke')),
      isControlAllowed: true,
      ownPids: () => new Set(),
      ownUser: null,
      log: (line) => lines.push(line),
    });
    evaluator.outputs.push({ fired: [alertOf('hog:1:1')], intents: [intent({ type: 'setEfficiencyMode' })] });
    alerts.onSnapshot(snapshot());
    await settle();
    expect(evaluator.alerts.get('hog:1:1')?.actions[0]).toMatchObject({ outcome: 'failed', detail: 'INTERNAL — setEfficiencyMode failed: handler broke' });
  });
});

describe('AlertService suspends', () => {
  async function suspended(): Promise<AlertService> {
    const alerts = service({ rulesFile: null });
    evaluator.outputs.push({ fired: [alertOf('hog:1:1')], intents: [intent({ type: 'suspend' })] });
    alerts.onSnapshot(snapshot());
    await settle();
    return alerts;
  }

  it(`resumes a process a rule suspended after ${SUSPEND_EXPIRY_MS / 60_000} minutes, through the command path, and records it`, async () => {
    await suspended();
    timers.advance(SUSPEND_EXPIRY_MS - 1);
    await settle();
    expect(calls.map((c) => c.name)).toEqual(['suspend']);
    timers.advance(1);
    await settle();
    expect(calls).toEqual([
      { name: 'suspend', args: { pid: 4242, startTimeMs: 77 } },
      { name: 'resume', args: { pid: 4242, startTimeMs: 77 } },
    ]);
    expect(evaluator.alerts.get('hog:1:1')?.actions.at(-1)).toMatchObject({ outcome: 'done', detail: 'resumed (its 10 minutes are up): done' });
    expect(lines.join('\n')).toMatch(/resuming burn \(4242\), which it suspended, because its 10 minutes are up: done/);
  });

  it('keepSuspended cancels the resume; a second one, or one for no pending resume, is NOT_FOUND', async () => {
    const alerts = await suspended();
    expect(await alerts.keepSuspended({ alertId: 'hog:1:1', pid: 4242, startTimeMs: 78 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await alerts.keepSuspended({ alertId: 'hog:1:1', pid: 4242, startTimeMs: 77 })).toEqual({ ok: true });
    expect(await alerts.keepSuspended({ alertId: 'hog:1:1', pid: 4242, startTimeMs: 77 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    timers.advance(SUSPEND_EXPIRY_MS * 2);
    await settle();
    expect(calls.map((c) => c.name)).toEqual(['suspend']);
    expect(evaluator.alerts.get('hog:1:1')?.actions.at(-1)?.detail).toBe('kept suspended by the user');
    await alerts.close();
    expect(calls.map((c) => c.name)).toEqual(['suspend']);
  });

  it('close resumes what rules still hold suspended, says why, and leaves no timer', async () => {
    const alerts = await suspended();
    await alerts.close();
    expect(calls.map((c) => c.name)).toEqual(['suspend', 'resume']);
    expect(lines.join('\n')).toMatch(/resuming burn \(4242\), which it suspended, because the app is closing/);
    expect(timers.pendingCount).toBe(0);
  });

  it('a suspend that failed is not resumed', async () => {
    answers.suspend = failure('ACCESS_DENIED', 'not yours');
    const alerts = await suspended();
    await alerts.close();
    expect(calls.map((c) => c.name)).toEqual(['suspend']);
  });
});

describe('AlertService baselines', () => {
  const request = (hourOfDay: number): BaselineRequest => ({ key: `machine:cpuPercent::${hourOfDay}`, scope: 'machine', metric: 'cpuPercent', app: null, hourOfDay });

  it('answers reading until history answers, then the baseline; once per hour', async () => {
    let asked = 0;
    const history: AlertHistory = {
      recordAlerts: () => undefined,
      readBaselineSamples: (query) => {
        asked += 1;
        expect(query.windows).toHaveLength(7);
        return Promise.resolve({ ok: true, value: [10, 20, 30].map((value, i) => ({ atMs: query.windows[i]?.fromMs ?? 0, value })) });
      },
    };
    evaluator.requests = (hour) => [request(hour)];
    const alerts = service({ rulesFile: null, history });
    const hour = new Date(FIXTURE_TIME_MS).getHours();
    alerts.onSnapshot(snapshot());
    expect(evaluator.inputs[0]?.baselines.get(request(hour).key)).toEqual({ state: 'reading' });
    await settle();
    alerts.onSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 }));
    const known = evaluator.inputs[1]?.baselines.get(request(hour).key);
    expect(known).toMatchObject({ state: 'known', baseline: { mean: 20, samples: 3, days: 3, hourOfDay: hour } });
    expect(asked).toBe(1);
  });

  it('is missing, with the reason, without history or when history holds nothing', async () => {
    evaluator.requests = (hour) => [request(hour)];
    const hour = new Date(FIXTURE_TIME_MS).getHours();
    const off = service({ rulesFile: null, history: null });
    off.onSnapshot(snapshot());
    expect(evaluator.inputs[0]?.baselines.get(request(hour).key)).toEqual({ state: 'missing', reason: expect.stringMatching(/history is off/) });
    const empty = service({ rulesFile: null });
    empty.onSnapshot(snapshot());
    await settle();
    empty.onSnapshot(snapshot());
    expect(evaluator.inputs[2]?.baselines.get(request(hour).key)).toEqual({ state: 'missing', reason: expect.stringMatching(/holds nothing/) });
  });
});

describe('AlertService with the real evaluator', () => {
  it('an anomaly rule is inactive while its baseline is read, then fires far above it, saying what is usual', async () => {
    const history: AlertHistory = {
      recordAlerts: (n) => notes.push(...n),
      // Three days at this hour: CPU 9–11 %.
      readBaselineSamples: (query) => Promise.resolve({ ok: true, value: query.windows.slice(-3).flatMap((w) => [9, 10, 11].map((value, i) => ({ atMs: w.fromMs + i * 60_000, value }))) }),
    };
    const alerts = new AlertService({
      evaluator: createRuleEvaluator(),
      rulesFile: null,
      runCommand: () => Promise.resolve({ ok: true }),
      isControlAllowed: false,
      ownPids: () => new Set(),
      ownUser: null,
      history,
      log: (line) => lines.push(line),
      platform: 'linux',
    });
    await alerts.putRule({ rule: { ...rule('spike'), name: 'CPU spike', scope: 'machine', match: undefined, above: undefined, baseline: { sigmas: 4 }, forSeconds: 0 } });
    const busy = (seq: number) => snapshot({ seq, takenAtMs: FIXTURE_TIME_MS + seq * 1000, cpu: { ...snapshot().cpu, totalPercent: 90 } });
    alerts.onSnapshot(busy(1));
    expect(alerts.rulesView().states[0]).toMatchObject({ state: 'inactive', reason: expect.stringMatching(/baseline/) });
    await settle();
    alerts.onSnapshot(busy(2));
    expect(alerts.rulesView().states[0]).toMatchObject({ state: 'firing' });
    expect(alerts.alertsView().active.map((a) => a.message)).toEqual([expect.stringMatching(/usually/)]);
  });
});
