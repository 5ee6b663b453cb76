import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
fs.writeFileSync(path.join(root, 'renderer', 'assets', 'main.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'secret.txt'), 'outside');
const handle = createAppProtocolHandler(path.join(root, 'renderer'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('is privileged as a standard, secure scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });

  it('serves the page with the Content-Security-Policy header', async () => {
    const response = await handle(new Request('app://taskmgr/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(await response.text()).toContain('<title>t</title>');
    const script = await handle(new Request('app://taskmgr/assets/main.js'));
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    ['a path that leaves the folder', 'app://taskmgr/../secret.txt'],
    ['an encoded escape', 'app://taskmgr/%2e%2e/secret.txt'],
    ['another host', 'app://other/index.html'],
    ['a missing file', 'app://taskmgr/nope.js'],
    ['a dotfile', 'app://taskmgr/.env'],
  ])('answers 404 for %s', async (_label, url) => {
    const response = await handle(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    expect((await handle(new Request('app://taskmgr/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://taskmgr/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
