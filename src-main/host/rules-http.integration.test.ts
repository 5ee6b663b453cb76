/**
 * The rules and alerts routes over real HTTP on loopback, in this process: `createHttpApi` with the
 * core's `answerQuery` and command handlers, and a fake alert service (rules kept in a Map, every
 * command recorded). What the real service does with a rule is its own tests' business; here: the
 * path and body to the command, the policy (a view-only token may watch, only control may act),
 * and the refusals' statuses.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertsView, Rule, RulesView } from '../../src-shared/alerts.ts';
import { failure, type CommandArgs, type CommandResult } from '../../src-shared/commands.ts';
import { snapshot } from '../../src-shared/testing/fixtures.ts';
import type { AlertControl, AlertSource } from '../alerts/alert-source.ts';
import { createCommandHandlers } from '../control/command-handlers.ts';
import { NO_INVENTORY } from '../core/inventory-source.ts';
import { answerQuery } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import { AuthThrottle } from './auth-throttle.ts';
import { HostTokens } from './host-tokens.ts';
import { createHttpApi } from './http-api.ts';
import { RULE_ACTIONS_NEED_CONTROL } from './remote-commands.ts';

const TOKEN = 'rules-http-test-token-0123456789';
/** The simplest rule, as a client sends it. */
const SIMPLEST = { name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, actions: [] };
const WITH_ACTION = { ...SIMPLEST, name: 'Tame the hog', actions: [{ type: 'setPriority', priority: 'belowNormal' }] };
const FIRED: Alert = {
  id: 'hog:1000:1',
  ruleId: 'hog',
  ruleName: 'CPU hog',
  subject: { kind: 'process', pid: 4242, startTimeMs: 1, name: 'burn' },
  firedAtMs: 1000,
  clearedAtMs: null,
  value: 85,
  message: 'burn (4242): CPU 85 % for 3 s (above 40 %)',
  actions: [],
};

/** The alert service as these routes see it: rules in a Map, one active alert, every command recorded. */
class FakeAlerts implements AlertSource, AlertControl {
  rules = new Map<string, Rule>();
  commands: { name: string; args: unknown }[] = [];

  rulesView(): RulesView {
    const rules = [...this.rules.values()];
    return { rules, states: rules.map((rule) => ({ ruleId: rule.id, state: 'firing', reason: null, activeCount: rule.id === 'hog' ? 1 : 0, lastFiredAtMs: 1000, firedLastHour: 1, suppressedLastHour: 0 })), isControlAllowed: false };
  }
  alertsView(): AlertsView {
    return { active: [FIRED], recent: [] };
  }
  putRule(args: CommandArgs<'putRule'>): Promise<CommandResult> {
    this.commands.push({ name: 'putRule', args });
    this.rules.set(args.rule.id, args.rule);
    return Promise.resolve({ ok: true });
  }
  deleteRule(args: CommandArgs<'deleteRule'>): Promise<CommandResult> {
    this.commands.push({ name: 'deleteRule', args });
    return Promise.resolve(this.rules.delete(args.id) ? { ok: true } : failure('NOT_FOUND', `no rule with id ${args.id}`));
  }
  keepSuspended(args: CommandArgs<'keepSuspended'>): Promise<CommandResult> {
    this.commands.push({ name: 'keepSuspended', args });
    return Promise.resolve({ ok: true });
  }
}

interface Served {
  url: string;
  close(): Promise<void>;
}

