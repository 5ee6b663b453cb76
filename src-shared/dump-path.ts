/**
 * Where a memory dump may be written (Create dump file), checked the same in the page (as the user
 * types) and in main (commands.ts `dumpFilePathSchema`, before anything is written). Pure.
 */
const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;
/** Whether a file or folder name has a character Windows never allows in one (control characters included). */
function hasForbiddenChar(name: string): boolean {
  return [...name].some((char) => char.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(char));
}

/**
 * Why `text` is not a path a new dump file can be written to, or null when it is one: absolute on
 * a drive (`C:\…`, either slash), not a network path (`\\server\share\…`: an elevated app would
 * write there with the administrator's network credentials, into a folder others control), not a
 * device path (`\\?\`, `\\.\`), no character Windows forbids, no reserved device name, ending in
 * `.dmp`. Whether its folder exists, and that no part of it is a link or junction, is checked by
 * main, on the machine that writes it.
 */
export function dumpFilePathProblem(text: string): string | null {
  if (/^[\\/]{2}[?.][\\/]/.test(text)) return 'a device path (\\\\?\\ or \\\\.\\) is not a file';
  if (/^[\\/]{2}/.test(text)) return 'a network path (\\\\server\\share\\) is refused: write the dump to a local drive, then copy it';
  const root = /^[A-Za-z]:[\\/]/.exec(text)?.[0];
  if (root === undefined) return 'give the full path, starting with a drive (C:\\)';
  const parts = text.slice(root.length).split(/[\\/]/);
  const fileName = parts.at(-1) ?? '';
  if (parts.some(hasForbiddenChar)) return 'a name in the path has a character Windows does not allow (< > : " | ? * or a control character)';
  if (parts.slice(0, -1).some((part) => part === '')) return 'the path has an empty folder name (two slashes in a row)';
  if (!/\.dmp$/i.test(fileName) || fileName.length <= '.dmp'.length) return 'the file name must end in .dmp';
  if (parts.some((part) => RESERVED_FILE_NAMES.test((part.split('.')[0] ?? '').trimEnd()))) return 'a name in the path is a device Windows reserves (CON, NUL, COM1, …)';
  if (parts.some((part) => /[ .]$/.test(part) && part !== '.' && part !== '..')) return 'a name in the path ends in a space or a dot, which Windows drops';
  return null;
}

