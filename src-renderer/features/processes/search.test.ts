import { describe, expect, it } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { isFuzzyMatch, matchesSearch, normalizeQuery, wordStarts } from './search.ts';

const chromium = processRow({
  pid: 4321,
  name: 'Chromium',
  user: 'Alice',
  commandLine: '/usr/lib/chromium/chromium --type=renderer --lang=en-US',
});
const shell = processRow({ pid: 1200, name: 'gnome-shell', user: 'gdm', commandLine: null });
const kworker = processRow({ pid: 77, name: 'kworker', user: null, commandLine: null });
const rcu = processRow({ pid: 15, name: 'rcu_exp_par_gp_kthread_worker', user: 'root', commandLine: null });

/** The search as the table runs it: the typed text normalised, then matched. */
const finds = (typed: string) => [chromium, shell, kworker, rcu].filter((row) => matchesSearch(row, normalizeQuery(typed))).map((r) => r.name);

describe('matchesSearch', () => {
  it('matches everything for an empty query, or one of spaces only', () => {
    expect(finds('')).toEqual(['Chromium', 'gnome-shell', 'kworker', 'rcu_exp_par_gp_kthread_worker']);
    expect(finds('   ')).toEqual(['Chromium', 'gnome-shell', 'kworker', 'rcu_exp_par_gp_kthread_worker']);
  });

  it('matches a pid by its prefix, not by digits inside it', () => {
    expect(finds('43')).toEqual(['Chromium']);
    expect(finds('4321')).toEqual(['Chromium']);
    expect(finds('12')).toEqual(['gnome-shell']);
    expect(finds('321')).toEqual([]);
  });

  it('matches a name fuzzily: its characters in order, each word entered at its start', () => {
    expect(finds('chr')).toEqual(['Chromium']);
    expect(finds('gnmsh')).toEqual(['gnome-shell']);
    // Word starts: kthread, worker.
    expect(finds('kwkr')).toEqual(['kworker', 'rcu_exp_par_gp_kthread_worker']);
    expect(finds('ktwrk')).toEqual(['rcu_exp_par_gp_kthread_worker']);
    // The right characters in the wrong order are no match.
    expect(finds('hsmng')).toEqual([]);
  });

  it('does not match letters scattered across the words of a long name', () => {
    // c(…)h(…)r in "rcu_exp_par_gp_kthread_worker", none at a word start.
    expect(finds('chr')).not.toContain('rcu_exp_par_gp_kthread_worker');
    expect(finds('cxpr')).toEqual([]);
    // Substrings of the name still match, wherever they are.
    expect(finds('thread_wo')).toEqual(['rcu_exp_par_gp_kthread_worker']);
    expect(finds('ell')).toEqual(['gnome-shell']);
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
    expect(finds('kworker')).toContain('kworker');
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
    // The first character must start a word.
    ['chromium', 'hr', false],
    // Words: e2e, busy, loop — skipping letters inside a word, entering each at its start.
    ['e2e-busy-loop', 'e2ebsylp', true],
    ['e2e-busy-loop', 'ebl', true],
    ['e2e-busy-loop', 'eusy', false],
    ['e2e-busy-loop', 'e2eoop', false],
    // Word starts after _ . space / and at a case change.
    ['rcu_exp_par_gp_kthread_worker', 'repgkw', true],
    ['rcu_exp_par_gp_kthread_worker', 'chr', false],
    ['rcu_exp_par_gp_kthread_worker', 'rep', true],
    ['rcu_exp_par_gp_kthread_worker', 'rxp', false],
    ['org.gnome.Shell', 'ogs', true],
    ['Web Content', 'wc', true],
    ['NetworkManager', 'nm', true],
    ['NetworkManager', 'nwmgr', true],
    ['NetworkManager', 'wm', false],
    // Upper case in the name is matched by a lower-case query (queries are normalised).
    ['Xorg', 'xo', true],
    // The match that works is found, not only the first: "a" must be the one that starts "ab".
    ['ax-ab', 'ab', true],
    ['a-xab', 'ab', false],
  ])('%s ⟵ %s: %s', (text, query, isMatch) => {
    expect(isFuzzyMatch(text, query)).toBe(isMatch);
  });
});

describe('wordStarts', () => {
  it.each([
    ['gnome-shell', 'x.....x....'],
    ['kworker/u8:3', 'x.......x..x'],
    ['NetworkManager', 'x......x......'],
    ['Web  Content', 'x....x......'],
    ['', ''],
  ])('%s: %s', (text, marks) => {
    expect(wordStarts(text).map((isStart) => (isStart ? 'x' : '.')).join('')).toBe(marks);
  });
});

describe('normalizeQuery', () => {
  it('trims and lower-cases', () => {
    expect(normalizeQuery('  Foo BAR\t')).toBe('foo bar');
  });
});
