/**
 * The startup entry and the service the Startup apps and Services tests share (a user's autostart
 * file, systemd's ssh unit), each with overrides, so no test writes them out again.
 */
import type { ServiceFacts } from '../services/services-platform.ts';
import type { StartupFacts } from '../startup/startup-platform.ts';

export const startupFactsFixture = (overrides: Partial<StartupFacts> = {}): StartupFacts => ({
  id: 'autostartUser:notes.desktop',
  name: 'Notes',
  publisher: null,
  command: 'notes --minimized',
  exePath: '/usr/bin/notes',
  location: 'autostartUser',
  locationPath: '/home/alice/.config/autostart/notes.desktop',
  status: 'enabled',
  statusDetail: null,
  changedAtMs: null,
  needsElevation: false,
  ...overrides,
});

export const serviceFactsFixture = (overrides: Partial<ServiceFacts> = {}): ServiceFacts => ({
  name: 'ssh.service',
  displayName: 'OpenBSD Secure Shell server',
  description: null,
  state: 'running',
  subState: 'running',
  startType: 'enabled',
  startTypeDetail: null,
  pid: 812,
  group: 'system.slice',
  canStop: true,
  ...overrides,
});
