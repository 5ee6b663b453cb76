/**
 * A shortcut (.lnk) file, read as the Shell Link Binary File Format ([MS-SHLLINK], Microsoft's open
 * specification) lays it out, for what a Startup folder's shortcut starts: its target and arguments.
 * Pure: bytes in, fields out; no shell, no COM (IShellLink would resolve a moved target by searching
 * the disk, which a list must not do).
 *
 * The parts, in file order (all integers little-endian):
 * 1. ShellLinkHeader (76 bytes, §2.1): HeaderSize 0x4C, LinkCLSID 00021401-0000-0000-C000-000000000046,
 *    LinkFlags at 0x14 (which optional parts follow, and IsUnicode), then attributes, times, sizes.
 * 2. LinkTargetIDList (§2.2, when HasLinkTargetIDList): IDListSize (2 bytes) and the shell item IDs,
 *    skipped here (they name the target in the shell's namespace; LinkInfo names it as a path).
 * 3. LinkInfo (§2.3, when HasLinkInfo): LinkInfoSize, LinkInfoHeaderSize, LinkInfoFlags, then offsets
 *    (from LinkInfo's start) of VolumeID, LocalBasePath, CommonNetworkRelativeLink, CommonPathSuffix,
 *    and (header ≥ 0x24) LocalBasePathUnicode and CommonPathSuffixUnicode. The target is
 *    LocalBasePath + CommonPathSuffix, or the network share's NetName + `\` + CommonPathSuffix.
 * 4. StringData (§2.4): NAME_STRING, RELATIVE_PATH, WORKING_DIR, COMMAND_LINE_ARGUMENTS, ICON_LOCATION,
 *    each present when its flag is set: CountCharacters (2 bytes), then that many characters, UTF-16LE
 *    when IsUnicode, else the system code page (read here as Latin-1: exact for ASCII paths).
 * 5. ExtraData (§2.5): blocks of BlockSize + BlockSignature; the EnvironmentVariableDataBlock
 *    (0xA0000001, when HasExpString) holds the target with environment variables unexpanded
 *    (TargetAnsi, 260 bytes, then TargetUnicode, 520 bytes).
 */

export const LINK_FLAGS = {
  HAS_LINK_TARGET_ID_LIST: 0x1,
  HAS_LINK_INFO: 0x2,
  HAS_NAME: 0x4,
  HAS_RELATIVE_PATH: 0x8,
  HAS_WORKING_DIR: 0x10,
  HAS_ARGUMENTS: 0x20,
  HAS_ICON_LOCATION: 0x40,
  IS_UNICODE: 0x80,
  FORCE_NO_LINK_INFO: 0x100,
  HAS_EXP_STRING: 0x200,
} as const;

export const SHELL_LINK_HEADER_BYTES = 0x4c;
/** LinkCLSID 00021401-0000-0000-C000-000000000046 as stored (GUID: Data1–3 little-endian). */
export const SHELL_LINK_CLSID = '0114020000000000c000000000000046';
/** LinkInfoFlags. */
const VOLUME_ID_AND_LOCAL_BASE_PATH = 0x1;
const COMMON_NETWORK_RELATIVE_LINK_AND_PATH_SUFFIX = 0x2;
/** ExtraData's EnvironmentVariableDataBlock. */
export const ENVIRONMENT_VARIABLE_DATA_BLOCK = { signature: 0xa000_0001, bytes: 0x314, ansiBytes: 260, unicodeBytes: 520 } as const;

export interface ShellLink {
  /** The target as LinkInfo names it (a local or network path), null when the link has none. */
  linkInfoPath: string | null;
  /** The target from the EnvironmentVariableDataBlock, environment variables unexpanded; null when none. */
  environmentPath: string | null;
  /** RELATIVE_PATH: the target relative to the .lnk's folder. */
  relativePath: string | null;
  workingDir: string | null;
  /** COMMAND_LINE_ARGUMENTS: what the shortcut passes to its target. */
  arguments: string | null;
  /** NAME_STRING: the shortcut's comment. */
  name: string | null;
}

/** A bounded reader: every read past the end answers null instead of throwing or reading garbage. */
class Reader {
  readonly view: DataView;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number | null {
    return at >= 0 && at + 2 <= this.bytes.length ? this.view.getUint16(at, true) : null;
  }
  u32(at: number): number | null {
    return at >= 0 && at + 4 <= this.bytes.length ? this.view.getUint32(at, true) : null;
  }
  /** A NUL-terminated string from `at`, not past `end`: Latin-1 bytes or UTF-16LE units. */
  stringZ(at: number, end: number, isUnicode: boolean): string | null {
    const limit = Math.min(end, this.bytes.length);
    if (at < 0 || at >= limit) return null;
    const unit = isUnicode ? 2 : 1;
    let stop = at;
    while (stop + unit <= limit && (isUnicode ? this.view.getUint16(stop, true) : this.bytes[stop]) !== 0) stop += unit;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + at, stop - at).toString(isUnicode ? 'utf16le' : 'latin1');
  }
}

