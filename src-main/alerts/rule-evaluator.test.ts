import { describe, expect, it } from 'vitest';
import { MAX_RECENT_ALERTS, type Rule, type RuleInput } from '../../src-shared/alerts.ts';
import { parseRule } from '../../src-shared/alert-schema.ts';
import type { App, ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';
import { cpuFigures, FIXTURE_TIME_MS, memoryFigures, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { baselineKey, type BaselineAnswer, type EvaluationInput, type EvaluationOutput, type RuleEvaluator } from './evaluation.ts';
import { leakSpacingMs } from './leak-slope.ts';
import { createRuleEvaluator } from './rule-evaluator.ts';

const MB = 1024 * 1024;

/** A rule through main's parser, so that every default is the one a client gets. */
function rule(input: Partial<RuleInput> & Pick<RuleInput, 'scope' | 'metric'>, id = 'r1'): Rule {
  const parsed = parseRule({ id, name: input.name ?? 'test rule', ...input });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const user = (pid: number, overrides: Partial<ProcessRow> = {}) => processRow({ pid, name: 'burn', user: 'me', exePath: '/usr/bin/burn', ...overrides });

/** One tick at `seconds` after the fixtures' time. */
function at(seconds: number, snap: Partial<Snapshot> = {}, overrides: Partial<EvaluationInput> = {}): EvaluationInput {
  const nowMs = FIXTURE_TIME_MS + seconds * 1000;
  return {
    snapshot: snapshot({ takenAtMs: nowMs, ...snap }),
    nowMs,
    hourOfDay: 14,
    baselines: new Map(),
    isControlAllowed: true,
    ownPids: new Set([99]),
    ownUser: 'me',
    platform: 'linux',
    ...overrides,
  };
}

/** Runs one rule over a stream of one process's CPU % (null: unknown, a first sample; 'gone': it exited), one tick a second. */
function cpuStream(ruleInput: Partial<RuleInput>, cpu: (number | null | 'gone')[]): { outputs: EvaluationOutput[]; evaluator: RuleEvaluator } {
  const evaluator = createRuleEvaluator();
  evaluator.setRules([rule({ scope: 'process', metric: 'cpuPercent', match: { name: 'burn' }, above: 40, ...ruleInput })]);
  const outputs = cpu.map((value, s) => evaluator.evaluate(at(s, { processes: value === 'gone' ? [] : [user(4242, { cpuPercent: value })] })));
  return { outputs, evaluator };
}

const ticksWith = (outputs: EvaluationOutput[], pick: (o: EvaluationOutput) => unknown[]) => outputs.flatMap((o, s) => (pick(o).length > 0 ? [s] : []));

describe('durations and hysteresis', () => {
  it.each<[string, Partial<RuleInput>, (number | null | 'gone')[], number[], number[]]>([
    // rule, CPU per second, seconds that fire, seconds that clear
    ['fires at exactly forSeconds, not before', { forSeconds: 3 }, [85, 85, 85, 85, 85], [3], []],
    ['at once with forSeconds 0', { forSeconds: 0 }, [10, 85], [1], []],
    ['a dip restarts the count', { forSeconds: 3 }, [85, 85, 10, 85, 85, 85, 85], [6], []],
    ['never when it never holds long enough', { forSeconds: 3 }, [85, 85, 85, 10, 85, 85, 85, 10], [], []],
    ['below instead of above', { above: undefined, below: 5, forSeconds: 1 }, [50, 2, 1, 3], [2], []],
    ['flapping does not fire again, clears after clearSeconds false', { forSeconds: 0, clearSeconds: 3 }, [85, 10, 85, 10, 85, 10, 10, 10, 10], [0], [8]],
    ['clears at the first false tick with clearSeconds 0', { forSeconds: 0, clearSeconds: 0 }, [85, 85, 10, 85], [0, 3], [2]],
    ['a process that exits clears at once', { forSeconds: 0, clearSeconds: 60 }, [85, 'gone'], [0], [1]],
    ['an exited process that was pending starts afresh', { forSeconds: 1 }, [85, 'gone', 85, 85], [3], []],
    ['an unknown figure neither breaks the count nor clears', { forSeconds: 2, clearSeconds: 0 }, [85, null, 85, null, 10], [2], [4]],
    // The same over any process (one pass over the tick's figures, then the processes the rule remembers).
    ['any process: fires at exactly forSeconds', { match: {}, forSeconds: 3 }, [85, 85, 85, 85, 85], [3], []],
    ['any process: flapping does not fire again', { match: {}, forSeconds: 0, clearSeconds: 3 }, [85, 10, 85, 10, 85, 10, 10, 10, 10], [0], [8]],
    ['any process: an exit clears at once', { match: {}, forSeconds: 0, clearSeconds: 60 }, [85, 'gone'], [0], [1]],
    ['any process: an unknown figure keeps the alert', { match: {}, forSeconds: 0, clearSeconds: 0 }, [85, null, 85, 10], [0], [3]],
    ['any process: below', { match: {}, above: undefined, below: 5, forSeconds: 1, clearSeconds: 0 }, [50, 2, 1, 3, 9], [2], [4]],
  ])('%s', (_, ruleInput, cpu, firedAt, clearedAt) => {
    const { outputs } = cpuStream(ruleInput, cpu);
    expect(ticksWith(outputs, (o) => o.fired)).toEqual(firedAt);
    expect(ticksWith(outputs, (o) => o.cleared)).toEqual(clearedAt);
  });

  it('says pending, then firing, with a message that explains itself', () => {
    const { outputs, evaluator } = cpuStream({ forSeconds: 3 }, [85, 85, 85, 85]);
    expect(outputs.map((o) => o.states[0]?.state)).toEqual(['pending', 'pending', 'pending', 'firing']);
    const alert = outputs[3]?.fired[0];
    expect(alert).toMatchObject({
      id: `r1:${FIXTURE_TIME_MS + 3000}:1`,
      ruleId: 'r1',
      subject: { kind: 'process', pid: 4242, startTimeMs: FIXTURE_TIME_MS, name: 'burn' },
      value: 85,
      clearedAtMs: null,
      message: 'burn (4242): CPU 85 % for 3 s (above 40 %)',
    });
    expect(evaluator.active()).toEqual([alert]);
    expect(outputs[3]?.states[0]).toMatchObject({ activeCount: 1, firedLastHour: 1, lastFiredAtMs: FIXTURE_TIME_MS + 3000 });
  });

  it('changes isStateChanged only when a state changed', () => {
    const { outputs } = cpuStream({ forSeconds: 2 }, [10, 10, 85, 85, 85, 85, 85]);
    expect(outputs.map((o) => o.isStateChanged)).toEqual([true, false, true, false, true, false, false]);
  });

  it('moves a cleared alert to recent with its clear time, newest first, at most MAX_RECENT_ALERTS', () => {
    const flaps = Array.from({ length: MAX_RECENT_ALERTS + 5 }, () => [85, 10]).flat();
    const { outputs, evaluator } = cpuStream({ forSeconds: 0, clearSeconds: 0, maxPerHour: 60 }, flaps.slice(0, 4));
    expect(evaluator.recent().map((a) => a.clearedAtMs)).toEqual([FIXTURE_TIME_MS + 3000, FIXTURE_TIME_MS + 1000]);
    expect(outputs[1]?.cleared[0]?.id).toBe(outputs[0]?.fired[0]?.id);
    const many = createRuleEvaluator();
    many.setRules([rule({ scope: 'process', metric: 'cpuPercent', above: 40, clearSeconds: 0, maxPerHour: 60 })]);
    // A new process each tick: 60 an hour, over 5 hours, each cleared when it exits.
    for (let s = 0; s < MAX_RECENT_ALERTS + 5; s++) many.evaluate(at(s * 61, { processes: [user(1000 + s, { cpuPercent: 90 })] }));
    expect(many.recent().length).toBe(MAX_RECENT_ALERTS);
    expect(many.recent()[0]?.subject).toMatchObject({ pid: 1000 + MAX_RECENT_ALERTS + 3 });
  });
});

describe('maxPerHour and the action rate limit', () => {
  it('fires at most maxPerHour episodes in a sliding hour and counts the rest as suppressed, without intents', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'process', metric: 'cpuPercent', match: { name: 'burn' }, above: 40, clearSeconds: 0, maxPerHour: 2, actions: [{ type: 'setEfficiencyMode' }] })]);
    // Episodes start at 0, 600, 1200 and 1800 s; each lasts a tick.
    const outputs: EvaluationOutput[] = [];
    for (const start of [0, 600, 1200, 1800, 3601]) {
      outputs.push(evaluator.evaluate(at(start, { processes: [user(4242, { cpuPercent: 90 })] })));
      outputs.push(evaluator.evaluate(at(start + 1, { processes: [user(4242, { cpuPercent: 1 })] })));
    }
    expect(outputs.map((o) => o.fired.length)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 0]);
    expect(outputs.map((o) => o.intents.length)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 0]);
    expect(outputs[6]?.states[0]).toMatchObject({ firedLastHour: 2, suppressedLastHour: 2, state: 'watching' });
    // At 3601 s the first episode left the hour: one fires again.
    expect(outputs[8]?.states[0]).toMatchObject({ firedLastHour: 2, suppressedLastHour: 2 });
  });

  it('lets at most 20 actions act a minute across rules; the rest are skipped and say why', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([
      rule({ scope: 'process', metric: 'cpuPercent', above: 40, armed: true, maxPerHour: 60, actions: [{ type: 'setPriority', priority: 'belowNormal' }] }, 'a'),
      rule({ scope: 'process', metric: 'cpuPercent', above: 50, armed: true, maxPerHour: 60, actions: [{ type: 'setEfficiencyMode' }] }, 'b'),
    ]);
    const processes = Array.from({ length: 15 }, (_, i) => user(2000 + i, { cpuPercent: 90 }));
    const first = evaluator.evaluate(at(0, { processes }));
    expect(first.intents.filter((i) => i.decision === 'act').length).toBe(20);
    const skipped = first.intents.filter((i) => i.decision === 'skipped');
    expect(skipped.length).toBe(10);
    expect(skipped.every((i) => i.reason === 'rate limit: 20 actions a minute')).toBe(true);
    // The skipped ones are on their alerts at once; the acted ones come later through recordOutcomes.
    expect(first.fired.flatMap((a) => a.actions).map((o) => o.outcome)).toEqual(Array.from({ length: 10 }, () => 'skipped'));
    const fresh = Array.from({ length: 5 }, (_, i) => user(3000 + i, { cpuPercent: 90 }));
    expect(evaluator.evaluate(at(30, { processes: [...processes, ...fresh] })).intents.filter((i) => i.decision === 'act').length).toBe(0);
    expect(evaluator.evaluate(at(61, { processes: [...processes, ...fresh, user(4000, { cpuPercent: 90 })] })).intents.filter((i) => i.decision === 'act').length).toBe(2);
  });
});

