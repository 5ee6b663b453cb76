/**
 * Column widths that fill the grid: one flexible column (the Processes table's Name) takes the
 * free space, never narrower than its own width (the user's, or its default); the others keep
 * theirs. When the columns need more than the grid has, nothing stretches and the grid scrolls.
 * Whole pixels, so the sum never passes the width by a fraction (no needless scrollbar). Pure.
 */
export function fitColumnWidths(widths: readonly number[], flexIndex: number, availablePx: number | null): number[] {
  const own = widths[flexIndex];
  if (own === undefined || availablePx === null || !(availablePx > 0)) return widths.slice();
  const others = widths.reduce((sum, w, i) => (i === flexIndex ? sum : sum + w), 0);
  return widths.map((w, i) => (i === flexIndex ? Math.max(own, Math.floor(availablePx) - others) : w));
}
