import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src-shared/alerts.ts';
import { processRow, ruleFixture } from '../../../src-shared/testing/fixtures.ts';
import { ARM_LISTED, armPreview, platformOf } from './arm-preview.ts';

const rule = (over: Partial<Rule>): Rule => ruleFixture({ match: { name: 'burn' }, actions: [{ type: 'setPriority', priority: 'belowNormal' }], ...over });

describe('platformOf', () => {
  it.each([
    ['the shell’s', 'darwin', [], 'darwin'],
    ['Windows paths', null, ['C:\\Windows\\explorer.exe'], 'win32'],
    ['macOS paths', null, ['/System/Library/CoreServices/Finder'], 'darwin'],
    ['otherwise Linux', null, ['/usr/bin/bash'], 'linux'],
  ] as const)('%s', (_name, shell, paths, expected) => {
    expect(platformOf(shell, paths.map((exePath, pid) => processRow({ pid: pid + 1, exePath })))).toBe(expected);
  });
});

describe('armPreview', () => {
  it('names the match, the action and the processes it would hit now', () => {
    const snapshot = { processes: [processRow({ pid: 4242, name: 'burn' }), processRow({ pid: 7, name: 'bash' })], apps: [] };
    expect(armPreview(rule({}), snapshot, 'linux')).toEqual({ match: 'name burn', actions: 'Lower priority to below normal', listed: ['burn (PID 4242)'], more: 0, count: 1 });
  });

  it('matches without case on Windows, as main will', () => {
    const snapshot = { processes: [processRow({ pid: 9, name: 'Burn.exe', exePath: 'C:\\burn\\Burn.exe' })], apps: [] };
    expect(armPreview(rule({}), snapshot, null).count).toBe(1);
    expect(armPreview(rule({}), snapshot, 'linux').count).toBe(0);
  });

  it('lists the first few and counts the rest', () => {
    const snapshot = { processes: Array.from({ length: ARM_LISTED + 3 }, (_, i) => processRow({ pid: i + 1, name: 'burn' })), apps: [] };
    const preview = armPreview(rule({}), snapshot, 'linux');
    expect(preview.listed).toHaveLength(ARM_LISTED);
    expect(preview.more).toBe(3);
  });
});
