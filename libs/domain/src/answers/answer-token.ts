import { createHmac, timingSafeEqual } from 'node:crypto';

export const ANSWER_ACTIONS = ['interested', 'declined', 'unsubscribe', 'digest'] as const;
export type AnswerAction = (typeof ANSWER_ACTIONS)[number];

/** What a resident's link is bound to: one match (or resident, for unsubscribe/digest) and one action. */
export interface AnswerClaims {
  /** Match id for interested/declined, resident id for unsubscribe/digest. */
  subject: string;
  action: AnswerAction;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

export const ANSWER_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export type TokenCheck =
  { ok: true; claims: AnswerClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** `<base64url claims>.<base64url HMAC-SHA256>`, signed with APP_SECRET under a purpose-specific key. */
export function signAnswerToken(claims: AnswerClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify([claims.subject, claims.action, claims.expiresAt])).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

export function verifyAnswerToken(token: string, secret: string, nowSeconds: number): TokenCheck {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    typeof decoded[0] !== 'string' ||
    !ANSWER_ACTIONS.includes(decoded[1] as AnswerAction) ||
    typeof decoded[2] !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const claims: AnswerClaims = { subject: decoded[0], action: decoded[1] as AnswerAction, expiresAt: decoded[2] };
  if (claims.expiresAt < nowSeconds) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, claims };
}

/** The purpose-specific key, derived once per secret (every email signs four links). */
const derivedKeys = new Map<string, Buffer>();

function mac(body: string, secret: string): string {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('technomatch/answer-token/v1').digest();
    derivedKeys.set(secret, key);
  }
  return createHmac('sha256', key).update(body).digest('base64url');
}
