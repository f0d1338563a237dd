import type { FastifyRequest } from 'fastify';
import { csrfTokenFor, isValidCsrfToken, readCookie, serializeCookie } from './dashboard-session';

const SECRET = 'unit-secret-0123456789-0123456789-abcdef';
const requestWithCookie = (cookie: string | undefined) => ({ headers: { cookie } }) as unknown as FastifyRequest;

describe('dashboard session cookies and CSRF tokens', () => {
  it('reads one cookie among several, and nothing from a missing or malformed header', () => {
    const request = requestWithCookie('lang=en; tm_session=tms_abc.def; other=%E2%82%AC');
    expect(readCookie(request, 'tm_session')).toBe('tms_abc.def');
    expect(readCookie(request, 'other')).toBe('€');
    expect(readCookie(request, 'session')).toBeNull();
    expect(readCookie(requestWithCookie(undefined), 'lang')).toBeNull();
    expect(readCookie(requestWithCookie('lang=%E0%A4%A'), 'lang')).toBeNull();
  });

  it('writes httpOnly SameSite=Lax cookies for /admin, Secure only when asked', () => {
    expect(serializeCookie('tm_session', 'tms_x', { secure: false, maxAgeSeconds: 60 })).toBe(
      'tm_session=tms_x; Path=/admin; SameSite=Lax; Max-Age=60; HttpOnly',
    );
    expect(serializeCookie('tm_session', '', { secure: true, maxAgeSeconds: 0 })).toBe(
      'tm_session=; Path=/admin; SameSite=Lax; Max-Age=0; HttpOnly; Secure',
    );
    expect(serializeCookie('lang', 'en', { secure: false, httpOnly: false })).not.toContain('HttpOnly');
  });

  it('accepts only the token of the same session and secret', () => {
    const token = csrfTokenFor('tms_session-a', SECRET);
    expect(isValidCsrfToken('tms_session-a', token, SECRET)).toBe(true);
    expect(isValidCsrfToken('tms_session-b', token, SECRET)).toBe(false);
    expect(isValidCsrfToken('tms_session-a', token, `${SECRET}-rotated`)).toBe(false);
    expect(isValidCsrfToken('tms_session-a', token.slice(1), SECRET)).toBe(false);
    expect(isValidCsrfToken('tms_session-a', undefined, SECRET)).toBe(false);
    expect(isValidCsrfToken('tms_session-a', [token], SECRET)).toBe(false);
    expect(isValidCsrfToken(null, token, SECRET)).toBe(false);
  });
});
