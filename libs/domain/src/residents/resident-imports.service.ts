import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Jobs } from '@app/queue';
import type { Actor } from '../audit/audit.service';
import { DomainConflictError, DomainValidationError } from '../common/domain-errors';
import { OutboxService } from '../outbox/outbox.service';
import { TechnoparksService, type TechnoparkScope } from '../technoparks/technoparks.service';
import { columnOfPath, parseCsv, readResidentRows, type ResidentCsvRow } from './resident-csv';
import { ResidentImport, type ResidentImportPreviewRow, type ResidentImportProblem } from './resident-import.entity';
import { ResidentsService } from './residents.service';

/** The largest file and the most data rows one import takes. */
export const RESIDENT_IMPORT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 20_000 } as const;

/** Rows of the file kept for the preview page. */
const PREVIEW_ROWS = 20;
/** How often (in rows) a commit reports its progress. */
const COMMIT_PROGRESS_EVERY = 100;

export interface StartResidentImportInput {
  csv: string;
  fileName: string | null;
  uploadedBy: string | null;
  /** The uploader's technopark scope: rows may only name these technoparks (null: any). */
  scope: TechnoparkScope;
}

/** A page of an import's problems, in file order. */
export interface ResidentImportProblemPage {
  items: ResidentImportProblem[];
  total: number;
}

export type CommitRequestOutcome = 'queued' | 'not-found' | 'not-ready';

/** A refusal found while committing: the whole import is rolled back and shows this reason. */
class ImportRefusal extends Error {}

/** What the visibility condition of every read binds: `$2` is the caller's scope. */
const IN_SCOPE = `($2::uuid[] IS NULL OR (technopark_ids IS NOT NULL AND technopark_ids <@ $2::uuid[]))`;

/**
 * Resident CSV imports as stored, resumable work: the API stores the file and asks for a check; the
 * worker checks every row through {@link ResidentsService.validateMany} (the same rules as a create),
 * reporting progress into the row; a commit then creates every resident through the same service in
 * one transaction, so a refused row or a crash leaves nothing half-imported.
 */
