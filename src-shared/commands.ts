/**
 * Commands (renderer → main → OS) and their results. Every command names its target by identity
 * (pid + start time); main parses it with these schemas before anything else runs.
 *
 * Expected failures are values, never exceptions: `{ ok: false, code, message }`.
 */
import { z } from 'zod';
import { ruleIdSchema, ruleSchema } from './alert-schema.ts';
import { dumpFilePathProblem } from './dump-path.ts';
import { ERROR_CODES } from './enums.ts';
import { failure, type CommandResult, type ErrorCode, type Failure, type ManyOutcome, type Success } from './results.ts';
import { pidSchema, prioritySchema, processIdentitySchema, startTimeMsSchema } from './snapshot.ts';

// The plain parts of the contract (results.ts, dump-path.ts, enums.ts), for the code that imports
// them from here with the schemas.
export { dumpFilePathProblem, ERROR_CODES, failure };
export type { CommandResult, ErrorCode, Failure, ManyOutcome, Success };

export const errorCodeSchema = z.enum(ERROR_CODES);

const identityOutcome = processIdentitySchema;
/** The runtime schema of every command's answer (results.ts `CommandResult`, checked in tests). */
export const commandResultSchema: z.ZodType<CommandResult> = z.union([
  z.strictObject({ ok: z.literal(false), code: errorCodeSchema, message: z.string().min(1) }),
  z.strictObject({
    ok: z.literal(true),
    done: z.array(identityOutcome),
    gone: z.array(identityOutcome),
    failed: z.array(identityOutcome.extend({ code: errorCodeSchema, message: z.string().min(1) })),
  }),
  z.strictObject({ ok: z.literal(true) }),
]);

const target = { pid: pidSchema, startTimeMs: startTimeMsSchema };

export const killCommandSchema = z.strictObject({
  ...target,
  /** SIGKILL / TerminateProcess without asking the process to close first. */
  force: z.boolean().optional(),
  /** The process and all its descendants (leaves first). */
  tree: z.boolean().optional(),
  /** The user chose "End" on this task manager itself; without it, its own processes are PROTECTED. */
  isSelfConfirmed: z.boolean().optional(),
});
export const killAppCommandSchema = z.strictObject({
  appId: z.string().min(1).max(512),
  members: z.array(processIdentitySchema).min(1).max(100_000),
  force: z.boolean().optional(),
});
export const suspendCommandSchema = z.strictObject({ ...target, tree: z.boolean().optional() });
export const resumeCommandSchema = suspendCommandSchema;
export const setPriorityCommandSchema = z.strictObject({ ...target, priority: prioritySchema });
export const setAffinityCommandSchema = z.strictObject({
  ...target,
  /** Logical CPU indices the process may run on; at least one. */
  cpus: z.array(z.number().int().min(0).max(4095)).min(1).max(4096),
});
export const setEfficiencyModeCommandSchema = z.strictObject({ ...target, enabled: z.boolean() });

/** Device names Windows reserves in every folder: `C:\dumps\NUL.dmp` is the NUL device, not a file. */
/** A new dump file's path, as `dumpFilePathProblem` describes (at most 32,767 characters, Windows' limit). */
export const dumpFilePathSchema = z
  .string({ error: 'path (where to write the dump file) is required' })
  .max(32_767, { error: 'the path is longer than Windows allows' })
  .superRefine((text, context) => {
    const problem = dumpFilePathProblem(text);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });

/** Open file location: File Explorer shows the process's executable, found by main through its identity. */
export const openFileLocationCommandSchema = z.strictObject(target);
/** Properties: the shell's Properties dialog of the process's executable. */
export const openPropertiesCommandSchema = z.strictObject(target);
/** Create dump file: a full memory dump of the process, written to a new file (never overwriting one). */
export const createDumpFileCommandSchema = z.strictObject({ ...target, path: dumpFilePathSchema });
/** Run new task: a command line as the Run dialog takes it (a program, document, folder or URL, then its arguments). */
export const runNewTaskCommandSchema = z.strictObject({
  commandLine: z
    .string({ error: 'commandLine is required' })
    .trim()
    .min(1, { error: 'type the name of a program, folder, document or website' })
    .max(32_767, { error: 'the command line is longer than Windows allows' })
    .refine((text) => !text.includes('\u0000'), { error: 'the command line contains a NUL character' }),
  /** Run as administrator (the UAC prompt asks the user). */
  isElevated: z.boolean().optional(),
});
/** Restart Windows Explorer: ends this session's explorer.exe and makes sure the shell comes back. */
export const restartExplorerCommandSchema = z.strictObject({});

