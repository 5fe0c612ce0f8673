import { InvalidInput, isUuid } from '@blue-ocean/kernel';

/**
 * Keyset cursors of the searches, opaque to clients: the sort key of the last row of a page.
 * openShifts sorts by (distanceKm, shift id); availableWorkers by (distanceKm, reliability
 * descending, worker id). Distances are float8 from PostgreSQL; JSON keeps every bit of them.
 */
export type ShiftKey = { distanceKm: number; id: string };
export type CandidateKey = { distanceKm: number; reliability: number; id: string };

export function encodeShiftCursor(key: ShiftKey): string {
  return encode(['shift', key.distanceKm, key.id]);
}

export function encodeCandidateCursor(key: CandidateKey): string {
  return encode(['candidate', key.distanceKm, key.reliability, key.id]);
}

export function decodeShiftCursor(after: string | null | undefined): ShiftKey | null {
  if (after === null || after === undefined) return null;
  const parts = decode(after);
  if (parts?.length === 3 && parts[0] === 'shift' && isNumber(parts[1]) && isId(parts[2])) return { distanceKm: parts[1], id: parts[2] };
  throw refused();
}

export function decodeCandidateCursor(after: string | null | undefined): CandidateKey | null {
  if (after === null || after === undefined) return null;
  const parts = decode(after);
  if (parts?.length === 4 && parts[0] === 'candidate' && isNumber(parts[1]) && isNumber(parts[2]) && isId(parts[3])) {
    return { distanceKm: parts[1], reliability: parts[2], id: parts[3] };
  }
  throw refused();
}

function encode(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decode(after: string): unknown[] | null {
  try {
    const parts = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    return Array.isArray(parts) ? parts : null;
  } catch {
    return null;
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isId = (value: unknown): value is string => typeof value === 'string' && isUuid(value);
const refused = () => new InvalidInput('after', 'after must be a cursor returned by this list.');
