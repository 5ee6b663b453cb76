import { describe, expect, it } from 'vitest';
import { rawFixture } from './inventory-fixtures.ts';
import { parseChildOutput, timedOutReason } from './inventory-reader.ts';

describe('parseChildOutput', () => {
  it('reads the last line (a library that prints a warning first does not spoil it)', () => {
    const parsed = parseChildOutput(`some warning\n${JSON.stringify(rawFixture('vm-debian'))}\n`);
    expect(parsed.ok && parsed.output.platform).toBe('linux');
  });

  it.each([
    ['', 'The inventory read answered something unreadable'],
    ['{"platform":', 'The inventory read answered something unreadable'],
    ['{"platform":"linux"}', 'The inventory read answered in an unexpected shape'],
    ['[1,2]', 'The inventory read answered in an unexpected shape'],
  ])('%j → %s', (stdout, error) => expect(parseChildOutput(stdout)).toEqual({ ok: false, error }));

  it.each([
    [20_000, 'The read timed out after 20 s'],
    [1500, 'The read timed out after 1.5 s'],
  ])('timedOutReason(%i) = %s', (ms, text) => expect(timedOutReason(ms)).toBe(text));
});
