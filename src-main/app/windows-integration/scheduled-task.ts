/**
 * "Always start elevated" and "Start at login" on Windows: one Task Scheduler task per user,
 * `\org.taskmgr.app\Launch-<DOMAIN>-<user>`, that runs this exe with `--from-task` —
 * - RunLevel HighestAvailable when "always start elevated" is on (LeastPrivilege when only
 *   "start at login" is), so `schtasks /Run` starts it elevated without a UAC prompt: what System
 *   Informer does. Registering a HighestAvailable task needs an elevated caller;
 * - a LogonTrigger for that user when "start at login" is on, none otherwise (a task without
 *   triggers only runs on demand);
 * - InteractiveToken (runs in the user's session, no stored password), IgnoreNew (a second /Run
 *   while ours runs does nothing), no time limit (PT0S), allowed on batteries, Priority 4 (normal:
 *   Task Scheduler's default 7 would start the app at below-normal CPU, I/O and memory priority).
 *
 * Every command line is built here, pure, and asserted by tests. The task is registered from XML in
 * memory (`buildRegisterTaskCommand`) and read back whole (`taskDifferences`). The task folder is
 * the appId, so the uninstaller (assets/installer.nsh) can remove every user's task without
 * knowing their names.
 */
import { powershellLiteral } from './elevation.ts';
import { FROM_TASK_FLAG } from './launch-args.ts';
import { isSameWindowsPath, type SystemPaths } from './windows-command-line.ts';
import path from 'node:path';

/** The Task Scheduler folder of our tasks (= electron-builder appId; installer.nsh uses it too). */
export const TASK_FOLDER = 'org.taskmgr.app';

/** Our task's full name for a user id like "DESKTOP-1\alice". Characters a task name can't hold become "_". */
export function taskNameFor(userId: string): string {
  const user = [...userId]
    .map((char) => (char === '\\' ? '-' : char.charCodeAt(0) < 0x20 || '/:*?"<>|'.includes(char) ? '_' : char))
    .join('')
    .trim();
  return `\\${TASK_FOLDER}\\Launch-${user}`;
}

export interface TaskDefinition {
  exePath: string;
  /** The SID of the user the task runs as and whose logon triggers it, from this process's token (never %USERNAME%). */
  userId: string;
  /**
   * The same account as DOMAIN\\user (LookupAccountSid of that SID), for reading back: Task
   * Scheduler may print a user it was given by SID under its name.
   */
  accountName?: string | null;
  isElevated: boolean;
  isAtLogin: boolean;
}

