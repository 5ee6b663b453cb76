/**
 * Who the app is to Windows and to its own page. `APP_USER_MODEL_ID` must equal electron-builder's
 * `appId` exactly, or taskbar pins turn into ghost icons (REFERENCE.md "Taskbar pinning"); a test
 * reads electron-builder.yml and compares.
 */
export const APP_USER_MODEL_ID = 'org.taskmgr.app';

/** The privileged scheme the UI is served from (never file://, never http://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'taskmgr';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;
