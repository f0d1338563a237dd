import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The httpOnly cookie holding the signed session token (`tms_…`) from `AuthService.login`. */
export const SESSION_COOKIE = 'tm_session';
/** A random nonce the sign-in form's CSRF token is bound to, before any session exists. */
export const PRE_SESSION_COOKIE = 'tm_presession';
/** The dashboard language, `ru` or `en`. */
export const LANGUAGE_COOKIE = 'lang';
/** The hidden form field every dashboard POST carries. */
export const CSRF_FIELD = '_csrf';

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  secure: boolean;
}

/** Reads one cookie from the request's `Cookie` header (no cookie plugin: three cookies need no dependency). */
export function readCookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A `Set-Cookie` value scoped to `/admin`, SameSite=Lax so that cross-site POSTs arrive without it. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/admin', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  }
  if (options.httpOnly !== false) {
    parts.push('HttpOnly');
  }
  if (options.secure) {
    parts.push('Secure');
  }
  return parts.join('; ');
}

export function newPreSessionNonce(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The synchronizer token for forms of one session (or one pre-session nonce): HMAC-SHA256 over
 * APP_SECRET, so it needs no storage, differs per session, and cannot be computed by another site.
 */
export function csrfTokenFor(binding: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`dashboard-csrf\n${binding}`).digest('base64url');
}

/** Whether `presented` is the CSRF token of `binding`, compared in constant time. */
export function isValidCsrfToken(binding: string | null, presented: unknown, appSecret: string): boolean {
  if (!binding || typeof presented !== 'string') {
    return false;
  }
  const expected = Buffer.from(csrfTokenFor(binding, appSecret));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