/** Whether XML 1.0 can carry this code point (its "Char" production). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** Text for an XML element or attribute value. Characters XML 1.0 can't carry (controls, lone surrogates) are dropped. */
export function escapeXml(text: string): string {
  return [...text]
    .filter((char) => isXmlChar(char.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const DESCRIPTION =
  'Starts Task Manager (elevated without a UAC prompt when "Always start elevated" is on, and at login when "Start at login" is on). ' +
  "Created from Task Manager's settings; removed when both are turned off and when Task Manager is uninstalled.";

/** The task's XML (Task Scheduler schema 1.2, Windows 7 and later). Pure. */
export function buildTaskXml(definition: TaskDefinition): string {
  const user = escapeXml(definition.userId);
  const trigger = definition.isAtLogin
    ? ['  <Triggers>', '    <LogonTrigger>', '      <Enabled>true</Enabled>', `      <UserId>${user}</UserId>`, '    </LogonTrigger>', '  </Triggers>']
    : [];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Author>Task Manager</Author>',
    `    <Description>${escapeXml(DESCRIPTION)}</Description>`,
    '  </RegistrationInfo>',
    ...trigger,
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${user}</UserId>`,
    '      <LogonType>InteractiveToken</LogonType>',
    `      <RunLevel>${definition.isElevated ? 'HighestAvailable' : 'LeastPrivilege'}</RunLevel>`,
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>false</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <IdleSettings>',
    '      <StopOnIdleEnd>false</StopOnIdleEnd>',
    '      <RestartOnIdle>false</RestartOnIdle>',
    '    </IdleSettings>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>false</WakeToRun>',
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <Priority>4</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${escapeXml(definition.exePath)}</Command>`,
    `      <Arguments>${escapeXml(FROM_TASK_FLAG)}</Arguments>`,
    `      <WorkingDirectory>${escapeXml(path.win32.dirname(definition.exePath))}</WorkingDirectory>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/** What we read back from a registered task. */
export interface TaskInfo {
  command: string | null;
  arguments: string | null;
  runLevel: 'HighestAvailable' | 'LeastPrivilege' | null;
  hasLogonTrigger: boolean;
  isEnabled: boolean;
}

function elementText(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1] === undefined ? null : unescapeXml(match[1].trim());
}

/**
 * The parts of a task's XML (as `schtasks /Query /XML` prints it) that we act on; null when it
 * is not a task. A LogonTrigger counts when it is not explicitly disabled. Pure.
 */
export function parseTaskXml(xml: string): TaskInfo | null {
  if (!/<Task[\s>]/.test(xml)) return null;
  const settings = elementText(xml, 'Settings') ?? '';
  const exec = elementText(xml, 'Exec') ?? '';
  const runLevel = elementText(xml, 'RunLevel');
  const logonTrigger = /<LogonTrigger(?:\s[^>]*)?\/>/.test(xml) ? '' : elementText(xml, 'LogonTrigger');
  return {
    command: elementText(exec, 'Command'),
    arguments: elementText(exec, 'Arguments'),
    runLevel: runLevel === 'HighestAvailable' || runLevel === 'LeastPrivilege' ? runLevel : null,
    hasLogonTrigger: logonTrigger !== null && elementText(logonTrigger, 'Enabled') !== 'false',
    isEnabled: elementText(settings.replace(/<IdleSettings[\s\S]*?<\/IdleSettings>/, ''), 'Enabled') !== 'false',
  };
}

/** Whether a registered task is ours for `exePath`: it runs this exe with `--from-task`. Pure. */
export function isOurTask(info: TaskInfo, exePath: string): boolean {
  return info.command !== null && isSameWindowsPath(info.command.replace(/^"|"$/g, ''), exePath) && (info.arguments ?? '').trim() === FROM_TASK_FLAG;
}

/** The direct child elements of the first `<parent>` element (name and inner text); null when there is none. */
function childElements(xml: string, parent: string): { name: string; body: string }[] | null {
  const inner = new RegExp(`<${parent}(?:\\s[^>]*)?>([\\s\\S]*?)</${parent}>`).exec(xml)?.[1];
  if (inner === undefined) return new RegExp(`<${parent}(?:\\s[^>]*)?/>`).test(xml) ? [] : null;
  const children: { name: string; body: string }[] = [];
  const tag = /<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>/g;
  let depth = 0;
  let open: { name: string; start: number } | null = null;
  for (let match = tag.exec(inner); match !== null; match = tag.exec(inner)) {
    const [whole, closing, name = '', , selfClosing] = match;
    if (closing) {
      depth -= 1;
      if (depth === 0 && open) children.push({ name: open.name, body: inner.slice(open.start, match.index) });
    } else if (selfClosing) {
      if (depth === 0) children.push({ name, body: '' });
    } else {
      if (depth === 0) open = { name, start: match.index + whole.length };
      depth += 1;
    }
  }
  return children;
}

/** Whether a task's `UserId` names the definition's user: its SID, or that SID's account name. */
const isSameUser = (value: string | null, definition: TaskDefinition) =>
  value !== null && [definition.userId, definition.accountName ?? null].some((id) => id !== null && value.trim().toUpperCase() === id.trim().toUpperCase());

/**
 * Everything in a registered task (as `schtasks /Query /XML` prints it) that differs from
 * `definition`, in plain words; empty when it is exactly ours: one principal, the user by SID,
 * InteractiveToken, the asked run level; one action, an Exec of this exe with `--from-task`; and
 * no trigger, or one logon trigger for that same user. A second action, a SYSTEM or group
 * principal, a stored password or a boot trigger all show up here. Pure.
 */
export function taskDifferences(xml: string, definition: TaskDefinition): string[] {
  const differences: string[] = [];
  const principals = childElements(xml, 'Principals') ?? [];
  const [principal] = principals;
  if (principals.length !== 1 || !principal) differences.push(`${principals.length} principals instead of one`);
  else {
    const userId = elementText(principal.body, 'UserId');
    if (!isSameUser(userId, definition)) differences.push(`it runs as ${userId ?? 'a group'}, not as ${definition.userId}`);
    if (elementText(principal.body, 'GroupId') !== null) differences.push('it runs as a group');
    const logonType = elementText(principal.body, 'LogonType');
    if (logonType !== 'InteractiveToken') differences.push(`its logon type is ${logonType ?? 'unset'}, not InteractiveToken`);
    const runLevel = elementText(principal.body, 'RunLevel') ?? 'LeastPrivilege';
    const expected = definition.isElevated ? 'HighestAvailable' : 'LeastPrivilege';
    if (runLevel !== expected) differences.push(`its run level is ${runLevel}, not ${expected}`);
  }
  const actions = childElements(xml, 'Actions') ?? [];
  const [action] = actions;
  if (actions.length !== 1 || !action) differences.push(`${actions.length} actions instead of one`);
  else if (action.name !== 'Exec') differences.push(`its action is ${action.name}, not Exec`);
  else {
    const command = (elementText(action.body, 'Command') ?? '').replace(/^"|"$/g, '');
    if (!isSameWindowsPath(command, definition.exePath)) differences.push(`it runs ${command || 'nothing'}, not ${definition.exePath}`);
    const args = elementText(action.body, 'Arguments') ?? '';
    if (args.trim() !== FROM_TASK_FLAG) differences.push(`its arguments are "${args}", not ${FROM_TASK_FLAG}`);
  }
  const triggers = childElements(xml, 'Triggers') ?? [];
  const expectedTriggers = definition.isAtLogin ? 1 : 0;
  if (triggers.length !== expectedTriggers) differences.push(`${triggers.length} triggers instead of ${expectedTriggers}`);
  for (const trigger of triggers) {
    if (trigger.name !== 'LogonTrigger') differences.push(`it has a ${trigger.name}`);
    else if (!isSameUser(elementText(trigger.body, 'UserId'), definition)) differences.push(`its logon trigger is for ${elementText(trigger.body, 'UserId') ?? 'any user'}`);
  }
  return differences;
}

export interface ToolCommand {
  file: string;
  args: string[];
}

/**
 * Registers the task from its XML held in memory, through Task Scheduler's API
 * (`Register-ScheduledTask -Xml`), so no file stands between writing the definition and Windows
 * reading it (a file in a folder the user can write could be swapped in that window). The script
 * travels as -EncodedCommand; every value in it is a single-quoted literal. Pure.
 */
export function buildRegisterTaskCommand(paths: SystemPaths, taskName: string, xml: string): ToolCommand {
  const cut = taskName.lastIndexOf('\\');
  const script = [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    `Register-ScheduledTask -TaskPath ${powershellLiteral(taskName.slice(0, cut + 1))} -TaskName ${powershellLiteral(taskName.slice(cut + 1))} -Xml ${powershellLiteral(xml)} -Force | Out-Null`,
  ].join('\n');
  const encoded = Buffer.from(script, 'utf16le').toString('base64');
  return { file: paths.powershell, args: ['-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', encoded] };
}

export function buildQueryTaskCommand(paths: SystemPaths, taskName: string): ToolCommand {
  return { file: paths.schtasks, args: ['/Query', '/TN', taskName, '/XML'] };
}

export function buildRunTaskCommand(paths: SystemPaths, taskName: string): ToolCommand {
  return { file: paths.schtasks, args: ['/Run', '/TN', taskName] };
}

export function buildDeleteTaskCommand(paths: SystemPaths, taskName: string): ToolCommand {
  return { file: paths.schtasks, args: ['/Delete', '/TN', taskName, '/F'] };
}
