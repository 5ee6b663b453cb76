/**
 * What a Performance page shows, as data: its title, what it is, the live figures and the
 * machine's facts. Pure. The view draws it and Ctrl+C copies it as text (`pageText`), so the two
 * can't disagree.
 */
import type { Fact } from '../../../src-shared/inventory.ts';
import { strings } from '../../strings.ts';
import type { Figure } from './FigureList.tsx';
import { performanceStrings } from './performance-strings.ts';

/** A fact as the page shows it: its text, or "—" and why it is missing (the tooltip). */
export interface FactRow {
  label: string;
  value: string;
  /** Null when the fact is known. */
  reason: string | null;
}

export interface PageModel {
  title: string;
  /** What the resource is (CPU model, disk model, adapter description); null when unknown. */
  subtitle: string | null;
  figures: Figure[];
  facts: FactRow[];
}

/**
 * A fact's row: `format` of its value when known, else "—" with its reason. `fact` undefined means
 * there is nothing to say about this device yet: `absentReason` (the inventory's first read has not
 * finished, or it found nothing matching this device).
 */
export function factRow<T>(label: string, fact: Fact<T> | undefined, format: (value: T) => string, absentReason: string): FactRow {
  if (fact === undefined) return { label, value: strings.unknown, reason: absentReason };
  if (fact.value === null) return { label, value: strings.unknown, reason: 'reason' in fact ? fact.reason : absentReason };
  return { label, value: format(fact.value), reason: null };
}

/** A row of a list the inventory always gives (addresses): its items, or "—" and why when there are none. */
export function listRow(label: string, items: readonly string[] | undefined, absentReason: string, emptyReason: string): FactRow {
  if (items === undefined) return { label, value: strings.unknown, reason: absentReason };
  if (items.length === 0) return { label, value: strings.unknown, reason: emptyReason };
  return { label, value: items.join(', '), reason: null };
}

/** Why a device has no facts: the read has not finished (no inventory yet), or nothing matched it. */
export const absentReason = (hasInventory: boolean): string =>
  hasInventory ? performanceStrings.factsUnmatched : performanceStrings.factsPending;

export const yesNo = (value: boolean): string => (value ? performanceStrings.yes : performanceStrings.no);
export const plain = (value: string): string => value;

/**
 * The page as text, as Task Manager copies it: the title, what it is indented under it, a blank
 * line, then one "label<TAB>value" line per figure and fact.
 */
export function pageText(model: PageModel): string {
  const head = model.subtitle ? `${model.title}\n\t${model.subtitle}` : model.title;
  const lines = [...model.figures, ...model.facts].map((row) => `${row.label}\t${row.value}`);
  return `${head}\n\n${lines.join('\n')}\n`;
}
