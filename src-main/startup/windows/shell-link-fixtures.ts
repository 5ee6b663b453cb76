/**
 * Shortcut (.lnk) bytes for tests, written field by field from [MS-SHLLINK] (the parser's module
 * comment names the sections). Only tests import this.
 */
import { ENVIRONMENT_VARIABLE_DATA_BLOCK, LINK_FLAGS, SHELL_LINK_CLSID, SHELL_LINK_HEADER_BYTES } from './shell-link.ts';

export interface ShellLinkFixture {
  /** LinkInfo's LocalBasePath (ANSI, and Unicode too with `isUnicodeLinkInfo`). */
  localBasePath?: string;
  /** LinkInfo's CommonPathSuffix. */
  commonPathSuffix?: string;
  /** A CommonNetworkRelativeLink's NetName (`\\server\share`) instead of a local base path. */
  netName?: string;
  /** LinkInfoHeaderSize 0x24 with the Unicode offsets (Windows writes them for non-ASCII paths). */
  isUnicodeLinkInfo?: boolean;
  /** Bytes of a LinkTargetIDList to skip (its content is opaque here). */
  idListBytes?: number;
  name?: string;
  relativePath?: string;
  workingDir?: string;
  arguments?: string;
  iconLocation?: string;
  /** The EnvironmentVariableDataBlock's target (sets HasExpString). */
  environmentPath?: string;
  /** StringData in the code page (IsUnicode clear). */
  isAnsi?: boolean;
  forceNoLinkInfo?: boolean;
}

const u16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
};
const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
};
const ansiZ = (text: string) => Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(1)]);
const unicodeZ = (text: string) => Buffer.concat([Buffer.from(text, 'utf16le'), Buffer.alloc(2)]);

export function buildShellLink(fixture: ShellLinkFixture): Buffer {
  const isUnicode = !fixture.isAnsi;
  const hasLinkInfo = fixture.localBasePath !== undefined || fixture.netName !== undefined;
  let flags = isUnicode ? LINK_FLAGS.IS_UNICODE : 0;
  if (fixture.idListBytes !== undefined) flags |= LINK_FLAGS.HAS_LINK_TARGET_ID_LIST;
  if (hasLinkInfo) flags |= LINK_FLAGS.HAS_LINK_INFO;
  if (fixture.name !== undefined) flags |= LINK_FLAGS.HAS_NAME;
  if (fixture.relativePath !== undefined) flags |= LINK_FLAGS.HAS_RELATIVE_PATH;
  if (fixture.workingDir !== undefined) flags |= LINK_FLAGS.HAS_WORKING_DIR;
  if (fixture.arguments !== undefined) flags |= LINK_FLAGS.HAS_ARGUMENTS;
  if (fixture.iconLocation !== undefined) flags |= LINK_FLAGS.HAS_ICON_LOCATION;
  if (fixture.environmentPath !== undefined) flags |= LINK_FLAGS.HAS_EXP_STRING;
  if (fixture.forceNoLinkInfo) flags |= LINK_FLAGS.FORCE_NO_LINK_INFO;

  // ShellLinkHeader (§2.1), 76 bytes.
  const header = Buffer.alloc(SHELL_LINK_HEADER_BYTES);
  header.writeUInt32LE(SHELL_LINK_HEADER_BYTES, 0x00); // HeaderSize
  Buffer.from(SHELL_LINK_CLSID, 'hex').copy(header, 0x04); // LinkCLSID
  header.writeUInt32LE(flags, 0x14); // LinkFlags
  header.writeUInt32LE(0x20, 0x18); // FileAttributes: FILE_ATTRIBUTE_ARCHIVE
  // 0x1C CreationTime, 0x24 AccessTime, 0x2C WriteTime, 0x34 FileSize, 0x38 IconIndex: zero.
  header.writeUInt32LE(1, 0x3c); // ShowCommand: SW_SHOWNORMAL
  // 0x40 HotKey, 0x42 Reserved1, 0x44 Reserved2, 0x48 Reserved3: zero.
  const parts: Buffer[] = [header];

  // LinkTargetIDList (§2.2): IDListSize, then the IDs (here filler, then a 2-byte TerminalID of zero).
  if (fixture.idListBytes !== undefined) parts.push(u16(fixture.idListBytes), Buffer.alloc(fixture.idListBytes, 0x5a).fill(0, fixture.idListBytes - 2));

  if (hasLinkInfo) parts.push(linkInfo(fixture));

  // StringData (§2.4): CountCharacters, then the characters (no terminating NUL).
  const string = (text: string) => Buffer.concat([u16(text.length), Buffer.from(text, isUnicode ? 'utf16le' : 'latin1')]);
  for (const text of [fixture.name, fixture.relativePath, fixture.workingDir, fixture.arguments, fixture.iconLocation]) if (text !== undefined) parts.push(string(text));

  // ExtraData (§2.5): EnvironmentVariableDataBlock, then the TerminalBlock (4 zero bytes).
  if (fixture.environmentPath !== undefined) {
    const block = Buffer.alloc(ENVIRONMENT_VARIABLE_DATA_BLOCK.bytes);
    block.writeUInt32LE(ENVIRONMENT_VARIABLE_DATA_BLOCK.bytes, 0); // BlockSize 0x314
    block.writeUInt32LE(ENVIRONMENT_VARIABLE_DATA_BLOCK.signature, 4); // BlockSignature 0xA0000001
    block.write(fixture.environmentPath, 8, 'latin1'); // TargetAnsi (260 bytes, NUL-padded)
    block.write(fixture.environmentPath, 8 + ENVIRONMENT_VARIABLE_DATA_BLOCK.ansiBytes, 'utf16le'); // TargetUnicode (520 bytes)
    parts.push(block);
  }
  parts.push(u32(0));
  return Buffer.concat(parts);
}

