import { Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { z } from 'zod';
import { AuthService, type UserPrincipal } from '@app/domain';
import { isoDateTime } from '../common/schemas';
import { LOGIN_RATE_LIMIT } from '../common/rate-limit';
import { ApiRoute, ValidBody } from '../openapi/api-route.decorator';
import { Auth, CurrentUser } from './auth.guard';

const loginSchema = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

const userPrincipalSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(['admin', 'coordinator']),
  technoparkIds: z.array(z.uuid()),
});

const presentPrincipal = (user: UserPrincipal) => ({
  id: user.userId,
  email: user.email,
  role: user.role,
  technoparkIds: user.technoparkIds,
});

@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Throttle({ default: LOGIN_RATE_LIMIT })
  @ApiRoute({
    tag: 'Auth',
    summary: 'Log in as an admin or coordinator',
    description:
      'Returns a bearer token valid for 8 hours. Five wrong passwords in a row lock the account for 15 minutes; ' +
      'logins are rate limited per client address and email. Every failure answers the same 401.',
    body: loginSchema,
    example: { email: 'coordinator@technopark.by', password: 'correct horse battery' },
    response: z.object({
      token: z.string(),
      tokenType: z.literal('Bearer'),
      expiresAt: isoDateTime,
      user: userPrincipalSchema,
    }),
    errors: [400, 415],
  })
  async login(@ValidBody() body: z.output<typeof loginSchema>) {
    const session = await this.auth.login(body.email, body.password);
    if (!session) {
      throw new UnauthorizedException('the email or password is wrong, or the account is locked');
    }
    return {
      token: session.token,
      tokenType: 'Bearer',
      expiresAt: session.expiresAt,
      user: presentPrincipal(session.user),
    };
  }

  @Get('me')
  @Auth('admin', 'coordinator')
  @ApiRoute({ tag: 'Auth', summary: 'The logged-in user', response: userPrincipalSchema })
  me(@CurrentUser() user: UserPrincipal) {
    return presentPrincipal(user);
  }
}
