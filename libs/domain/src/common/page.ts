import { DomainValidationError } from './domain-errors';

/** One page of a list and the opaque cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Cursors are opaque to clients: base64url of the sort key of the last item returned. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key inside a cursor; a cursor that was not made by {@link encodeCursor} is a 400 on `cursor`. */
export function decodeCursor(cursor: string, parts: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((part) => typeof part === 'string')) {
      return key;
    }
  } catch {
    // fall through
  }
  throw new DomainValidationError([{ path: 'cursor', message: 'is not a cursor returned by this list' }]);
}

/** Pages by the uuid primary key: stable under inserts, one index range scan per page. */
export function pageById<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null };
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeIdCursor(cursor: string | undefined): string | null {
  if (!cursor) {
    return null;
  }
  const [id] = decodeCursor(cursor, 1);
  if (!UUID_PATTERN.test(id)) {
    throw new DomainValidationError([{ path: 'cursor', message: 'is not a cursor returned by this list' }]);
  }
  return id;
}
