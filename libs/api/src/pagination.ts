import { Field, ObjectType } from '@nestjs/graphql';
import { InvalidInput, isUuid } from '@blue-ocean/kernel';

/** Relay page info, shared by every connection type. */
@ObjectType('PageInfo')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** Lists are ordered by (createdAt, id); a cursor is that pair, opaque to clients. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor({ createdAt, id }: Keyset): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

/** The position after which the page starts; null for the first page. Refuses a cursor we did not issue. */
export function decodeCursor(after: string | null | undefined): Keyset | null {
  if (after === null || after === undefined) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && isUuid(id) && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // falls through to the refusal
  }
  throw new InvalidInput('after', 'after must be a cursor returned by this list.');
}

export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Rows fetched with one extra (`size + 1`) become a page: the extra one only says there is more. */
export function toPage<R extends Keyset>(rows: R[], size: number): { rows: R[]; pageInfo: PageInfo } {
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { rows: page, pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor(last) : null } };
}
