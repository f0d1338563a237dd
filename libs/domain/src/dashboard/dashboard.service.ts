import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { residentInScope, type StaffScope } from '../matches/staff-scope';

/** The counts on the dashboard's overview, each limited to what the staff member may see. */
export interface DashboardOverview {
  /** Tasks still taking matches (`open`, `matching`, `matched`); for coordinators, those matched in their technoparks. */
  openTasks: number;
  /** Matches by their current status. */
  matches: { proposed: number; approved: number; notified: number; interested: number; declined: number };
  /** Match emails and digests by their delivery outcome. */
  emails: { sent: number; failed: number };
}

interface OverviewRow {
  open_tasks: number;
  proposed: number;
  approved: number;
  notified: number;
  interested: number;
  declined: number;
  sent: number;
  failed: number;
}

/**
 * Read-only figures for the coordinators' dashboard. Tenancy is part of each query through
 * {@link residentInScope}: a coordinator counts only what touches their technoparks' residents.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async overview(staff: StaffScope): Promise<DashboardOverview> {
    const [row]: OverviewRow[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM tasks t
           WHERE t.status IN ('open', 'matching', 'matched')
             AND ($2::text = 'admin' OR EXISTS (
               SELECT 1 FROM matches m JOIN residents r ON r.id = m.resident_id
               WHERE m.task_id = t.id AND ${residentInScope('r', 1, 2)}))) AS open_tasks,
         m.proposed, m.approved, m.notified, m.interested, m.declined, n.sent, n.failed
       FROM
         (SELECT count(*) FILTER (WHERE m.status = 'proposed')::int AS proposed,
                 count(*) FILTER (WHERE m.status = 'approved')::int AS approved,
                 count(*) FILTER (WHERE m.status = 'notified')::int AS notified,
                 count(*) FILTER (WHERE m.status = 'interested')::int AS interested,
                 count(*) FILTER (WHERE m.status = 'declined')::int AS declined
            FROM matches m JOIN residents r ON r.id = m.resident_id
           WHERE ${residentInScope('r', 1, 2)}) m,
         (SELECT count(*) FILTER (WHERE n.status = 'sent')::int AS sent,
                 count(*) FILTER (WHERE n.status = 'failed')::int AS failed
            FROM notifications n JOIN residents r ON r.id = n.resident_id
           WHERE ${residentInScope('r', 1, 2)}) n`,
      [staff.userId, staff.role],
    );
    return {
      openTasks: row.open_tasks,
      matches: {
        proposed: row.proposed,
        approved: row.approved,
        notified: row.notified,
        interested: row.interested,
        declined: row.declined,
      },
      emails: { sent: row.sent, failed: row.failed },
    };
  }
}
