import { describe, expect, it } from 'vitest';
import { onMachine } from './on-machine.ts';

describe('onMachine', () => {
  it.each([
    ['ssh.service', null, 'ssh.service'],
    ['ssh.service', 'build-server', 'ssh.service on build-server'],
    ['Stop', 'build-server', 'Stop on build-server'],
    ['', null, ''],
  ] as const)('%s, shown machine %s: %s', (what, machineName, said) => {
    expect(onMachine(what, machineName)).toBe(said);
  });
});