describe('action decisions on a fired alert', () => {
  const priority = { type: 'setPriority', priority: 'belowNormal' } as const;
  it.each<[string, Partial<RuleInput>, Partial<ProcessRow>, Partial<EvaluationInput>, string, string | null, string | null]>([
    // rule, process, input, decision, intent's reason, the alert's outcome detail
    ['armed: acts', { armed: true }, {}, {}, 'act', null, null],
    ['not armed: a dry run', {}, {}, {}, 'dryRun', 'the rule is not armed', 'dry run: would set priority to below normal — the rule is not armed'],
    ['control off: a dry run', { armed: true }, {}, { isControlAllowed: false }, 'dryRun', 'control is not allowed here (serve --allow-control)', 'dry run: would set priority to below normal — control is not allowed here (serve --allow-control)'],
    ["this app's own process", { armed: true }, { pid: 99 }, {}, 'skipped', "this app's own process", "skipped: this app's own process"],
    ["another user's process", { armed: true }, { user: 'root' }, {}, 'skipped', "another user's process: the rule does not have anyUser", "skipped: another user's process: the rule does not have anyUser"],
    ["another user's process with anyUser", { armed: true, anyUser: true }, { user: 'root' }, {}, 'act', null, null],
    ['an unknown owner', { armed: true }, { user: null }, {}, 'skipped', "the process's owner is not known: the rule does not have anyUser", "skipped: the process's owner is not known: the rule does not have anyUser"],
  ])('%s', (_, ruleInput, row, inputOverrides, decision, reason, detail) => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'process', metric: 'cpuPercent', match: { name: 'burn' }, above: 40, actions: [priority], ...ruleInput })]);
    const target = user(4242, { cpuPercent: 90, ...row });
    const output = evaluator.evaluate(at(0, { processes: [target] }, inputOverrides));
    const alert = output.fired[0];
    expect(output.intents).toEqual([{ alertId: alert?.id, ruleId: 'r1', action: priority, target: { pid: target.pid, startTimeMs: FIXTURE_TIME_MS, name: 'burn' }, decision, reason }]);
    expect(alert?.actions.map((o) => o.detail)).toEqual(detail === null ? [] : [detail]);
  });

  it('acts on each member of an app, and records outcomes added later', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'app', metric: 'cpuPercent', match: { app: 'Burner' }, above: 40, armed: true, actions: [{ type: 'setEfficiencyMode' }] })]);
    const members = [user(10, { cpuPercent: 30 }), user(11, { cpuPercent: 20 })];
    const app: App = { id: 'burner', name: 'Burner', category: 'app', members: members.map(({ pid, startTimeMs }) => ({ pid, startTimeMs })), isResponding: null };
    const output = evaluator.evaluate(at(0, { processes: members, apps: [app] }));
    expect(output.fired[0]).toMatchObject({ subject: { kind: 'app', appId: 'burner', name: 'Burner' }, value: 50, message: 'Burner: CPU 50 % (above 40 %)' });
    expect(output.intents.map((i) => [i.target.pid, i.decision])).toEqual([
      [10, 'act'],
      [11, 'act'],
    ]);
    const id = output.fired[0]?.id ?? '';
    const done = { action: { type: 'setEfficiencyMode' } as const, target: { pid: 10, startTimeMs: FIXTURE_TIME_MS, name: 'burn' }, outcome: 'done' as const, detail: 'put in efficiency mode', atMs: FIXTURE_TIME_MS };
    expect(evaluator.recordOutcomes(id, [done])?.actions).toEqual([done]);
    expect(evaluator.active()[0]?.actions).toEqual([done]);
    expect(evaluator.recordOutcomes('r1:0:404', [done])).toBeNull();
  });

  it('says in its state why a rule with actions is a dry run', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'process', metric: 'cpuPercent', above: 40, actions: [{ type: 'setEfficiencyMode' }] }), rule({ scope: 'process', metric: 'cpuPercent', above: 40, armed: true, actions: [{ type: 'setEfficiencyMode' }] }, 'r2')]);
    const states = evaluator.evaluate(at(0, {}, { isControlAllowed: false })).states;
    expect(states.map((s) => s.reason)).toEqual(['the rule is not armed: a dry run', 'control is not allowed here (serve --allow-control): a dry run']);
  });
});

