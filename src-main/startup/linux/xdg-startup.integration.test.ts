/**
 * The XDG autostart adapter on real files: a temporary XDG_CONFIG_HOME and two XDG_CONFIG_DIRS
 * folders, programs in a temporary PATH folder, and a stand-in `xdg-open` that writes down what it
 * was asked to open. Each change is checked against the whole tree before and after, so a write
 * anywhere else (a system file, a stray temporary file) fails the test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../src-shared/results.ts';
import { createXdgStartup } from './xdg-startup.ts';

const driver = fileURLToPath(new URL('../../test-support/xdg-startup-driver.ts', import.meta.url));

const FOO = '[Desktop Entry]\nType=Application\nName=Foo\nExec=foo-link --tray %U\n';
const FOO_OTHER = '[Desktop Entry]\nType=Application\nName=Foo (second folder)\nExec=foo\n';
const BAR = '# my own entry\n[Desktop Entry]\nName=Bar\nExec=bar\n';
const BAZ = '[Desktop Entry]\nName=Baz\nExec=/usr/bin/baz-not-installed\n';

let root: string;
let env: Record<string, string>;
const at = (...parts: string[]) => path.join(root, ...parts);

function write(file: string, text: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
}

/** Every folder and file under the root: path → its mode and (files) content. */
function tree(): Record<string, string> {
  const seen: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      const mode = (fs.lstatSync(full).mode & 0o7777).toString(8);
      if (entry.isDirectory()) {
        seen[`${relative}/`] = mode;
        walk(full);
      } else if (entry.isSymbolicLink()) seen[relative] = `link → ${fs.readlinkSync(full)}`;
      else seen[relative] = `${mode} ${fs.readFileSync(full, 'utf8')}`;
    }
  };
  walk(root);
  return seen;
}

