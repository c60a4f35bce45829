import { InvalidEventError } from '../errors.js';
import type { Position } from '../types.js';

/**
 * A PostgreSQL position is the pair (transaction id, global position), the order in which
 * the global log is read. Both parts are zero-padded to 20 digits so that the string form
 * sorts like the pair.
 */
export interface PgPosition {
  readonly tx: bigint;
  readonly seq: bigint;
}

const WIDTH = 20;
const FORMAT = /^(\d{20})\/(\d{20})$/;
/** Largest transaction id (`xid8`, unsigned 64-bit) and largest global position (`bigint`). */
const MAX_TX = 2n ** 64n - 1n;
const MAX_SEQ = 2n ** 63n - 1n;

export const START: PgPosition = { tx: 0n, seq: 0n };

export function encodePgPosition(tx: bigint | string, seq: bigint | string): Position {
  return `${String(tx).padStart(WIDTH, '0')}/${String(seq).padStart(WIDTH, '0')}` as Position;
}

/**
 * Inverse of `encodePgPosition`. A token it did not produce, or one beyond the columns' range
 * (20 digits can exceed both), is `InvalidEventError` POSITION_INVALID, before any query.
 */
export function decodePgPosition(position: Position | string): PgPosition {
  const match = typeof position === 'string' ? FORMAT.exec(position) : null;
  if (!match) throw new InvalidEventError('POSITION_INVALID', `not a PostgreSQL event store position: ${String(position).slice(0, 100)}`);
  const tx = BigInt(match[1]);
  const seq = BigInt(match[2]);
  if (tx > MAX_TX || seq > MAX_SEQ) throw new InvalidEventError('POSITION_INVALID', `PostgreSQL event store position out of range: ${position}`);
  return { tx, seq };
}

export function comparePgPositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
