import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CLI_ACTOR,
  ResidentImportsService,
  ResidentRematchScheduler,
  TaskRematchScheduler,
  TasksService,
  type Resident,
} from '@app/domain';
import {
  createEnterprise,
  createResident,
  createTechnopark,
  RESIDENT_CSV_HEADER,
  residentCsvRows,
} from './support/factories';
import { startMatchingSystem, type MatchingSystem } from './support/matching-system';
import { waitFor } from './support/wait-for';

interface MatchRow {
  name: string;
  status: string;
  rank: number;
  score: number;
  task_version: number;
}

/**
 * DESIGN.md §4.7 through the real worker: an edited task is re-matched, a new or changed resident is
 * matched against the open tasks, matches that no longer qualify are withdrawn unless answered, and no
 * resident is ever emailed twice about one task.
 */
describe('re-matching after task edits and resident changes', () => {
  let system: MatchingSystem;
  let worker: INestApplicationContext;
  let db: DataSource;
  let enterpriseId: string;
  let technoparkId: string;
  let taskId: string;
  const residents: Record<string, Resident> = {};

  beforeAll(async () => {
    system = await startMatchingSystem();
    worker = system.worker;
    db = system.database.dataSource;
    technoparkId = (await createTechnopark(system.domain, { name: 'Rematch Park (test)', regionCode: 'BY-HM' })).id;
    const make = async (
      key: string,
      capabilities: string[],
      extra: Partial<Parameters<typeof createResident>[1]> = {},
    ) => {
      residents[key] = await createResident(system.domain, {
        technoparkId,
        name: `Firm ${key}`,
        emails: [`${key.toLowerCase()}@rematch.example`],
        capabilities,
        ...extra,
      });
    };
    await make('A', ['25.62.cnc-milling-5axis'], { headcount: 10 });
    await make('B', ['25.62.cnc-turning'], { headcount: 20 });
    await make('C', ['25.61.powder-coating'], { headcount: 30 });
    enterpriseId = (await createEnterprise(system.domain, 'Rematch Plant (test)')).enterprise.id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const matchesOf = async (id: string): Promise<Record<string, MatchRow>> => {
    const rows: MatchRow[] = await db.query(
      `SELECT r.name, m.status, m.rank, m.score::float8 AS score, m.task_version
       FROM matches m JOIN residents r ON r.id = m.resident_id WHERE m.task_id = $1`,
      [id],
    );
    return Object.fromEntries(rows.map((row) => [row.name.replace('Firm ', ''), row]));
  };

  const emailsTo = (key: string) =>
    system.smtp.received.filter((email) => email.envelopeTo.includes(`${key.toLowerCase()}@rematch.example`)).length;

  /** Waits until the queues are idle: no outbox row unpublished, no match approved but unsent, no notification queued. */
  const settle = async () => {
    await waitFor('the system to settle', async () => {
      const [row]: { busy: number }[] = await db.query(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending'))
              + (SELECT count(*) FROM matches WHERE status = 'approved')::int AS busy`,
      );
      return Number(row.busy) === 0 ? true : undefined;
    });
    // Relayed jobs may still be running: give the worker a moment, then check once more.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await waitFor('the system to settle again', async () => {
      const [row]: { busy: number }[] = await db.query(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending'))
              + (SELECT count(*) FROM matches WHERE status = 'approved')::int AS busy`,
      );
      return Number(row.busy) === 0 ? true : undefined;
    });
  };

  /** What the tasks API will do on PATCH: replace the requirements, bump the version, schedule in one transaction. */
  const editRequirements = async (
    id: string,
    requirements: { capability: string; weight: number; required: boolean }[],
  ) => {
    const version = await db.transaction(async (manager) => {
      await manager.query(`UPDATE tasks SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      const [{ version: next }]: { version: number }[] = await manager.query(
        `SELECT version FROM tasks WHERE id = $1`,
        [id],
      );
      await manager.query(`DELETE FROM task_requirements WHERE task_id = $1`, [id]);
      for (const [position, requirement] of requirements.entries()) {
        await manager.query(
          `INSERT INTO task_requirements (task_id, capability_code, weight, required, position) VALUES ($1, $2, $3, $4, $5)`,
          [id, requirement.capability, requirement.weight, requirement.required, position],
        );
      }
      await worker.get(TaskRematchScheduler).scheduleTask(manager, id, next);
      return next;
    });
    await waitFor(`task v${version} to be matched`, async () => {
      const [row]: { matched_version: number }[] = await db.query(`SELECT matched_version FROM tasks WHERE id = $1`, [
        id,
      ]);
      return row.matched_version === version ? true : undefined;
    });
    await settle();
  };

  /** What the residents API does on a change: update the row and schedule the resident in one transaction. */
  const changeResident = async (key: string, change: { capabilities?: string[]; active?: boolean }) => {
    await db.transaction(async (manager) => {
      if (change.capabilities) {
        await manager.query(
          `UPDATE residents SET capabilities = $2::text[], updated_at = now(),
                  capability_closure = (SELECT array_agg(DISTINCT code ORDER BY code) FROM (
                    SELECT unnest($2::text[]) AS code
                    UNION SELECT unnest(ancestors) FROM capabilities WHERE code = ANY($2::text[])) c)
           WHERE id = $1`,
          [residents[key].id, change.capabilities],
        );
      }
      if (change.active !== undefined) {
        await manager.query(`UPDATE residents SET active = $2, updated_at = now() WHERE id = $1`, [
          residents[key].id,
          change.active,
        ]);
      }
      await worker.get(ResidentRematchScheduler).scheduleResident(manager, residents[key].id);
    });
    await waitFor(`the resident.match job for ${key}`, async () => {
      const [row]: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'resident.match' AND published_at IS NULL`,
      );
      return row.n === 0 ? true : undefined;
    });
  };

  it('matches a posted task, then re-matches each edit without a second email to anyone', async () => {
    const { task } = await system.domain.get(TasksService).create(enterpriseId, {
      title: 'Spindle housing',
      substitutes: { name: 'Spindle housing', manufacturer: 'DMG Mori' },
      requirements: [{ capability: '25.62', weight: 1, required: true }],
      region: 'BY-HM',
    });
    taskId = task.id;
    await waitFor('the task to be matched', async () => {
      const [row]: { matched_version: number | null }[] = await db.query(
        `SELECT matched_version FROM tasks WHERE id = $1`,
        [taskId],
      );
      return row.matched_version === 1 ? true : undefined;
    });
    await settle();
    let matches = await matchesOf(taskId);
    expect(Object.keys(matches).sort()).toEqual(['A', 'B']);
    expect(matches.A).toMatchObject({ status: 'notified', rank: 1, task_version: 1 });
    expect(matches.B).toMatchObject({ status: 'notified', rank: 2 });
    expect([emailsTo('A'), emailsTo('B'), emailsTo('C')]).toEqual([1, 1, 0]);

    // v2 widens to the whole group 25.6: C joins and gets its first email; A and B are re-scored, not re-sent.
    await editRequirements(taskId, [{ capability: '25.6', weight: 1, required: true }]);
    matches = await matchesOf(taskId);
    expect(Object.keys(matches).sort()).toEqual(['A', 'B', 'C']);
    expect(matches.C).toMatchObject({ status: 'notified', task_version: 2, score: 1 });
    expect(matches.A).toMatchObject({ status: 'notified', task_version: 2, rank: 1 });
    expect(matches.C.rank).toBe(3);
    expect([emailsTo('A'), emailsTo('B'), emailsTo('C')]).toEqual([1, 1, 1]);

    // B answers; v3 narrows to 5-axis milling: C is withdrawn, B keeps its answer, A still matches.
    await db.query(
      `UPDATE matches SET status = 'interested', answered_at = now() WHERE task_id = $1 AND resident_id = $2`,
      [taskId, residents.B.id],
    );
    await editRequirements(taskId, [
      { capability: '25.62.cnc-milling-5axis', weight: 1, required: true },
      { capability: '25.61', weight: 0.5, required: false },
    ]);
    matches = await matchesOf(taskId);
    expect(matches.A).toMatchObject({ status: 'notified', rank: 1, task_version: 3 });
    expect(matches.B.status).toBe('interested');
    expect(matches.C.status).toBe('withdrawn');

    // v4 widens again: C comes back as notified (it already had its email) and gets no second one.
    await editRequirements(taskId, [{ capability: '25.6', weight: 1, required: true }]);
    matches = await matchesOf(taskId);
    expect(matches.C).toMatchObject({ status: 'notified', task_version: 4 });
    expect(matches.B.status).toBe('interested');
    expect([emailsTo('A'), emailsTo('B'), emailsTo('C')]).toEqual([1, 1, 1]);
    const [{ notifications }]: { notifications: number }[] = await db.query(
      `SELECT count(*)::int AS notifications FROM notifications WHERE task_id = $1`,
      [taskId],
    );
    expect(notifications).toBe(3);
  });

  it('matches a new resident against the open task and follows its changes, emailing it once', async () => {
    // A new resident in Minsk with a 25.6 leaf: the create path schedules it, and it joins the task.
    residents.D = await createResident(system.domain, {
      technoparkId,
      name: 'Firm D',
      emails: ['d@rematch.example'],
      capabilities: ['25.61.powder-coating'],
      headcount: 5,
    });
    await waitFor('D to be matched', async () => ((await matchesOf(taskId)).D ? true : undefined));
    await settle();
    let matches = await matchesOf(taskId);
    expect(matches.D).toMatchObject({ status: 'notified', score: 1 });
    // Ties at score 1 rank by open engagements, then headcount: D (5) before A (10) and C (30); B answered.
    expect(matches.D.rank).toBeLessThan(matches.A.rank);
    expect(emailsTo('D')).toBe(1);

    // D drops every 25.6 capability: its match is withdrawn.
    await changeResident('D', { capabilities: ['24.5'] });
    await waitFor('D to be withdrawn', async () =>
      (await matchesOf(taskId)).D.status === 'withdrawn' ? true : undefined,
    );
    // A is deactivated: its match is withdrawn too; B, who answered, keeps its answer.
    await changeResident('A', { active: false });
    await waitFor('A to be withdrawn', async () =>
      (await matchesOf(taskId)).A.status === 'withdrawn' ? true : undefined,
    );
    matches = await matchesOf(taskId);
    expect(matches.B.status).toBe('interested');
    expect(matches.C.status).toBe('notified');

    // D takes 25.62 back: reinstated, ranked, and not emailed again.
    await changeResident('D', { capabilities: ['25.62.cnc-turning'] });
    await waitFor('D to be reinstated', async () =>
      (await matchesOf(taskId)).D.status === 'notified' ? true : undefined,
    );
    await settle();
    matches = await matchesOf(taskId);
    const live = Object.entries(matches)
      .filter(([, match]) => match.status !== 'withdrawn')
      .sort(([, a], [, b]) => a.rank - b.rank)
      .map(([key]) => key);
    expect(live).toEqual(['D', 'B', 'C']);
    expect([emailsTo('A'), emailsTo('B'), emailsTo('C'), emailsTo('D')]).toEqual([1, 1, 1, 1]);
    expect(system.smtp.received).toHaveLength(4);
  });

  it('runs a resident job twice without changing anything the second time', async () => {
    const before = await matchesOf(taskId);
    await db.transaction((manager) => worker.get(ResidentRematchScheduler).scheduleResident(manager, residents.C.id));
    await db.transaction((manager) => worker.get(ResidentRematchScheduler).scheduleResident(manager, residents.C.id));
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await matchesOf(taskId);
    expect(after).toEqual(before);
    expect(system.smtp.received).toHaveLength(4);
  });

  it("matches a CSV import's residents with one job for the import, each affected task re-ranked once", async () => {
    const { task } = await system.domain.get(TasksService).create(enterpriseId, {
      title: 'Turned bushings',
      substitutes: { name: 'Bushing' },
      requirements: [{ capability: '25.62', weight: 1, required: true }],
      region: 'BY-HM',
    });
    await waitFor('the new task to be matched', async () => {
      const [row]: { matched_version: number | null }[] = await db.query(
        `SELECT matched_version FROM tasks WHERE id = $1`,
        [task.id],
      );
      return row.matched_version === 1 ? true : undefined;
    });
    await settle();
    const before = Object.keys(await matchesOf(task.id));
    const imports = worker.get(ResidentImportsService);
    const started = await imports.start({
      csv: [RESIDENT_CSV_HEADER, ...residentCsvRows('Rematch Park (test)', 3, 'Bulk')].join('\n'),
      fileName: 'bulk.csv',
      uploadedBy: null,
      scope: null,
    });
    const statusOf = async () => (await imports.get(started.id, null))?.status;
    await waitFor('the import to be checked', async () => ((await statusOf()) === 'checked' ? true : undefined));
    expect(await imports.requestCommit(started.id, null, CLI_ACTOR)).toBe('queued');
    await waitFor('the import to be committed', async () => ((await statusOf()) === 'committed' ? true : undefined));
    await waitFor('the imported residents to be matched', async () => {
      const added = Object.keys(await matchesOf(task.id)).filter((key) => !before.includes(key));
      return added.length === 3 ? added : undefined;
    });
    await settle();

    const jobs: { job_name: string; n: number }[] = await db.query(
      `SELECT job_name, count(*)::int AS n FROM outbox WHERE created_at >= $1 AND job_name LIKE '%match%'
       GROUP BY job_name ORDER BY job_name`,
      [started.createdAt],
    );
    expect(jobs).toEqual([{ job_name: 'resident-import.match', n: 1 }]);
    const matches = await matchesOf(task.id);
    const imported = Object.entries(matches).filter(([key]) => key.startsWith('Bulk'));
    expect(imported.map(([, match]) => match.status)).toEqual(['notified', 'notified', 'notified']);
    const bulkEmails = system.smtp.received.filter((email) =>
      email.envelopeTo.some((to: string) => to.endsWith('@bulk.example')),
    );
    // One email per imported resident and live task it joined (this task, and the suite's earlier one when it qualifies).
    const [{ notified }]: { notified: number }[] = await db.query(
      `SELECT count(*)::int AS notified FROM matches m JOIN residents r ON r.id = m.resident_id
       WHERE r.import_id = $1 AND m.status = 'notified'`,
      [started.id],
    );
    expect(notified).toBeGreaterThanOrEqual(3);
    expect(bulkEmails).toHaveLength(notified);
  });
});
