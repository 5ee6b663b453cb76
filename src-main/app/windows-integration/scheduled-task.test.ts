import { describe, expect, it } from 'vitest';
import {
  buildCreateTaskCommand,
  buildDeleteTaskCommand,
  buildQueryTaskCommand,
  buildRunTaskCommand,
  buildTaskXml,
  encodeTaskXmlFile,
  escapeXml,
  isOurTask,
  matchesDefinition,
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

const definition = (overrides: Partial<TaskDefinition> = {}): TaskDefinition => ({
  exePath: EXE,
  userId: 'DESKTOP-1\\alice',
  isElevated: true,
  isAtLogin: true,
  ...overrides,
});

describe('taskNameFor', () => {
  it.each([
    ['DESKTOP-1\\alice', '\\org.taskmgr.app\\Launch-DESKTOP-1-alice'],
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
    expect(elementsOf(xml, 'UserId')).toEqual(['DESKTOP-1\\alice', 'DESKTOP-1\\alice']);
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

describe('encodeTaskXmlFile', () => {
  it('is UTF-16LE with a BOM', () => {
    const bytes = encodeTaskXmlFile('<Task>é任</Task>');
    expect([...bytes.slice(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
    expect(Buffer.from(bytes.slice(2)).toString('utf16le')).toBe('<Task>é任</Task>');
  });
});

// `schtasks /Query /TN … /XML` of a task registered from our XML: Windows reorders the elements,
// adds the URI and prints the principal as given.
const RECORDED_QUERY = `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>Task Manager</Author>
    <Description>Starts Task Manager</Description>
    <URI>\\org.taskmgr.app\\Launch-DESKTOP-1-alice</URI>
  </RegistrationInfo>
  <Principals>
    <Principal id="Author">
      <UserId>DESKTOP-1\\alice</UserId>
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
      <UserId>DESKTOP-1\\alice</UserId>
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

describe('isOurTask and matchesDefinition', () => {
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

  it('matches only the exact run level and trigger asked for', () => {
    expect(matchesDefinition(info, definition())).toBe(true);
    expect(matchesDefinition(info, definition({ isAtLogin: false }))).toBe(false);
    expect(matchesDefinition(info, definition({ isElevated: false }))).toBe(false);
    expect(matchesDefinition(info, definition({ exePath: 'C:\\Other\\x.exe' }))).toBe(false);
  });
});

describe('schtasks command lines', () => {
  const name = '\\org.taskmgr.app\\Launch-DESKTOP-1-alice';

  it('create', () => {
    expect(buildCreateTaskCommand(paths, name, 'C:\\Users\\alice\\AppData\\Local\\Temp\\t.xml')).toEqual({
      file: 'C:\\Windows\\System32\\schtasks.exe',
      args: ['/Create', '/TN', name, '/XML', 'C:\\Users\\alice\\AppData\\Local\\Temp\\t.xml', '/F'],
    });
  });

  it('query, run, delete', () => {
    expect(buildQueryTaskCommand(paths, name)).toEqual({ file: paths.schtasks, args: ['/Query', '/TN', name, '/XML'] });
    expect(buildRunTaskCommand(paths, name)).toEqual({ file: paths.schtasks, args: ['/Run', '/TN', name] });
    expect(buildDeleteTaskCommand(paths, name)).toEqual({ file: paths.schtasks, args: ['/Delete', '/TN', name, '/F'] });
  });
});
