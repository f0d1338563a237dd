import type { UserRole } from '../users/user.entity';

/** An enterprise's system, authenticated by one of its API keys. */
export interface EnterprisePrincipal {
  kind: 'enterprise';
  enterpriseId: string;
  keyId: string;
}

/** A dashboard user; a coordinator acts only on `technoparkIds`, an admin on everything. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  role: UserRole;
  technoparkIds: string[];
}

export type Principal = EnterprisePrincipal | UserPrincipal;
export type Role = UserRole | 'enterprise';

export function roleOf(principal: Principal): Role {
  return principal.kind === 'enterprise' ? 'enterprise' : principal.role;
}

/** The technoparks a user may act on, or null for "all of them" (admins). */
export function technoparkScope(principal: UserPrincipal): string[] | null {
  return principal.role === 'admin' ? null : principal.technoparkIds;
}
