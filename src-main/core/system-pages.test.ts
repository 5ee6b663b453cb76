import { describe, expect, it } from 'vitest';
import { snapshot } from '../../src-shared/testing/fixtures.ts';
import { unsupportedServices, type ServicesPlatform } from '../services/services-platform.ts';
import { unsupportedStartup } from '../startup/startup-platform.ts';
import type { SessionsPlatform } from '../users/sessions-platform.ts';
import { startupFactsFixture } from '../test-support/system-page-fixtures.ts';
import { createSystemPages } from './system-pages.ts';

const ENTRY = startupFactsFixture();

function fakes() {
  const closed: string[] = [];
  const startup = { ...unsupportedStartup('unused'), list: async () => ({ entries: [ENTRY], notes: ['Packaged apps are not listed'], unavailableReason: null }) };
  const services: ServicesPlatform = { ...unsupportedServices('no systemd'), close: () => void closed.push('services') };
  let sessionReads = 0;
  const sessions: SessionsPlatform = {
    list: async () => {
      sessionReads += 1;
      return { sessions: [], unavailableReason: 'no logind' };
    },
    close: () => void closed.push('sessions'),
  };
  return { startup, services, sessions, closed, sessionReads: () => sessionReads };
}

describe('createSystemPages', () => {
  it('answers the startup entries as the adapter lists them, each with its impact: "not measured" without history, never a guess', async () => {
    const { startup, services, sessions } = fakes();
    const pages = createSystemPages({ latest: () => null, startup, services, sessions });
    expect(await pages.views.startup.view()).toEqual({
      ok: true,
      value: { entries: [{ ...ENTRY, impact: { state: 'notMeasured', reason: expect.stringContaining('history') } }], notes: ['Packaged apps are not listed'], unavailableReason: null },
    });
  });

  it('gives the commands the same adapters the views read', () => {
    const { startup, services, sessions } = fakes();
    const pages = createSystemPages({ latest: () => null, startup, services, sessions });
    expect(pages.platforms.startup).toBe(startup);
    expect(pages.platforms.services).toBe(services);
  });

  it('reads the sessions once for queries close together', async () => {
    const all = fakes();
    const pages = createSystemPages({ latest: () => snapshot(), ...all });
    await pages.views.users.view();
    await pages.views.users.view();
    expect(all.sessionReads()).toBe(1);
  });

  it('closes the adapters that hold connections', () => {
    const { startup, services, sessions, closed } = fakes();
    createSystemPages({ latest: () => null, startup, services, sessions }).close();
    expect(closed.sort()).toEqual(['services', 'sessions']);
  });
});
