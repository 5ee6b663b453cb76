import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MACHINE_COLORS, MachineStore, parseMachinesFile, pickMachineColor } from './machine-store.ts';
import { NO_ENCRYPTION_MESSAGE, TokenVault, type SafeStorageLike } from './token-vault.ts';

const SEALED = 'sealed:';
function fakeSafeStorage(isAvailable = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => isAvailable,
    encryptString: (text) => Buffer.from(SEALED + [...text].reverse().join('')),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith(SEALED)) throw new Error('not sealed here');
      return [...text.slice(SEALED.length)].reverse().join('');
    },
  };
}

const TOKEN = 'view-token-0123456789abc';
const CONTROL = 'control-token-0123456789abc';
const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'machine-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const storeIn = (safeStorage = fakeSafeStorage()) => new MachineStore(path.join(dir, 'machines.json'), new TokenVault(path.join(dir, 'machine-tokens.json'), safeStorage));

describe('pickMachineColor', () => {
  it.each<[string, string[], string]>([
    ['none used: the first', [], MACHINE_COLORS[0]],
    ['the first used: the second', [MACHINE_COLORS[0]], MACHINE_COLORS[1]],
    ['a gap: the gap', [MACHINE_COLORS[0], MACHINE_COLORS[2]], MACHINE_COLORS[1]],
    ['all used once: the first again', [...MACHINE_COLORS], MACHINE_COLORS[0]],
    ['all used, the first twice: the second', [...MACHINE_COLORS, MACHINE_COLORS[0]], MACHINE_COLORS[1]],
    ['a colour not in the palette counts for nothing', ['#000000'], MACHINE_COLORS[0]],
  ])('%s', (_name, used, expected) => {
    expect(pickMachineColor(used)).toBe(expected);
  });

  it('the palette has distinct lower-case colours, as the shell state’s schema wants', () => {
    expect(new Set(MACHINE_COLORS).size).toBe(MACHINE_COLORS.length);
    for (const color of MACHINE_COLORS) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('parseMachinesFile', () => {
  const good = { id: 'a', name: 'build-server', url: 'https://build-server:8737', fingerprint: FINGERPRINT, color: '#1f6fb2' };
  it.each<[string, string | null, number]>([
    ['no file', null, 0],
    ['not JSON', '{', 0],
    ['no list', '{"version":1}', 0],
    ['one good machine', JSON.stringify({ machines: [good] }), 1],
    ['a bad machine dropped, the good kept', JSON.stringify({ machines: [{ ...good, id: 'b', url: 'http://build-server:8737' }, good] }), 1],
    ['a token field is refused (tokens never live here)', JSON.stringify({ machines: [{ ...good, token: TOKEN }] }), 0],
    ['a repeated id kept once', JSON.stringify({ machines: [good, good] }), 1],
  ])('%s', (_name, text, count) => {
    expect(parseMachinesFile(text)).toHaveLength(count);
  });
});

describe('MachineStore and TokenVault', () => {
  it('saves a machine with its tokens sealed, 0600, none in clear in either file; reads them back', () => {
    const store = storeIn();
    const saved = store.save({ name: 'build-server', url: 'https://build-server:8737/', fingerprint: FINGERPRINT, token: TOKEN, controlToken: CONTROL });
    expect(saved).toMatchObject({ ok: true, machine: { name: 'build-server', url: 'https://build-server:8737', fingerprint: FINGERPRINT, color: MACHINE_COLORS[0], hasControlToken: true } });
    const id = saved.ok ? saved.machine.id : '';
    for (const file of ['machines.json', 'machine-tokens.json']) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(CONTROL);
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(storeIn().tokensOf(id)).toEqual({ token: TOKEN, controlToken: CONTROL });
    expect(storeIn().pinnedFor('https://build-server:8737')).toBe(FINGERPRINT);
    expect(storeIn().list()).toEqual([saved.ok && saved.machine]);
  });

  it('refuses to keep tokens where the OS has no encryption, and saves nothing', () => {
    const store = storeIn(fakeSafeStorage(false));
    expect(store.save({ name: 'x', url: 'https://x:1', fingerprint: FINGERPRINT, token: TOKEN, controlToken: null })).toEqual({ ok: false, code: 'UNSUPPORTED', message: NO_ENCRYPTION_MESSAGE });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(store.list()).toEqual([]);
  });

  it('one address is one machine: saving it again keeps its id and colour; another gets the next colour', () => {
    const store = storeIn();
    const first = store.save({ name: 'a', url: 'https://a:1', fingerprint: FINGERPRINT, token: TOKEN, controlToken: null });
    const again = store.save({ name: 'a2', url: 'https://a:1/', fingerprint: FINGERPRINT, token: TOKEN, controlToken: null });
    const other = store.save({ name: 'b', url: 'https://b:1', fingerprint: FINGERPRINT, token: TOKEN, controlToken: null });
    expect(first.ok && again.ok && again.machine.id === first.machine.id && again.machine.color === first.machine.color).toBe(true);
    expect(other.ok && other.machine.color).toBe(MACHINE_COLORS[1]);
    expect(store.list().map((machine) => machine.name)).toEqual(['a2', 'b']);
  });

  it('forgetting a machine deletes its tokens too', () => {
    const store = storeIn();
    const saved = store.save({ name: 'a', url: 'https://a:1', fingerprint: FINGERPRINT, token: TOKEN, controlToken: null });
    const id = saved.ok ? saved.machine.id : '';
    expect(store.forget(id)).toEqual({ ok: true });
    expect(store.list()).toEqual([]);
    expect(store.tokensOf(id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(store.forget(id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a token sealed by another storage is a plain refusal, not a crash', () => {
    const saved = storeIn().save({ name: 'a', url: 'https://a:1', fingerprint: FINGERPRINT, token: TOKEN, controlToken: null });
    const other: SafeStorageLike = { ...fakeSafeStorage(), decryptString: () => { throw new Error('wrong key'); } };
    expect(storeIn(other).tokensOf(saved.ok ? saved.machine.id : '')).toMatchObject({ ok: false, code: 'ACCESS_DENIED', message: expect.stringContaining('forget the machine and connect again') });
  });
});
