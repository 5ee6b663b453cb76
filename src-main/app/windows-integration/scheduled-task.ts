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
 * Every command line is built here, pure, and asserted by tests; the XML file is UTF-16LE with a
 * BOM, as schtasks /XML expects. The task folder is the appId, so the uninstaller
 * (assets/installer.nsh) can remove every user's task without knowing their names.
 */
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
  /** DOMAIN\user (or a SID) of the user the task runs as and whose logon triggers it. */
  userId: string;
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

/** The bytes of the XML file given to schtasks /XML: a UTF-16LE BOM, then UTF-16LE. Pure. */
export function encodeTaskXmlFile(xml: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
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

/** Whether a registered task matches what was asked for (read back after /Create). Pure. */
export function matchesDefinition(info: TaskInfo, definition: TaskDefinition): boolean {
  return (
    isOurTask(info, definition.exePath) &&
    info.runLevel === (definition.isElevated ? 'HighestAvailable' : 'LeastPrivilege') &&
    info.hasLogonTrigger === definition.isAtLogin
  );
}

export interface ToolCommand {
  file: string;
  args: string[];
}

export function buildCreateTaskCommand(paths: SystemPaths, taskName: string, xmlFilePath: string): ToolCommand {
  return { file: paths.schtasks, args: ['/Create', '/TN', taskName, '/XML', xmlFilePath, '/F'] };
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
