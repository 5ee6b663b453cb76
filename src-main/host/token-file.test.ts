import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_FILE_BYTES, readTokenFile, type TokenFileIo } from './token-file.ts';

const TOKEN = 'a-secret-token-from-a-file-0123';
const PATH = '/home/me/.config/taskmgr/token';

interface FakeFile {
  kind?: 'file' | 'folder' | 'pipe' | 'device';
  text?: string;
  mode?: number;
  /** A Node error code thrown by stat (or, with `readError`, by read). */
  error?: string;
  readError?: string;
}

function io(file: FakeFile, platform: NodeJS.Platform = 'linux'): TokenFileIo {
  const kind = file.kind ?? 'file';
  const fail = (code: string) => Object.assign(new Error(`${code}: ${PATH}`), { code });
  return {
    platform,
    stat: () => {
      if (file.error) throw fail(file.error);
      return {
        isDirectory: () => kind === 'folder',
        isFile: () => kind === 'file',
        isFIFO: () => kind === 'pipe',
        size: Buffer.byteLength(file.text ?? ''),
        mode: (file.mode ?? 0o600) | (kind === 'folder' ? 0o040000 : 0o100000),
      };
    },
    read: () => {
      if (file.readError) throw fail(file.readError);
      return file.text ?? '';
    },
  };
}

describe('readTokenFile', () => {
  it.each<[string, FakeFile]>([
    ['the token alone', { text: TOKEN }],
    ['the token and a newline (echo, editors)', { text: `${TOKEN}\n` }],
    ['the token and a Windows newline', { text: `${TOKEN}\r\n` }],
    ['the token from a pipe (<(pass show taskmgr))', { kind: 'pipe', text: `${TOKEN}\n` }],
  ])('reads %s', (_name, file) => {
    expect(readTokenFile(PATH, io(file))).toEqual({ ok: true, token: TOKEN, warning: null });
  });

  it.each<[string, FakeFile, RegExp]>([
    ['a missing file', { error: 'ENOENT' }, /does not exist/],
    ['a file it may not read', { error: 'EACCES' }, /permission denied/],
    ['a file whose read is refused', { readError: 'EACCES' }, /permission denied/],
    ['another error', { readError: 'EIO' }, /can't be read \(EIO\)/],
    ['a folder', { kind: 'folder' }, /is a folder/],
    ['a device (/dev/zero)', { kind: 'device' }, /is not a file/],
    ['a file too large to be a token', { text: 'x'.repeat(MAX_TOKEN_FILE_BYTES + 1) }, /larger than 4096 bytes/],
    ['an empty file', { text: '' }, /must hold only the token/],
    ['a token that is too short', { text: 'short-secret\n' }, /at least 16 characters/],
    ['two newlines after the token', { text: `${TOKEN}\n\n` }, /must hold only the token/],
    ['spaces after the token', { text: `${TOKEN}  \n` }, /must hold only the token/],
    ['two lines', { text: `${TOKEN}\nsecond-line-secret-value\n` }, /must hold only the token/],
    ['a character outside the pattern', { text: 'a-secret-token/with-a-slash\n' }, /must hold only the token/],
  ])('refuses %s, naming the flag and the file, never what is in it', (_name, file, reason) => {
    const result = readTokenFile(PATH, io(file));
    if (result.ok) throw new Error('expected a refusal');
    expect(result.message).toMatch(reason);
    expect(result.message).toContain(`--token-file ${PATH}`);
    for (const secret of [TOKEN, 'short-secret', 'second-line-secret', 'a-secret-token']) expect(result.message).not.toContain(secret);
  });

  it.each<[string, number, NodeJS.Platform, boolean]>([
    ['0600', 0o600, 'linux', false],
    ['0400', 0o400, 'linux', false],
    ['0620 (group may write, not read)', 0o620, 'linux', false],
    ['0640 (group may read)', 0o640, 'linux', true],
    ['0644 (everyone may read)', 0o644, 'linux', true],
    ['0604 (others may read)', 0o604, 'darwin', true],
    ['0644 on Windows (mode bits mean nothing there)', 0o644, 'win32', false],
  ])('a file of mode %s: warned that others can read it → %s', (_name, mode, platform, isWarned) => {
    const result = readTokenFile(PATH, io({ text: TOKEN, mode }, platform));
    if (!result.ok) throw new Error(result.message);
    expect(result.token).toBe(TOKEN);
    if (isWarned) {
      expect(result.warning).toMatch(/can be read by other users.*chmod 600/);
      expect(result.warning).not.toContain(TOKEN);
    } else {
      expect(result.warning).toBeNull();
    }
  });

  it('the control token\'s file is named by its own flag, in refusals and warnings alike', () => {
    const refused = readTokenFile(PATH, io({ text: 'short' }), '--control-token-file');
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining(`--control-token-file ${PATH} must hold only the token`) });
    const readable = readTokenFile(PATH, io({ text: TOKEN, mode: 0o644 }), '--control-token-file');
    expect(readable).toMatchObject({ ok: true, token: TOKEN, warning: expect.stringMatching(/^--control-token-file .* can be read by other users/) });
  });
});