/** The shortcut's fields, or null when the bytes are not a shell link (wrong header or class, or cut short). */
export function parseShellLink(bytes: Uint8Array): ShellLink | null {
  const reader = new Reader(bytes);
  if (reader.u32(0) !== SHELL_LINK_HEADER_BYTES || bytes.length < SHELL_LINK_HEADER_BYTES) return null;
  if (Buffer.from(bytes.subarray(4, 20)).toString('hex') !== SHELL_LINK_CLSID) return null;
  const flags = reader.u32(0x14) ?? 0;
  const has = (flag: number) => (flags & flag) !== 0;
  const isUnicode = has(LINK_FLAGS.IS_UNICODE);
  let at = SHELL_LINK_HEADER_BYTES;

  if (has(LINK_FLAGS.HAS_LINK_TARGET_ID_LIST)) {
    const idListBytes = reader.u16(at);
    if (idListBytes === null) return null;
    at += 2 + idListBytes;
  }

  let linkInfoPath: string | null = null;
  if (has(LINK_FLAGS.HAS_LINK_INFO)) {
    const linkInfoBytes = reader.u32(at);
    if (linkInfoBytes === null || linkInfoBytes < 0x1c || at + linkInfoBytes > bytes.length) return null;
    // ForceNoLinkInfo: the shell ignores LinkInfo, and so does this.
    if (!has(LINK_FLAGS.FORCE_NO_LINK_INFO)) linkInfoPath = linkInfoTarget(reader, at, at + linkInfoBytes);
    at += linkInfoBytes;
  }

  const strings: Partial<Record<'name' | 'relativePath' | 'workingDir' | 'arguments' | 'iconLocation', string>> = {};
  const order = [
    [LINK_FLAGS.HAS_NAME, 'name'],
    [LINK_FLAGS.HAS_RELATIVE_PATH, 'relativePath'],
    [LINK_FLAGS.HAS_WORKING_DIR, 'workingDir'],
    [LINK_FLAGS.HAS_ARGUMENTS, 'arguments'],
    [LINK_FLAGS.HAS_ICON_LOCATION, 'iconLocation'],
  ] as const;
  for (const [flag, key] of order) {
    if (!has(flag)) continue;
    const count = reader.u16(at);
    const length = count === null ? 0 : count * (isUnicode ? 2 : 1);
    if (count === null || at + 2 + length > bytes.length) return null;
    strings[key] = Buffer.from(bytes.buffer, bytes.byteOffset + at + 2, length).toString(isUnicode ? 'utf16le' : 'latin1');
    at += 2 + length;
  }

  return {
    linkInfoPath,
    environmentPath: has(LINK_FLAGS.HAS_EXP_STRING) ? environmentTarget(reader, at) : null,
    relativePath: strings.relativePath ?? null,
    workingDir: strings.workingDir ?? null,
    arguments: strings.arguments ?? null,
    name: strings.name ?? null,
  };
}

/** LinkInfo's path: local base path + common suffix, or NetName + `\` + suffix; Unicode forms first. */
function linkInfoTarget(reader: Reader, start: number, end: number): string | null {
  const headerBytes = reader.u32(start + 4) ?? 0;
  const infoFlags = reader.u32(start + 8) ?? 0;
  const offset = (field: number) => reader.u32(start + field) ?? 0;
  const hasUnicode = headerBytes >= 0x24;
  const suffix =
    (hasUnicode && offset(0x20) !== 0 ? reader.stringZ(start + offset(0x20), end, true) : null) ?? reader.stringZ(start + offset(0x18), end, false) ?? '';
  if (infoFlags & VOLUME_ID_AND_LOCAL_BASE_PATH) {
    const base = (hasUnicode && offset(0x1c) !== 0 ? reader.stringZ(start + offset(0x1c), end, true) : null) ?? reader.stringZ(start + offset(0x10), end, false);
    if (base) return joinSuffix(base, suffix);
  }
  if (infoFlags & COMMON_NETWORK_RELATIVE_LINK_AND_PATH_SUFFIX) {
    // CommonNetworkRelativeLink (§2.3.2): Size, Flags, NetNameOffset, DeviceNameOffset, ProviderType,
    // then (NetNameOffset > 0x14) NetNameOffsetUnicode; offsets from its own start.
    const network = start + offset(0x14);
    const netNameOffset = reader.u32(network + 8) ?? 0;
    const unicodeOffset = netNameOffset > 0x14 ? (reader.u32(network + 0x14) ?? 0) : 0;
    const netName = (unicodeOffset !== 0 ? reader.stringZ(network + unicodeOffset, end, true) : null) ?? reader.stringZ(network + netNameOffset, end, false);
    if (netName) return joinSuffix(netName, suffix);
  }
  return null;
}

function joinSuffix(base: string, suffix: string): string {
  if (suffix === '') return base;
  return base.endsWith('\\') ? base + suffix : `${base}\\${suffix}`;
}

/** The EnvironmentVariableDataBlock's target (Unicode, else ANSI), or null when the ExtraData has none. */
function environmentTarget(reader: Reader, start: number): string | null {
  const block = ENVIRONMENT_VARIABLE_DATA_BLOCK;
  for (let at = start, count = 0; count < 64; count++) {
    const size = reader.u32(at);
    // A size under 4 is the TerminalBlock; a block past the end is a cut file.
    if (size === null || size < 4 || at + size > reader.bytes.length) return null;
    if (size >= block.bytes && reader.u32(at + 4) === block.signature) {
      const ansiAt = at + 8;
      const unicodeAt = ansiAt + block.ansiBytes;
      const unicode = reader.stringZ(unicodeAt, unicodeAt + block.unicodeBytes, true);
      return unicode || reader.stringZ(ansiAt, ansiAt + block.ansiBytes, false) || null;
    }
    at += size;
  }
  return null;
}
