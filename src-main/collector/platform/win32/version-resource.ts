/**
 * The version resource of an executable (`GetFileVersionInfoW`'s buffer: a `VS_VERSIONINFO` tree),
 * parsed here rather than through VerQueryValueW so that it is a pure, tested function.
 *
 * Every node of the tree is: wLength (WORD, bytes of the node with its children), wValueLength
 * (WORD: WCHARs for a text value, bytes for a binary one), wType (WORD: 1 text, 0 binary), szKey
 * (NUL-terminated UTF-16), padding to a 32-bit boundary, the value, padding to a 32-bit boundary,
 * then the children, each starting on a 32-bit boundary. The root is `VS_VERSION_INFO` (value:
 * VS_FIXEDFILEINFO); its children are `StringFileInfo` (children: one string table per language and
 * code page, keyed like `040904b0`, whose children are the strings `FileDescription`, `CompanyName`, …)
 * and `VarFileInfo` (child `Translation`: pairs of WORD language, WORD code page).
 */
import { readUtf16z } from './struct-reader.ts';

interface VersionNode {
  key: string;
  type: number;
  valueStart: number;
  valueEnd: number;
  /** Where the node ends (start + wLength). */
  end: number;
  children: VersionNode[];
}

const align4 = (offset: number) => (offset + 3) & ~3;

function parseNode(bytes: Uint8Array, view: DataView, start: number, limit: number, depth: number): VersionNode | null {
  if (start + 6 > limit || depth > 4) return null;
  const length = view.getUint16(start, true);
  const valueLength = view.getUint16(start + 2, true);
  const type = view.getUint16(start + 4, true);
  const end = start + length;
  if (length < 6 || end > limit) return null;
  const key = readUtf16z(bytes, start + 6, end);
  const valueStart = align4(start + 6 + (key.length + 1) * 2);
  // A text value's length is in WCHARs, a binary one's in bytes; some linkers write bytes for text,
  // so a value never runs past its node.
  const valueEnd = Math.min(end, valueStart + (type === 1 ? valueLength * 2 : valueLength));
  const children: VersionNode[] = [];
  for (let child = align4(valueEnd); child + 6 <= end; ) {
    const node = parseNode(bytes, view, child, end, depth + 1);
    if (!node) break;
    children.push(node);
    child = align4(child + view.getUint16(child, true));
  }
  return { key, type, valueStart, valueEnd, end, children };
}

export interface VersionStrings {
  /** Language + code page pairs of `\VarFileInfo\Translation`, as 8 lower-case hex digits (`040904b0`). */
  translations: string[];
  /** String tables by their key (lower-cased), each a map of string name → value. */
  tables: Map<string, Map<string, string>>;
}

/** Null when the bytes are not a version resource. */
export function parseVersionInfo(bytes: Uint8Array): VersionStrings | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const root = parseNode(bytes, view, 0, bytes.length, 0);
  if (!root || root.key !== 'VS_VERSION_INFO') return null;
  const translations: string[] = [];
  const tables = new Map<string, Map<string, string>>();
  for (const section of root.children) {
    if (section.key === 'StringFileInfo') {
      for (const table of section.children) {
        const strings = new Map<string, string>();
        // A String's text is read NUL-terminated up to the end of its node: resource compilers
        // disagree on wType and on whether wValueLength counts WCHARs or bytes.
        for (const entry of table.children) {
          strings.set(entry.key, entry.end > entry.valueStart ? readUtf16z(bytes, entry.valueStart, entry.end) : '');
        }
        tables.set(table.key.toLowerCase(), strings);
      }
    } else if (section.key === 'VarFileInfo') {
      for (const variable of section.children) {
        if (variable.key !== 'Translation') continue;
        for (let at = variable.valueStart; at + 4 <= variable.valueEnd; at += 4) {
          const language = view.getUint16(at, true);
          const codePage = view.getUint16(at + 2, true);
          translations.push(hex4(language) + hex4(codePage));
        }
      }
    }
  }
  return { translations, tables };
}

const hex4 = (value: number) => value.toString(16).padStart(4, '0');

/** US English in Unicode, Windows-1252, and language-neutral: where a table missing from Translation usually is. */
const FALLBACK_TABLES = ['040904b0', '040904e4', '04090000'];

/**
 * Task Manager's description (FileDescription) and publisher (CompanyName): from the first string
 * table that `Translation` names and that exists, else the usual English ones, else the first table.
 * Empty or blank values are null.
 */
export function versionDescription(info: VersionStrings | null): { description: string | null; publisher: string | null } {
  if (!info) return { description: null, publisher: null };
  const keys = [...info.translations, ...FALLBACK_TABLES];
  let table: Map<string, string> | undefined;
  for (const key of keys) {
    table = info.tables.get(key);
    if (table) break;
  }
  table ??= info.tables.values().next().value;
  const pick = (name: string) => {
    const value = table?.get(name)?.trim();
    return value ? value : null;
  };
  return { description: pick('FileDescription'), publisher: pick('CompanyName') };
}