function startup() {
  return createXdgStartup({ env, homeDir: at('home') });
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xdg-startup-'));
  fs.chmodSync(root, 0o755); // readable by the unprivileged user of the unwritable-folder test
  write(at('bin', 'foo'), '#!/bin/sh\n', 0o755);
  fs.symlinkSync(at('bin', 'foo'), at('bin', 'foo-link'));
  write(at('bin', 'bar'), '#!/bin/sh\n', 0o755);
  write(at('bin', 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${at('opened.tmp')}" && /bin/mv "${at('opened.tmp')}" "${at('opened')}"\n`, 0o755);
  write(at('sys1', 'autostart', 'foo.desktop'), FOO);
  write(at('sys2', 'autostart', 'foo.desktop'), FOO_OTHER);
  write(at('sys2', 'autostart', 'baz.desktop'), BAZ);
  write(at('sys1', 'autostart', 'notes.txt'), 'not a desktop file');
  write(at('config', 'autostart', 'bar.desktop'), BAR);
  write(at('config', 'autostart', 'baz.desktop'), `${BAZ}Hidden=true\n`);
  fs.mkdirSync(at('home'));
  env = { XDG_CONFIG_HOME: at('config'), XDG_CONFIG_DIRS: `${at('sys1')}:${at('sys2')}`, XDG_CURRENT_DESKTOP: 'GNOME', PATH: at('bin') };
});

afterEach(() => {
  if (fs.existsSync(at('config', 'autostart'))) fs.chmodSync(at('config', 'autostart'), 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('XDG autostart on real folders', () => {
  it('lists one entry per name: the first system folder wins, a user file overrides, a user-only file is the user’s', async () => {
    const listing = await startup().list();
    const rows = listing.entries.map((e) => [e.id, e.name, e.status, e.exePath, e.locationPath]);
    expect(rows).toEqual([
      ['autostartUser:bar.desktop', 'Bar', 'enabled', at('bin', 'bar'), at('config', 'autostart', 'bar.desktop')],
      ['autostartSystem:baz.desktop', 'Baz', 'disabled', null, at('sys2', 'autostart', 'baz.desktop')],
      ['autostartSystem:foo.desktop', 'Foo', 'enabled', at('bin', 'foo'), at('sys1', 'autostart', 'foo.desktop')],
    ]);
    expect(listing.entries[1]?.statusDetail).toBe(`the user's copy applies: ${at('config', 'autostart', 'baz.desktop')}; Hidden=true; its program /usr/bin/baz-not-installed was not found`);
    expect(listing.unavailableReason).toBeNull();
  });

  it('disabling a system entry writes the user override with Hidden=true and nothing else; enabling deletes it again', async () => {
    const before = tree();
    expect(await startup().setEnabled('autostartSystem:foo.desktop', false)).toEqual({ ok: true });
    const after = tree();
    expect(after).toEqual({ ...before, 'config/autostart/foo.desktop': `644 ${FOO}Hidden=true\n` });
    expect((await startup().list()).entries.find((e) => e.id === 'autostartSystem:foo.desktop')?.status).toBe('disabled');

    expect(await startup().setEnabled('autostartSystem:foo.desktop', true)).toEqual({ ok: true });
    expect(tree()).toEqual(before);
  });

  it('disabling the user’s own file edits it in place, keeping its comment; enabling takes the key out again', async () => {
    const before = tree();
    expect(await startup().setEnabled('autostartUser:bar.desktop', false)).toEqual({ ok: true });
    expect(tree()).toEqual({ ...before, 'config/autostart/bar.desktop': `644 ${BAR}Hidden=true\n` });
    expect(await startup().setEnabled('autostartUser:bar.desktop', true)).toEqual({ ok: true });
    expect(tree()).toEqual(before);
  });

  it('disabling with no user folder yet makes it (and only it) for the override', async () => {
    fs.rmSync(at('config'), { recursive: true });
    const before = tree();
    expect(await startup().setEnabled('autostartSystem:foo.desktop', false)).toEqual({ ok: true });
    const added = Object.keys(tree()).filter((key) => !(key in before));
    expect(added.sort()).toEqual(['config/', 'config/autostart/', 'config/autostart/foo.desktop']);
  });

  it('an unknown id is NOT_FOUND and changes nothing', async () => {
    const before = tree();
    const answer = await startup().setEnabled('autostartSystem:gone.desktop', false);
    expect(answer).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await startup().openLocation('autostartUser:../../etc/passwd')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(tree()).toEqual(before);
  });

  it('a user folder it may not write: ACCESS_DENIED with the OS’s reason, nothing written', () => {
    fs.chmodSync(at('config', 'autostart'), 0o555);
    const before = tree();
    const request = JSON.stringify({ env, homeDir: at('home'), action: 'disable', id: 'autostartSystem:foo.desktop' });
    // As root every folder is writable: the action runs as the unprivileged user "nobody" instead.
    const asOther = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const command = [...asOther, process.execPath, driver, request];
    const run = spawnSync(command[0] ?? '', command.slice(1), { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout) as CommandResult;
    expect(answer).toEqual({
      ok: false,
      code: 'ACCESS_DENIED',
      message: `Foo could not be turned off: ${at('config', 'autostart', 'foo.desktop')} could not be written: permission denied (EACCES)`,
    });
    expect(tree()).toEqual(before);
  });

  it('open file location starts xdg-open on the desktop file’s folder; without xdg-open it says so', async () => {
    expect(await startup().openLocation('autostartSystem:foo.desktop')).toEqual({ ok: true });
    for (let i = 0; i < 500 && !fs.existsSync(at('opened')); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fs.readFileSync(at('opened'), 'utf8')).toBe(`${at('sys1', 'autostart')}\n`);

    fs.rmSync(at('bin', 'xdg-open'));
    expect(await startup().openLocation('autostartSystem:foo.desktop')).toEqual({
      ok: false,
      code: 'UNSUPPORTED',
      message: 'no file manager can be opened: xdg-open is not installed (it comes with xdg-utils)',
    });
    expect(await startup().openProperties('autostartSystem:foo.desktop')).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
  });
});
