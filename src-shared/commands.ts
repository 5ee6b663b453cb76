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
  setCollectorSettings: collectorSettingsSchema,
} as const;
export type CommandName = keyof typeof commandSchemas;
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
