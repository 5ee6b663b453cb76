import { describe, expect, it } from 'vitest';
import { NVIDIA_QUERY_FIELDS, parseDrmFdinfo, parseNvidiaSmiLine, vendorFromPciId } from './gpu-parse.ts';

const MIB = 1024 * 1024;
const KIB = 1024;

describe('parseNvidiaSmiLine', () => {
  it('asks nvidia-smi for the fields it parses, in that order', () => {
    expect(NVIDIA_QUERY_FIELDS.join(',')).toBe('index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu');
  });

  it.each([
    {
      name: 'a desktop card (csv,noheader,nounits)',
      line: '0, GPU-5a1c3e2b-8f7d-4c6e-9b0a-1d2e3f4a5b6c, NVIDIA GeForce RTX 3080, 37, 2345, 10240, 54',
      expected: {
        id: 'GPU-5a1c3e2b-8f7d-4c6e-9b0a-1d2e3f4a5b6c',
        name: 'NVIDIA GeForce RTX 3080',
        vendor: 'nvidia',
        utilizationPercent: 37,
        memoryUsedBytes: 2345 * MIB,
        memoryTotalBytes: 10240 * MIB,
        temperatureC: 54, sharedMemoryUsedBytes: null, engines: []
      },
    },
    {
      name: 'a data-centre card, idle',
      line: '1, GPU-0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a, NVIDIA H100 80GB HBM3, 0, 0, 81559, 31',
      expected: {
        id: 'GPU-0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a',
        name: 'NVIDIA H100 80GB HBM3',
        vendor: 'nvidia',
        utilizationPercent: 0,
        memoryUsedBytes: 0,
        memoryTotalBytes: 81559 * MIB,
        temperatureC: 31, sharedMemoryUsedBytes: null, engines: []
      },
    },
    {
      name: '[N/A] becomes null, not 0',
      line: '0, GPU-5a1c3e2b-8f7d-4c6e-9b0a-1d2e3f4a5b6c, NVIDIA A100-SXM4-40GB, [N/A], 4, 40960, [N/A]',
      expected: {
        id: 'GPU-5a1c3e2b-8f7d-4c6e-9b0a-1d2e3f4a5b6c',
        name: 'NVIDIA A100-SXM4-40GB',
        vendor: 'nvidia',
        utilizationPercent: null,
        memoryUsedBytes: 4 * MIB,
        memoryTotalBytes: 40960 * MIB,
        temperatureC: null, sharedMemoryUsedBytes: null, engines: []
      },
    },
    {
      name: '[Not Supported] (a laptop GPU) becomes null',
      line: '0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA GeForce MX150, [Not Supported], [Not Supported], 2048, 45',
      expected: {
        id: 'GPU-11111111-2222-3333-4444-555555555555',
        name: 'NVIDIA GeForce MX150',
        vendor: 'nvidia',
        utilizationPercent: null,
        memoryUsedBytes: null,
        memoryTotalBytes: 2048 * MIB,
        temperatureC: 45, sharedMemoryUsedBytes: null, engines: []
      },
    },
    {
      name: 'no UUID: the id falls back to the index',
      line: '2, [N/A], NVIDIA Tesla K80, 99, 11000, 11441, 80',
      expected: {
        id: 'nvidia2',
        name: 'NVIDIA Tesla K80',
        vendor: 'nvidia',
        utilizationPercent: 99,
        memoryUsedBytes: 11000 * MIB,
        memoryTotalBytes: 11441 * MIB,
        temperatureC: 80, sharedMemoryUsedBytes: null, engines: []
      },
    },
    {
      name: 'a CRLF line end and an empty temperature',
      line: '0, GPU-a, NVIDIA T4, 12, 100, 15360, \r',
      expected: {
        id: 'GPU-a',
        name: 'NVIDIA T4',
        vendor: 'nvidia',
        utilizationPercent: 12,
        memoryUsedBytes: 100 * MIB,
        memoryTotalBytes: 15360 * MIB,
        temperatureC: null, sharedMemoryUsedBytes: null, engines: []
      },
    },
  ])('$name', ({ line, expected }) => {
    expect(parseNvidiaSmiLine(line)).toEqual(expected);
  });

  it.each([
    { name: 'the header line', line: 'index, uuid, name, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu' },
    { name: 'the driver is not loaded', line: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." },
    { name: 'a line cut short', line: '0, GPU-5a1c3e2b, NVIDIA GeForce RTX 3080, 37' },
    { name: 'empty', line: '' },
    { name: 'a non-numeric index', line: 'x, GPU-a, NVIDIA T4, 12, 100, 15360, 40' },
  ])('null for $name', ({ line }) => {
    expect(parseNvidiaSmiLine(line)).toBeNull();
  });
});

describe('vendorFromPciId', () => {
  it.each([
    ['0x10de', 'nvidia'],
    ['0x10DE', 'nvidia'],
    ['0x1002', 'amd'],
    ['0x8086', 'intel'],
    ['0x1af4', 'other'], // virtio-gpu
    ['0x1234', 'other'], // QEMU stdvga
    [null, 'other'],
  ])('%s → %s', (id, vendor) => {
    expect(vendorFromPciId(id)).toBe(vendor);
  });
});

// amdgpu (Linux 6.8), one client of a game.
const AMDGPU = `pos:\t0
flags:\t02100002
mnt_id:\t24
ino:\t1089
drm-driver:\tamdgpu
drm-client-id:\t12
drm-pdev:\t0000:03:00.0
pasid:\t32770
drm-memory-vram:\t245760 KiB
drm-memory-gtt: \t12044 KiB
drm-memory-cpu: \t0 KiB
amd-memory-visible-vram:\t0 KiB
amd-evicted-vram:\t0 KiB
amd-requested-vram:\t245760 KiB
drm-engine-gfx:\t1873543456 ns
drm-engine-compute:\t0 ns
drm-engine-dec:\t0 ns
drm-engine-enc:\t0 ns
drm-engine-enc_1:\t0 ns
`;

// i915 (Linux 6.8): drm-total-*/drm-resident-*, and a capacity line for the two video engines.
const I915 = `pos:\t0
flags:\t02100002
mnt_id:\t26
ino:\t1113
drm-driver:\ti915
drm-client-id:\t38
drm-pdev:\t0000:00:02.0
drm-total-system0:\t14876 KiB
drm-shared-system0:\t0
drm-active-system0:\t0
drm-resident-system0:\t14876 KiB
drm-purgeable-system0:\t0
drm-total-stolen-system0:\t0
drm-resident-stolen-system0:\t0
drm-engine-render:\t25662044495 ns
drm-engine-copy:\t0 ns
drm-engine-video:\t1500 ns
drm-engine-capacity-video:\t2
drm-engine-video-enhance:\t0 ns
`;

describe('parseDrmFdinfo', () => {
  it('amdgpu: engines in ns, memory summed over drm-memory-* regions', () => {
    expect(parseDrmFdinfo(AMDGPU)).toEqual({
      clientId: '12',
      pdev: '0000:03:00.0',
      engineBusyNs: new Map([
        ['gfx', 1_873_543_456],
        ['compute', 0],
        ['dec', 0],
        ['enc', 0],
        ['enc_1', 0],
      ]),
      memoryBytes: (245_760 + 12_044) * KIB,
    });
  });

  it('i915: no drm-memory-*, so resident memory; the capacity line is not an engine but divides its class', () => {
    const usage = parseDrmFdinfo(I915);
    expect(usage).toEqual({
      clientId: '38',
      pdev: '0000:00:02.0',
      engineBusyNs: new Map([
        ['render', 25_662_044_495],
        ['copy', 0],
        ['video', 750], // 1500 ns over a class of 2 engines
        ['video-enhance', 0],
      ]),
      memoryBytes: 14_876 * KIB,
    });
    expect(usage?.engineBusyNs.has('capacity-video')).toBe(false);
  });

  it.each([
    { name: 'MiB', text: 'drm-client-id:\t1\ndrm-memory-vram:\t240 MiB\n', bytes: 240 * MIB },
    { name: 'GiB', text: 'drm-client-id:\t1\ndrm-memory-vram:\t2 GiB\n', bytes: 2 * 1024 * MIB },
    { name: 'no unit (bytes)', text: 'drm-client-id:\t1\ndrm-memory-vram:\t4096\n', bytes: 4096 },
    { name: 'KiB and MiB regions together', text: 'drm-client-id:\t1\ndrm-memory-vram:\t1 MiB\ndrm-memory-gtt:\t512 KiB\n', bytes: MIB + 512 * KIB },
    { name: 'an unknown unit is left out', text: 'drm-client-id:\t1\ndrm-memory-vram:\t1 TiB\ndrm-memory-gtt:\t8 KiB\n', bytes: 8 * KIB },
    { name: 'drm-memory-* wins over drm-resident-*', text: 'drm-client-id:\t1\ndrm-memory-vram:\t8 KiB\ndrm-resident-vram:\t100 KiB\n', bytes: 8 * KIB },
    { name: 'no memory lines at all', text: 'drm-client-id:\t1\ndrm-engine-gfx:\t5 ns\n', bytes: 0 },
  ])('memory in $name', ({ text, bytes }) => {
    expect(parseDrmFdinfo(text)?.memoryBytes).toBe(bytes);
  });

  it('a driver that omits drm-pdev (a platform GPU on an old kernel) gives no device', () => {
    expect(parseDrmFdinfo('drm-client-id:\t4\ndrm-engine-gfx:\t10 ns\n')?.pdev).toBeNull();
  });

  it('a garbled engine counter is left out', () => {
    const usage = parseDrmFdinfo('drm-client-id:\t7\ndrm-engine-gfx:\tsoon ns\ndrm-engine-dec:\t10 ns\n');
    expect(usage?.engineBusyNs).toEqual(new Map([['dec', 10]]));
  });

  it.each([
    { name: 'a plain file fd', text: 'pos:\t0\nflags:\t0100002\nmnt_id:\t15\nino:\t3\n' },
    { name: 'a DRM fd without a client id (an old kernel)', text: 'pos:\t0\ndrm-driver:\tamdgpu\ndrm-engine-gfx:\t1873543456 ns\n' },
    { name: 'empty', text: '' },
  ])('null for $name', ({ text }) => {
    expect(parseDrmFdinfo(text)).toBeNull();
  });
});

describe('parseDrmFdinfo engine capacity', () => {
  it('divides an engine class’s busy time by its capacity, so one of two busy engines reads as half', () => {
    const usage = parseDrmFdinfo(
      'drm-client-id:\t3\ndrm-engine-render:\t2000000 ns\ndrm-engine-capacity-render:\t2\ndrm-engine-copy:\t500 ns\n',
    );
    expect(usage?.engineBusyNs.get('render')).toBe(1_000_000);
    expect(usage?.engineBusyNs.get('copy')).toBe(500);
  });
});
