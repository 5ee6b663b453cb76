/**
 * Whether an IPC message comes from our own page: the top frame of a window we made, at our
 * app:// origin (parsed with the URL parser, never compared as a prefix string). Anything else —
 * a subframe, a navigated-away page, a devtools extension — is refused before a handler runs.
 */
import { APP_ORIGIN } from './app-identity.ts';

/** The parts of an `IpcMainInvokeEvent` / `IpcMainEvent` the check reads. */
export interface SenderLike {
  senderFrame: { url: string; parent: unknown } | null;
  sender: { id: number; mainFrame: unknown };
}

export function isTrustedSender(event: SenderLike, trustedWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (frame !== event.sender.mainFrame) return false;
  if (!trustedWebContentsIds.has(event.sender.id)) return false;
  return originOf(frame.url) === APP_ORIGIN;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Non-special schemes report origin "null"; build it from the parts instead.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
