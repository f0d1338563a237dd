import type { INestApplicationContext } from '@nestjs/common';
import {
  CLI_ACTOR,
  AuthService,
  EnterprisesService,
  UsersService,
  type UserRole,
  ResidentsService,
  TechnoparksService,
  makeValidBin,
  makeValidUnp,
  makeValidInn10,
  type CreateResidentInput,
  type Resident,
  type Technopark,
} from '@app/domain';

let sequence = 0;

/** Valid legal ids, unique per call: UNP (BY), INN (RU), BIN (KZ); KG and UZ by digit count. */
export function nextLegalId(country: string): string {
  for (;;) {
    sequence += 1;
    const digits = String(10_000_000_000 + sequence * 7919);
    try {
      switch (country) {
        case 'BY':
          return makeValidUnp(`1${digits.slice(-7)}`);
        case 'RU':
          return makeValidInn10(`77${digits.slice(-7)}`);
        case 'KZ':
          return makeValidBin(`9${digits.slice(-10)}`);
        case 'KG':
          return `2${digits.slice(-10)}000`;
        default:
          return `3${digits.slice(-8)}`;
      }
    } catch {
      // About one body in eleven has no valid check digit: take the next one.
    }
  }
}

export async function createTechnopark(app: INestApplicationContext, overrides: Partial<Technopark> = {}) {
  sequence += 1;
  return app.get(TechnoparksService).create(
    {
      name: overrides.name ?? `Test Park ${sequence}`,
      regionCode: overrides.regionCode ?? 'BY-HM',
      reviewMatches: overrides.reviewMatches,
    },
    CLI_ACTOR,
  );
}

export async function createResident(
  app: INestApplicationContext,
  input: Partial<CreateResidentInput> &
    Pick<CreateResidentInput, 'technoparkId' | 'capabilities'> & { country?: string; active?: boolean },
): Promise<Resident> {
  sequence += 1;
  const country = input.country ?? (input.regionCode ?? 'BY-HM').slice(0, 2);
  const resident = await app.get(ResidentsService).create(
    {
      name: input.name ?? `Resident ${sequence}`,
      regionCode: input.regionCode ?? 'BY-HM',
      legalId: input.legalId ?? nextLegalId(country),
      headcount: input.headcount ?? 20,
      emails: input.emails ?? [`resident${sequence}@firm${sequence}.example`],
      ...input,
    },
    CLI_ACTOR,
  );
  if (input.active === false) {
    await app.get(ResidentsService).setActive(resident.id, false, CLI_ACTOR);
  }
  return resident;
}

export async function createEnterprise(app: INestApplicationContext, name = `Enterprise ${++sequence}`) {
  return app.get(EnterprisesService).createWithApiKey({ name, email: `buyer${sequence}@plant.example` }, CLI_ACTOR);
}

/** A dashboard user and a bearer token for it. */
export async function createStaff(app: INestApplicationContext, role: UserRole, technoparkIds: string[] = []) {
  sequence += 1;
  const email = `staff${sequence}@park.example`;
  const password = 'correct horse battery';
  const user = await app.get(UsersService).create({ email, password, role, technoparkIds }, CLI_ACTOR);
  const session = await app.get(AuthService).login(email, password);
  if (!session) {
    throw new Error(`cannot log in as ${email}`);
  }
  return { user, token: session.token };
}

/** The header row of the dashboard's resident CSV import. */
export const RESIDENT_CSV_HEADER =
  'technopark,name,region,legal_id,headcount,capabilities,certifications,emails,language,notification_mode';

/**
 * Rows of a valid resident import file (without the header) for the named technopark: unique names,
 * legal ids and emails, a quoted name with a comma every tenth row.
 */
export function residentCsvRows(technopark: string, count: number, namePrefix = 'Imported Firm'): string[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(5, '0');
    const name = index % 10 === 9 ? `"${namePrefix} ${number}, Ltd"` : `${namePrefix} ${number}`;
    const email = `firm${number}@${namePrefix.toLowerCase().replace(/\W+/g, '-')}.example`;
    return `${technopark},${name},BY-MI,${nextLegalId('BY')},${10 + (index % 90)},25.62.cnc-turning,ISO 9001,${email},ru,instant`;
  });
}
