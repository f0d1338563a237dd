import { routesServedBy } from '../apps/api/src/bootstrap';
import { collectRoutes, type DocumentedRoute } from '../apps/api/src/openapi/openapi-document';
import { apiClient, type ApiCall } from './support/api-client';
import { createEnterprise, createStaff } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';

/**
 * Controllers whose routes still lack an `@ApiRoute` spec (they appear in the document with their
 * method name only). Empty this list as they get one; a new controller cannot join it silently.
 */
const PENDING_SPECS: string[] = [];

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { summary: string; requestBody?: unknown; responses: Record<string, unknown> }>>;
}

/** `/api/v1/tasks/:id` as OpenAPI writes it: `/api/v1/tasks/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let system: SystemUnderTest;
  let call: ApiCall;
  let document: OpenApiDocument;
  let routes: DocumentedRoute[];

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    call = apiClient(system.baseUrl);
    const response = await call('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    document = response.body as OpenApiDocument;
    routes = collectRoutes(system.api);
  });

  afterAll(async () => {
    await system?.close();
  });

  const apiRoutesServed = () =>
    routesServedBy(system.api)
      .filter((route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD')
      .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.url)}`);

  it('lists exactly the routes the app serves under /api/v1', () => {
    const served = [...new Set(apiRoutesServed())].sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(25);
    expect(documented).toEqual(served);
  });

  it('has a spec with a summary, responses and problem details for every route', () => {
    const missing = routes
      .filter((route) => !route.spec && !PENDING_SPECS.includes(route.controller))
      .map((route) => `${route.controller}.${route.handler}`);
    expect(missing).toEqual([]);
    for (const route of routes.filter((candidate) => candidate.spec)) {
      const operation = document.paths[route.path][route.method];
      expect(operation.summary).toBe(route.spec!.summary);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['429', '500']));
      if (route.spec!.body) {
        expect(operation.requestBody).toBeDefined();
      }
    }
  });

  it('has example requests for every body and query, and each validates against the route schema', () => {
    const failures: string[] = [];
    for (const { spec, method, path } of routes) {
      if (spec?.body) {
        const result = spec.body.safeParse(spec.example);
        if (spec.example === undefined || !result.success) {
          failures.push(`${method} ${path} body: ${result.error?.message ?? 'no example'}`);
        }
      }
      if (spec?.query) {
        const result = spec.query.safeParse(spec.queryExample ?? {});
        if (!result.success) {
          failures.push(`${method} ${path} query: ${result.error.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('describes what the list routes actually answer', async () => {
    const admin = (await createStaff(system.api, 'admin')).token;
    const apiKey = (await createEnterprise(system.api)).apiKey;
    await call('POST', '/api/v1/tasks', {
      token: apiKey,
      body: routes.find((route) => route.path === '/api/v1/tasks' && route.method === 'post')!.spec!.example,
    });
    const checked: string[] = [];
    for (const { spec, method, path } of routes) {
      if (method !== 'get' || path.includes('{') || !spec?.response) {
        continue;
      }
      const token = path.startsWith('/api/v1/tasks') ? apiKey : admin;
      const response = await call('GET', path, { token });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const parsed = spec.response.safeParse(response.body);
      expect({ path, issues: parsed.error?.issues ?? [] }).toEqual({ path, issues: [] });
      checked.push(path);
    }
    expect(checked).toEqual(expect.arrayContaining(['/api/v1/tasks', '/api/v1/regions', '/api/v1/capabilities']));
  });

  it('serves the interactive documentation at /api/docs', async () => {
    const page = await fetch(`${system.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('swagger');
    for (const asset of ['swagger-ui-init.js', 'swagger-ui-bundle.js', 'swagger-ui.css']) {
      const response = await fetch(`${system.baseUrl}/api/docs/${asset}`);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      await response.arrayBuffer();
    }
    expect(document.openapi).toBe('3.1.0');
  });
});
