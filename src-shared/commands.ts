/**
 * Commands (renderer → main → OS) and their results. Every command names its target by identity
 * (pid + start time); main parses it with these schemas before anything else runs.
 *
 * Expected failures are values, never exceptions: `{ ok: false, code, message }`.
 */
import { z } from 'zod';
import { pidSchema, prioritySchema, processIdentitySchema, startTimeMsSchema } from './snapshot.ts';

export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'PROTECTED',
  'STALE_PID',
  'ACCESS_DENIED',
  'UNSUPPORTED',
  'COLLECTOR_DOWN',
  'UNAUTHORIZED',
  'METHOD_NOT_ALLOWED',
  'CONTROL_DISABLED',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** An expected failure: the code is for programs, the message is plain words for a person. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
}
export interface Success {
  ok: true;
}
/** What a command over several processes (a tree, an app) did to each of them. */
export interface ManyOutcome {
  ok: true;
  done: ProcessIdentityValue[];
  failed: (ProcessIdentityValue & { code: ErrorCode; message: string })[];
}
type ProcessIdentityValue = z.infer<typeof processIdentitySchema>;

export type CommandResult = Success | ManyOutcome | Failure;

const identityOutcome = processIdentitySchema;
/** The runtime schema of every command's answer (what a client receives, checked in tests). */
export const commandResultSchema = z.union([
  z.strictObject({ ok: z.literal(false), code: errorCodeSchema, message: z.string().min(1) }),
  z.strictObject({
    ok: z.literal(true),
    done: z.array(identityOutcome),
    failed: z.array(identityOutcome.extend({ code: errorCodeSchema, message: z.string().min(1) })),
  }),
  z.strictObject({ ok: z.literal(true) }),
]);

export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}

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
const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;
/** Whether a file or folder name has a character Windows never allows in one (control characters included). */
function hasForbiddenChar(name: string): boolean {
  return [...name].some((char) => char.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(char));
}

/**
 * Why `text` is not a path a new dump file can be written to, or null when it is one: absolute on
 * a drive (`C:\…`, either slash), not a network path (`\\server\share\…`: an elevated app would
 * write there with the administrator's network credentials, into a folder others control), not a
 * device path (`\\?\`, `\\.\`), no character Windows forbids, no reserved device name, ending in
 * `.dmp`. Whether its folder exists, and that no part of it is a link or junction, is checked by
 * main, on the machine that writes it.
 */
export function dumpFilePathProblem(text: string): string | null {
  if (/^[\\/]{2}[?.][\\/]/.test(text)) return 'a device path (\\\\?\\ or \\\\.\\) is not a file';
  if (/^[\\/]{2}/.test(text)) return 'a network path (\\\\server\\share\\) is refused: write the dump to a local drive, then copy it';
  const root = /^[A-Za-z]:[\\/]/.exec(text)?.[0];
  if (root === undefined) return 'give the full path, starting with a drive (C:\\)';
  const parts = text.slice(root.length).split(/[\\/]/);
  const fileName = parts.at(-1) ?? '';
  if (parts.some(hasForbiddenChar)) return 'a name in the path has a character Windows does not allow (< > : " | ? * or a control character)';
  if (parts.slice(0, -1).some((part) => part === '')) return 'the path has an empty folder name (two slashes in a row)';
  if (!/\.dmp$/i.test(fileName) || fileName.length <= '.dmp'.length) return 'the file name must end in .dmp';
  if (parts.some((part) => RESERVED_FILE_NAMES.test((part.split('.')[0] ?? '').trimEnd()))) return 'a name in the path is a device Windows reserves (CON, NUL, COM1, …)';
  if (parts.some((part) => /[ .]$/.test(part) && part !== '.' && part !== '..')) return 'a name in the path ends in a space or a dot, which Windows drops';
  return null;
}

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
