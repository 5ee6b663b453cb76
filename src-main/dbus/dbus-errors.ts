/**
 * The D-Bus error names this client gives what happens on its side, and reads from the bus (the
 * spec's own names, org.freedesktop.DBus.Error.*). Pure.
 */

/** Could not reach the bus at all. */
export const NO_SERVER = 'org.freedesktop.DBus.Error.NoServer';
/** Nobody owns the name called, and the bus cannot start it (systemd is not running). */
export const SERVICE_UNKNOWN = 'org.freedesktop.DBus.Error.ServiceUnknown';
export const NAME_HAS_NO_OWNER = 'org.freedesktop.DBus.Error.NameHasNoOwner';
/** No answer within the call's timeout. */
export const NO_REPLY = 'org.freedesktop.DBus.Error.NoReply';
/** The connection ended before the answer came. */
export const DISCONNECTED = 'org.freedesktop.DBus.Error.Disconnected';

/** Whether a failed call means there is nobody to ask: no bus at all, or no one owns the name called. */
export const isServiceMissing = (errorName: string): boolean => errorName === NO_SERVER || errorName === SERVICE_UNKNOWN || errorName === NAME_HAS_NO_OWNER;
