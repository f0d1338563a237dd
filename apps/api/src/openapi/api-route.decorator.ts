import {
  createParamDecorator,
  SetMetadata,
  UnsupportedMediaTypeException,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fieldPath, RequestValidationError, ZodValidationPipe } from '../common/zod-validation.pipe';

const API_ROUTE = 'technomatch:api-route';

/**
 * What the OpenAPI document says about one route, and the schemas the route validates with: the
 * same zod schema validates the request and describes it, so the document cannot drift from the code.
 */
export interface ApiRouteSpec {
  summary: string;
  description?: string;
  tag: string;
  /** Success status; 200 unless given. */
  status?: number;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** An example request body; the OpenAPI test validates it against `body`. */
  example?: unknown;
  /** An example request query; validated against `query`. */
  queryExample?: Record<string, string>;
  responseExample?: unknown;
  /** Error statuses this route answers besides 401/403/429/500. */
  errors?: number[];
  /** Headers the route reads. */
  headers?: { name: string; description: string }[];
}

export function ApiRoute(spec: ApiRouteSpec) {
  return SetMetadata(API_ROUTE, spec);
}

export function apiRouteOf(handler: object): ApiRouteSpec | undefined {
  return Reflect.getMetadata(API_ROUTE, handler) as ApiRouteSpec | undefined;
}

function specOf(context: ExecutionContext): ApiRouteSpec {
  const spec = apiRouteOf(context.getHandler());
  if (!spec) {
    throw new Error(`${context.getClass().name}.${context.getHandler().name} has no @ApiRoute`);
  }
  return spec;
}

/**
 * Fields holding a NUL character, which PostgreSQL's text cannot store: refused as a validation error
 * here rather than failing as a 500 in the database. Walks the validated value (bounded by its schema).
 */
function rejectNulCharacters(value: unknown): void {
  const errors: { path: string; message: string }[] = [];
  const pending: [unknown, PropertyKey[]][] = [[value, []]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string' && current.includes('\u0000')) {
      errors.push({ path: fieldPath(path) || '(body)', message: 'must not contain NUL characters' });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push([item, [...path, index]]));
    } else if (typeof current === 'object' && current !== null && !(current instanceof Date)) {
      for (const [key, item] of Object.entries(current)) {
        pending.push([item, [...path, key]]);
      }
    }
  }
  if (errors.length > 0) {
    throw new RequestValidationError(errors.reverse());
  }
}

/**
 * The request body, validated with the route's `@ApiRoute({ body })` schema. Only `application/json`
 * is accepted (415 otherwise): Fastify would also parse form bodies, which browsers post cross-site.
 */
export const ValidBody = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const { body } = specOf(context);
  if (!body) {
    throw new Error(`${context.getHandler().name} reads a body but declares no body schema`);
  }
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeException('the body must be application/json');
  }
  const valid: unknown = new ZodValidationPipe(body).transform(request.body ?? {});
  rejectNulCharacters(valid);
  return valid;
});

/** The query string, validated with the route's `@ApiRoute({ query })` schema. */
export const ValidQuery = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const { query } = specOf(context);
  if (!query) {
    throw new Error(`${context.getHandler().name} reads a query but declares no query schema`);
  }
  const valid: unknown = new ZodValidationPipe(query).transform(
    context.switchToHttp().getRequest<FastifyRequest>().query ?? {},
  );
  rejectNulCharacters(valid);
  return valid;
});
