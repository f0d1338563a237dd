import { signAnswerToken, verifyAnswerToken } from './answer-token';

const SECRET = 'x'.repeat(40);

describe(verifyAnswerToken.name, () => {
  const claims = { subject: '7b0c3f5e-1111-4222-8333-444455556666', action: 'interested' as const, expiresAt: 2000 };

  it('accepts its own token before expiry and returns the claims', () => {
    expect(verifyAnswerToken(signAnswerToken(claims, SECRET), SECRET, 1999)).toEqual({ ok: true, claims });
  });

  it('rejects an expired token', () => {
    expect(verifyAnswerToken(signAnswerToken(claims, SECRET), SECRET, 2001)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token whose action was changed', () => {
    const [, signature] = signAnswerToken(claims, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify([claims.subject, 'declined', claims.expiresAt])).toString('base64url');
    expect(verifyAnswerToken(`${forged}.${signature}`, SECRET, 0)).toEqual({ ok: false, reason: 'signature' });
  });

  it('rejects a token signed with another secret and garbage', () => {
    expect(verifyAnswerToken(signAnswerToken(claims, 'y'.repeat(40)), SECRET, 0)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyAnswerToken('not-a-token', SECRET, 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});
