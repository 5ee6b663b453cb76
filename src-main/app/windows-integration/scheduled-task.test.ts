import { describe, expect, it } from 'vitest';
import {
  buildRegisterTaskCommand,
  buildDeleteTaskCommand,
  buildQueryTaskCommand,
  buildRunTaskCommand,
  buildTaskXml,
  escapeXml,
  isOurTask,
  taskDifferences,
  parseTaskXml,
  taskNameFor,
  type TaskDefinition,
} from './scheduled-task.ts';
import { systemPaths } from './windows-command-line.ts';

const paths = systemPaths('C:\\Windows');
const EXE = 'C:\\Program Files\\Task Manager\\Task Manager.exe';

/** A tiny well-formedness check: every tag closes in order, the root is <Task>. Returns the element names. */
function checkWellFormed(xml: string): string[] {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const names: string[] = [];
  for (const match of body.matchAll(/<(\/?)([A-Za-z]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name = '', , selfClosing] = match;
    if (closing) {
      expect(stack.pop()).toBe(name);
    } else {
      names.push(name);
      if (!selfClosing) stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  expect(names[0]).toBe('Task');
  // Text between tags holds no raw markup characters.
  for (const text of body.split(/<[^>]*>/)) expect(text).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos);)/);
  return names;
}

function elementsOf(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1] ?? '');
}

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const definition = (overrides: Partial<TaskDefinition> = {}): TaskDefinition => ({
  exePath: EXE,
  userId: 'S-1-5-21-1004336348-1177238915-682003330-1001',
  isElevated: true,
  isAtLogin: true,
  ...overrides,
});

describe('taskNameFor', () => {
  it.each([
    ['S-1-5-21-1004336348-1177238915-682003330-1001', '\\org.taskmgr.app\\Launch-S-1-5-21-1004336348-1177238915-682003330-1001'],
    ['alice', '\\org.taskmgr.app\\Launch-alice'],
    ['CORP\\j.doe smith', '\\org.taskmgr.app\\Launch-CORP-j.doe smith'],
    ['EVIL\\a/b:c*d?e"f<g>h|i\u0001', '\\org.taskmgr.app\\Launch-EVIL-a_b_c_d_e_f_g_h_i_'],
    ['PC\\José', '\\org.taskmgr.app\\Launch-PC-José'],
  ])('%j → %j', (user, name) => {
    expect(taskNameFor(user)).toBe(name);
  });
});

describe('buildTaskXml', () => {
  it('elevated and at login: every setting the feature depends on', () => {
    const xml = buildTaskXml(definition());
    const names = checkWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">')).toBe(true);
    expect(names).toContain('LogonTrigger');
    expect(elementsOf(xml, 'UserId')).toEqual(['S-1-5-21-1004336348-1177238915-682003330-1001', 'S-1-5-21-1004336348-1177238915-682003330-1001']);
    expect(elementsOf(xml, 'LogonType')).toEqual(['InteractiveToken']);
    expect(elementsOf(xml, 'RunLevel')).toEqual(['HighestAvailable']);
    expect(elementsOf(xml, 'MultipleInstancesPolicy')).toEqual(['IgnoreNew']);
    expect(elementsOf(xml, 'ExecutionTimeLimit')).toEqual(['PT0S']);
    expect(elementsOf(xml, 'DisallowStartIfOnBatteries')).toEqual(['false']);
    expect(elementsOf(xml, 'StopIfGoingOnBatteries')).toEqual(['false']);
    expect(elementsOf(xml, 'Priority')).toEqual(['4']);
    expect(elementsOf(xml, 'Command')).toEqual([EXE]);
    expect(elementsOf(xml, 'Arguments')).toEqual(['--from-task']);
    expect(elementsOf(xml, 'WorkingDirectory')).toEqual(['C:\\Program Files\\Task Manager']);
    expect(xml).toContain('<Principal id="Author">');
    expect(xml).toContain('<Actions Context="Author">');
  });

  it('start at login off: no trigger at all (runs only on demand)', () => {
    const xml = buildTaskXml(definition({ isAtLogin: false }));
    expect(checkWellFormed(xml)).not.toContain('Triggers');
    expect(xml).not.toContain('LogonTrigger');
  });

  it('elevated off: LeastPrivilege', () => {
    expect(elementsOf(buildTaskXml(definition({ isElevated: false })), 'RunLevel')).toEqual(['LeastPrivilege']);
  });

  it('escapes what it writes, and the parse gives it back', () => {
    const exePath = "C:\\R&D <tools> \"x\" O'Brien\\任务\\Task Manager.exe";
    const userId = 'R&D\\<bob>';
    const xml = buildTaskXml(definition({ exePath, userId }));
    checkWellFormed(xml);
    expect(xml).toContain('<Command>C:\\R&amp;D &lt;tools&gt; &quot;x&quot; O&apos;Brien\\任务\\Task Manager.exe</Command>');
    expect(xml).toContain('<UserId>R&amp;D\\&lt;bob&gt;</UserId>');
    expect(parseTaskXml(xml)).toEqual({ command: exePath, arguments: '--from-task', runLevel: 'HighestAvailable', hasLogonTrigger: true, isEnabled: true });
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ud800e😀')).toBe('abc\tde😀');
  });
});

