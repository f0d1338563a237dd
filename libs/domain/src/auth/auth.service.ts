import { createHmac, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { User } from '../users/user.entity';
import type { UserPrincipal } from './principal';

/** Failed logins in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_TTL_MS = 8 * 60 * 60_000;

const TOKEN_PATTERN = /^tms_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserPrincipal;
}

interface SessionClaims {
  /** user id */
  sub: string;
  /** expiry, epoch milliseconds */
  exp: number;
}

/**
 * Password login for dashboard users. Tokens are signed, not stored: `tms_<claims>.<HMAC-SHA256>`
 * with APP_SECRET over the claims *and the user's current password hash*, so the API stays
 * stateless (no write per request, any replica verifies) while a password change revokes every
 * token of that user at once. Each request reads the user row anyway (role, technoparks), so a
 * deactivated or locked user is refused immediately. The price: one token cannot be logged out on
 * its own before its 8-hour expiry.
 */
@Injectable()
export class AuthService {
  /** Verifying against this when the email is unknown keeps the answer's timing the same. */
  private readonly dummyHash = hash('technomatch-timing-equaliser');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password; locks the account for {@link LOCKOUT_MS} after {@link MAX_FAILED_LOGINS}
   * failures in a row. Returns null for every failure alike (unknown email, wrong password, locked,
   * inactive), so that the answer never tells which accounts exist.
   */
  async login(email: string, password: string, now = new Date()): Promise<IssuedSession | null> {
    const users = this.dataSource.getRepository(User);
    const user = await users
      .createQueryBuilder('user')
      .where('lower(user.email) = :email', { email: email.trim().toLowerCase() })
      .getOne();
    if (!user) {
      await verify(await this.dummyHash, password).catch(() => false);
      return null;
    }
    const valid = await verify(user.passwordHash, password).catch(() => false);
    if (!user.active || (user.lockedUntil && user.lockedUntil > now)) {
      return null;
    }
    if (!valid) {
      await this.dataSource.query(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
           updated_at = now()
         WHERE id = $1`,
        [user.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCKOUT_MS)],
      );
      return null;
    }
    if (user.failedLogins > 0 || user.lockedUntil) {
      await users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    }
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const claims = Buffer.from(JSON.stringify({ sub: user.id, exp: expiresAt.getTime() })).toString('base64url');
    return {
      token: `tms_${claims}.${this.sign(claims, user.passwordHash)}`,
      expiresAt,
      user: await this.principal(user),
    };
  }

  /** The user a session token belongs to, or null when it is malformed, forged, expired or its user is locked out. */
  async authenticate(token: string, now = new Date()): Promise<UserPrincipal | null> {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) {
      return null;
    }
    let claims: SessionClaims;
    try {
      claims = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as SessionClaims;
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/.test(claims.sub) || !(claims.exp > now.getTime())) {
      return null;
    }
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || !user.active || (user.lockedUntil && user.lockedUntil > now)) {
      return null;
    }
    const expected = Buffer.from(this.sign(match[1], user.passwordHash));
    const presented = Buffer.from(match[2]);
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
      return null;
    }
    return this.principal(user);
  }

  private sign(claims: string, passwordHash: string): string {
    return createHmac('sha256', this.config.appSecret)
      .update(`session\n${claims}\n${passwordHash}`)
      .digest('base64url');
  }

  private async principal(user: User): Promise<UserPrincipal> {
    const rows: { technopark_id: string }[] = await this.dataSource.query(
      `SELECT technopark_id FROM user_technoparks WHERE user_id = $1 ORDER BY technopark_id`,
      [user.id],
    );
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      role: user.role,
      technoparkIds: rows.map((row) => row.technopark_id),
    };
  }
}