describe('leaks', () => {
  const SPACING_S = leakSpacingMs(600_000) / 1000;
  const leakRule = rule({ scope: 'process', metric: 'memoryGrowthBytesPerMin', match: { name: 'burn' }, above: 50 * MB, forSeconds: 600 });
  it.each<[string, (s: number) => number, number | null]>([
    ['growing 60 MB a minute fires once 90 % of the window is covered', (s) => 500 * MB + s * MB, 540],
    ['growing 60 MB a minute in 40 steps fires too', (s) => 500 * MB + Math.floor(s / 15) * 15 * MB, 540],
    ['flat memory never fires', () => 800 * MB, null],
    ['noise of ±200 MB around a flat line never fires', (s) => 800 * MB + (((s * 7919) % 401) - 200) * MB, null],
    ['growing 40 MB a minute stays under 50', (s) => 500 * MB + (s * 40 * MB) / 60, null],
  ])('%s', (_, memoryAt, firedAt) => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([leakRule]);
    let fired: number | null = null;
    for (let s = 0; s <= 900 && fired === null; s++) if (evaluator.evaluate(at(s, { processes: [user(4242, { memoryBytes: memoryAt(s) })] })).fired.length > 0) fired = s;
    // Once 90 % of the 600 s window is covered, at the process's next sample (each is sampled once a spacing, at an offset of its own).
    if (firedAt === null) expect(fired).toBeNull();
    else expect(fired).toSatisfy((s: number) => s >= firedAt && s < firedAt + SPACING_S);
    if (firedAt !== null) expect(evaluator.active()[0]?.message).toBe('burn (4242): memory growing 60 MB/min over 10 min (above 50 MB/min)');
  });

  it('starts a process reusing a pid afresh', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([leakRule]);
    for (let s = 0; s < 500; s++) evaluator.evaluate(at(s, { processes: [user(4242, { memoryBytes: 500 * MB + s * MB })] }));
    const reused = (s: number) => at(s, { processes: [user(4242, { startTimeMs: FIXTURE_TIME_MS + 500_000, memoryBytes: 900 * MB + s * MB })] });
    const firedAt: number[] = [];
    for (let s = 500; s < 1100; s++) if (evaluator.evaluate(reused(s)).fired.length > 0) firedAt.push(s);
    expect(firedAt).toHaveLength(1);
    // A new process waits for its turn to be sampled first: at most a spacing more.
    expect(firedAt[0]).toSatisfy((s: number) => s >= 1040 && s < 1040 + 2 * SPACING_S);
  });
});

