import { describe, expect, it } from 'vitest';
import { parseRulesText } from './rules-file.ts';

const good = { id: 'hog', name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, actions: [] };

describe('parseRulesText (pure)', () => {
  it.each<[string, string, string[], string[], boolean]>([
    ['a good file (defaults applied)', JSON.stringify({ version: 1, rules: [good] }), ['hog'], [], false],
    ['no rules', JSON.stringify({ version: 1, rules: [] }), [], [], false],
    ['not JSON', '{"version": 1, "rules": [', [], ['the rules file is not JSON'], true],
    ['no list', JSON.stringify({ version: 1, rules: {} }), [], ['the rules file has no list of rules'], true],
    ['another version', JSON.stringify({ version: 2, rules: [good] }), [], ['the rules file is of version 2, not 1'], true],
    ['a bad rule among good ones', JSON.stringify({ version: 1, rules: [{ ...good, id: 'x', above: 'lots' }, good] }), ['hog'], ['rule 1 was dropped: rule: above: above must be a number'], false],
    ['a repeated id', JSON.stringify({ version: 1, rules: [good, { ...good, name: 'again' }] }), ['hog'], ['rule 2 was dropped: a rule with id hog comes before it'], false],
  ])('%s', (_, text, ids, problems, isCorrupt) => {
    const parsed = parseRulesText(text);
    expect(parsed.rules.map((r) => r.id)).toEqual(ids);
    expect(parsed.problems.map((p) => p.replace(/ \(.*$/, ''))).toEqual(problems);
    expect(parsed.isCorrupt).toBe(isCorrupt);
  });

  it('a read rule has every default', () => {
    expect(parseRulesText(JSON.stringify({ version: 1, rules: [good] })).rules[0]).toEqual({ ...good, clearSeconds: 10, maxPerHour: 6, armed: false, enabled: true, anyUser: false });
  });
});
