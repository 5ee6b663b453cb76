/**
 * The tables' comparator: by a value read once per row, unknown (null, "—") last in either
 * direction, numbers by size, text by a numeric-aware collator, then `tie` so equal rows keep one
 * order. Pure; no imports, so every tab's chunk can share it without pulling the first script apart.
 */
export type SortValue = number | string | null;

/** One collator for every text comparison (String#localeCompare builds one per call). */
export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A comparator over `value`, unknown last, then `tie`. */
export function comparator<T>(value: (x: T) => SortValue, direction: 'ascending' | 'descending', tie: (a: T, b: T) => number): (a: T, b: T) => number {
  const cache = new Map<T, SortValue>();
  const read = (x: T) => {
    if (!cache.has(x)) cache.set(x, value(x));
    return cache.get(x) ?? null;
  };
  const sign = direction === 'ascending' ? 1 : -1;
  return (a, b) => {
    const x = read(a);
    const y = read(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (order !== 0) return order * sign;
    }
    return tie(a, b);
  };
}
