/**
 * The page's fences (REFERENCE.md "Electron" security checklist), applied to the session and to
 * every web contents: every permission denied, no navigation away from app://, no new windows, no
 * <webview>, and never `shell.openExternal` (nothing here opens anything outside the app).
 */
import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from './app-identity.ts';

export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler'>;

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Screen capture: answer with no source, which refuses the request.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
}

/** Blocks navigation away from our origin, every new window and every webview. */
export function hardenWebContents(contents: ContentsLike, onBlocked: (what: string, url: string) => void = () => undefined): void {
  const blockForeign = (event: { preventDefault(): void; url: string }) => {
    if (!isOwnUrl(event.url)) {
      event.preventDefault();
      onBlocked('navigation', event.url);
    }
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked('new window', url);
    return { action: 'deny' };
  });
}

function isOwnUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
