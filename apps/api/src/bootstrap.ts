import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { loadAppConfig, type AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { refuseNulInDashboard } from './common/nul-guard';
import { buildOpenApiDocument } from './openapi/openapi-document';

/** Largest accepted request body; larger ones answer 413. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** A route Fastify serves: `GET /api/v1/tasks/:id`. */
export interface ServedRoute {
  method: string;
  url: string;
}

const servedRoutes = new WeakMap<NestFastifyApplication, ServedRoute[]>();

/** Every route Fastify registered for the app (after `init()`/`listen()`), for the OpenAPI test. */
export function routesServedBy(app: NestFastifyApplication): ServedRoute[] {
  return servedRoutes.get(app) ?? [];
}

/** A caller's X-Request-Id when it is sane, else a new one. */
export function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** TRUST_PROXY as Fastify takes it; a hop count becomes the function proxy-addr would make of it. */
function trustedProxies(
  trust: AppConfig['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustedProxies(loadAppConfig().trustProxy),
    routerOptions: { maxParamLength: 500 },
    // Fastify names each request first, so the request logs, the metrics hook and the response share the id.
    genReqId: requestIdOf,
  });
  refuseNulInDashboard(adapter.getInstance());
  const routes: ServedRoute[] = [];
  // Nest registers controller routes at init(), after this hook is in place.
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url });
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  servedRoutes.set(app, routes);
  app.useLogger(app.get(Logger));
  app.useSecurityHeaders();
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
  return app;
}
