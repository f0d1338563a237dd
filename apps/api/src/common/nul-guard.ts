import type { FastifyInstance } from 'fastify';

/** How deep the check looks into a parsed body; deeper input is refused as well. */
const MAX_DEPTH = 64;

/**
 * True when a parsed query or body holds a NUL character (PostgreSQL cannot store it in text) or nests deeper
 * than {@link MAX_DEPTH}. Iterative, so that hostile nesting cannot overflow the stack.
 */
export function holdsNulOrDeepNesting(value: unknown): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) {
        return true;
      }
    } else if (item !== null && typeof item === 'object') {
      if (depth >= MAX_DEPTH) {
        return true;
      }
      for (const child of Object.values(item)) {
        pending.push([child, depth + 1]);
      }
    }
  }
  return false;
}

const PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bad request</title>' +
  '<p>The form or address held a character that cannot be stored (NUL) or was nested too deeply. Nothing was changed.</p>' +
  '<p>В форме или адресе есть символ, который нельзя сохранить (NUL), или слишком глубокая вложенность. Ничего не изменено.</p></html>';

/**
 * Refuses NUL characters in the query or form of dashboard pages with a 400 page, before any handler runs. JSON
 * API routes check the same in their validation pipe, with the field's path (problem+json); answer pages drop a
 * NUL from the decline comment and keep the resident's answer.
 */
export function refuseNulInDashboard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, reply, done) => {
    if (
      request.url.startsWith('/admin') &&
      (holdsNulOrDeepNesting(request.query) || holdsNulOrDeepNesting(request.body))
    ) {
      // Answering from a hook: the handler never runs (and `done` is not called).
      void reply.code(400).type('text/html; charset=utf-8').send(PAGE);
      return;
    }
    done();
  });
}