describe('anomalies against a baseline', () => {
  const key = baselineKey({ scope: 'app', metric: 'memoryBytes', app: 'Chrome', hourOfDay: 14 });
  const chromeRule = rule({ scope: 'app', metric: 'memoryBytes', match: { app: 'Chrome' }, baseline: { sigmas: 4 } });
  const chrome = (memoryBytes: number): Partial<Snapshot> => ({
    processes: [user(10, { name: 'chrome', memoryBytes })],
    apps: [{ id: 'chrome', name: 'Chrome', category: 'app', members: [{ pid: 10, startTimeMs: FIXTURE_TIME_MS }], isResponding: null }],
  });
  const known = (mean: number, sigma: number, days: number): BaselineAnswer => ({ state: 'known', baseline: { mean, sigma, days, samples: days * 60, hourOfDay: 14 } });

  it.each<[string, BaselineAnswer | undefined, number, string, string | null, boolean]>([
    // answer, memory now, state, reason, fires
    ['above mean + 4σ fires', known(750 * MB, 150 * MB, 7), 1400 * MB, 'firing', null, true],
    ['at mean + 4σ does not', known(750 * MB, 150 * MB, 7), 1350 * MB, 'watching', null, false],
    ['fewer than 3 days: inactive', known(750 * MB, 150 * MB, 2), 9000 * MB, 'inactive', 'needs 3 days of history at this hour (has 2)', false],
    ['being read: inactive', { state: 'reading' }, 9000 * MB, 'inactive', 'reading its baseline from history', false],
    ['not asked yet: inactive', undefined, 9000 * MB, 'inactive', 'reading its baseline from history', false],
    ['missing: inactive with the reason', { state: 'missing', reason: 'history is not recorded' }, 9000 * MB, 'inactive', 'history is not recorded', false],
  ])('%s', (_, answer, memoryBytes, state, reason, fires) => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([chromeRule]);
    const output = evaluator.evaluate(at(0, chrome(memoryBytes), { baselines: new Map(answer ? [[key, answer]] : []) }));
    expect(output.states[0]).toMatchObject({ state, reason });
    expect(output.fired.length).toBe(fires ? 1 : 0);
  });

  it('explains itself with the usual band', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([chromeRule]);
    const output = evaluator.evaluate(at(0, chrome(2.1 * 1024 * MB), { baselines: new Map([[key, known(750 * MB, 150 * MB, 7)]]) }));
    expect(output.fired[0]?.message).toBe('Chrome: 2.1 GB, usually 600–900 MB at this hour');
  });

  it('asks once for each baseline its rules need, none for a disabled rule', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([
      chromeRule,
      { ...chromeRule, id: 'same-figure', baseline: { sigmas: 3 } },
      rule({ scope: 'machine', metric: 'diskBytesPerSec', baseline: { sigmas: 4 } }, 'disk'),
      rule({ scope: 'machine', metric: 'cpuPercent', baseline: { sigmas: 4 }, enabled: false }, 'off'),
      rule({ scope: 'machine', metric: 'cpuPercent', above: 90 }, 'plain'),
    ]);
    expect(evaluator.baselineRequests(3)).toEqual([
      { key: 'app:memoryBytes:Chrome:3', scope: 'app', metric: 'memoryBytes', app: 'Chrome', hourOfDay: 3 },
      { key: 'machine:diskBytesPerSec::3', scope: 'machine', metric: 'diskBytesPerSec', app: null, hourOfDay: 3 },
    ]);
  });

  it("watches a machine's disks together against their baseline", () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'machine', metric: 'diskBytesPerSec', baseline: { sigmas: 4 } })]);
    const disks = [
      { id: 'sda', name: 'sda', readBytesPerSec: 30 * MB, writeBytesPerSec: 0, activePercent: null, responseTimeMs: null },
      { id: 'sdb', name: 'sdb', readBytesPerSec: null, writeBytesPerSec: 30 * MB, activePercent: null, responseTimeMs: null },
    ];
    const baselines = new Map([[baselineKey({ scope: 'machine', metric: 'diskBytesPerSec', app: null, hourOfDay: 14 }), known(10 * MB, 10 * MB, 3)]]);
    const output = evaluator.evaluate(at(0, { disks }, { baselines }));
    expect(output.fired[0]).toMatchObject({ subject: { kind: 'machine', device: null }, value: 60 * MB, message: 'Disk 60 MB/s, usually 0–20 MB/s at this hour' });
  });
});

