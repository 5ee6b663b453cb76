/**
 * Search of the Processes table. Pure. A row matches when the query is found in its PID (as a
 * prefix), or as a case-insensitive substring of its name, user or command line; failing that,
 * fuzzily in its name: the query's characters in order, where each word of the name that the match
 * enters is entered at its first letter ("gnmsh" finds "gnome-shell", "e2ebsylp" finds
 * "e2e-busy-loop"), so that a few letters scattered over a long name do not match ("chr" does not
 * find "rcu_exp_par_gp_kthread_worker").
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';

export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** `query` must be normalised (normalizeQuery). An empty query matches everything. */
export function matchesSearch(row: ProcessRow, query: string): boolean {
  if (query === '') return true;
  if (String(row.pid).startsWith(query)) return true;
  const name = row.name.toLowerCase();
  if (name.includes(query)) return true;
  if (row.user !== null && row.user.toLowerCase().includes(query)) return true;
  if (row.commandLine !== null && row.commandLine.toLowerCase().includes(query)) return true;
  return isFuzzyMatch(row.name, query);
}

const isAlphanumeric = (char: string) => /[\p{L}\p{N}]/u.test(char);
const isLower = (char: string) => char !== char.toUpperCase() && char === char.toLowerCase();
const isUpper = (char: string) => char !== char.toLowerCase() && char === char.toUpperCase();

/**
 * Where words of `text` start: its first character, a letter or digit after anything else
 * (`-`, `_`, `.`, space, `/`…), and an upper-case letter after a lower-case one ("NetworkManager").
 */
export function wordStarts(text: string): boolean[] {
  const chars = [...text];
  return chars.map((char, i) => {
    const before = chars[i - 1];
    if (before === undefined) return true;
    if (!isAlphanumeric(char)) return false;
    return !isAlphanumeric(before) || (isUpper(char) && isLower(before));
  });
}

/**
 * True when the characters of `query` (normalised) appear in `text` in order, each either at the
 * start of a word or in the same word as the character matched before it. O(|query| × |text|).
 */
export function isFuzzyMatch(text: string, query: string): boolean {
  const wanted = [...query];
  if (wanted.length === 0) return true;
  const lower = [...text].map((char) => char.toLowerCase());
  const starts = wordStarts(text);
  // Cheap rejection first: most names lack the letters in order at all.
  let at = 0;
  for (const char of wanted) {
    at = lower.indexOf(char, at);
    if (at < 0) return false;
    at += 1;
  }
  // reachable[i]: query[0..j] can be matched with query[j] at text position i.
  let reachable = lower.map((char, i) => char === wanted[0] && starts[i] === true);
  for (const char of wanted.slice(1)) {
    const next = lower.map(() => false);
    let isAnyBefore = false; // a position before i matched query[j-1]
    let isInWord = false; // … in the word i is in
    for (let i = 0; i < lower.length; i++) {
      if (starts[i]) isInWord = false;
      if (lower[i] === char && (isInWord || (starts[i] === true && isAnyBefore))) next[i] = true;
      if (reachable[i]) {
        isAnyBefore = true;
        isInWord = true;
      }
    }
    reachable = next;
  }
  return reachable.includes(true);
}
