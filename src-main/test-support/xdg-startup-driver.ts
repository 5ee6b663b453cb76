/**
 * Test support: one XDG autostart action in a process of its own, so a test running as root can
 * run it as another user (`setpriv`), for whom a root-owned folder is really unwritable.
 * Usage: node xdg-startup-driver.ts JSON, JSON = { env, homeDir, action: 'list' | 'enable' | 'disable', id? }.
 * Prints the adapter's answer as one JSON line.
 */
import { createXdgStartup } from '../startup/linux/xdg-startup.ts';

interface Request {
  env: Record<string, string>;
  homeDir: string;
  action: 'list' | 'enable' | 'disable';
  id?: string;
}

const request = JSON.parse(process.argv[2] ?? '{}') as Request;
const startup = createXdgStartup({ env: request.env, homeDir: request.homeDir });
const answer = request.action === 'list' ? await startup.list() : await startup.setEnabled(request.id ?? '', request.action === 'enable');
process.stdout.write(`${JSON.stringify(answer)}\n`);
