/**
 * The Startup apps, Services and Users pages' core, built the same for both hosts (the desktop app's
 * main.ts and the headless host's host.ts): the OS adapters of this platform, the views the
 * `startup`, `services` and `users` queries answer (QuerySources), and the adapters the commands go
 * to (HandlerDeps). `close()` lets go of what the adapters hold (D-Bus connections, WTS handles).
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { ServicesView } from '../../src-shared/services.ts';
import type { StartupView } from '../../src-shared/startup.ts';
import type { UsersView } from '../../src-shared/users.ts';
import type { HistorySource } from '../history/history-source.ts';
import { createServicesService } from '../services/services-service.ts';
import { createServicesPlatform, type ServicesPlatform } from '../services/services-platform.ts';
import { createStartupService } from '../startup/startup-service.ts';
import { createStartupPlatform, type StartupPlatform } from '../startup/startup-platform.ts';
import { cachedSessions } from '../users/cached-sessions.ts';
import { createSessionsPlatform, type SessionsPlatform } from '../users/sessions-platform.ts';
import { createUsersService } from '../users/users-service.ts';
import { currentUserName } from './current-user.ts';
import type { ViewSource } from './query-service.ts';

export interface SystemPagesDeps {
  /** The latest snapshot, or null while the collector is down or starting. */
  latest(): Snapshot | null;
  /** The history store, for the startup impact (startup-service.ts); absent when recording is off: "Not measured". */
  history?: HistorySource;
  /** Tests pass their own adapters; by default this platform's (createStartupPlatform and the rest). */
  startup?: StartupPlatform;
  services?: ServicesPlatform;
  sessions?: SessionsPlatform;
}

export interface SystemPages {
  /** For QuerySources. */
  views: { startup: ViewSource<StartupView>; services: ViewSource<ServicesView>; users: ViewSource<UsersView> };
  /** For HandlerDeps: the commands act through the same adapters the views read. */
  platforms: { startup: StartupPlatform; services: ServicesPlatform };
  close(): void;
}

export function createSystemPages(deps: SystemPagesDeps): SystemPages {
  const startup = deps.startup ?? createStartupPlatform();
  const services = deps.services ?? createServicesPlatform();
  // One list of sessions, read at most every few seconds, for the Users view and the startup impact's login time.
  const sessions = cachedSessions(deps.sessions ?? createSessionsPlatform());
  return {
    views: {
      startup: createStartupService({ platform: startup, sessions, history: deps.history, currentUser: currentUserName }),
      services: createServicesService({ platform: services, latest: deps.latest }),
      users: createUsersService({ sessions, latest: deps.latest }),
    },
    platforms: { startup, services },
    close: () => {
      services.close();
      sessions.close();
    },
  };
}
