import { describe, expect, it } from 'vitest';
import type { MenuItem } from '../../components/ContextMenu.tsx';
import { strings } from '../../strings.ts';
import { pastMenuItems } from './past-actions.ts';

const item = (id: string, isDisabled = false): MenuItem => ({ id, label: id, isDisabled, onSelect: () => undefined });

describe('pastMenuItems', () => {
  it.each([
    // id, disabled live, disabled in the past
    ['end-task', false, true],
    ['end-tree', false, true],
    ['suspend', false, true],
    ['resume', true, true],
    ['set-priority', false, true],
    ['priority-high', false, true],
    ['set-affinity', false, true],
    ['open-file-location', false, true],
    ['efficiency-mode', false, true],
    ['toggle', false, false],
    ['open-details', false, false],
  ])('%s', (id, isDisabledLive, isDisabledPast) => {
    const [past] = pastMenuItems([item(id, isDisabledLive)], true);
    expect(past?.isDisabled).toBe(isDisabledPast);
    expect(past?.title).toBe(isDisabledPast ? strings.timeTravel.actionDisabled : undefined);
  });

  it('leaves the live menu as it is', () => {
    const items = [item('end-task'), item('suspend', true)];
    expect(pastMenuItems(items, false)).toBe(items);
  });
});
