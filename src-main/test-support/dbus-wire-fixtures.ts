/**
 * Test support for the D-Bus codec's fixtures: bytes written by hand as hex, so each fixture can
 * say, byte by byte, what the spec puts there. `hex('6c 02')`; `ascii('ok')` is the text's bytes
 * (no length, no NUL: the fixture writes those itself).
 */
export function hex(...parts: string[]): Buffer {
  const digits = parts.join(' ').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`not hex bytes: ${parts.join(' ')}`);
  return Buffer.from(digits, 'hex');
}

export function ascii(text: string): string {
  return Buffer.from(text, 'ascii').toString('hex');
}
