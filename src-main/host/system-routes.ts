/**
 * The Startup apps and Services pages' REST routes as the commands they are. Pure: the path in,
 * the command and the arguments the path names out; http-api.ts adds the body (`POST …/stop` and
 * `…/restart` may say `{"isDependentsConfirmed": true}`) and runs it through the same policy as
 * the stream's (remote-commands.ts: 403 CONTROL_DISABLED without --allow-control, then 501
 * UNSUPPORTED for what would run code on this machine: enabling a startup entry, starting a
 * service). `GET /api/startup`, `/api/services`, `/api/users` are the queries of those names.
 *
 *   POST /api/startup/:id/disable   disableStartup { id }   (id URL-encoded: `autostartUser%3Afoo.desktop`)
 *   POST /api/startup/:id/enable    enableStartup { id }    (501: desktop app only)
 *   POST /api/services/:name/stop     stopService { name }
 *   POST /api/services/:name/restart  restartService { name }
 *   POST /api/services/:name/start    startService { name } (501: desktop app only)
 */
import type { CommandName } from '../../src-shared/commands.ts';
import { decodePathPart } from './rule-routes.ts';

export type SystemRouteCommand = Extract<CommandName, 'disableStartup' | 'enableStartup' | 'stopService' | 'restartService' | 'startService'>;

export interface SystemCommandRoute {
  name: SystemRouteCommand;
  /** The arguments the path names, decoded; the command's schema checks them (400 naming the field). */
  fromPath: { id: string } | { name: string };
}

const STARTUP_ACTIONS = new Map<string, SystemRouteCommand>([
  ['disable', 'disableStartup'],
  ['enable', 'enableStartup'],
]);
const SERVICE_ACTIONS = new Map<string, SystemRouteCommand>([
  ['stop', 'stopService'],
  ['restart', 'restartService'],
  ['start', 'startService'],
]);

/** The command of a `/api/startup/:id/:action` or `/api/services/:name/:action` path, or null for any other path. */
export function systemCommandRoute(pathname: string): SystemCommandRoute | null {
  const startup = /^\/api\/startup\/([^/]*)\/([a-z]+)$/.exec(pathname);
  const startupCommand = STARTUP_ACTIONS.get(startup?.[2] ?? '');
  if (startup && startupCommand) return { name: startupCommand, fromPath: { id: decodePathPart(startup[1] ?? '') } };
  const service = /^\/api\/services\/([^/]*)\/([a-z]+)$/.exec(pathname);
  const serviceCommand = SERVICE_ACTIONS.get(service?.[2] ?? '');
  if (service && serviceCommand) return { name: serviceCommand, fromPath: { name: decodePathPart(service[1] ?? '') } };
  return null;
}
