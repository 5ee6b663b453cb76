import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IFEO_TASKMGR_KEY, ourDebuggerValue } from './ifeo.ts';
import { REPLACED_TASKMGR_FLAG } from './launch-args.ts';
import { TASK_FOLDER } from './scheduled-task.ts';

// The uninstaller must undo exactly what this folder sets: same key, same flag, same task folder.
const nsh = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/installer.nsh'), 'utf8');
const define = (name: string) => new RegExp(`^!define ${name} "([^"]*)"$`, 'm').exec(nsh)?.[1];
const macro = (name: string) => new RegExp(`^!macro ${name}\\n([\\s\\S]*?)^!macroend`, 'm').exec(nsh)?.[1] ?? '';

describe('assets/installer.nsh', () => {
  it('names the key, the flag and the task folder the app uses', () => {
    expect(`HKLM\\${define('TM_IFEO_KEY') ?? ''}`).toBe(IFEO_TASKMGR_KEY);
    expect(define('TM_REPLACED_FLAG')).toBe(` ${REPLACED_TASKMGR_FLAG}`);
    expect(define('TM_REPLACED_FLAG')?.length).toBe(19);
    expect(nsh).toContain('StrCpy $2 $0 "" -19');
    // The value the app writes ends with the installer's suffix, whose length the installer compares.
    expect(ourDebuggerValue('C:\\TM\\tm.exe').endsWith(define('TM_DEBUGGER_SUFFIX') ?? '?')).toBe(true);
    expect(define('TM_DEBUGGER_SUFFIX')?.length).toBe(22);
    expect(nsh).toContain('StrCpy $1 $0 "" -22');
    expect(define('TM_TASK_FOLDER')).toBe(TASK_FOLDER);
  });

  it('the uninstall removes nothing during an update, and only our Debugger value', () => {
    const body = macro('customUnInstall');
    expect(body.trimStart().startsWith('${IfNot} ${isUpdated}')).toBe(true);
    // The delete sits inside the check that the value starts with "<quote>$INSTDIR\.
    const check = body.indexOf(`\${If} $2 == '"$INSTDIR\\'`);
    const remove = body.indexOf('DeleteRegValue HKLM "${TM_IFEO_KEY}" "Debugger"');
    expect(check).toBeGreaterThan(-1);
    expect(remove).toBeGreaterThan(check);
    expect(body).toContain('SetRegView 64');
    // The Debugger value goes before the tasks (and before electron-builder removes the files).
    expect(remove).toBeLessThan(body.indexOf('Unregister-ScheduledTask'));
    expect(body).toContain("Get-ScheduledTask -TaskPath '\\${TM_TASK_FOLDER}\\'");
  });

  it('an update keeps our Debugger value only for an install under Program Files, and removes it elsewhere', () => {
    const body = macro('customInstall');
    const check = body.indexOf('${If} $2 == "$PROGRAMFILES64\\"');
    const write = body.indexOf('WriteRegStr HKLM "${TM_IFEO_KEY}" "Debugger"');
    const remove = body.indexOf('DeleteRegValue HKLM "${TM_IFEO_KEY}" "Debugger"');
    expect(check).toBeGreaterThan(-1);
    expect(write).toBeGreaterThan(check);
    expect(remove).toBeGreaterThan(write);
    expect(body.slice(write, remove)).toContain('${Else}');
  });

  it('saves and restores the registers it uses', () => {
    for (const name of ['customInstall', 'customUnInstall']) {
      const body = macro(name);
      const pushes = [...body.matchAll(/^\s*Push (\$\d)$/gm)].map((m) => m[1]);
      const pops = [...body.matchAll(/^\s*Pop (\$\d)$/gm)].map((m) => m[1]);
      expect(pushes).toEqual(['$0', '$1', '$2']);
      expect(pops.slice(-3)).toEqual(['$2', '$1', '$0']);
    }
  });
});