/** A host's HTTP API on 127.0.0.1 (a free port), with or without control, over one fake service. */
async function serveApi(isControlAllowed: boolean, alerts: FakeAlerts): Promise<Served> {
  const ring = new RecentSeriesRing();
  const handlers = createCommandHandlers({ collector: { configure: () => undefined }, latest: () => null, ownPids: () => new Set([process.pid]), bootTimeMs: () => null, platform: 'linux', alerts });
  const latest = snapshot();
  const api = createHttpApi({
    // With --allow-control, TOKEN is the control token here (what acts); the view token is another.
    tokens: new HostTokens(isControlAllowed ? { view: `view-${TOKEN}`, control: TOKEN } : { view: TOKEN, control: null }),
    version: 'test',
    isControlAllowed,
    latest: () => latest,
    handlers,
    staticRoot: '/nonexistent',
    checkRequest: () => null,
    throttle: new AuthThrottle({ maxFailures: 1000, windowMs: 60_000, maxAddresses: 10, now: () => Date.now() }),
    answerQuery: (input) => answerQuery(input, { ring, inventory: NO_INVENTORY, alerts }),
    alerts,
  });
  const server = http.createServer(api);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const auth = { Authorization: `Bearer ${TOKEN}` };
const alerts = new FakeAlerts();
let viewOnly: Served;
let control: Served;

beforeAll(async () => {
  [viewOnly, control] = await Promise.all([serveApi(false, alerts), serveApi(true, alerts)]);
});
afterAll(() => Promise.all([viewOnly.close(), control.close()]));
beforeEach(() => {
  alerts.rules.clear();
  alerts.commands = [];
});

const send = (served: Served, method: string, route: string, body?: unknown) =>
  fetch(`${served.url}${route}`, { method, headers: { ...auth, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });

async function expectError(response: Response, status: number, code: string, message?: RegExp | string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { ok: boolean; code: string; message: string };
  expect(body).toMatchObject({ ok: false, code });
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
}

describe('PUT /api/rules/:id', () => {
  it('a view-only token saves the simplest rule: the id from the path, the defaults applied', async () => {
    const response = await send(viewOnly, 'PUT', '/api/rules/hog', SIMPLEST);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(alerts.commands).toEqual([
      { name: 'putRule', args: { rule: { ...SIMPLEST, id: 'hog', clearSeconds: 10, maxPerHour: 6, armed: false, enabled: true, anyUser: false } } },
    ]);
  });

  it('a view-only host refuses a rule with actions: 403 CONTROL_DISABLED, nothing saved', async () => {
    await expectError(await send(viewOnly, 'PUT', '/api/rules/tame', WITH_ACTION), 403, 'CONTROL_DISABLED', RULE_ACTIONS_NEED_CONTROL);
    expect(alerts.commands).toEqual([]);
  });

  it('a view-only host refuses taking the actions off a rule that has them', async () => {
    expect((await send(control, 'PUT', '/api/rules/tame', WITH_ACTION)).status).toBe(200);
    await expectError(await send(viewOnly, 'PUT', '/api/rules/tame', { ...WITH_ACTION, actions: [] }), 403, 'CONTROL_DISABLED', RULE_ACTIONS_NEED_CONTROL);
    expect(alerts.rules.get('tame')?.actions).toEqual(WITH_ACTION.actions);
  });

  it('with --allow-control a rule with actions is saved, and armed', async () => {
    const response = await send(control, 'PUT', '/api/rules/tame', { ...WITH_ACTION, armed: true });
    expect(response.status).toBe(200);
    expect(alerts.rules.get('tame')).toMatchObject({ id: 'tame', armed: true, actions: WITH_ACTION.actions });
  });

  it.each<[string, string, unknown, RegExp]>([
    ['a threshold that is not a number', 'hog', { ...SIMPLEST, above: 'a lot' }, /^rule: above: /],
    ['an unknown metric', 'hog', { ...SIMPLEST, metric: 'fanSpeed' }, /^rule: metric: /],
    ['a metric of another scope', 'hog', { ...SIMPLEST, scope: 'machine', match: undefined, metric: 'memoryGrowthBytesPerMin' }, /^rule: metric: /],
    ['both above and below', 'hog', { ...SIMPLEST, below: 10 }, /^rule: above: /],
    ['an end on a rule matching by name alone', 'hog', { ...SIMPLEST, actions: [{ type: 'end' }] }, /^rule: actions: /],
    ['a field the contract does not have', 'hog', { ...SIMPLEST, colour: 'red' }, /colour/],
    ['the id in the body (it comes from the path)', 'hog', { ...SIMPLEST, id: 'hog' }, /\bid\b/],
    ['an id with a space', 'bad%20id', SIMPLEST, /^rule: id: /],
    ['an id that is too long', 'x'.repeat(65), SIMPLEST, /^rule: id: /],
    ['a body that is not JSON', 'hog', '{"name": ', /not JSON/],
  ])('400 INVALID_ARGUMENT naming the field, before the policy: %s', async (_what, id, body, message) => {
    // The view-only host: a bad rule with an action is still 400, not 403 (the README's order).
    await expectError(await send(viewOnly, 'PUT', `/api/rules/${id}`, body), 400, 'INVALID_ARGUMENT', message);
    expect(alerts.commands).toEqual([]);
  });
});

describe('DELETE /api/rules/:id', () => {
  it('404 NOT_FOUND for an unknown rule, on a view-only host too', async () => {
    await expectError(await send(viewOnly, 'DELETE', '/api/rules/nobody'), 404, 'NOT_FOUND', /nobody/);
    await expectError(await send(control, 'DELETE', '/api/rules/nobody'), 404, 'NOT_FOUND');
  });

  it('a view-only token deletes a rule without actions', async () => {
    await send(viewOnly, 'PUT', '/api/rules/hog', SIMPLEST);
    const response = await send(viewOnly, 'DELETE', '/api/rules/hog');
    expect(response.status).toBe(200);
    expect(alerts.rules.has('hog')).toBe(false);
  });

  it('a rule with actions is deleted only with --allow-control', async () => {
    await send(control, 'PUT', '/api/rules/tame', WITH_ACTION);
    await expectError(await send(viewOnly, 'DELETE', '/api/rules/tame'), 403, 'CONTROL_DISABLED', RULE_ACTIONS_NEED_CONTROL);
    expect(alerts.rules.has('tame')).toBe(true);
    expect((await send(control, 'DELETE', '/api/rules/tame')).status).toBe(200);
    expect(alerts.rules.has('tame')).toBe(false);
  });
});

describe('GET /api/rules, /api/alerts, /metrics', () => {
  it('the rules with their states, and the alerts, to a view-only token', async () => {
    await send(viewOnly, 'PUT', '/api/rules/hog', SIMPLEST);
    const rules = await send(viewOnly, 'GET', '/api/rules');
    expect(rules.status).toBe(200);
    expect(await rules.json()).toMatchObject({ rules: [{ id: 'hog', name: 'CPU hog' }], states: [{ ruleId: 'hog', activeCount: 1 }] });
    const active = await send(viewOnly, 'GET', '/api/alerts');
    expect(active.status).toBe(200);
    expect(await active.json()).toEqual({ active: [FIRED], recent: [] });
  });

  it("/metrics counts each enabled rule's active alerts", async () => {
    await send(viewOnly, 'PUT', '/api/rules/hog', SIMPLEST);
    await send(viewOnly, 'PUT', '/api/rules/quiet', { ...SIMPLEST, name: 'Quiet "one"' });
    const text = await (await send(viewOnly, 'GET', '/metrics')).text();
    expect(text).toContain('taskmgr_alert_active{rule="CPU hog",rule_id="hog"} 1\n');
    expect(text).toContain('taskmgr_alert_active{rule="Quiet \\"one\\"",rule_id="quiet"} 0\n');
  });
});

describe('the route itself', () => {
  it('405 for another method, naming the two it takes', async () => {
    const response = await send(control, 'POST', '/api/rules/hog', SIMPLEST);
    await expectError(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe('PUT, DELETE');
    await expectError(await send(control, 'PUT', '/api/rules', SIMPLEST), 405, 'METHOD_NOT_ALLOWED');
  });

  it('401 without the token, before anything else', async () => {
    const response = await fetch(`${viewOnly.url}/api/rules/hog`, { method: 'PUT', body: JSON.stringify({ colour: 'red' }) });
    await expectError(response, 401, 'UNAUTHORIZED');
    expect(alerts.commands).toEqual([]);
  });
});
