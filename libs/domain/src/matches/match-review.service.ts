import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { MatchBreakdown } from '@app/matching';
import { AuditService } from '../audit/audit.service';
import { DomainValidationError } from '../common/domain-errors';
import { queueMatchNotifications } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import type { MatchStatus } from './match.entity';
import { residentInScope, type StaffScope } from './staff-scope';

export interface ReviewedMatch {
  id: string;
  status: MatchStatus;
  score: number;
  rank: number;
  breakdown: MatchBreakdown;
  createdAt: Date;
  reviewedAt: Date | null;
  task: { id: string; title: string; substituteName: string; regionCode: string; deadline: string | null };
  resident: { id: string; name: string; technoparkId: string; regionCode: string };
}

export interface MatchListQuery {
  status: MatchStatus;
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export type ReviewDecision = 'approve' | 'reject';
export type ReviewOutcome =
  | { kind: 'done'; match: ReviewedMatch; notificationQueued: boolean }
  | { kind: 'not-found' }
  | { kind: 'conflict'; status: MatchStatus };

interface MatchRow {
  id: string;
  status: MatchStatus;
  score: string;
  rank: number;
  breakdown: MatchBreakdown;
  created_at: Date;
  /** `created_at` to the microsecond: a JavaScript Date would cut it to milliseconds and repeat rows. */
  cursor_at: string;
  reviewed_at: Date | null;
  task_id: string;
  title: string;
  substitute_name: string;
  task_region_code: string;
  deadline: string | null;
  resident_id: string;
  resident_name: string;
  technopark_id: string;
  resident_region_code: string;
}

const SELECT_MATCH = `
  SELECT m.id, m.status, m.score::text AS score, m.rank, m.breakdown, m.created_at, m.reviewed_at,
         to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         t.id AS task_id, t.title, t.substitute_name, t.region_code AS task_region_code, t.deadline::text AS deadline,
         r.id AS resident_id, r.name AS resident_name, r.technopark_id, r.region_code AS resident_region_code
  FROM matches m JOIN tasks t ON t.id = m.task_id JOIN residents r ON r.id = m.resident_id`;

/**
 * Review before contact: in technoparks with `review_matches` on, matches wait as `proposed` until a
 * coordinator of that technopark (or an admin) approves or rejects them. Only approval queues an email.
 */
@Injectable()
export class MatchReviewService {
  private readonly messageDomain: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.messageDomain = new URL(config.publicBaseUrl).hostname;
  }

  /** Matches in the staff member's technoparks with the given status, oldest first, keyset-paginated. */
  async list(staff: StaffScope, query: MatchListQuery): Promise<{ items: ReviewedMatch[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows: MatchRow[] = await this.dataSource.query(
      `${SELECT_MATCH}
       WHERE m.status = $3 AND ${residentInScope('r', 1, 2)}
         AND ($4::timestamptz IS NULL OR (m.created_at, m.id) > ($4::timestamptz, $5::uuid))
       ORDER BY m.created_at, m.id LIMIT $6`,
      [staff.userId, staff.role, query.status, after?.createdAt ?? null, after?.id ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(present),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
    };
  }

  /**
   * Approves or rejects a proposed match. Approval writes the notification and its outbox row in the
   * same transaction as the status change, so an approved match is emailed exactly when it commits.
   */
  async review(matchId: string, decision: ReviewDecision, staff: StaffScope): Promise<ReviewOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [current]: { id: string; status: MatchStatus }[] = await manager.query(
        `SELECT m.id, m.status FROM matches m JOIN residents r ON r.id = m.resident_id
         WHERE m.id = $1 AND ${residentInScope('r', 2, 3)} FOR UPDATE OF m`,
        [matchId, staff.userId, staff.role],
      );
      if (!current) {
        return { kind: 'not-found' };
      }
      const status: MatchStatus = decision === 'approve' ? 'approved' : 'rejected';
      if (current.status !== 'proposed') {
        return { kind: 'conflict', status: current.status };
      }
      await manager.query(
        `UPDATE matches SET status = $2, reviewed_by = $3, reviewed_at = now(), updated_at = now() WHERE id = $1`,
        [matchId, status, staff.userId],
      );
      const queued =
        status === 'approved' ? await queueMatchNotifications(manager, this.outbox, [matchId], this.messageDomain) : [];
      await this.audit.record(
        manager,
        { type: 'user', id: staff.userId },
        `match.${decision}`,
        'match',
        matchId,
        { status: 'proposed' },
        { status },
      );
      const [row]: MatchRow[] = await manager.query(`${SELECT_MATCH} WHERE m.id = $1`, [matchId]);
      return { kind: 'done', match: present(row), notificationQueued: queued.length > 0 };
    });
  }
}

function present(row: MatchRow): ReviewedMatch {
  return {
    id: row.id,
    status: row.status,
    score: Number(row.score),
    rank: row.rank,
    breakdown: row.breakdown,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    task: {
      id: row.task_id,
      title: row.title,
      substituteName: row.substitute_name,
      regionCode: row.task_region_code,
      deadline: row.deadline,
    },
    resident: {
      id: row.resident_id,
      name: row.resident_name,
      technoparkId: row.technopark_id,
      regionCode: row.resident_region_code,
    },
  };
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (!Number.isNaN(Date.parse(createdAt)) && /^[0-9a-f-]{36}$/.test(id)) {
      return { createdAt, id };
    }
  } catch {
    // Falls through to the error below.
  }
  // Read as "from the start", a bad cursor would silently repeat pages.
  throw new DomainValidationError([{ path: 'cursor', message: 'is not a cursor from a previous page' }]);
}
