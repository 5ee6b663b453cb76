import { describe, expect, it } from 'vitest';
import { ruleCommandOf } from './rule-routes.ts';

/** The simplest rule, as a client sends it. */
const SIMPLEST = { name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, actions: [] };
const DEFAULTS = { clearSeconds: 10, maxPerHour: 6, armed: false, enabled: true, anyUser: false };

describe('ruleCommandOf', () => {
  it('PUT: putRule with the id from the path and the defaults applied', () => {
    expect(ruleCommandOf('PUT', 'hog', SIMPLEST)).toEqual({ ok: true, value: { name: 'putRule', args: { rule: { ...SIMPLEST, ...DEFAULTS, id: 'hog' } } } });
  });

  it('DELETE: deleteRule with the id, whatever the body', () => {
    expect(ruleCommandOf('DELETE', 'hog', null)).toEqual({ ok: true, value: { name: 'deleteRule', args: { id: 'hog' } } });
  });

  it('decodes the path segment before checking it', () => {
    expect(ruleCommandOf('DELETE', 'cpu%2Dhog', null)).toEqual({ ok: true, value: { name: 'deleteRule', args: { id: 'cpu-hog' } } });
  });

  it.each<[string, 'PUT' | 'DELETE', string, unknown, RegExp]>([
    ['an id with a space', 'DELETE', 'bad%20id', null, /^rule: id: id must be 1–64 letters, digits, _ or -$/],
    ['an id with a slash (encoded)', 'PUT', 'a%2Fb', SIMPLEST, /^rule: id: /],
    ['an empty id', 'DELETE', '', null, /^rule: id: /],
    ['an id of 65 characters', 'PUT', 'x'.repeat(65), SIMPLEST, /^rule: id: /],
    ['a malformed escape', 'DELETE', '%E0%A4%A', null, /^rule: id: /],
    ['a threshold that is not a number', 'PUT', 'hog', { ...SIMPLEST, above: '40' }, /^rule: above: above must be a number$/],
    ['a missing name', 'PUT', 'hog', { ...SIMPLEST, name: undefined }, /^rule: name: /],
    ['a scope it does not know', 'PUT', 'hog', { ...SIMPLEST, scope: 'galaxy' }, /^rule: scope: scope must be machine, process or app$/],
    ['a metric of another scope', 'PUT', 'hog', { ...SIMPLEST, metric: 'memoryAvailableBytes' }, /^rule: metric: memoryAvailableBytes is not a process metric/],
    ['suspend on a rule matching by name alone', 'PUT', 'hog', { ...SIMPLEST, actions: [{ type: 'suspend' }] }, /^rule: actions: suspend only on a rule that matches by executable path or app/],
    ['raising a priority', 'PUT', 'hog', { ...SIMPLEST, actions: [{ type: 'setPriority', priority: 'high' }] }, /^rule: actions\.0\.priority: /],
    ['the id in the body', 'PUT', 'hog', { ...SIMPLEST, id: 'other' }, /^rule: .*\bid\b/],
    ['a body that is a list', 'PUT', 'hog', [SIMPLEST], /^rule: /],
  ])('INVALID_ARGUMENT naming the field: %s', (_what, method, idText, body, message) => {
    const result = ruleCommandOf(method, idText, body);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(result.ok ? '' : result.message).toMatch(message);
  });
});
