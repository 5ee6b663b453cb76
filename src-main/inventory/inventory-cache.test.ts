import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE, loadCachedRead, saveCachedRead, type CachedRead } from './inventory-cache.ts';
import { fixture } from './inventory-fixtures.ts';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-cache-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read: CachedRead = { bootId: 'linux:aaaa', readAtMs: 1_700_000_000_000, readMs: 850, devicesKey: '[["vda"],["eth0"],[]]', output: fixture('vm-debian') };

describe('inventory cache', () => {
  it('gives back the read of the same boot', () => {
    saveCachedRead(dir, read);
    expect(loadCachedRead(dir, 'linux:aaaa')).toEqual(read);
    expect(fs.readdirSync(dir)).toEqual([CACHE_FILE]);
  });

  it.each<[string, (file: string) => void, string]>([
    ['another boot', () => undefined, 'linux:bbbb'],
    ['no file', (file) => fs.rmSync(file), 'linux:aaaa'],
    ['half a file', (file) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 100)), 'linux:aaaa'],
    ['a file of another shape', (file) => fs.writeFileSync(file, JSON.stringify({ version: 1, bootId: 'linux:aaaa' })), 'linux:aaaa'],
    ['a file of another version', (file) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"version":1', '"version":2')), 'linux:aaaa'],
  ])('reads again after %s', (_case, spoil, bootId) => {
    saveCachedRead(dir, read);
    spoil(path.join(dir, CACHE_FILE));
    expect(loadCachedRead(dir, bootId)).toBeNull();
  });

  it('creates the folder it is given', () => {
    const nested = path.join(dir, 'a', 'b');
    saveCachedRead(nested, read);
    expect(loadCachedRead(nested, 'linux:aaaa')?.readMs).toBe(850);
  });
});