// `schtasks /Query /TN … /XML` of a task registered from our XML: Windows reorders the elements,
// adds the URI and prints the principal as given.
const RECORDED_QUERY = `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>Task Manager</Author>
    <Description>Starts Task Manager</Description>
    <URI>\\org.taskmgr.app\\Launch-S-1-5-21-1004336348-1177238915-682003330-1001</URI>
  </RegistrationInfo>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-21-1004336348-1177238915-682003330-1001</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <IdleSettings>
      <StopOnIdleEnd>false</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <Enabled>true</Enabled>
    <Priority>4</Priority>
  </Settings>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>S-1-5-21-1004336348-1177238915-682003330-1001</UserId>
    </LogonTrigger>
  </Triggers>
  <Actions Context="Author">
    <Exec>
      <Command>C:\\Program Files\\Task Manager\\Task Manager.exe</Command>
      <Arguments>--from-task</Arguments>
      <WorkingDirectory>C:\\Program Files\\Task Manager</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
`;

describe('parseTaskXml', () => {
  it('reads a recorded task', () => {
    expect(parseTaskXml(RECORDED_QUERY)).toEqual({ command: EXE, arguments: '--from-task', runLevel: 'HighestAvailable', hasLogonTrigger: true, isEnabled: true });
  });

  it.each([
    ['a disabled task', RECORDED_QUERY.replace('<Enabled>true</Enabled>\n    <Priority>', '<Enabled>false</Enabled>\n    <Priority>'), { isEnabled: false, hasLogonTrigger: true }],
    ['a disabled trigger', RECORDED_QUERY.replace('<LogonTrigger>\n      <Enabled>true</Enabled>', '<LogonTrigger>\n      <Enabled>false</Enabled>'), { isEnabled: true, hasLogonTrigger: false }],
    ['no triggers', RECORDED_QUERY.replace(/<Triggers>[\s\S]*<\/Triggers>/, ''), { hasLogonTrigger: false }],
    ['a self-closing trigger', RECORDED_QUERY.replace(/<LogonTrigger>[\s\S]*<\/LogonTrigger>/, '<LogonTrigger />'), { hasLogonTrigger: true }],
    ['LeastPrivilege', RECORDED_QUERY.replace('HighestAvailable', 'LeastPrivilege'), { runLevel: 'LeastPrivilege' }],
    ['no RunLevel (LeastPrivilege is the default, but we read what is written)', RECORDED_QUERY.replace(/<RunLevel>.*<\/RunLevel>/, ''), { runLevel: null }],
  ])('%s', (_name, xml, expected) => {
    expect(parseTaskXml(xml)).toMatchObject(expected);
  });

  it('is null for anything that is not a task', () => {
    expect(parseTaskXml('ERROR: The system cannot find the file specified.')).toBeNull();
    expect(parseTaskXml('')).toBeNull();
  });
});

describe('isOurTask', () => {
  const info = parseTaskXml(RECORDED_QUERY);
  if (info === null) throw new Error('recorded task did not parse');

  it('ours: this exe (any case, quoted or not) with --from-task', () => {
    expect(isOurTask(info, EXE)).toBe(true);
    expect(isOurTask(info, EXE.toUpperCase())).toBe(true);
    expect(isOurTask({ ...info, command: `"${EXE}"` }, EXE)).toBe(true);
  });

  it.each([
    ['another exe (an old install folder)', { command: 'D:\\Old\\Task Manager.exe' }],
    ['other arguments', { arguments: '--from-task --evil' }],
    ['no command', { command: null }],
  ])('not ours: %s', (_name, change) => {
    expect(isOurTask({ ...info, ...change }, EXE)).toBe(false);
  });

});

