import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { CLI_ACTOR, EnterprisesService, USER_ROLES, UsersService, type UserRole } from '@app/domain';

/** A CLI command: parses its own flags and prints one JSON line on success. */
export interface CliCommand {
  summary: string;
  usage: string;
  run(app: INestApplicationContext, args: string[]): Promise<object>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function requireFlag(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} is required`);
  }
  return value.trim();
}

function requireEmail(values: Record<string, unknown>): string {
  const email = requireFlag(values, 'email');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    throw new UsageError('--email must be an email address');
  }
  return email;
}

export const COMMANDS: Record<string, CliCommand> = {
  'users:create': {
    summary: 'Create a dashboard user',
    usage: 'users:create --email <email> --password <password> --role admin|coordinator [--technopark <id> ...]',
    async run(app, args) {
      const { values } = parseArgs({
        args,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string' },
          technopark: { type: 'string', multiple: true },
        },
        strict: true,
      });
      const role = requireFlag(values, 'role');
      if (!USER_ROLES.includes(role as UserRole)) {
        throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
      }
      const email = requireEmail(values);
      const user = await app.get(UsersService).create(
        {
          email,
          password: requireFlag(values, 'password'),
          role: role as UserRole,
          technoparkIds: values.technopark,
        },
        CLI_ACTOR,
      );
      return { id: user.id, email: user.email, role: user.role };
    },
  },
  'enterprises:create': {
    summary: 'Create an enterprise and its first API key (printed once, stored only as a hash)',
    usage: 'enterprises:create --name <name> --email <email>',
    async run(app, args) {
      const { values } = parseArgs({
        args,
        options: { name: { type: 'string' }, email: { type: 'string' } },
        strict: true,
      });
      const email = requireEmail(values);
      const { enterprise, apiKey } = await app
        .get(EnterprisesService)
        .createWithApiKey({ name: requireFlag(values, 'name'), email }, CLI_ACTOR);
      return { id: enterprise.id, name: enterprise.name, apiKey };
    },
  },
};

export function usage(): string {
  return [
    'Usage: npm run cli -- <command> [flags]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`),
  ].join('\n');
}
