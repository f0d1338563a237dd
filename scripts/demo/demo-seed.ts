import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ApiKeysService,
  CLI_ACTOR,
  EnterprisesService,
  ResidentsService,
  TasksService,
  TechnoparksService,
  UsersService,
  type CreateTaskInput,
} from '@app/domain';
import { CAPABILITIES } from '@app/reference-data';
import { buildDemoCluster } from './demo-cluster';

export const DEMO_ADMIN = { email: 'admin@technomatch.local', password: 'demo-admin-2025' };
export const DEMO_COORDINATOR = { email: 'coordinator@technomatch.local', password: 'demo-coordinator-2025' };
export const DEMO_ENTERPRISE = { name: 'Demo Tractor Works (fictional)', email: 'procurement@demo-tractor.example' };

export interface DemoSeedResult {
  seeded: boolean;
  residents: number;
  technoparks: number;
  apiKey: string;
  enterpriseId: string;
}

/** Sample tasks in the spirit of the fair: parts that plants used to import. */
export const SAMPLE_TASKS: CreateTaskInput[] = [
  {
    title: 'Hydraulic valve body, 5-axis machined',
    description: 'Aluminium valve bodies for tractor hydraulics, previously imported; drawings on request.',
    substitutes: { name: 'Hydraulic directional valve body', tnVed: '8481201000', manufacturer: 'Bosch Rexroth' },
    requirements: [{ capability: '25.62', weight: 1, required: true }],
    region: 'BY-HM',
    certifications: [],
    quantity: 400,
    budget: { amount: 120000, currency: 'BYN' },
    deadline: '2026-06-30',
  },
  {
    title: 'Controller board for a conveyor drive',
    substitutes: { name: 'Motor controller PCB assembly', manufacturer: 'Siemens', partNumber: '6SL3210-1KE' },
    requirements: [
      { capability: '26.1', weight: 1, required: true },
      { capability: '62.01', weight: 0.5, required: false },
    ],
    region: 'RU-SVE',
    countries: ['BY', 'RU', 'KZ'],
    quantity: 1200,
    deadline: '2026-09-01',
  },
];

/** Seeds the demo cluster once; a second run finds it and only issues a fresh API key. */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeedResult> {
  const dataSource = app.get(DataSource);
  const [{ count }] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM technoparks`);
  if (count > 0) {
    const [enterprise] = await dataSource.query<{ id: string }[]>(`SELECT id FROM enterprises WHERE name = $1`, [
      DEMO_ENTERPRISE.name,
    ]);
    const key = await app.get(ApiKeysService).issue(enterprise.id, `demo-${new Date().toISOString()}`);
    const [{ residents }] = await dataSource.query<{ residents: number }[]>(
      `SELECT count(*)::int AS residents FROM residents`,
    );
    return { seeded: false, residents, technoparks: count, apiKey: key.apiKey, enterpriseId: enterprise.id };
  }

  const leaves = CAPABILITIES.filter((node) => !CAPABILITIES.some((child) => child.parentCode === node.code)).map(
    (node) => ({ code: node.code, parentCode: node.parentCode ?? '' }),
  );
  const cluster = buildDemoCluster({ leafCapabilities: leaves, seed: 2025 });
  const technoparks = app.get(TechnoparksService);
  const parkIds = new Map<string, string>();
  for (const park of cluster.technoparks) {
    const created = await technoparks.create(
      { name: park.name, regionCode: park.regionCode, reviewMatches: park.reviewMatches },
      CLI_ACTOR,
    );
    parkIds.set(park.key, created.id);
  }
  await app.get(ResidentsService).createMany(
    cluster.residents.map((resident) => ({
      technoparkId: parkIds.get(resident.technoparkKey)!,
      name: resident.name,
      regionCode: resident.regionCode,
      legalId: resident.legalId,
      headcount: resident.headcount,
      capabilities: resident.capabilities,
      certifications: resident.certifications,
      emails: resident.emails,
      language: resident.language,
      notificationMode: resident.notificationMode,
    })),
    CLI_ACTOR,
  );
  const users = app.get(UsersService);
  await users.create({ ...DEMO_ADMIN, role: 'admin' }, CLI_ACTOR);
  await users.create(
    { ...DEMO_COORDINATOR, role: 'coordinator', technoparkIds: [parkIds.values().next().value!] },
    CLI_ACTOR,
  );
  const { enterprise, apiKey } = await app.get(EnterprisesService).createWithApiKey(DEMO_ENTERPRISE, CLI_ACTOR);
  for (const task of SAMPLE_TASKS) {
    await app.get(TasksService).create(enterprise.id, task);
  }
  return {
    seeded: true,
    residents: cluster.residents.length,
    technoparks: cluster.technoparks.length,
    apiKey,
    enterpriseId: enterprise.id,
  };
}
