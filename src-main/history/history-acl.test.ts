import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE_SID, FakeSecurity } from '../app/windows-integration/test-fakes.ts';
import { historyFolderSddl, holdsOnlyHistoryFiles, secureHistoryFolder } from './history-acl.ts';

describe('historyFolderSddl', () => {
  it.each([
    ['the user alone', ALICE_SID, false, `D:P(A;OICI;FA;;;${ALICE_SID})`],
    ['elevated: the user and Administrators', ALICE_SID, true, `D:P(A;OICI;FA;;;${ALICE_SID})(A;OICI;FA;;;BA)`],
    ['a well-known SID', 'S-1-5-18', false, 'D:P(A;OICI;FA;;;S-1-5-18)'],
  ])('%s', (_name, sid, isElevated, expected) => {
    expect(historyFolderSddl(sid, isElevated)).toBe(expected);
  });

  it.each([
    ['an empty SID', ''],
    ['an alias, which SDDL would read as a group', 'WD'],
    ['another ACE smuggled in', `${ALICE_SID})(A;;FA;;;WD`],
    ['a SID of revision 2', 'S-2-5-21-1'],
    ['a lower-case prefix', 's-1-5-18'],
    ['no sub-authority', 'S-1-5'],
  ])('refuses %s', (_name, sid) => {
    expect(historyFolderSddl(sid, true)).toBeNull();
  });
});

describe('holdsOnlyHistoryFiles', () => {
  it.each<[string, string[], boolean]>([
    ['an empty folder (just made)', [], true],
    ['the store, its WAL and shared memory', ['history.sqlite', 'history.sqlite-wal', 'history.sqlite-shm'], true],
    ['a damaged store set aside', ['history.sqlite', 'history.corrupt-2026-12-05T06-41-14-000Z.sqlite'], true],
    ['a folder of the user’s', ['history.sqlite', 'taxes.xlsx'], false],
    ['a subfolder', ['history.sqlite', 'Photos'], false],
    ['a name that only starts like a copy', ['history.corrupt-x.sqlite.lnk'], false],
  ])('%s: %s', (_name, names, expected) => {
    expect(holdsOnlyHistoryFiles(names)).toBe(expected);
  });
});

describe('secureHistoryFolder', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'history-acl-'));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('on Windows: makes the folder, then sets the user’s own protected DACL on it', () => {
    const api = new FakeSecurity();
    const dir = path.join(base, 'new', 'taskmgr');
    expect(secureHistoryFolder(dir, { platform: 'win32', api: () => api })).toEqual({ kind: 'set', sddl: `D:P(A;OICI;FA;;;${ALICE_SID})` });
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    expect(api.daclsSet).toEqual([{ path: dir, sddl: `D:P(A;OICI;FA;;;${ALICE_SID})` }]);
  });

  it('elevated: Administrators too; elevation unknown: the user alone', () => {
    const api = new FakeSecurity();
    api.elevated = true;
    expect(secureHistoryFolder(path.join(base, 'elevated'), { platform: 'win32', api: () => api })).toMatchObject({ sddl: `D:P(A;OICI;FA;;;${ALICE_SID})(A;OICI;FA;;;BA)` });
    api.elevated = null;
    expect(secureHistoryFolder(path.join(base, 'unknown'), { platform: 'win32', api: () => api })).toMatchObject({ sddl: `D:P(A;OICI;FA;;;${ALICE_SID})` });
  });

  it('again on a folder holding the store: set again (an older version made it without)', () => {
    const api = new FakeSecurity();
    const dir = path.join(base, 'existing');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'history.sqlite'), '');
    expect(secureHistoryFolder(dir, { platform: 'win32', api: () => api }).kind).toBe('set');
  });

  it('leaves a folder of the user’s alone, and says why', () => {
    const api = new FakeSecurity();
    const dir = path.join(base, 'documents');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'letter.txt'), 'dear');
    expect(secureHistoryFolder(dir, { platform: 'win32', api: () => api })).toEqual({ kind: 'left', reason: expect.stringMatching(/holds files other than the history store's/) });
    expect(api.daclsSet).toEqual([]);
  });

  it.each<[string, (api: FakeSecurity) => void, RegExp]>([
    ['a token without a user', (api) => (api.sid = null), /user could not be read/],
    ['a token user that is not a SID', (api) => (api.sid = 'WD'), /"WD" is not a SID/],
    ['access denied', (api) => (api.setDaclAnswer = 5), /Win32 error 5/],
  ])('fails with the reason: %s', (_name, arrange, reason) => {
    const api = new FakeSecurity();
    arrange(api);
    expect(secureHistoryFolder(path.join(base, 'failing'), { platform: 'win32', api: () => api })).toEqual({ kind: 'failed', reason: expect.stringMatching(reason) });
  });

  it('fails, without throwing, where the bindings can’t load or the folder can’t be made', () => {
    expect(secureHistoryFolder(path.join(base, 'no-koffi'), { platform: 'win32', api: () => null })).toEqual({ kind: 'failed', reason: 'the Windows security calls could not be loaded' });
    const blocked = path.join(base, 'a-file');
    fs.writeFileSync(blocked, '');
    expect(secureHistoryFolder(path.join(blocked, 'taskmgr'), { platform: 'win32', api: () => new FakeSecurity() })).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/could not be made or read/) });
  });

  it('elsewhere does nothing: no folder made, no binding loaded', () => {
    const dir = path.join(base, 'linux');
    let isLoaded = false;
    const outcome = secureHistoryFolder(dir, {
      platform: 'linux',
      api: () => {
        isLoaded = true;
        return null;
      },
    });
    expect(outcome).toEqual({ kind: 'notWindows' });
    expect(isLoaded).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
