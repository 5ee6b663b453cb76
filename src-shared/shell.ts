/**
 * The desktop shell's own state and settings (the Electron app): elevation, window behaviour and the
 * opt-in Windows integrations. A view served by the headless host has no shell: it gets
 * `BROWSER_SHELL_STATE` and every shell command answers `UNSUPPORTED`.
 */
import { z } from 'zod';
import { failure, type CommandResult, type Failure } from './commands.ts';
import { pidSchema, startTimeMsSchema } from './snapshot.ts';

export { BROWSER_SHELL_STATE } from './browser-shell-state.ts';

/** Who owns the Image File Execution Options `Debugger` value of taskmgr.exe, if anyone. */
export const REPLACE_OWNERS = ['this-app', 'other'] as const;

export const shellStateSchema = z.strictObject({
  /** True inside the Electron app; false in a browser served by the headless host. */
  isDesktopApp: z.boolean(),
  /** The OS the app runs on (Node's `process.platform` names); null in a browser. */
  platform: z.string().nullable(),
  /** Running with administrator rights (Windows) or as root; null where unknown. */
  isElevated: z.boolean().nullable(),
  /** "Restart as administrator" can be offered (Windows, not elevated yet). */
  canRestartElevated: z.boolean(),
  isAlwaysOnTop: z.boolean(),
  /** Minimising hides the window to the tray icon. */
  isMinimizeToTray: z.boolean(),
  /** A scheduled task (RunLevel Highest) starts the app elevated without a UAC prompt. */
  isStartElevatedEnabled: z.boolean(),
  /** The app starts when the user logs in. */
  isStartAtLoginEnabled: z.boolean(),
  /** taskmgr.exe (Ctrl+Shift+Esc) opens this app instead. */
  isReplaceTaskManagerEnabled: z.boolean(),
  replaceTaskManagerOwner: z.enum(REPLACE_OWNERS).nullable(),
  /** Which of the toggles above this OS offers at all. */
  supports: z.strictObject({
    startElevated: z.boolean(),
    startAtLogin: z.boolean(),
    replaceTaskManager: z.boolean(),
    tray: z.boolean(),
  }),
  /** The last shell operation that failed, in plain words (cleared by the next success). */
  lastError: z.string().nullable(),
  /**
   * What the user asked to see from outside the page: the subject of an alert whose OS notification
   * they clicked (main has shown the window). The page selects that process (or app) when `seq` is
   * new, or opens the alert for a machine's; null until the first click. `seq` counts clicks, so a
   * second click on the same alert selects it again.
   */
  focusRequest: z
    .strictObject({
      seq: z.number().int().min(1),
      alertId: z.string(),
      target: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('process'), pid: pidSchema, startTimeMs: startTimeMsSchema }),
        z.strictObject({ kind: z.literal('app'), appId: z.string() }),
        z.strictObject({ kind: z.literal('machine') }),
      ]),
    })
    .nullable(),
});
export type ShellState = z.infer<typeof shellStateSchema>;


/** A change to one or more shell settings; fields left out are left as they are. */
export const shellSettingsSchema = z
  .strictObject({
    isAlwaysOnTop: z.boolean().optional(),
    isMinimizeToTray: z.boolean().optional(),
    isStartElevatedEnabled: z.boolean().optional(),
    isStartAtLoginEnabled: z.boolean().optional(),
    isReplaceTaskManagerEnabled: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { error: 'name at least one setting to change' });
export type ShellSettings = z.infer<typeof shellSettingsSchema>;

/** Shell commands by name, with their argument schemas (IPC parses with these in main). */
export const shellCommandSchemas = {
  setShellSettings: shellSettingsSchema,
  restartAsAdministrator: z.strictObject({}),
  openWindowsTaskManager: z.strictObject({}),
  /** The icon of a process's executable (the process named by identity, its path found by main). */
  getProcessIcon: z.strictObject({ pid: pidSchema, startTimeMs: startTimeMsSchema }),
} as const;
export type ShellCommandName = keyof typeof shellCommandSchemas;
export type ShellCommandArgs<N extends ShellCommandName> = z.infer<(typeof shellCommandSchemas)[N]>;

/** An executable's small icon as a `data:image/png` URL; null when it has none (or in a browser). */
export type IconResult = { ok: true; dataUrl: string | null } | Failure;

/** What each shell command answers. */
export interface ShellResults {
  setShellSettings: CommandResult;
  restartAsAdministrator: CommandResult;
  openWindowsTaskManager: CommandResult;
  getProcessIcon: IconResult;
}

/** Parses outside data as the named shell command's argument, or says in plain words what is wrong. */
export function parseShellCommand<N extends ShellCommandName>(name: N, input: unknown): { ok: true; value: ShellCommandArgs<N> } | Failure {
  const parsed = shellCommandSchemas[name].safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as ShellCommandArgs<N> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return failure('INVALID_ARGUMENT', `${name}: ${where}${issue?.message ?? 'invalid argument'}`);
}
