import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { rolesOf } from '../auth/auth.guard';
import { apiRouteOf, type ApiRouteSpec } from './api-route.decorator';

/** A route the app serves, as the document sees it: `GET /api/v1/tasks/{id}`. */
export interface DocumentedRoute {
  method: string;
  /** OpenAPI form, `{id}` */
  path: string;
  spec: ApiRouteSpec | undefined;
  controller: string;
  handler: string;
}

/** Routes outside the JSON API: answer pages for residents, health probes, Prometheus metrics, the dashboard. */
const UNDOCUMENTED = [/^\/r(\/|$)/, /^\/health(\/|$)/, /^\/admin(\/|$)/, /^\/metrics$/];

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .meta({ description: 'For validation failures: one entry per invalid field' }),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, a field that fails its schema, an unknown field, an unknown reference',
  401: 'No bearer token, or an invalid, expired or revoked one',
  403: 'The token is valid but its role may not use this route',
  404: 'Not found (another tenant’s resources are indistinguishable from missing ones)',
  409: 'Conflicts with the current state',
  413: 'Request body larger than 256 KiB',
  415: 'Body is not application/json',
  422: 'Idempotency-Key reused with a different body',
  429: 'Rate limited; wait for the seconds in Retry-After',
  500: 'Unexpected error',
};

/** Every controller route of the app, found through Nest's module container (so a new controller cannot hide). */
export function collectRoutes(app: INestApplication): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || seen.has(controller)) {
        continue;
      }
      seen.add(controller);
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') {
          continue;
        }
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) {
          continue;
        }
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[base, sub].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        routes.push({
          method: RequestMethod[method].toLowerCase(),
          path: path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
          spec: apiRouteOf(handler),
          controller: controller.name,
          handler: name,
        });
      }
    }
  }
  return routes.filter((route) => !UNDOCUMENTED.some((pattern) => pattern.test(route.path)));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/**
 * The OpenAPI 3.1 document, built from the routes' `@ApiRoute` specs: request schemas are the zod
 * schemas the routes validate with (as input), responses are the presenters' schemas.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of collectRoutes(app)) {
    const { spec } = route;
    const controllerClass = [...app.get(ModulesContainer).values()]
      .flatMap((module) => [...module.controllers.values()])
      .find((wrapper) => (wrapper.metatype as Type | null)?.name === route.controller)?.metatype as Type | undefined;
    const handler = controllerClass ? (controllerClass.prototype as Record<string, object>)[route.handler] : undefined;
    const roles = (handler && rolesOf(handler)) ?? (controllerClass && rolesOf(controllerClass));
    const status = spec?.status ?? (route.method === 'post' ? 201 : 200);
    const parameters: Record<string, unknown>[] = [];
    for (const match of route.path.matchAll(/\{([^}]+)\}/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    if (spec?.query) {
      const query = jsonSchema(spec.query, 'input') as {
        properties?: Record<string, Record<string, unknown>>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        const { description, ...rest } = schema;
        parameters.push({
          name,
          in: 'query',
          required: query.required?.includes(name) ?? false,
          ...(description ? { description } : {}),
          schema: rest,
          ...(spec.queryExample?.[name] !== undefined ? { example: spec.queryExample[name] } : {}),
        });
      }
    }
    for (const header of spec?.headers ?? []) {
      parameters.push({
        name: header.name,
        in: 'header',
        required: false,
        description: header.description,
        schema: { type: 'string' },
      });
    }
    const errors = new Set([
      ...(spec?.errors ?? []),
      // ValidBody refuses any body that is not application/json.
      ...(spec?.body ? [415] : []),
      ...(roles ? [401] : []),
      ...(roles?.length ? [403] : []),
      429,
      500,
    ]);
    const responses: Record<string, unknown> = {
      [status]: {
        description: 'Success',
        ...(spec?.response
          ? {
              content: {
                'application/json': {
                  schema: jsonSchema(spec.response, 'output'),
                  ...(spec.responseExample !== undefined ? { example: spec.responseExample } : {}),
                },
              },
            }
          : {}),
      },
    };
    for (const code of [...errors].sort()) {
      responses[code] = {
        description: ERROR_DESCRIPTIONS[code] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      operationId: `${route.controller.replace(/Controller$/, '')}_${route.handler}`,
      summary: spec?.summary ?? route.handler,
      ...(spec?.description || roles?.length
        ? {
            description: [spec?.description, roles?.length ? `Roles: ${roles.join(', ')}.` : '']
              .filter(Boolean)
              .join('\n\n'),
          }
        : {}),
      tags: [spec?.tag ?? route.controller.replace(/Controller$/, '')],
      ...(roles ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(spec?.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: jsonSchema(spec.body, 'input'),
                  ...(spec.example !== undefined ? { example: spec.example } : {}),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TechnoMatch API',
      version: '1.0.0',
      description:
        'Import-substitution tasks matched to technopark residents. Enterprises authenticate with an API key, ' +
        'admins and coordinators with a token from `POST /api/v1/auth/login`; both as `Authorization: Bearer`. ' +
        'Errors are RFC 9457 problem details. Lists take `?limit=&cursor=` and answer `nextCursor`.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (tmk_…) or a session token (tms_…)' },
      },
      schemas: { ProblemDetails: jsonSchema(problemSchema, 'output') },
    },
  } as unknown as OpenAPIObject;
}
