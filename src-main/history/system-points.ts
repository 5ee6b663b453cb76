/**
 * The system figures' rows of the store (history-db.ts): a point per tick in `system_1s`, deflated
 * against its shape (history-blobs.ts `pointShape`, kept once in `point_shape`); the 1 min and 1 h
 * tiers' roll-ups as JSON text (read a thousand at a time). On the connection of its HistoryDb.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SystemPoint } from '../../src-shared/query.ts';
import { pointBlob, pointOf, pointShape } from './history-blobs.ts';
import type { SystemTier, WeightedPoint } from './history-rollup.ts';

export type SystemTable = SystemTier['table'];

export class SystemPoints {
  private readonly connection: DatabaseSync;
  /** Each point shape's id and each id's shape as bytes, as the file holds them. */
  private readonly shapeIds = new Map<string, number>();
  private readonly shapes = new Map<number, Uint8Array>();

  constructor(connection: DatabaseSync) {
    this.connection = connection;
  }

  /** Writes a point of `weight` seconds at `t` to a system tier: the 1 s tier's deflated against its shape, the others as text. */
  insert(table: SystemTable, t: number, weight: number, point: SystemPoint): void {
    const id = table === 'system_1s' ? this.shapeIdOf(point) : null;
    const value = pointBlob(point, id === null ? null : this.shapeBytes(id));
    this.connection.prepare(`INSERT OR REPLACE INTO ${table} (t, n, shape, point) VALUES (?, ?, ?, ?)`).run(t, weight, id, value);
  }

  /** The points of a system tier from `fromMs` (inclusive) to `toMs` (exclusive), oldest first. */
  read(table: SystemTable, fromMs: number, toMs: number): WeightedPoint[] {
    return this.connection
      .prepare(`SELECT n, shape, point FROM ${table} WHERE t >= ? AND t < ? ORDER BY t`)
      .all(fromMs, toMs)
      .map((row) => {
        const shape = row['shape'];
        return { point: pointOf(row['point'], typeof shape === 'number' ? this.shapeBytes(shape) : null), weight: Number(row['n']) };
      });
  }

  /** Forgets the shapes known: a transaction that added one was rolled back. */
  forget(): void {
    this.shapeIds.clear();
    this.shapes.clear();
  }

  private shapeIdOf(point: SystemPoint): number {
    const text = pointShape(point);
    let id = this.shapeIds.get(text);
    if (id === undefined) {
      const row = this.connection.prepare('INSERT INTO point_shape (shape) VALUES (?) ON CONFLICT (shape) DO UPDATE SET shape = shape RETURNING id').get(Buffer.from(text, 'utf8'));
      id = Number(row?.['id']);
      this.shapeIds.set(text, id);
    }
    return id;
  }

  private shapeBytes(id: number): Uint8Array {
    let bytes = this.shapes.get(id);
    if (bytes === undefined) {
      const shape = this.connection.prepare('SELECT shape FROM point_shape WHERE id = ?').get(id)?.['shape'];
      if (!(shape instanceof Uint8Array)) throw new Error(`history: point shape ${id} is missing`);
      bytes = shape;
      this.shapes.set(id, bytes);
    }
    return bytes;
  }
}
