import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ZodValidationPipe } from '../common/zod-validation.pipe';

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

/** The request body, validated with the route's `@ApiRoute({ body })` schema. */
export const ValidBody = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const { body } = specOf(context);
  if (!body) {
    throw new Error(`${context.getHandler().name} reads a body but declares no body schema`);
  }
  return new ZodValidationPipe(body).transform(context.switchToHttp().getRequest<FastifyRequest>().body ?? {});
});

/** The query string, validated with the route's `@ApiRoute({ query })` schema. */
export const ValidQuery = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const { query } = specOf(context);
  if (!query) {
    throw new Error(`${context.getHandler().name} reads a query but declares no query schema`);
  }
  return new ZodValidationPipe(query).transform(context.switchToHttp().getRequest<FastifyRequest>().query ?? {});
});
