import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldError } from '@app/domain';

/** The request body, query or params failed their schema. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';

  constructor(readonly errors: FieldError[]) {
    super('request validation failed');
  }
}

/** `requirements[0].weight` from zod's `['requirements', 0, 'weight']`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Validates once, at the edge, with a zod schema; unknown fields are rejected by the schemas' `strict()`. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) {
      return result.data;
    }
    throw new RequestValidationError(
      result.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((key) => ({
            path: fieldPath([...issue.path, key]),
            message: 'unknown field',
          }));
        }
        return [{ path: fieldPath(issue.path) || '(body)', message: issue.message }];
      }),
    );
  }
}
