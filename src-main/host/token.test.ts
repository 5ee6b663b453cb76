import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERN } from './host-options.ts';
import { bearerToken, generateToken, tokensMatch } from './token.ts';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';

describe('generateToken', () => {
  it('makes tokens that the host accepts (TOKEN_PATTERN)', () => {
    for (let i = 0; i < 200; i++) expect(generateToken()).toMatch(TOKEN_PATTERN);
  });

  it('carries at least 128 bits: base64url characters carry 6 bits each', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length * 6).toBeGreaterThanOrEqual(128);
  });

  it('never repeats over many calls', () => {
    const count = 10_000;
    const tokens = new Set(Array.from({ length: count }, generateToken));
    expect(tokens.size).toBe(count);
  });

  it('uses every base64url character position (not a fixed prefix)', () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    const length = tokens[0]?.length ?? 0;
    for (let i = 0; i < length; i++) {
      const atPosition = new Set(tokens.map((t) => t[i]));
      expect(atPosition.size).toBeGreaterThan(1);
    }
  });
});

describe('tokensMatch', () => {
  it.each<[string, string | null | undefined, boolean]>([
    ['the same token', TOKEN, true],
    ['one character different at the end', `${TOKEN.slice(0, -1)}6`, false],
    ['one character different at the start', `X${TOKEN.slice(1)}`, false],
    ['a different case', TOKEN.toUpperCase(), false],
    ['a prefix (shorter)', TOKEN.slice(0, 16), false],
    ['the token plus one more character (longer)', `${TOKEN}x`, false],
    ['the token with a trailing space', `${TOKEN} `, false],
    ['an empty string', '', false],
    ['null', null, false],
    ['undefined', undefined, false],
  ])('%s → %s', (_name, given, expected) => {
    expect(tokensMatch(TOKEN, given)).toBe(expected);
  });
});

describe('bearerToken', () => {
  it.each<[string, string | undefined, string | null]>([
    ['Bearer T', `Bearer ${TOKEN}`, TOKEN],
    ['a lower-case scheme', `bearer ${TOKEN}`, TOKEN],
    ['a mixed-case scheme', `BeArEr ${TOKEN}`, TOKEN],
    ['spaces around the header', `  Bearer ${TOKEN}  `, TOKEN],
    ['several spaces after the scheme (RFC 9110: 1*SP)', `Bearer   ${TOKEN}`, TOKEN],
    ['another scheme', `Basic ${TOKEN}`, null],
    ['a scheme that merely starts with Bearer', `BearerX ${TOKEN}`, null],
    ['the token without a scheme', TOKEN, null],
    ['the scheme without a token', 'Bearer', null],
    ['the scheme and a space', 'Bearer ', null],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`, null],
    ['an empty header', '', null],
    ['no header', undefined, null],
  ])('%s', (_name, header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
