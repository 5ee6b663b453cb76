import { describe, expect, it } from 'vitest';
import { firedNote, firedNoteRule } from '../../../src-shared/alert-notes.ts';
import type { HistoryEvent } from '../../../src-shared/query.ts';
import { formatDateTime } from '../../format.ts';
import { alertMarkers, firedInHistory, MAX_ALERT_MARKERS, type FiredAlert } from './alert-markers.ts';
import { performanceStrings } from './performance-strings.ts';

const END = 1_700_000_000_000;
const hog = (atMs: number): FiredAlert => ({ atMs, ruleName: 'CPU hog' });
const at = (...fired: FiredAlert[]) => alertMarkers(fired, END, 60).map((m) => m.t);

describe('alertMarkers', () => {
  it.each<[string, FiredAlert[], number[]]>([
    ['inside the span, newest first', [hog(END - 10_000), hog(END - 2_000)], [-2, -10]],
    ['not before the span nor after its end', [hog(END - 61_000), hog(END + 1_000), hog(END - 60_000)], [-60]],
    ['one line for alerts fired at the same moment (the page’s and history’s)', [hog(END - 5_000), hog(END - 5_000)], [-5]],
    ['a line each for moments a millisecond apart', [hog(END - 5_000), hog(END - 5_001)], [-5, -5.001]],
    ['none held', [], []],
  ])('%s', (_name, fired, expected) => {
    expect(at(...fired)).toEqual(expected);
  });

  it('names each line after its rules, once each, and the moment', () => {
    const atMs = END - 5_000;
    const markers = alertMarkers([hog(atMs), { atMs, ruleName: 'Low memory' }, hog(atMs)], END, 60);
    expect(markers).toEqual([{ t: -5, label: performanceStrings.alertMarker('CPU hog, Low memory', formatDateTime(atMs)) }]);
    expect(markers[0]?.label).toMatch(/^CPU hog, Low memory fired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('draws at most MAX_ALERT_MARKERS, the newest, a moment already drawn still taking its other rules', () => {
    const fired = Array.from({ length: MAX_ALERT_MARKERS + 10 }, (_, i) => hog(END - (i + 1) * 1000));
    const markers = alertMarkers([...fired, { atMs: END - MAX_ALERT_MARKERS * 1000, ruleName: 'Other' }], END, 3_600);
    expect(markers).toHaveLength(MAX_ALERT_MARKERS);
    expect(markers[0]?.t).toBe(-1);
    expect(markers[MAX_ALERT_MARKERS - 1]?.t).toBe(-MAX_ALERT_MARKERS);
    expect(markers[MAX_ALERT_MARKERS - 1]?.label).toContain('CPU hog, Other fired');
  });
});

const event = (kind: HistoryEvent['kind'], detail: string | null, atMs = END): HistoryEvent => ({ atMs, kind, pid: 42, startTimeMs: 1, name: 'burn', detail });

describe('firedInHistory', () => {
  it.each<[string, HistoryEvent[], FiredAlert[]]>([
    ['a fired note is a marker, named after its rule', [event('alert', firedNote('CPU hog', 'burn (42): CPU 85 % for 3 s (above 40 %)'))], [hog(END)]],
    ['a cleared note is not', [event('alert', 'CPU hog cleared')], []],
    ['an action’s outcome is not', [event('alert', 'CPU hog: set priority to below normal: done'), event('alert', 'CPU hog: resume burn (42) (expired): done')], []],
    ['nor another kind saying "fired"', [event('command', 'CPU hog fired: x'), event('gap', 'no samples for 42 s')], []],
    ['an alert with no detail is not', [event('alert', null)], []],
    ['each fired note, in order', [event('alert', firedNote('A', 'x'), END - 1), event('alert', 'A cleared'), event('alert', firedNote('B', 'y'), END)], [{ atMs: END - 1, ruleName: 'A' }, { atMs: END, ruleName: 'B' }]],
  ])('%s', (_name, events, expected) => {
    expect(firedInHistory(events)).toEqual(expected);
  });
});

describe('firedNote (the service writes it, the markers read it)', () => {
  it.each<[string, string | null]>([
    [firedNote('CPU hog', 'burn (4242): CPU 85 % for 3 s (above 40 %)'), 'CPU hog'],
    [firedNote('Chrome memory', 'Chrome: 2.1 GB, usually 600–900 MB at this hour'), 'Chrome memory'],
    [firedNote('App started', 'notepad (4242) started'), 'App started'],
    ['CPU hog cleared', null],
    ['CPU hog: end task: ACCESS_DENIED — operation not permitted', null],
    [' fired: no rule', null],
  ])('%s → %s', (detail, rule) => {
    expect(firedNoteRule(detail)).toBe(rule);
  });
});
