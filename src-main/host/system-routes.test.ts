import { describe, expect, it } from 'vitest';
import { systemCommandRoute, type SystemCommandRoute } from './system-routes.ts';

describe('systemCommandRoute', () => {
  it.each<[string, SystemCommandRoute | null]>([
    ['/api/startup/autostartUser%3Anotes.desktop/disable', { name: 'disableStartup', fromPath: { id: 'autostartUser:notes.desktop' } }],
    ['/api/startup/registryUserRun%3AOne%20Drive/disable', { name: 'disableStartup', fromPath: { id: 'registryUserRun:One Drive' } }],
    ['/api/startup/registryUserRun:a%2Fb/enable', { name: 'enableStartup', fromPath: { id: 'registryUserRun:a/b' } }],
    ['/api/startup//disable', { name: 'disableStartup', fromPath: { id: '' } }],
    ['/api/startup/bad%zz/disable', { name: 'disableStartup', fromPath: { id: 'bad%zz' } }],
    ['/api/services/ssh.service/stop', { name: 'stopService', fromPath: { name: 'ssh.service' } }],
    ['/api/services/Spooler/restart', { name: 'restartService', fromPath: { name: 'Spooler' } }],
    ['/api/services/Spooler/start', { name: 'startService', fromPath: { name: 'Spooler' } }],
    ['/api/services/a%2Fb/stop', { name: 'stopService', fromPath: { name: 'a/b' } }],
    ['/api/startup/x/open', null],
    ['/api/startup/x/toString', null],
    ['/api/services/x/constructor', null],
    ['/api/services/x/kill', null],
    ['/api/services/a/b/stop', null],
    ['/api/startup', null],
    ['/api/services/x', null],
  ])('%s', (pathname, expected) => {
    expect(systemCommandRoute(pathname)).toEqual(expected);
  });
});