export const collectorSettingsSchema = z.strictObject({
  /** 250 ms – 10 s. */
  intervalMs: z.number().int().min(250).max(10_000).optional(),
  isPaused: z.boolean().optional(),
});

/**
 * Delete history (Settings → History, App history's "Delete usage history"): `everything` empties
 * the store; `usage` deletes the per-app and per-process usage behind App history and top
 * consumers. Control only. The store overwrites what it deletes (SQLite `secure_delete`) and
 * checkpoints the WAL, so deleted rows do not linger in free pages or the log.
 */
export const deleteHistoryCommandSchema = z.strictObject({
  scope: z.enum(['everything', 'usage'], { error: 'scope must be everything or usage' }),
});
/** History's choices (query.ts `HistorySettings`); what is left out stays as it is. Control only. */
export const setHistorySettingsCommandSchema = z.strictObject({
  isRecordingOwnCommandLines: z.boolean().optional(),
  isRecordingOthersCommandLines: z.boolean().optional(),
});

/**
 * Save a rule (src-shared/alerts.ts), new or replacing the one with its id. A rule with actions
 * starts as a dry run (`armed: false`); saving it with `armed: true` arms it. Over the host, a rule
 * with actions needs `--allow-control` (CONTROL_DISABLED otherwise); a rule without needs only the token.
 */
export const putRuleCommandSchema = z.strictObject({ rule: ruleSchema });
/** Delete a rule; its active alerts clear. NOT_FOUND when there is no rule with that id. */
export const deleteRuleCommandSchema = z.strictObject({ id: ruleIdSchema });
/** Keep a process a rule suspended suspended, instead of resuming it after `SUSPEND_EXPIRY_MS`. Control only. */
export const keepSuspendedCommandSchema = z.strictObject({ alertId: z.string().min(1).max(200), ...target });

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** A startup entry's id (startup.ts `StartupEntry.id`): its location and name there. */
export const startupIdSchema = z
  .string({ error: 'id (the startup entry) is required' })
  .min(1, { error: 'id (the startup entry) is required' })
  .max(1024, { error: 'id is longer than any startup entry' })
  .refine((text) => !hasControlCharacter(text), { error: 'id contains a control character' });
const startupTarget = z.strictObject({ id: startupIdSchema });
/** A service's name (services.ts `ServiceRow.name`): the SCM's short name or the unit's name; never a path. */
export const serviceNameSchema = z
  .string({ error: 'name (the service) is required' })
  .min(1, { error: 'name (the service) is required' })
  .max(256, { error: 'name is longer than a service name may be' })
  .refine((text) => !hasControlCharacter(text) && !/[/\\]/.test(text), { error: 'name must not contain slashes or control characters' });
/**
 * Stop or restart a service. Where running services depend on it (they stop with it), the first
 * call answers NEEDS_CONFIRMATION naming them; the caller asks the user and sends it again with
 * `isDependentsConfirmed`. A stop not finished within SERVICE_STOP_TIMEOUT_MS answers TIMED_OUT.
 */
const serviceStopSchema = z.strictObject({ name: serviceNameSchema, isDependentsConfirmed: z.boolean().optional() });

/**
 * What one page receives from the host: the latest state at most every `intervalMs`, or nothing
 * while paused. The host samples at its own rate (`--interval-ms`) whoever watches, so that one
 * page pausing or slowing never changes what another page, history or a rule sees. In the desktop
 * app (one user, one window) the same choice is the app's sampling rate.
 */
export const viewCadenceSchema = z.strictObject({
  isPaused: z.boolean(),
  /** 250 ms – 10 s, as the collector's own interval. */
  intervalMs: z.number().int().min(250).max(10_000),
});
export type ViewCadence = z.infer<typeof viewCadenceSchema>;

