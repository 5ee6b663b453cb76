import { describe, expect, it } from 'vitest';
import type { ShownMachine } from '../../../src-shared/machines.ts';
import { barText, documentTitle, textColorOn } from './machine-bar.ts';

const machine = (overrides: Partial<ShownMachine> = {}): ShownMachine => ({
  id: 'm1',
  name: 'build-server',
  url: 'https://build-server:8737',
  fingerprint: null,
  color: '#1565c0',
  hasControlToken: true,
  state: 'connected',
  message: null,
  ...overrides,
});

describe('barText', () => {
  it.each([
    ['connecting', null, 'connecting…'],
    ['connected', null, 'connected'],
    ['unreachable', 'the host does not answer (connect ECONNREFUSED 10.0.0.5:8737)', 'unreachable: the host does not answer (connect ECONNREFUSED 10.0.0.5:8737)'],
    ['refused', 'the host refused the token', 'refused: the host refused the token'],
  ] as const)('%s (%s) says “%s”', (state, message, said) => {
    const text = barText(machine({ state, message }));
    expect(text.viewing).toBe('Viewing build-server (https://build-server:8737)');
    expect(text.state).toBe(said);
  });

  it('says when actions will be refused for want of a control token', () => {
    expect(barText(machine()).viewOnly).toBeNull();
    expect(barText(machine({ hasControlToken: false })).viewOnly).toMatch(/view only/);
  });
});

describe('documentTitle', () => {
  it('names the machine shown, and only the app for this computer', () => {
    expect(documentTitle('build-server')).toBe('Task Manager — build-server');
    expect(documentTitle(null)).toBe('Task Manager');
  });
});

describe('textColorOn', () => {
  it.each([
    ['#ffffff', '#000000'],
    ['#000000', '#ffffff'],
    ['#1565c0', '#ffffff'],
    ['#c62828', '#ffffff'],
    ['#ffeb3b', '#000000'],
    // Mid grey: black reads better (5.3 : 1 against 3.9 : 1).
    ['#808080', '#000000'],
    ['#2e7d32', '#ffffff'],
  ] as const)('on %s: %s', (background, color) => {
    expect(textColorOn(background)).toBe(color);
  });
});
