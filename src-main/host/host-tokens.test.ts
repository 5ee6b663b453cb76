import { describe, expect, it } from 'vitest';
import { HostTokens, type TokenRole } from './host-tokens.ts';

const VIEW = 'view-token-0123456789abcdef';
const CONTROL = 'control-token-0123456789abc';

describe('HostTokens.roleOf', () => {
  const tokens = new HostTokens({ view: VIEW, control: CONTROL });
  it.each<[string, string | null | undefined, TokenRole | null]>([
    ['the view token', VIEW, 'view'],
    ['the control token', CONTROL, 'control'],
    ['a wrong token', 'wrong-token-0123456789abcdef', null],
    ['the view token with one character more', `${VIEW}x`, null],
    ['the control token cut short', CONTROL.slice(0, -1), null],
    ['an empty string', '', null],
    ['no token', null, null],
    ['undefined', undefined, null],
  ])('%s → %s', (_name, given, role) => {
    expect(tokens.roleOf(given)).toBe(role);
  });

  it('a host without --allow-control has only the view token: nothing is control', () => {
    const viewOnly = new HostTokens({ view: VIEW, control: null });
    expect(viewOnly.roleOf(VIEW)).toBe('view');
    expect(viewOnly.roleOf(CONTROL)).toBeNull();
  });
});

describe('HostTokens.replace (rotation)', () => {
  it('the new token works at once, the old one is refused, and the listeners hear which role changed', () => {
    const tokens = new HostTokens({ view: VIEW, control: CONTROL });
    const heard: TokenRole[] = [];
    tokens.onReplaced((role) => heard.push(role));
    expect(tokens.replace('view', 'new-view-token-0123456789')).toBeNull();
    expect(tokens.roleOf('new-view-token-0123456789')).toBe('view');
    expect(tokens.roleOf(VIEW)).toBeNull();
    expect(tokens.replace('control', 'new-control-token-01234567')).toBeNull();
    expect(tokens.roleOf('new-control-token-01234567')).toBe('control');
    expect(tokens.roleOf(CONTROL)).toBeNull();
    expect(heard).toEqual(['view', 'control']);
  });

  it('the same token again is no change: nobody is told, nothing is refused', () => {
    const tokens = new HostTokens({ view: VIEW, control: CONTROL });
    const heard: TokenRole[] = [];
    tokens.onReplaced((role) => heard.push(role));
    expect(tokens.replace('view', VIEW)).toBeNull();
    expect(heard).toEqual([]);
  });

  it.each<[string, TokenRole, string, string | null, RegExp]>([
    ['a view token equal to the control token (it could act)', 'view', CONTROL, CONTROL, /same as the control token/],
    ['a control token equal to the view token', 'control', VIEW, CONTROL, /same as the view token/],
    ['a control token on a host without one', 'control', 'new-control-token-01234567', null, /--allow-control is off/],
  ])('refuses %s, keeping both as they were', (_name, role, next, control, problem) => {
    const tokens = new HostTokens({ view: VIEW, control });
    const heard: TokenRole[] = [];
    tokens.onReplaced((changed) => heard.push(changed));
    expect(tokens.replace(role, next)).toMatch(problem);
    expect(tokens.current('view')).toBe(VIEW);
    expect(tokens.current('control')).toBe(control);
    expect(heard).toEqual([]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const tokens = new HostTokens({ view: VIEW, control: CONTROL });
    const heard: TokenRole[] = [];
    const off = tokens.onReplaced((role) => heard.push(role));
    off();
    tokens.replace('view', 'new-view-token-0123456789');
    expect(heard).toEqual([]);
  });
});
