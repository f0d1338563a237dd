import type { ServedRoute } from '../../apps/api/src/bootstrap';

/**
 * Who may call a route:
 * - `public`: no credential at all (login, health, the API docs, Prometheus metrics, which stay off the public ingress);
 * - `any`: any valid bearer token (enterprise key or staff session);
 * - `enterprise`: an enterprise API key;
 * - `staff`: an admin's or coordinator's session token;
 * - `admin`: an admin's session token;
 * - `answer`: a signed answer token in the path (resident pages);
 * - `dashboard`: the dashboard's session cookie (and, for POST, its CSRF token);
 * - `board`: Bull Board under /admin/queues: an admin's session cookie, and same-origin writes.
 */
export type Access = 'public' | 'any' | 'enterprise' | 'staff' | 'admin' | 'answer' | 'dashboard' | 'board';

/**
 * Every route the API serves, by `METHOD /path` (HEAD mirrors GET and is not listed). A route missing
 * here fails the classification test: a new route has to say who may call it before it ships.
 */
export const ROUTE_ACCESS: Record<string, Access> = {
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/auth/me': 'staff',

  'POST /api/v1/tasks': 'enterprise',
  'GET /api/v1/tasks': 'enterprise',
  'GET /api/v1/tasks/:id': 'enterprise',
  'PATCH /api/v1/tasks/:id': 'enterprise',
  'POST /api/v1/tasks/:id/close': 'enterprise',
  'POST /api/v1/tasks/:id/cancel': 'enterprise',
  'GET /api/v1/tasks/:id/matches': 'enterprise',

  'GET /api/v1/matches': 'staff',
  'POST /api/v1/matches/:id/approve': 'staff',
  'POST /api/v1/matches/:id/reject': 'staff',
  'POST /api/v1/notifications/:id/retry': 'staff',
  'GET /api/v1/technoparks': 'staff',
  'GET /api/v1/technoparks/:id': 'staff',
  'PATCH /api/v1/technoparks/:id': 'staff',
  'POST /api/v1/residents': 'staff',
  'GET /api/v1/residents': 'staff',
  'GET /api/v1/residents/:id': 'staff',
  'PATCH /api/v1/residents/:id': 'staff',
  'POST /api/v1/residents/:id/deactivate': 'staff',
  'POST /api/v1/residents/:id/activate': 'staff',

  'POST /api/v1/technoparks': 'admin',
  'POST /api/v1/capabilities': 'admin',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'POST /api/v1/enterprises': 'admin',
  'GET /api/v1/enterprises': 'admin',
  'GET /api/v1/enterprises/:id': 'admin',
  'GET /api/v1/enterprises/:id/api-keys': 'admin',
  'POST /api/v1/enterprises/:id/api-keys': 'admin',
  'PUT /api/v1/enterprises/:id/webhook': 'admin',
  'DELETE /api/v1/enterprises/:id/webhook': 'admin',
  'DELETE /api/v1/api-keys/:id': 'admin',

  'GET /api/v1/capabilities': 'any',
  'GET /api/v1/regions': 'any',

  'GET /r/:token': 'answer',
  'POST /r/:token': 'answer',

  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/*': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/*': 'public',
  'GET /api/docs-json': 'public',
  'GET /api/docs-yaml': 'public',

  'GET /admin/login': 'dashboard',
  'POST /admin/login': 'dashboard',
  'POST /admin/logout': 'dashboard',
  'GET /admin/lang': 'dashboard',
  'GET /admin': 'dashboard',
  'GET /admin/review': 'dashboard',
  'POST /admin/review': 'dashboard',
  'GET /admin/notifications': 'dashboard',
  'GET /admin/notifications/:id': 'dashboard',
  'POST /admin/notifications/:id/retry': 'dashboard',
  'GET /admin/residents': 'dashboard',
  'GET /admin/residents/import': 'dashboard',
  'POST /admin/residents/import': 'dashboard',
  'POST /admin/residents/import/upload': 'dashboard',
  'GET /admin/residents/import/:importId': 'dashboard',
  'POST /admin/residents/import/:importId/commit': 'dashboard',
  'GET /admin/residents/:id': 'dashboard',
  'POST /admin/residents/:id': 'dashboard',
  'POST /admin/residents/:id/active': 'dashboard',
  'GET /admin/tasks': 'dashboard',
  'GET /admin/tasks/:id': 'dashboard',
};

export interface ClassifiedRoute extends ServedRoute {
  key: string;
  access: Access | undefined;
}

/**
 * Bull Board's routes come from the library (and change with its versions); one hook guards them all,
 * so they are classified by their prefix.
 */
export const BOARD_PREFIX = '/admin/queues';

/** The served routes (HEAD dropped, duplicates merged), each with its class, or undefined when unclassified. */
export function classify(routes: ServedRoute[]): ClassifiedRoute[] {
  const keys = [...new Set(routes.filter((route) => route.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
  return keys.map((key) => {
    const [method, url] = key.split(' ');
    const board = url === BOARD_PREFIX || url.startsWith(`${BOARD_PREFIX}/`);
    return { method, url, key, access: board ? 'board' : ROUTE_ACCESS[key] };
  });
}

/** A path for the route with every parameter filled in. */
export function fillPath(url: string, id: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, id).replace(/\*$/, 'index.css');
}
