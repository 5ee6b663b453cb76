/**
 * D-Bus type signatures (spec § Type System): the string `a(ssssssouso)` parsed into a tree the
 * codec walks. Pure. Unix file descriptors (`h`) are not supported: this client never negotiates
 * fd passing, and neither systemd's nor logind's methods used here carry one.
 */

export const BASIC_CODES = ['y', 'b', 'n', 'q', 'i', 'u', 'x', 't', 'd', 's', 'o', 'g'] as const;
export type BasicCode = (typeof BASIC_CODES)[number];

export type DBusType =
  | { code: BasicCode }
  | { code: 'v' }
  | { code: 'a'; element: DBusType }
  | { code: '('; fields: DBusType[] }
  | { code: '{'; key: BasicCode; value: DBusType };

/** The spec's limits: a signature is at most 255 bytes; arrays and structs nest at most 32 deep each. */
export const MAX_SIGNATURE_LENGTH = 255;
const MAX_NESTING = 32;

/** What the wire format or a signature got wrong, in words for the log. Thrown inside the codec, returned as a value at its edges. */
export class DBusWireError extends Error {
  override name = 'DBusWireError';
}

const isBasic = (code: string): code is BasicCode => (BASIC_CODES as readonly string[]).includes(code);

/** The alignment of a type's values, in bytes, counted from the start of the message (spec § Marshaling). */
export function alignmentOf(type: DBusType): number {
  switch (type.code) {
    case 'y':
    case 'g':
    case 'v':
      return 1;
    case 'n':
    case 'q':
      return 2;
    case 'b':
    case 'i':
    case 'u':
    case 's':
    case 'o':
    case 'a':
      return 4;
    case 'x':
    case 't':
    case 'd':
    case '(':
    case '{':
      return 8;
  }
}

/** Parses a signature into its complete types (a method's arguments: zero or more). Throws DBusWireError. */
export function parseSignature(signature: string): DBusType[] {
  if (signature.length > MAX_SIGNATURE_LENGTH) throw new DBusWireError(`signature longer than ${MAX_SIGNATURE_LENGTH} characters`);
  const types: DBusType[] = [];
  let at = 0;
  while (at < signature.length) {
    const [type, next] = parseOne(signature, at, 0, 0);
    types.push(type);
    at = next;
  }
  return types;
}

/** Parses a signature that must hold exactly one complete type (a variant's). */
export function parseSingleType(signature: string): DBusType {
  const types = parseSignature(signature);
  const [only] = types;
  if (only === undefined || types.length !== 1) throw new DBusWireError(`"${signature}" is not a single complete type`);
  return only;
}

function parseOne(signature: string, at: number, arrayDepth: number, structDepth: number): [DBusType, number] {
  const code = signature[at];
  if (code === undefined) throw new DBusWireError(`signature "${signature}" ends inside a type`);
  if (isBasic(code)) return [{ code }, at + 1];
  if (code === 'v') return [{ code }, at + 1];
  if (code === 'a') {
    if (arrayDepth + 1 > MAX_NESTING) throw new DBusWireError('arrays nested more than 32 deep');
    if (signature[at + 1] === '{') {
      const key = signature[at + 2];
      if (key === undefined || !isBasic(key)) throw new DBusWireError(`a dict entry's key must be a basic type in "${signature}"`);
      const [value, afterValue] = parseOne(signature, at + 3, arrayDepth + 1, structDepth + 1);
      if (signature[afterValue] !== '}') throw new DBusWireError(`a dict entry holds exactly a key and a value in "${signature}"`);
      return [{ code: 'a', element: { code: '{', key, value } }, afterValue + 1];
    }
    const [element, next] = parseOne(signature, at + 1, arrayDepth + 1, structDepth);
    return [{ code: 'a', element }, next];
  }
  if (code === '(') {
    if (structDepth + 1 > MAX_NESTING) throw new DBusWireError('structs nested more than 32 deep');
    const fields: DBusType[] = [];
    let next = at + 1;
    while (signature[next] !== ')') {
      if (next >= signature.length) throw new DBusWireError(`unclosed struct in "${signature}"`);
      const [field, after] = parseOne(signature, next, arrayDepth, structDepth + 1);
      fields.push(field);
      next = after;
    }
    if (fields.length === 0) throw new DBusWireError('an empty struct "()" is not allowed');
    return [{ code: '(', fields }, next + 1];
  }
  throw new DBusWireError(`"${code}" is not a type this client reads (in "${signature}")`);
}

/** The signature text of a parsed type (the inverse of parseOne). */
export function signatureOf(type: DBusType): string {
  switch (type.code) {
    case 'a':
      return `a${signatureOf(type.element)}`;
    case '(':
      return `(${type.fields.map(signatureOf).join('')})`;
    case '{':
      return `{${type.key}${signatureOf(type.value)}}`;
    default:
      return type.code;
  }
}