describe('machine rules and figures that are not known here', () => {
  const disk = (name: string, readBytesPerSec: number | null) => ({ id: name, name, readBytesPerSec, writeBytesPerSec: null, activePercent: null, responseTimeMs: null });
  it.each<[string, Partial<RuleInput> & Pick<RuleInput, 'scope' | 'metric'>, Partial<Snapshot>, string, string | null, string[]]>([
    // rule, snapshot, state, reason, messages fired
    ['low memory', { scope: 'machine', metric: 'memoryAvailableBytes', below: 500 * MB }, { memory: memoryFigures({ availableBytes: 420 * MB }) }, 'firing', null, ['Available memory 420 MB (below 500 MB)']],
    ['machine CPU', { scope: 'machine', metric: 'cpuPercent', above: 80 }, { cpu: cpuFigures({ totalPercent: 95 }) }, 'firing', null, ['CPU 95 % (above 80 %)']],
    ['machine CPU on a first sample', { scope: 'machine', metric: 'cpuPercent', above: 80 }, {}, 'inactive', 'CPU use is not known yet (it needs two samples)', []],
    ['memory in use', { scope: 'machine', metric: 'memoryUsedPercent', above: 20 }, {}, 'firing', null, ['Memory in use 25 % (above 20 %)']],
    ['any disk fires per disk', { scope: 'machine', metric: 'diskBytesPerSec', above: 10 * MB }, { disks: [disk('sda', 20 * MB), disk('sdb', 1 * MB), disk('sdc', 30 * MB)] }, 'firing', null, ['Disk sda 20 MB/s (above 10 MB/s)', 'Disk sdc 30 MB/s (above 10 MB/s)']],
    ['one named disk', { scope: 'machine', metric: 'diskBytesPerSec', above: 10 * MB, match: { device: 'sdc' } }, { disks: [disk('sda', 20 * MB), disk('sdc', 30 * MB)] }, 'firing', null, ['Disk sdc 30 MB/s (above 10 MB/s)']],
    ['a disk that is not there', { scope: 'machine', metric: 'diskBytesPerSec', above: 10 * MB, match: { device: 'nvme9' } }, { disks: [disk('sda', 20 * MB)] }, 'inactive', 'there is no disk "nvme9" on this machine', []],
    ['no GPU', { scope: 'machine', metric: 'gpuPercent', above: 50 }, {}, 'inactive', 'no GPU is measured on this machine', []],
    ['a disk whose rate is unknown', { scope: 'machine', metric: 'diskBytesPerSec', above: 10 * MB }, { disks: [disk('sda', null)] }, 'inactive', 'disk throughput is not measured on this machine', []],
    ['private memory not measured here', { scope: 'process', metric: 'memoryBytes', above: MB }, { processes: [user(1), user(2)] }, 'inactive', 'private memory of processes is not measured on this machine', []],
    ['one process with memory known is enough', { scope: 'process', metric: 'memoryBytes', above: MB }, { processes: [user(1), user(2, { memoryBytes: 2 * MB })] }, 'firing', null, ['burn (2): memory 2 MB (above 1 MB)']],
    ['no matching process: watching', { scope: 'process', metric: 'cpuPercent', above: 1, match: { name: 'nothing' } }, { processes: [user(1, { cpuPercent: 50 })] }, 'watching', null, []],
    ['disabled', { scope: 'machine', metric: 'cpuPercent', above: 1, enabled: false }, { cpu: cpuFigures({ totalPercent: 95 }) }, 'disabled', null, []],
  ])('%s', (_, ruleInput, snap, state, reason, messages) => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule(ruleInput)]);
    const output = evaluator.evaluate(at(0, snap));
    expect(output.states[0]).toMatchObject({ state, reason });
    expect(output.fired.map((a) => a.message)).toEqual(messages);
  });

  it('clears the alert of a disk that went away at once', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'machine', metric: 'diskBytesPerSec', above: 10 * MB, clearSeconds: 60 })]);
    evaluator.evaluate(at(0, { disks: [disk('sda', 20 * MB), disk('sdb', 20 * MB)] }));
    const output = evaluator.evaluate(at(1, { disks: [disk('sda', 20 * MB)] }));
    expect(output.cleared.map((a) => a.subject)).toEqual([{ kind: 'machine', device: 'sdb' }]);
  });
});

