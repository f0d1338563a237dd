import { DataSource } from 'typeorm';
import { TasksService, type MatchingSummary } from '@app/domain';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { startMatchingSystem, type MatchingSystem } from './support/matching-system';
import { waitFor } from './support/wait-for';

/**
 * DESIGN.md §4.6: with fewer than three qualified residents the task records, over every active resident,
 * the first hard filter each one failed, in the order country, each required capability (in the task's
 * order), certification, distance. The cluster below is counted by hand.
 */
describe('a task with too few matches says why', () => {
  let system: MatchingSystem;
  let db: DataSource;
  let enterpriseId: string;

  beforeAll(async () => {
    system = await startMatchingSystem();
    db = system.domain.get(DataSource);
    const app = system.domain;
    const minsk = (await createTechnopark(app, { name: 'Too Few Park (test)', regionCode: 'BY-HM' })).id;
    const moscow = (await createTechnopark(app, { name: 'Too Few Moscow (test)', regionCode: 'RU-MOW' })).id;
    const almaty = (await createTechnopark(app, { name: 'Too Few Almaty (test)', regionCode: 'KZ-75' })).id;
    const everything = ['25.62.cnc-milling-5axis', '25.61.powder-coating'];
    const iso = ['ISO 9001'];
    // Country: KZ and RU are not among the task's countries (BY only), whatever else they hold.
    await createResident(app, {
      technoparkId: almaty,
      regionCode: 'KZ-75',
      capabilities: everything,
      certifications: iso,
    });
    await createResident(app, { technoparkId: moscow, regionCode: 'RU-MOW', capabilities: ['24.5'] });
    // Capability 25.62 first: missing it alone, and missing both required codes, count against 25.62.
    await createResident(app, { technoparkId: minsk, capabilities: ['25.61.powder-coating'], certifications: iso });
    await createResident(app, { technoparkId: minsk, capabilities: ['24.5'], certifications: iso });
    // Then 25.61.powder-coating: holds machining (a descendant of 25.62) but only the coating's parent.
    await createResident(app, {
      technoparkId: minsk,
      capabilities: ['25.62.cnc-turning', '25.61'],
      certifications: iso,
    });
    // Certification: everything but ISO 9001.
    await createResident(app, { technoparkId: minsk, capabilities: everything, certifications: ['ISO 14001'] });
    // Distance: Brest lies about 326 km from Minsk, beyond the task's 300 km.
    await createResident(app, {
      technoparkId: minsk,
      regionCode: 'BY-BR',
      capabilities: everything,
      certifications: iso,
    });
    // Qualifies: Vitebsk region (about 240 km) and Minsk city.
    await createResident(app, {
      technoparkId: minsk,
      regionCode: 'BY-VI',
      capabilities: everything,
      certifications: iso,
    });
    await createResident(app, {
      technoparkId: minsk,
      capabilities: everything,
      certifications: ['iso  9001', 'GOST R'],
    });
    // Inactive residents are not counted at all.
    await createResident(app, { technoparkId: minsk, capabilities: ['24.5'], active: false });
    enterpriseId = (await createEnterprise(app, 'Too Few Plant (test)')).enterprise.id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const matchedSummary = async (taskId: string) =>
    waitFor('the task to be matched', async () => {
      const [row]: { matching_summary: MatchingSummary | null; matched_version: number | null }[] = await db.query(
        `SELECT matching_summary, matched_version FROM tasks WHERE id = $1`,
        [taskId],
      );
      return row.matched_version === 1 ? row.matching_summary! : undefined;
    });

  it('counts each excluded resident once, under the first filter it fails', async () => {
    const { task } = await system.domain.get(TasksService).create(enterpriseId, {
      title: 'Coated bracket',
      substitutes: { name: 'Coated bracket' },
      requirements: [
        { capability: '25.62', weight: 1, required: true },
        { capability: '25.61.powder-coating', weight: 0.5, required: true },
        { capability: '24.5', weight: 0.2, required: false },
      ],
      region: 'BY-HM',
      countries: ['BY'],
      maxDistanceKm: 300,
      certifications: ['ISO 9001'],
    });
    const summary = await matchedSummary(task.id);
    // Considered: the three that pass country, capabilities and certification (Brest is then too far).
    expect(summary).toEqual({
      considered: 3,
      qualified: 2,
      matched: 2,
      tooFew: true,
      excluded: {
        country: 2,
        capability: { '25.62': 2, '25.61.powder-coating': 1 },
        certification: 1,
        distance: 1,
        belowThreshold: 0,
      },
    });
  });

  it('counts residents that pass every filter but score under the threshold', async () => {
    // Required: the group 25.6, weighing little; optional: division 28, weighing much, that nobody holds.
    const { task } = await system.domain.get(TasksService).create(enterpriseId, {
      title: 'Cast part',
      substitutes: { name: 'Cast part' },
      requirements: [
        { capability: '25.6', weight: 0.1, required: true },
        { capability: '28', weight: 1, required: false },
      ],
      region: 'BY-HM',
      countries: ['BY', 'RU', 'KZ'],
    });
    const summary = await matchedSummary(task.id);
    // Two residents (RU and BY, 24.5 only) lack 25.6. The other seven hold it and score at most
    // 0.7 * 0.1 / 1.1 + 0.3 = 0.3636, under 0.5.
    expect(summary).toEqual({
      considered: 7,
      qualified: 0,
      matched: 0,
      tooFew: true,
      excluded: { country: 0, capability: { '25.6': 2 }, certification: 0, distance: 0, belowThreshold: 7 },
    });
  });
});
