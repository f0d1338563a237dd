import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  ApiKeysService,
  AuthService,
  roleOf,
  type Actor,
  type EnterprisePrincipal,
  type Principal,
  type Role,
  type UserPrincipal,
} from '@app/domain';

const ROLES = 'technomatch:roles';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The bearer token presented, if any: an API key (`tmk_…`) or a session token (`tms_…`). */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

/**
 * Authenticates `Authorization: Bearer <token>` and checks the route's roles: no or a bad token is
 * 401, a valid token of another role is 403. API keys authenticate enterprises; session tokens
 * from `POST /api/v1/auth/login` authenticate admins and coordinators.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) {
      throw new UnauthorizedException('Authorization: Bearer <API key or session token> is required');
    }
    const principal = await this.authenticate(token);
    if (!principal) {
      throw new UnauthorizedException('the token is invalid, expired or revoked');
    }
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles?.length && !roles.includes(roleOf(principal))) {
      throw new ForbiddenException(`this route is for ${roles.join(' or ')} only`);
    }
    return true;
  }

  private async authenticate(token: string): Promise<Principal | null> {
    if (token.startsWith('tmk_')) {
      const key = await this.apiKeys.authenticate(token);
      return key ? { kind: 'enterprise', enterpriseId: key.enterpriseId, keyId: key.keyId } : null;
    }
    return this.auth.authenticate(token);
  }
}

/** Requires a bearer token of one of `roles` (any role when none are given). */
export function Auth(...roles: Role[]) {
  return applyDecorators(SetMetadata(ROLES, roles), UseGuards(AuthGuard));
}

/** Narrows the roles of one route of an `@Auth` controller. */
export function Roles(...roles: [Role, ...Role[]]) {
  return SetMetadata(ROLES, roles);
}

/** The roles a route or controller declared ([] for any role), or undefined when it needs no token. */
export function rolesOf(target: object): Role[] | undefined {
  return Reflect.getMetadata(ROLES, target) as Role[] | undefined;
}

function principalOf(context: ExecutionContext): Principal {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) {
    throw new UnauthorizedException();
  }
  return principal;
}

/** The dashboard user of an `@Auth('admin', 'coordinator')` route. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = principalOf(context);
  if (principal.kind !== 'user') {
    throw new ForbiddenException('this route is for dashboard users only');
  }
  return principal;
});

/** The enterprise of an `@Auth('enterprise')` route. */
export const CurrentEnterprise = createParamDecorator((_: unknown, context: ExecutionContext): EnterprisePrincipal => {
  const principal = principalOf(context);
  if (principal.kind !== 'enterprise') {
    throw new ForbiddenException('this route is for enterprises only');
  }
  return principal;
});

/** The audit actor for the dashboard user of this request, with the request id. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = principalOf(context);
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId, requestId: String(request.id) }
    : { type: 'enterprise', id: principal.enterpriseId, requestId: String(request.id) };
});
