/**
 * The desktop shell's own state and settings (the Electron app): elevation, window behaviour and the
 * opt-in Windows integrations. A view served by the headless host has no shell: it gets
 * `BROWSER_SHELL_STATE` and every shell command answers `UNSUPPORTED`.
 */
import { z } from 'zod';
import { failure, type CommandResult, type Failure } from './commands.ts';
import { pidSchema, startTimeMsSchema } from './snapshot.ts';
import { FINGERPRINT_PATTERN, MACHINE_STATES, machineUrlProblem, type MachineProbe } from './machines.ts';

export { BROWSER_SHELL_STATE } from './browser-shell-state.ts';

/** Who owns the Image File Execution Options `Debugger` value of taskmgr.exe, if anyone. */
export const REPLACE_OWNERS = ['this-app', 'other'] as const;

const savedMachineSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  url: z.string(),
  fingerprint: z.string().regex(FINGERPRINT_PATTERN).nullable(),
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  hasControlToken: z.boolean(),
});

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
  /** The machines the user saved (src-shared/machines.ts), without their tokens; [] in a browser. */
  machines: z.array(savedMachineSchema),
  /** The machine the window shows; null: this computer. The title and a coloured bar name it. */
  shownMachine: savedMachineSchema.extend({ state: z.enum(MACHINE_STATES), message: z.string().nullable() }).nullable(),
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
  /** Connect to machine…, step 1: reads the host's certificate (nothing is sent to it) so the user can check its fingerprint. */
  probeMachine: z.strictObject({ url: machineUrlSchema() }),
  /**
   * Step 2: saves the machine (tokens kept with safeStorage) and shows it. `fingerprint` is the one
   * the user accepted (null for http on loopback): main connects only if the certificate still has
   * it, and pins it. A token the host refuses answers UNAUTHORIZED and saves nothing.
   */
  connectMachine: z.strictObject({
    url: machineUrlSchema(),
    name: z.string().trim().min(1, { error: 'name the machine' }).max(100),
    fingerprint: z.string().regex(FINGERPRINT_PATTERN, { error: 'fingerprint must be 32 hex pairs (AB:CD:…)' }).nullable(),
    token: z.string().regex(/^[A-Za-z0-9._~-]{16,}$/, { error: 'the token must be at least 16 characters of A–Z, a–z, 0–9 and . _ ~ -' }),
    controlToken: z.string().regex(/^[A-Za-z0-9._~-]{16,}$/, { error: 'the control token must be at least 16 characters of A–Z, a–z, 0–9 and . _ ~ -' }).optional(),
  }),
  /** Shows a saved machine, or this computer (`id` null). */
  showMachine: z.strictObject({ id: z.string().min(1).max(64).nullable() }),
  /** Forgets a saved machine and its tokens (back to this computer if it was shown). */
  forgetMachine: z.strictObject({ id: z.string().min(1).max(64) }),
} as const;

function machineUrlSchema() {
  return z.string({ error: 'url is required' }).superRefine((text, context) => {
    const problem = machineUrlProblem(text);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });
}
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
  probeMachine: MachineProbeResult;
  connectMachine: CommandResult;
  showMachine: CommandResult;
  forgetMachine: CommandResult;
}

export type MachineProbeResult = { ok: true; probe: MachineProbe } | Failure;

/** Parses outside data as the named shell command's argument, or says in plain words what is wrong. */
export function parseShellCommand<N extends ShellCommandName>(name: N, input: unknown): { ok: true; value: ShellCommandArgs<N> } | Failure {
  const parsed = shellCommandSchemas[name].safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as ShellCommandArgs<N> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return failure('INVALID_ARGUMENT', `${name}: ${where}${issue?.message ?? 'invalid argument'}`);
}
