/**
 * Where an elevated instance keeps its profile (settings, Chromium's files) on Windows: not in the
 * user's %APPDATA%, where a non-elevated process can swap a folder for a junction and turn the
 * elevated app's writes into writes anywhere, but in `<ProgramData>\org.taskmgr.app\<user SID>`,
 * created with an access list of its own (SYSTEM and Administrators only) and checked, with every
 * folder above, before it is used. ProgramData comes from Windows (FOLDERID_ProgramData), never from
 * %ProgramData%. A folder someone else made there first, or could change, is refused, never used.
 */
import { chainProblem, foldersAbove, parseDescriptor } from './folder-security.ts';
import { TASK_FOLDER } from './scheduled-task.ts';
import type { WindowsSecurityApi } from '../../core/windows-security-api.ts';

const ERROR_ALREADY_EXISTS = 183;

export type StateFolder = { ok: true; path: string } | { ok: false; reason: string };

export function elevatedStateFolder(api: WindowsSecurityApi): StateFolder {
  const programData = api.programDataFolder();
  const sid = api.userSid();
  if (programData === null || sid === null) return { ok: false, reason: 'Windows did not say where ProgramData is or who the user is' };
  const root = `${programData.replace(/\\+$/, '')}\\${TASK_FOLDER}`;
  const folder = `${root}\\${sid}`;
  for (const path of [root, folder]) {
    const created = api.createAdminOnlyFolder(path);
    if (created !== 0 && created !== ERROR_ALREADY_EXISTS) return { ok: false, reason: `${path} could not be created (error ${created})` };
  }
  // Checked after creating: a folder that was already there (made by anyone) must be ours as well.
  const chain = [
    { path: folder, role: 'target' as const },
    { path: root, role: 'target' as const },
    ...foldersAbove(root).map((path) => ({ path, role: 'parent' as const })),
  ];
  const problem = chainProblem(chain.map((entry) => ({ ...entry, descriptor: parseDescriptor(api.securityDescriptorOf(entry.path)) })));
  return problem === null ? { ok: true, path: folder } : { ok: false, reason: problem };
}
