/**
 * What the inventory child sends (one JSON line): each systeminformation call's result or why it
 * failed, and the fields of those results the mapping uses. Main parses it here before trusting a
 * byte of it (STYLE: outside data is `unknown` until a schema parses it).
 *
 * The schemas are lenient on purpose: systeminformation's typings and its output disagree (on this
 * VM `cpu().cache.l1d` is `""`, not a number), and a field of the wrong type must become "not
 * reported" for that one fact, never a failed read of the whole machine. So each field `.catch`es
 * to null, and the mapping treats null as missing.
 */
import { z } from 'zod';

const str = z.string().nullable().catch(null);
const bool = z.boolean().nullable().catch(null);
/** A number that some platforms send as text ("32768") or "" (unknown). */
const numeric = z
  .union([z.number(), z.string()])
  .nullable()
  .transform((v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v)) : v))
  .catch(null);

export const osInfoSchema = z.object({
  platform: str,
  distro: str,
  release: str,
  kernel: str,
  build: str,
  hostname: str,
  hypervizor: bool.optional(),
});

export const systemSchema = z.object({
  manufacturer: str,
  model: str,
  virtual: bool,
  virtualHost: str.optional(),
});

export const cpuSchema = z.object({
  manufacturer: str,
  brand: str,
  speed: numeric,
  cores: numeric,
  physicalCores: numeric,
  processors: numeric,
  flags: str,
  virtualization: bool,
  cache: z.object({ l1d: numeric, l1i: numeric, l2: numeric, l3: numeric }).nullable().catch(null),
});

export const memLayoutSchema = z.array(
  z.object({ size: numeric, bank: str, type: str, clockSpeed: numeric, formFactor: str }),
);

export const memSchema = z.object({ total: numeric });

export const diskLayoutSchema = z.array(
  z.object({ device: str, type: str, name: str, vendor: str, size: numeric, interfaceType: str, serialNum: str }),
);

export const blockDevicesSchema = z.array(
  z.object({
    name: str,
    identifier: str.optional(),
    type: str,
    fsType: str,
    mount: str,
    size: numeric,
    physical: str,
    model: str,
    serial: str,
    removable: bool,
    protocol: str,
    device: str.optional(),
  }),
);

export const fsSizeSchema = z.array(z.object({ fs: str, type: str, size: numeric, mount: str }));

export const networkInterfacesSchema = z.array(
  z.object({
    iface: str,
    ifaceName: str,
    ip4: str,
    ip6: str,
    mac: str,
    internal: bool,
    virtual: bool,
    type: str,
    speed: numeric,
  }),
);

export const graphicsSchema = z.object({
  controllers: z.array(
    z.object({
      vendor: str,
      model: str,
      name: str.optional(),
      vendorId: str.optional(),
      deviceId: str.optional(),
      bus: str,
      busAddress: str.optional(),
      pciBus: str.optional(),
      vram: numeric,
      vramDynamic: bool,
      driverVersion: str.optional(),
      memoryTotal: numeric.optional(),
    }),
  ),
});

export const baseboardSchema = z.object({ memSlots: numeric.optional() });

/**
 * What systeminformation does not read, read by the child beside it: where the page file or swap
 * lives (Linux /proc/swaps, Windows Win32_PageFileUsage), the system drive, and the GPU driver dates
 * (Windows Win32_VideoController.DriverDate; Linux drivers have none).
 */
export const platformExtrasSchema = z.object({
  /** Swap partitions and files ("/dev/sda2", "/swapfile") or page files ("C:\\pagefile.sys"). */
  pageFiles: z.array(z.string()).catch([]),
  /** Windows: "C:"; null elsewhere. */
  systemDrive: z.string().nullable().catch(null),
  /**
   * Windows: each Win32_VideoController's name, DriverDate (ISO date) and DriverVersion, which
   * systeminformation reads only for NVIDIA (from nvidia-smi). Empty elsewhere.
   */
  gpuDrivers: z.array(z.object({ name: z.string(), date: z.string().nullable().catch(null), version: z.string().nullable().catch(null) })).catch([]),
  /**
   * Windows: Win32_Processor.VirtualizationFirmwareEnabled (VT-x/AMD-V on in the firmware); null
   * elsewhere. systeminformation's `cpu().virtualization` on Windows is HypervisorPresent instead.
   */
  virtualizationFirmwareEnabled: z.boolean().nullable().catch(null).optional(),
  /** Linux: each DRM card's PCI address (`/sys/class/drm/cardN/device` → "0000:00:02.0"), to match the sysfs adapter's GPUs. */
  drmCards: z.array(z.object({ card: z.string(), busAddress: z.string() })).catch([]).optional(),
});

/** The calls the child makes, in this order; the mapping reads them by name. */
export const SI_CALLS = [
  'osInfo',
  'system',
  'cpu',
  'memLayout',
  'mem',
  'diskLayout',
  'blockDevices',
  'fsSize',
  'networkInterfaces',
  'graphics',
  'baseboard',
  'platformExtras',
] as const;
export type SiCall = (typeof SI_CALLS)[number];

const callResult = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ ok: z.literal(true), ms: z.number().nonnegative(), value }),
    z.object({ ok: z.literal(false), ms: z.number().nonnegative(), error: z.string() }),
  ]);

export const childOutputSchema = z.object({
  platform: z.string(),
  /** Linux: running as root (dmidecode's tables need it); null where it does not decide what can be read. */
  isElevated: z.boolean().nullable(),
  wallMs: z.number().nonnegative(),
  /** The child's own CPU time, ms (not the tools systeminformation spawned). */
  cpuMs: z.number().nonnegative().nullable().catch(null),
  calls: z.object({
    osInfo: callResult(osInfoSchema),
    system: callResult(systemSchema),
    cpu: callResult(cpuSchema),
    memLayout: callResult(memLayoutSchema),
    mem: callResult(memSchema),
    diskLayout: callResult(diskLayoutSchema),
    blockDevices: callResult(blockDevicesSchema),
    fsSize: callResult(fsSizeSchema),
    networkInterfaces: callResult(networkInterfacesSchema),
    graphics: callResult(graphicsSchema),
    baseboard: callResult(baseboardSchema),
    platformExtras: callResult(platformExtrasSchema),
  }),
});
export type ChildOutput = z.infer<typeof childOutputSchema>;
export type SiResults = ChildOutput['calls'];
