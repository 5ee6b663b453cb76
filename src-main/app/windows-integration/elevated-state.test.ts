import { describe, expect, it } from 'vitest';
import { ace, descriptor } from '../../test-support/security-descriptors.ts';
import { elevatedStateFolder } from './elevated-state.ts';
import { ALICE_SID, FakeSecurity } from './test-fakes.ts';

const ROOT = 'C:\\ProgramData\\org.taskmgr.app';
const FOLDER = `${ROOT}\\${ALICE_SID}`;

describe('elevatedStateFolder: the profile of an elevated instance', () => {
  it('is <ProgramData>\\org.taskmgr.app\\<SID>, both made with their own access list, then checked up to the drive', () => {
    const security = new FakeSecurity();
    expect(elevatedStateFolder(security)).toEqual({ ok: true, path: FOLDER });
    expect(security.created).toEqual([ROOT, FOLDER]);
    expect(security.asked).toEqual([FOLDER, ROOT, 'C:\\ProgramData', 'C:\\']);
  });

  it('uses a folder that is already there only when it is administrators’ alone', () => {
    const security = new FakeSecurity();
    security.createAnswer = 183;
    expect(elevatedStateFolder(security)).toEqual({ ok: true, path: FOLDER });
    // Made first by a user (ProgramData lets Users create folders): its owner is that user.
    security.descriptors.set(ROOT, descriptor('S-1-5-21-1-2-3-1002', [ace(0, 0, 0x1f01ff, 'S-1-5-21-1-2-3-1002')]));
    expect(elevatedStateFolder(security)).toEqual({ ok: false, reason: expect.stringMatching(/org\.taskmgr\.app can be changed by S-1-5-21-1-2-3-1002/) });
  });

  it('is refused when a folder can’t be made or the token can’t be read', () => {
    const security = new FakeSecurity();
    security.createAnswer = 5;
    expect(elevatedStateFolder(security)).toMatchObject({ ok: false, reason: expect.stringMatching(/could not be created \(error 5\)/) });
    const anonymous = new FakeSecurity();
    anonymous.sid = null;
    expect(elevatedStateFolder(anonymous)).toMatchObject({ ok: false });
  });
});