/** LinkInfo (§2.3): the header with its offsets, then VolumeID or CommonNetworkRelativeLink, then the strings. */
function linkInfo(fixture: ShellLinkFixture): Buffer {
  const isUnicode = fixture.isUnicodeLinkInfo === true;
  const headerBytes = isUnicode ? 0x24 : 0x1c;
  const suffix = fixture.commonPathSuffix ?? '';
  const body: Buffer[] = [];
  let at = headerBytes;
  const place = (bytes: Buffer) => {
    const offset = at;
    body.push(bytes);
    at += bytes.length;
    return offset;
  };
  let infoFlags = 0;
  let volumeIdOffset = 0;
  let localBasePathOffset = 0;
  let networkOffset = 0;
  let localBasePathUnicodeOffset = 0;
  if (fixture.localBasePath !== undefined) {
    infoFlags |= 0x1; // VolumeIDAndLocalBasePath
    // VolumeID (§2.3.1): VolumeIDSize 0x11, DriveType DRIVE_FIXED (3), DriveSerialNumber, VolumeLabelOffset 0x10, label "".
    volumeIdOffset = place(Buffer.concat([u32(0x11), u32(3), u32(0x1234_abcd), u32(0x10), Buffer.alloc(1)]));
    localBasePathOffset = place(ansiZ(fixture.localBasePath));
  } else if (fixture.netName !== undefined) {
    infoFlags |= 0x2; // CommonNetworkRelativeLinkAndPathSuffix
    // CommonNetworkRelativeLink (§2.3.2): Size, Flags (0), NetNameOffset 0x14, DeviceNameOffset 0, NetworkProviderType 0, NetName.
    const netName = ansiZ(fixture.netName);
    networkOffset = place(Buffer.concat([u32(0x14 + netName.length), u32(0), u32(0x14), u32(0), u32(0), netName]));
  }
  const suffixOffset = place(ansiZ(suffix));
  let suffixUnicodeOffset = 0;
  if (isUnicode) {
    if (fixture.localBasePath !== undefined) localBasePathUnicodeOffset = place(unicodeZ(fixture.localBasePath));
    suffixUnicodeOffset = place(unicodeZ(suffix));
  }
  const header = Buffer.concat([
    u32(at), // LinkInfoSize
    u32(headerBytes), // LinkInfoHeaderSize
    u32(infoFlags), // LinkInfoFlags
    u32(volumeIdOffset), // VolumeIDOffset
    u32(localBasePathOffset), // LocalBasePathOffset
    u32(networkOffset), // CommonNetworkRelativeLinkOffset
    u32(suffixOffset), // CommonPathSuffixOffset
    ...(isUnicode ? [u32(localBasePathUnicodeOffset), u32(suffixUnicodeOffset)] : []), // LocalBasePathOffsetUnicode, CommonPathSuffixOffsetUnicode
  ]);
  return Buffer.concat([header, ...body]);
}
