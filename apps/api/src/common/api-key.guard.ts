import {
  createParamDecorator,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService, type AuthenticatedKey } from '@app/domain';

type RequestWithEnterprise = FastifyRequest & { enterprise?: AuthenticatedKey };

/** Authenticates an enterprise by `Authorization: Bearer <apiKey>`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithEnterprise>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedException('Authorization: Bearer <API key> is required');
    }
    const key = await this.apiKeys.authenticate(match[1]);
    if (!key) {
      throw new UnauthorizedException('the API key is invalid or revoked');
    }
    request.enterprise = key;
    return true;
  }
}

/** The enterprise authenticated by {@link ApiKeyGuard}. */
export const CurrentEnterprise = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedKey => {
  const enterprise = context.switchToHttp().getRequest<RequestWithEnterprise>().enterprise;
  if (!enterprise) {
    throw new UnauthorizedException();
  }
  return enterprise;
});
