import type { UserRole } from '../users/user.entity';

/** A signed-in dashboard user: admins see every technopark, coordinators only the ones they are assigned to. */
export interface StaffScope {
  userId: string;
  role: UserRole;
}

/**
 * SQL condition limiting `residentAlias` to the residents the staff member may see. Tenancy is part of
 * the query, never a load-then-check. `$userParam` and `$roleParam` are the positional parameters.
 */
export function residentInScope(residentAlias: string, userParam: number, roleParam: number): string {
  return `($${roleParam}::text = 'admin' OR ${residentAlias}.technopark_id IN
            (SELECT technopark_id FROM user_technoparks WHERE user_id = $${userParam}::uuid))`;
}