describe('events', () => {
  const started = rule({ scope: 'process', metric: 'started', match: { name: 'notepad.exe' } });
  const exited = rule({ scope: 'process', metric: 'exited', match: { name: 'notepad' } }, 'r2');
  const notepad = (pid: number) => processRow({ pid, name: 'notepad', user: 'me' });

  it('fires started and exited for what came and went, not for what ran at the first tick', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([started, exited]);
    const stream = [[notepad(1)], [notepad(1), notepad(2)], [notepad(2)], [notepad(2)]];
    const outputs = stream.map((processes, s) => evaluator.evaluate(at(s, { processes })));
    expect(outputs.map((o) => o.fired.map((a) => a.message))).toEqual([[], ['notepad (2) started'], ['notepad (1) exited'], []]);
    // Cleared at once, but kept in recent; nothing left active, nothing in `cleared`.
    expect(outputs[1]?.fired[0]?.clearedAtMs).toBe(outputs[1]?.fired[0]?.firedAtMs);
    expect(outputs.flatMap((o) => o.cleared)).toEqual([]);
    expect(evaluator.active()).toEqual([]);
    expect(evaluator.recent().map((a) => a.message)).toEqual(['notepad (1) exited', 'notepad (2) started']);
  });

  it('keeps what an unchanged rule saw when the rules are replaced, and a changed rule starts afresh', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([started]);
    evaluator.evaluate(at(0, { processes: [notepad(1)] }));
    evaluator.setRules([started]);
    expect(evaluator.evaluate(at(1, { processes: [notepad(1), notepad(2)] })).fired.length).toBe(1);
    evaluator.setRules([{ ...started, name: 'renamed' }]);
    expect(evaluator.evaluate(at(2, { processes: [notepad(1), notepad(2), notepad(3)] })).fired.length).toBe(0);
    expect(evaluator.evaluate(at(3, { processes: [notepad(1), notepad(2), notepad(3), notepad(4)] })).fired.map((a) => a.message)).toEqual(['notepad (4) started']);
  });

  it('fires started for an app', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'app', metric: 'started', match: { app: 'Notepad' } })]);
    evaluator.evaluate(at(0));
    const app: App = { id: 'n', name: 'Notepad', category: 'app', members: [{ pid: 1, startTimeMs: FIXTURE_TIME_MS }], isResponding: null };
    expect(evaluator.evaluate(at(1, { processes: [notepad(1)], apps: [app] })).fired.map((a) => a.message)).toEqual(['Notepad started']);
  });
});

