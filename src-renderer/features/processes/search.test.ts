import { describe, expect, it } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { isFuzzyMatch, matchesSearch, normalizeQuery } from './search.ts';

const chromium = processRow({
  pid: 4321,
  name: 'Chromium',
  user: 'Alice',
  commandLine: '/usr/lib/chromium/chromium --type=renderer --lang=en-US',
});
const shell = processRow({ pid: 1200, name: 'gnome-shell', user: 'gdm', commandLine: null });
const kworker = processRow({ pid: 77, name: 'kworker', user: null, commandLine: null });

/** The search as the table runs it: the typed text normalised, then matched. */
const finds = (typed: string) => [chromium, shell, kworker].filter((row) => matchesSearch(row, normalizeQuery(typed))).map((r) => r.name);

describe('matchesSearch', () => {
  it('matches everything for an empty query, or one of spaces only', () => {
    expect(finds('')).toEqual(['Chromium', 'gnome-shell', 'kworker']);
    expect(finds('   ')).toEqual(['Chromium', 'gnome-shell', 'kworker']);
  });

  it('matches a pid by its prefix, not by digits inside it', () => {
    expect(finds('43')).toEqual(['Chromium']);
    expect(finds('4321')).toEqual(['Chromium']);
    expect(finds('12')).toEqual(['gnome-shell']);
    expect(finds('321')).toEqual([]);
  });

  it('matches a name fuzzily: its characters in order, not necessarily adjacent', () => {
    expect(finds('chr')).toEqual(['Chromium']);
    expect(finds('gnmsh')).toEqual(['gnome-shell']);
    expect(finds('kwkr')).toEqual(['kworker']);
    // The right characters in the wrong order are no match.
    expect(finds('hsmng')).toEqual([]);
  });

  it('matches a user by substring', () => {
    expect(finds('lic')).toEqual(['Chromium']);
    expect(finds('gdm')).toEqual(['gnome-shell']);
  });

  it('matches the command line by substring', () => {
    expect(finds('--type=renderer')).toEqual(['Chromium']);
    expect(finds('lang=en-us')).toEqual(['Chromium']);
  });

  it('ignores case and surrounding spaces', () => {
    expect(finds('  CHROMIUM ')).toEqual(['Chromium']);
    expect(finds('ALICE')).toEqual(['Chromium']);
    expect(finds('GNOME')).toEqual(['gnome-shell']);
  });

  it('finds nothing when nothing matches, and a row with no user or command line still has a name and pid', () => {
    expect(finds('firefox')).toEqual([]);
    expect(finds('kw')).toEqual(['kworker']);
    expect(finds('77')).toEqual(['kworker']);
  });
});

describe('isFuzzyMatch', () => {
  it.each([
    ['chromium', 'chr', true],
    ['chromium', 'cmm', true],
    ['chromium', 'chromium', true],
    ['chromium', '', true],
    ['chromium', 'mc', false],
    ['chromium', 'chromiumm', false],
    ['', 'a', false],
    // A character used once can't be matched twice.
    ['ab', 'aab', false],
  ])('%s ⟵ %s: %s', (text, query, isMatch) => {
    expect(isFuzzyMatch(text, query)).toBe(isMatch);
  });
});

describe('normalizeQuery', () => {
  it('trims and lower-cases', () => {
    expect(normalizeQuery('  Foo BAR\t')).toBe('foo bar');
  });
});
