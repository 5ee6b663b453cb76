/**
 * Services (the contract): Windows services from the Service Control Manager, systemd units of
 * type service on Linux (through systemd's D-Bus API), read by the platform adapter in main
 * (src-main/services/). Plain types, read by the page without a schema library; start, stop and
 * restart are commands (commands.ts). Definitions: docs/definitions.md § Services.
 */

/**
 * The state, in one vocabulary for both OSes (Windows' SERVICE_* states; systemd's ActiveState:
 * active → running, inactive → stopped, activating → starting, deactivating → stopping,
 * failed → failed, reloading → running with `subState` "reload").
 */
export const SERVICE_STATES = ['running', 'stopped', 'starting', 'stopping', 'paused', 'pausing', 'resuming', 'failed', 'unknown'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/**
 * How it starts: Windows' start types (`automaticDelayed` is Automatic (Delayed Start)); systemd's
 * UnitFileState (`enabled`, `disabled`, `static`, `masked`; anything else is `other` with the
 * raw value in `startTypeDetail`).
 */
export const SERVICE_START_TYPES = ['automatic', 'automaticDelayed', 'manual', 'disabled', 'boot', 'system', 'enabled', 'static', 'masked', 'other'] as const;
export type ServiceStartType = (typeof SERVICE_START_TYPES)[number];

/** How long a stop may take before it is reported as not stopped (the service is never killed). */
export const SERVICE_STOP_TIMEOUT_MS = 30_000;

export interface ServiceRow {
  /** The SCM's short name (`Spooler`) or the unit's name (`ssh.service`): what commands name. */
  name: string;
  /** The SCM's display name; systemd's Description (the name when it has none). */
  displayName: string;
  /** Windows' description (SERVICE_CONFIG_DESCRIPTION); null when none, and on Linux (its Description is the display name). */
  description: string | null;
  state: ServiceState;
  /** systemd's SubState ("running", "exited", "dead", "auto-restart"); null on Windows. */
  subState: string | null;
  startType: ServiceStartType;
  /** The raw start type when `startType` is `other` (systemd's "indirect", "generated", …); else null. */
  startTypeDetail: string | null;
  /** The process it runs in (Windows' dwProcessId, systemd's MainPID); null when not running or 0. */
  pid: number | null;
  /** That process's start time when it is in the latest snapshot (its row in Processes: pid + start time), else null. */
  startTimeMs: number | null;
  /** Windows: the svchost group (`-k netsvcs`) or the load-order group; Linux: the unit's slice; null when none. */
  group: string | null;
  /** Whether it accepts a stop now (SERVICE_ACCEPT_STOP; systemd's CanStop). */
  canStop: boolean;
}

export interface ServicesView {
  services: ServiceRow[];
  /** Why nothing can be listed ("systemd is not running on this machine", another OS), else null. */
  unavailableReason: string | null;
}
