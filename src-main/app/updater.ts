/**
 * Auto-update (electron-updater), on only for signed, packaged builds: an unsigned build must
 * never replace itself with whatever a feed serves. The release workflow marks a signed build by
 * setting `taskmgrBuild.isSigned` in the packaged package.json (electron-builder `extraMetadata`);
 * on Windows electron-updater also checks the downloaded installer's Authenticode signature
 * against the running app's publisher (`verifyUpdateCodeSignature`, electron-builder.yml).
 */
import { z } from 'zod';

const buildInfoSchema = z.object({ taskmgrBuild: z.object({ isSigned: z.boolean() }).optional() });

/** Whether the packaged package.json says this build was signed. Pure over its text. */
export function isSignedBuild(packageJsonText: string | null): boolean {
  if (packageJsonText === null) return false;
  try {
    return buildInfoSchema.parse(JSON.parse(packageJsonText)).taskmgrBuild?.isSigned === true;
  } catch {
    return false;
  }
}

export interface UpdatePolicyInput {
  isPackaged: boolean;
  isSigned: boolean;
  platform: NodeJS.Platform;
  /** Whether this instance runs elevated (administrator, root); null: it could not be told. */
  isElevated: boolean | null;
  /** TASKMGR_DISABLE_UPDATES=1 turns it off (managed machines, tests). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Whether to check for updates, and why not when not. Pure. */
export function updatePolicy(input: UpdatePolicyInput): { isEnabled: true } | { isEnabled: false; reason: string } {
  if (!input.isPackaged) return { isEnabled: false, reason: 'a development build does not update itself' };
  if (!input.isSigned) return { isEnabled: false, reason: 'an unsigned build does not update itself' };
  if (input.env.TASKMGR_DISABLE_UPDATES === '1') return { isEnabled: false, reason: 'updates are turned off (TASKMGR_DISABLE_UPDATES=1)' };
  // electron-updater keeps the downloaded installer in this user's writable cache and runs it at
  // quit: from an elevated instance a non-elevated process could swap the file after its signature
  // was checked and have it run as administrator. Only a non-elevated instance updates.
  if (input.isElevated === true) return { isEnabled: false, reason: 'an elevated instance never installs updates; the next start without administrator rights does' };
  if (input.isElevated === null && input.platform === 'win32') {
    return { isEnabled: false, reason: 'it could not be told whether this instance is elevated, and an elevated one must not install updates' };
  }
  if (input.platform === 'linux' && input.env.APPIMAGE === undefined) {
    return { isEnabled: false, reason: 'only the AppImage updates itself on Linux (use the package manager for the .deb)' };
  }
  return { isEnabled: true };
}

/** The parts of electron-updater's `autoUpdater` used here. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

/** Checks now and every `everyMs`; a downloaded update installs when the app quits. */
export function startAutoUpdate(updater: AutoUpdaterLike, log: (line: string) => void, everyMs = 6 * 60 * 60 * 1000): () => void {
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => log(`updater: ${error.message}`));
  updater.on('update-downloaded', (info) => log(`updater: version ${info.version} is ready and installs when Task Manager quits`));
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => log(`updater: check failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
