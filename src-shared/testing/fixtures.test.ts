import { describe, expect, it } from 'vitest';
import { cpuSchema, memorySchema, processRowSchema, snapshotSchema } from '../snapshot.ts';
import { cpuFigures, memoryFigures, processRow, snapshot } from './fixtures.ts';

describe('the contract fixtures', () => {
  it('build values the contract accepts, as they are and with rows in them', () => {
    expect(processRowSchema.safeParse(processRow()).error).toBeUndefined();
    expect(memorySchema.safeParse(memoryFigures()).error).toBeUndefined();
    expect(cpuSchema.safeParse(cpuFigures()).error).toBeUndefined();
    expect(snapshotSchema.safeParse(snapshot()).error).toBeUndefined();
    const withRows = snapshot({ processes: [processRow({ pid: 1, ppid: 0 }), processRow({ pid: 2 })] });
    expect(snapshotSchema.safeParse(withRows).error).toBeUndefined();
    expect(withRows.totals).toEqual({ processes: 2, threads: 2, handles: null });
  });

  it('apply the overrides and derive the default name from the pid', () => {
    expect(processRow({ pid: 42, cpuPercent: 12.5 })).toMatchObject({ pid: 42, name: 'p42', cpuPercent: 12.5 });
    expect(processRow({ pid: 42, name: 'init' }).name).toBe('init');
    expect(snapshot({ seq: 9, totals: { processes: 5, threads: 7, handles: 3 } })).toMatchObject({ seq: 9, totals: { processes: 5, threads: 7, handles: 3 } });
  });
});