describe('taskDifferences: the whole registered task against what was asked for', () => {
  it('none for the recorded task (Windows reorders the elements and adds its own)', () => {
    expect(taskDifferences(RECORDED_QUERY, definition())).toEqual([]);
  });

  it.each([
    ['the trigger asked off', definition({ isAtLogin: false }), /1 triggers instead of 0/],
    ['another run level asked', definition({ isElevated: false }), /run level is HighestAvailable, not LeastPrivilege/],
    ['another exe', definition({ exePath: 'C:\\Other\\x.exe' }), /not C:\\Other\\x\.exe/],
    ['another user', definition({ userId: 'S-1-5-21-1-2-3-1002' }), /not as S-1-5-21-1-2-3-1002/],
  ])('names what differs: %s', (_label, asked, why) => {
    expect(taskDifferences(RECORDED_QUERY, asked).join('; ')).toMatch(why);
  });

  it('accepts the user printed by name (DOMAIN\\user) where it was given by SID, when that is the same account', () => {
    const byName = RECORDED_QUERY.replace(`<Enabled>true</Enabled>\n      <UserId>${SID}</UserId>`, '<Enabled>true</Enabled>\n      <UserId>DESKTOP-1\\alice</UserId>');
    expect(taskDifferences(byName, definition({ accountName: 'DESKTOP-1\\alice' }))).toEqual([]);
    expect(taskDifferences(byName, definition({ accountName: 'DESKTOP-1\\bob' })).join('; ')).toMatch(/logon trigger is for DESKTOP-1\\alice/);
  });

  it.each([
    ['a second Exec', RECORDED_QUERY.replace('</Exec>', '</Exec>\n    <Exec><Command>C:\\Users\\alice\\evil.exe</Command></Exec>'), /2 actions instead of one/],
    ['a COM handler instead', RECORDED_QUERY.replace(/<Exec>[\s\S]*<\/Exec>/, '<ComHandler><ClassId>{0}</ClassId></ComHandler>'), /its action is ComHandler/],
    ['a SYSTEM principal', RECORDED_QUERY.replace(`<UserId>${SID}</UserId>\n      <LogonType>`, '<UserId>S-1-5-18</UserId>\n      <LogonType>'), /runs as S-1-5-18/],
    ['a group principal', RECORDED_QUERY.replace(`<UserId>${SID}</UserId>\n      <LogonType>InteractiveToken</LogonType>`, '<GroupId>S-1-5-32-545</GroupId>'), /runs as a group/],
    ['a second principal', RECORDED_QUERY.replace('</Principals>', '<Principal id="x"><UserId>S-1-5-18</UserId></Principal></Principals>'), /2 principals/],
    ['a stored password', RECORDED_QUERY.replace('InteractiveToken', 'Password'), /logon type is Password/],
    ['a boot trigger beside the logon trigger', RECORDED_QUERY.replace('</Triggers>', '<BootTrigger><Enabled>true</Enabled></BootTrigger></Triggers>'), /2 triggers.*BootTrigger/],
    ['a logon trigger for any user', RECORDED_QUERY.replace(`<Enabled>true</Enabled>\n      <UserId>${SID}</UserId>\n    </LogonTrigger>`, '<Enabled>true</Enabled>\n    </LogonTrigger>'), /logon trigger is for any user/],
    ['extra arguments', RECORDED_QUERY.replace('<Arguments>--from-task</Arguments>', '<Arguments>--from-task --remote-debugging-port=9222</Arguments>'), /arguments are/],
  ])('names a tampered task: %s', (_label, xml, why) => {
    expect(taskDifferences(xml, definition()).join('; ')).toMatch(why);
  });
});

describe('schtasks command lines', () => {
  const name = `\\org.taskmgr.app\\Launch-${SID}`;

  it('registers from XML in memory through Register-ScheduledTask, every value a single-quoted literal', () => {
    const command = buildRegisterTaskCommand(paths, name, "<Task><Description>it's</Description></Task>");
    expect(command.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(command.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand']);
    const script = Buffer.from(command.args[5] ?? '', 'base64').toString('utf16le');
    expect(script).toContain(`Register-ScheduledTask -TaskPath '\\org.taskmgr.app\\' -TaskName 'Launch-${SID}' -Xml '<Task><Description>it''s</Description></Task>' -Force`);
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
  });

  it('query, run, delete', () => {
    expect(buildQueryTaskCommand(paths, name)).toEqual({ file: paths.schtasks, args: ['/Query', '/TN', name, '/XML'] });
    expect(buildRunTaskCommand(paths, name)).toEqual({ file: paths.schtasks, args: ['/Run', '/TN', name] });
    expect(buildDeleteTaskCommand(paths, name)).toEqual({ file: paths.schtasks, args: ['/Delete', '/TN', name, '/F'] });
  });
});