describe('setRules', () => {
  it('keeps an unchanged rule firing, clears a changed or removed rule at the next tick', () => {
    const evaluator = createRuleEvaluator();
    const hog = rule({ scope: 'process', metric: 'cpuPercent', above: 40 });
    const other = rule({ scope: 'process', metric: 'cpuPercent', above: 30 }, 'r2');
    const busy = { processes: [user(4242, { cpuPercent: 90 })] };
    evaluator.evaluate(at(0, busy));
    evaluator.setRules([hog, other]);
    expect(evaluator.evaluate(at(1, busy)).fired.length).toBe(2);
    evaluator.setRules([hog, other]);
    const unchanged = evaluator.evaluate(at(2, busy));
    expect([unchanged.fired.length, unchanged.cleared.length, unchanged.isStateChanged]).toEqual([0, 0, false]);
    evaluator.setRules([{ ...hog, above: 50 }]);
    const changed = evaluator.evaluate(at(3, busy));
    expect(changed.cleared.map((a) => [a.ruleId, a.clearedAtMs])).toEqual([
      ['r1', FIXTURE_TIME_MS + 3000],
      ['r2', FIXTURE_TIME_MS + 3000],
    ]);
    // The changed rule starts afresh: its condition still holds, so it fires a new alert.
    expect(changed.fired.map((a) => a.ruleId)).toEqual(['r1']);
    expect(changed.states.map((s) => s.ruleId)).toEqual(['r1']);
  });

  it('compares names case-insensitively on Windows', () => {
    const evaluator = createRuleEvaluator();
    evaluator.setRules([rule({ scope: 'process', metric: 'cpuPercent', match: { name: 'BURN' }, above: 40 })]);
    const busy = { processes: [user(4242, { name: 'burn.exe', cpuPercent: 90 })] };
    expect(evaluator.evaluate(at(0, busy)).fired.length).toBe(0);
    expect(evaluator.evaluate(at(1, busy, { platform: 'win32' })).fired.length).toBe(1);
  });
});
