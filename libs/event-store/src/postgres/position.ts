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

export const START: PgPosition = { tx: 0n, seq: 0n };

export function encodePgPosition(tx: bigint | string, seq: bigint | string): Position {
  return `${String(tx).padStart(WIDTH, '0')}/${String(seq).padStart(WIDTH, '0')}` as Position;
}

export function decodePgPosition(position: Position | string): PgPosition {
  const match = FORMAT.exec(position);
  if (!match) throw new RangeError(`not a PostgreSQL event store position: ${position}`);
  return { tx: BigInt(match[1]), seq: BigInt(match[2]) };
}

export function comparePgPositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