@Injectable()
export class ResidentImportsService {
  private readonly log = new Logger(ResidentImportsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly residents: ResidentsService,
    private readonly technoparks: TechnoparksService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Stores a file and schedules its check (in one transaction, through the outbox). Refuses a file
   * without data rows or with more than {@link RESIDENT_IMPORT_LIMITS.maxRows}.
   */
  async start(input: StartResidentImportInput): Promise<ResidentImport> {
    const { records } = parseCsv(input.csv);
    const totalRows = Math.max(records.length - 1, 0);
    if (totalRows === 0) {
      throw new DomainValidationError([{ path: 'file', message: 'the file has no data rows' }]);
    }
    if (totalRows > RESIDENT_IMPORT_LIMITS.maxRows) {
      throw new DomainValidationError([
        {
          path: 'file',
          message: `the file has ${totalRows} rows; one import takes at most ${RESIDENT_IMPORT_LIMITS.maxRows}`,
        },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ResidentImport);
      const stored = await repository.save(
        repository.create({
          csv: input.csv,
          fileName: input.fileName?.slice(0, 300) ?? null,
          uploadedBy: input.uploadedBy,
          technoparkIds: input.scope,
          status: 'checking',
          totalRows,
          processedRows: 0,
        }),
      );
      await this.outbox.enqueue(manager, [Jobs.checkResidentImport(stored.id)]);
      return stored;
    });
  }

  /** The import, or null when it does not exist or the caller's scope does not cover its technoparks. */
  async get(id: string, scope: TechnoparkScope): Promise<ResidentImport | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM resident_imports WHERE id = $1 AND ${IN_SCOPE}`,
      [id, scope],
    );
    return row ? this.dataSource.getRepository(ResidentImport).findOneBy({ id }) : null;
  }

  /** A slice of the import's problems in file order (empty when it is not visible to the caller). */
  async problems(
    id: string,
    scope: TechnoparkScope,
    page: { offset: number; limit: number },
  ): Promise<ResidentImportProblemPage> {
    const [row] = await this.dataSource.query<{ total: number; items: ResidentImportProblem[] }[]>(
      `SELECT jsonb_array_length(errors) AS total,
              COALESCE((SELECT jsonb_agg(problem ORDER BY position)
                          FROM jsonb_array_elements(errors) WITH ORDINALITY AS e(problem, position)
                         WHERE position > $3 AND position <= $3 + $4), '[]') AS items
         FROM resident_imports WHERE id = $1 AND ${IN_SCOPE}`,
      [id, scope, page.offset, page.limit],
    );
    return row ? { items: row.items, total: row.total } : { items: [], total: 0 };
  }

  /**
   * Asks for the commit of a checked import without errors: marks it `committing` and schedules the
   * worker's commit in the same transaction. A second request finds it committing and changes nothing.
   */
  async requestCommit(id: string, scope: TechnoparkScope, actor: Actor): Promise<CommitRequestOutcome> {
    return this.dataSource.transaction(async (manager) => {
      // A SELECT over the UPDATE, since TypeORM answers a bare UPDATE with [rows, count].
      const [updated] = await manager.query<{ id: string }[]>(
        `WITH updated AS (
           UPDATE resident_imports SET status = 'committing', processed_rows = 0, updated_at = now()
            WHERE id = $1 AND ${IN_SCOPE} AND status = 'checked' AND error_count = 0
            RETURNING id)
         SELECT id FROM updated`,
        [id, scope],
      );
      if (updated) {
        await this.outbox.enqueue(manager, [
          Jobs.commitResidentImport(id, actor.type === 'user' ? actor.id : null, Date.now()),
        ]);
        return 'queued';
      }
      const [visible] = await manager.query<{ id: string }[]>(
        `SELECT id FROM resident_imports WHERE id = $1 AND ${IN_SCOPE}`,
        [id, scope],
      );
      return visible ? 'not-ready' : 'not-found';
    });
  }

  /**
   * Recovers imports whose job was lost (Redis lost its data) or gave up after repeated crashes: nothing has
   * moved for `stuckAfterSeconds`. A check is queued again (it is idempotent). An interrupted commit has
   * committed nothing (one transaction), so the import goes back to `checked` and its Commit button, for a
   * person to ask again: the commit stays that person's act, audited under their name.
   * @returns how many imports were recovered.
   */
  async recoverStalled(stuckAfterSeconds: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const stalled = await manager.query<{ id: string; status: 'checking' | 'committing' }[]>(
        `WITH stalled AS (
           SELECT id FROM resident_imports
            WHERE status IN ('checking', 'committing') AND updated_at < now() - make_interval(secs => $1)
            ORDER BY updated_at LIMIT 100 FOR UPDATE SKIP LOCKED),
         updated AS (
           UPDATE resident_imports i
              SET status = CASE WHEN i.status = 'committing' THEN 'checked' ELSE i.status END,
                  processed_rows = CASE WHEN i.status = 'committing' THEN i.total_rows ELSE i.processed_rows END,
                  updated_at = now()
             FROM stalled WHERE i.id = stalled.id
           RETURNING i.id, CASE WHEN i.status = 'checked' THEN 'committing' ELSE 'checking' END AS status)
         SELECT id, status FROM updated`,
        [stuckAfterSeconds],
      );
      const sweep = Date.now();
      await this.outbox.enqueue(
        manager,
        stalled.filter((row) => row.status === 'checking').map((row) => Jobs.checkResidentImport(row.id, sweep)),
      );
      for (const row of stalled) {
        this.log.warn(
          row.status === 'checking'
            ? `Import ${row.id}: the check stalled; checking again`
            : `Import ${row.id}: the commit was interrupted and committed nothing; back to checked`,
        );
      }
      return stalled.length;
    });
  }

  /**
   * The worker's check: every row through the residents service in a rolled-back transaction, with
   * the number of rows done written into the import as it goes. Runs only on a `checking` import.
   */
  async check(id: string): Promise<string> {
    const stored = await this.loadWithFile(id);
    if (!stored || stored.status !== 'checking') {
      return `import ${id} is not being checked`;
    }
    const { rows, problems } = await this.readRows(stored);
    const candidates = rows.filter((row) => row.input !== null);
    const unchecked = rows.length - candidates.length;
    await this.reportProgress(id, unchecked);
    const refused = await this.residents.validateMany(
      candidates.map((row) => row.input).filter((input) => input !== null),
      { type: 'user', id: stored.uploadedBy },
      (done) => this.reportProgress(id, unchecked + done),
    );
    for (const { index, errors } of refused) {
      const row = candidates[index];
      row.problems.push(
        ...errors.map((error) => ({ line: row.line, column: columnOfPath(error), message: error.message })),
      );
    }
    const all: ResidentImportProblem[] = [...problems, ...rows.flatMap((row) => row.problems)].sort(
      (a, b) => a.line - b.line,
    );
    const preview: ResidentImportPreviewRow[] = rows.slice(0, PREVIEW_ROWS).map((row) => ({
      line: row.line,
      values: row.values,
      invalid: row.problems.length > 0,
    }));
    await this.dataSource.query(
      `UPDATE resident_imports
          SET status = 'checked', processed_rows = total_rows, error_count = $2, errors = $3::jsonb,
              preview_rows = $4::jsonb, updated_at = now()
        WHERE id = $1 AND status = 'checking'`,
      [id, all.length, JSON.stringify(all), JSON.stringify(preview)],
    );
    return `checked import ${id}: ${rows.length} rows, ${all.length} problems`;
  }

  /**
   * The worker's commit: every row created through the residents service and the import marked
   * `committed`, all in one transaction. A row refused now (a legal id taken since the check) fails
   * the import with that row's line; a crash rolls everything back and the job runs again.
   */
  async commit(id: string, userId: string | null): Promise<string> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Two deliveries of the same job wait for each other; the row itself stays free for progress updates.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`resident-import-${id}`]);
        const stored = await this.loadWithFile(id);
        if (!stored || stored.status !== 'committing') {
          return `import ${id} is not being committed`;
        }
        await this.reportProgress(id, 0);
        const { rows, problems } = await this.readRows(stored);
        const first = [...problems, ...rows.flatMap((row) => row.problems)][0];
        if (first) {
          throw new ImportRefusal(describe(first));
        }
        const actor: Actor = { type: 'user', id: userId };
        for (const [index, row] of rows.entries()) {
          try {
            await this.residents.createIn(manager, row.input!, actor, id);
          } catch (error) {
            if (error instanceof DomainValidationError) {
              const [problem] = error.errors;
              throw new ImportRefusal(
                describe({ line: row.line, column: columnOfPath(problem), message: problem.message }),
              );
            }
            if (error instanceof DomainConflictError) {
              throw new ImportRefusal(describe({ line: row.line, column: 'legal_id', message: error.message }));
            }
            throw error;
          }
          if ((index + 1) % COMMIT_PROGRESS_EVERY === 0) {
            await this.reportProgress(id, index + 1);
          }
        }
        // One matching job for every created resident: each open task is re-ranked once, not once per row.
        await this.outbox.enqueue(manager, [Jobs.matchImportedResidents(id)]);
        await manager.query(
          `UPDATE resident_imports SET status = 'committed', created_count = $2, processed_rows = total_rows,
                  updated_at = now()
            WHERE id = $1`,
          [id, rows.length],
        );
        return `committed import ${id}: ${rows.length} residents`;
      });
    } catch (error) {
      if (error instanceof ImportRefusal) {
        await this.fail(id, error.message);
        return `import ${id} refused: ${error.message}`;
      }
      throw error;
    }
  }

  /** Marks an import failed with its reason, unless it was committed meanwhile. */
  async fail(id: string, reason: string): Promise<void> {
    this.log.warn(`Resident import ${id} failed: ${reason}`);
    await this.dataSource.query(
      `UPDATE resident_imports SET status = 'failed', failure_reason = $2, updated_at = now()
        WHERE id = $1 AND status <> 'committed'`,
      [id, reason.slice(0, 2000)],
    );
  }

  private async loadWithFile(id: string): Promise<ResidentImport | null> {
    return this.dataSource
      .getRepository(ResidentImport)
      .createQueryBuilder('import')
      .addSelect('import.csv')
      .where('import.id = :id', { id })
      .getOne();
  }

  /** The file's rows, the technopark column resolved among the technoparks of the uploader's scope. */
  private async readRows(
    stored: ResidentImport,
  ): Promise<{ rows: ResidentCsvRow[]; problems: ResidentImportProblem[] }> {
    const technoparkIds = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.technoparks.list(stored.technoparkIds, { limit: 500, cursor });
      for (const technopark of page.items) {
        technoparkIds.set(technopark.id, technopark.id);
        technoparkIds.set(technopark.name.trim().toLowerCase(), technopark.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return readResidentRows(stored.csv, (nameOrId) => technoparkIds.get(nameOrId.trim().toLowerCase()) ?? null);
  }

  /** Written outside any transaction of the job, so that the progress page sees it at once. */
  private async reportProgress(id: string, processedRows: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE resident_imports SET processed_rows = LEAST($2, total_rows), updated_at = now() WHERE id = $1`,
      [id, processedRows],
    );
  }
}

function describe(problem: ResidentImportProblem): string {
  return `line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ${problem.message}`;
}
