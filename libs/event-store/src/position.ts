/**
 * Positions are opaque strings that sort in log order by plain string comparison: two unsigned
 * integers (up to 2^64), each zero-padded to 20 digits, joined by '-'.
 *   PostgreSQL: `${transaction id}-${sequence position}`   KurrentDB: `${commit}-${prepare}`
 */
const DIGITS = 20;
const PATTERN = /^(\d{20})-(\d{20})$/;

export function encodePosition(major: bigint | string | number, minor: bigint | string | number): string {
  return `${String(major).padStart(DIGITS, '0')}-${String(minor).padStart(DIGITS, '0')}`;
}

export function decodePosition(position: string): [major: bigint, minor: bigint] {
  const match = PATTERN.exec(position);
  if (!match) throw new Error(`Not an event store position: ${JSON.stringify(position)}`);
  return [BigInt(match[1]), BigInt(match[2])];
}

/** Sorts before every event: where an empty stream or an empty log "is". */
export const START_POSITION = encodePosition(0, 0);
