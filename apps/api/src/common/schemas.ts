import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import { z } from 'zod';

/** A trimmed, non-empty string of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const uuid = z.uuid();

/** `?limit=&cursor=` of every list; `nextCursor` in the answer is the next page's cursor. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
};

/** A boolean in a query string: `true` or `false`. */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A path id that is not a uuid cannot name anything: 404, like an id that names nothing. */
export function idParam(what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`${what} not found`) });
}

/** `{ items, nextCursor }` of a list route. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const isoDateTime = z.string().meta({ format: 'date-time' });