export type KillCommand = z.infer<typeof killCommandSchema>;
export type KillAppCommand = z.infer<typeof killAppCommandSchema>;
export type SuspendCommand = z.infer<typeof suspendCommandSchema>;
export type ResumeCommand = z.infer<typeof resumeCommandSchema>;
export type SetPriorityCommand = z.infer<typeof setPriorityCommandSchema>;
export type SetAffinityCommand = z.infer<typeof setAffinityCommandSchema>;
export type SetEfficiencyModeCommand = z.infer<typeof setEfficiencyModeCommandSchema>;
export type CollectorSettings = z.infer<typeof collectorSettingsSchema>;
export type CreateDumpFileCommand = z.infer<typeof createDumpFileCommandSchema>;
export type RunNewTaskCommand = z.infer<typeof runNewTaskCommandSchema>;

/** Every command by name, with its argument schema: the one map both sides of IPC import. */
export const commandSchemas = {
  kill: killCommandSchema,
  killTree: suspendCommandSchema.omit({ tree: true }).extend({ force: z.boolean().optional() }),
  killApp: killAppCommandSchema,
  suspend: suspendCommandSchema,
  resume: resumeCommandSchema,
  setPriority: setPriorityCommandSchema,
  setAffinity: setAffinityCommandSchema,
  setEfficiencyMode: setEfficiencyModeCommandSchema,
  /** Windows; UNSUPPORTED elsewhere. Read-only: no process is PROTECTED from it, identity is checked. */
  openFileLocation: openFileLocationCommandSchema,
  /** Windows; UNSUPPORTED elsewhere. Read-only like `openFileLocation`. */
  openProperties: openPropertiesCommandSchema,
  /** Windows; UNSUPPORTED elsewhere. Refused like ending the process (PROTECTED, STALE_PID). */
  createDumpFile: createDumpFileCommandSchema,
  /** Windows; UNSUPPORTED elsewhere. Starts a program on the machine main runs on. */
  runNewTask: runNewTaskCommandSchema,
  /** Windows; UNSUPPORTED elsewhere. */
  restartExplorer: restartExplorerCommandSchema,
  setCollectorSettings: collectorSettingsSchema,
  deleteHistory: deleteHistoryCommandSchema,
  setHistorySettings: setHistorySettingsCommandSchema,
  putRule: putRuleCommandSchema,
  deleteRule: deleteRuleCommandSchema,
  keepSuspended: keepSuspendedCommandSchema,
  /** Startup apps: starts at the next login again. Desktop only (it plants code that runs at login). */
  enableStartup: startupTarget,
  /** Startup apps: does not start at the next login (Windows: StartupApproved, as Task Manager; Linux: a user override with Hidden=true). */
  disableStartup: startupTarget,
  /** Startup apps: File Explorer shows the entry's executable (or its shortcut). Desktop only. */
  openStartupLocation: startupTarget,
  /** Startup apps: the shell's Properties dialog of the entry's executable. Windows; desktop only. */
  openStartupProperties: startupTarget,
  /** Services: starts a stopped service. Desktop only (it runs code now). */
  startService: z.strictObject({ name: serviceNameSchema }),
  stopService: serviceStopSchema,
  restartService: serviceStopSchema,
} as const;
export type CommandName = keyof typeof commandSchemas;

/**
 * Commands that act on the desktop of the machine main runs on: they open windows, start
 * programs, or write a file where the caller says. The desktop app only: the headless host answers
 * them UNSUPPORTED whatever its flags, so a token never turns into running programs over the network.
 */
export const DESKTOP_ONLY_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'openFileLocation',
  'openProperties',
  'createDumpFile',
  'runNewTask',
  'restartExplorer',
  'enableStartup',
  'openStartupLocation',
  'openStartupProperties',
  'startService',
]);
export type CommandArgs<N extends CommandName> = z.infer<(typeof commandSchemas)[N]>;

/** Parses outside data as the named command's argument, or says in plain words what is wrong. */
export function parseCommand<N extends CommandName>(
  name: N,
  input: unknown,
): { ok: true; value: CommandArgs<N> } | Failure {
  const parsed = commandSchemas[name].safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as CommandArgs<N> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return failure('INVALID_ARGUMENT', `${name}: ${where}${issue?.message ?? 'invalid argument'}`);
}
