import { describe, expect, it } from 'vitest';
import type { ServiceRow, ServiceState } from '../../../src-shared/services.ts';
import { isActionOffered, serviceMenuItems } from './service-actions.ts';

const service = (state: ServiceState, canStop: boolean, pid: number | null = null, startTimeMs: number | null = null): ServiceRow => ({
  name: 'x.service',
  displayName: 'x',
  description: null,
  state,
  subState: null,
  startType: 'manual',
  startTypeDetail: null,
  pid,
  startTimeMs,
  group: null,
  canStop,
});

describe('what a service offers', () => {
  it.each<[ServiceState, boolean, [boolean, boolean, boolean]]>([
    ['running', true, [false, true, true]],
    ['running', false, [false, false, false]],
    ['stopped', false, [true, false, false]],
    ['failed', false, [true, false, false]],
    ['starting', true, [false, true, false]],
    ['stopping', false, [false, false, false]],
    ['paused', true, [false, true, false]],
    ['unknown', false, [false, false, false]],
  ])('%s, canStop %s: Start, Stop, Restart = %j', (state, canStop, offered) => {
    const row = service(state, canStop);
    expect((['start', 'stop', 'restart'] as const).map((action) => isActionOffered(action, row))).toEqual(offered);
  });

  it('Go to details needs the process’s identity (pid and start time)', () => {
    expect(isActionOffered('goToDetails', service('running', true, 812, 1_700_000_000_000))).toBe(true);
    expect(isActionOffered('goToDetails', service('running', true, 812, null))).toBe(false);
    expect(isActionOffered('goToDetails', service('stopped', false))).toBe(false);
  });

  it('the menu disables what is not offered, and each item sends its own action', () => {
    const sent: string[] = [];
    const items = serviceMenuItems(service('stopped', false), (action) => sent.push(action));
    expect(items.map((i) => [i.label, i.isDisabled])).toEqual([
      ['Start', false],
      ['Stop', true],
      ['Restart', true],
      ['Go to details', true],
    ]);
    for (const item of items) item.onSelect();
    expect(sent).toEqual(['start', 'stop', 'restart', 'goToDetails']);
  });
});
