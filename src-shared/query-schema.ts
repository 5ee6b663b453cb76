/**
 * Main's parser for queries from the page or a client (query.ts has the types). Anything else is
 * refused with INVALID_ARGUMENT and changes nothing. Not for the page (it holds no schema library).
 */
import { z } from 'zod';
import type { Query } from './query.ts';

export const querySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recentSeries') }),
  z.strictObject({ kind: z.literal('inventory') }),
]);

// The schema and the plain type can't drift: each must be assignable to the other.
type Parsed = z.infer<typeof querySchema>;
const _sameShape: [Parsed extends Query ? true : false, Query extends Parsed ? true : false] = [true, true];
void _sameShape;
