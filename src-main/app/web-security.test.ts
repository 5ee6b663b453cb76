import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, type ContentsLike, type SessionLike } from './web-security.ts';

describe('hardenSession', () => {
  it('denies every permission request and check, devices and screen capture', () => {
    const recorded: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: unknown) => void (recorded.request = handler as never),
      setPermissionCheckHandler: (handler: unknown) => void (recorded.check = handler as never),
      setDevicePermissionHandler: (handler: unknown) => void (recorded.device = handler as never),
      setDisplayMediaRequestHandler: (handler: unknown) => void (recorded.display = handler as never),
    } as unknown as SessionLike;
    hardenSession(session);
    const answers: unknown[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      (recorded.request as (c: unknown, p: string, cb: (v: boolean) => void) => void)({}, permission, (v) => answers.push(v));
      answers.push((recorded.check as (c: unknown, p: string) => boolean)({}, permission));
    }
    expect(answers.length).toBe(10);
    expect(answers.every((answer) => answer === false)).toBe(true);
    expect((recorded.device as () => boolean)()).toBe(false);
    let display: unknown = 'unset';
    (recorded.display as (r: unknown, cb: (v: unknown) => void) => void)({}, (v) => (display = v));
    expect(display).toEqual({});
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void; url: string }) => void>();
    let openHandler: Parameters<WebContents['setWindowOpenHandler']>[0] | null = null;
    const contents: ContentsLike = {
      on: (event: string, listener: (event: { preventDefault(): void; url: string }) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (handler) => void (openHandler = handler),
    } as ContentsLike;
    const fire = (name: string, url: string) => {
      let isPrevented = false;
      listeners.get(name)?.({ url, preventDefault: () => void (isPrevented = true) });
      return isPrevented;
    };
    return { contents, fire, open: (url: string) => openHandler?.({ url } as never) };
  }

  it('blocks navigation and redirects away from app://taskmgr, and allows our own pages', () => {
    const { contents, fire } = fakeContents();
    const blocked: string[] = [];
    hardenWebContents(contents, (what, url) => blocked.push(`${what} ${url}`));
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(fire(event, 'https://example.com/')).toBe(true);
      expect(fire(event, 'file:///etc/passwd')).toBe(true);
      expect(fire(event, 'app://taskmgr.evil/')).toBe(true);
      expect(fire(event, 'app://taskmgr/index.html#apps')).toBe(false);
    }
    expect(blocked).toHaveLength(9);
  });

  it('denies every new window and every webview', () => {
    const { contents, fire, open } = fakeContents();
    hardenWebContents(contents);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://taskmgr/index.html')).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview', 'about:blank')).toBe(true);
  });
});
