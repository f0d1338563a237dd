import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainValidationError } from '../common/domain-errors';
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

/**
 * Calendar days, both inclusive, as `YYYY-MM-DD` in {@link DASHBOARD_TIME_ZONE}: the cluster works on
 * Minsk time, so a match made at 01:00 in Minsk counts for that Minsk day, not the UTC one before it.
 */
export interface DashboardDateRange {
  from: string;
  to: string;
}

export const DASHBOARD_TIME_ZONE = 'Europe/Minsk';
/** The longest range the charts accept: a year and a day, so a leap year fits. */
export const MAX_DASHBOARD_RANGE_DAYS = 366;
/** The default range: the last 30 days, today included. */
export const DEFAULT_DASHBOARD_RANGE_DAYS = 30;
/** How many regions the answers chart lists, busiest first. */
export const ANSWER_REGIONS_LIMIT = 10;

/** The task → match → notified → interested funnel, counted in tasks posted within the range. */
export interface DashboardFunnel {
  /** Tasks posted in the range (for coordinators, those with a match in their technoparks). */
  tasks: number;
  /** ... of which at least one got a match. */
  matched: number;
  /** ... of which at least one matched resident was emailed (notified, or already answered). */
  notified: number;
  /** ... of which at least one matched resident said it is interested. */
  interested: number;
}

/** Score distribution: ten buckets of width 0.1; bucket `lower` holds scores in [lower, lower + 0.1), 0.9 also holds 1. */
export interface ScoreBucket {
  lower: number;
  count: number;
}

export interface RegionAnswers {
  regionCode: string;
  name: { ru: string; en: string };
  interested: number;
  declined: number;
}

/** The overview's charts over one date range, limited to what the staff member may see. */
export interface DashboardCharts {
  range: DashboardDateRange;
  /** One entry per day of the range, days without matches included. */
  matchesPerDay: { day: string; count: number }[];
  funnel: DashboardFunnel;
  scoreBuckets: ScoreBucket[];
  /** Residents' answers given in the range by the resident's region, busiest first, at most {@link ANSWER_REGIONS_LIMIT}. */
  answersByRegion: RegionAnswers[];
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** Today in {@link DASHBOARD_TIME_ZONE}, as `YYYY-MM-DD`. */
export function dashboardToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DASHBOARD_TIME_ZONE }).format(now);
}

/** The last {@link DEFAULT_DASHBOARD_RANGE_DAYS} days, today included. */
export function defaultDashboardRange(now: Date = new Date()): DashboardDateRange {
  const to = dashboardToday(now);
  return { from: shiftDay(to, -(DEFAULT_DASHBOARD_RANGE_DAYS - 1)), to };
}

/** `day` moved by `days` calendar days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days in the range, both ends included. */
export function dashboardRangeDays(range: DashboardDateRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** `created_at`-style column within the range's Minsk days; `$from`/`$to` are positional parameters. */
function withinRange(column: string, fromParam: number, toParam: number): string {
  return `(${column} >= ($${fromParam}::date)::timestamp AT TIME ZONE '${DASHBOARD_TIME_ZONE}'
           AND ${column} < ($${toParam}::date + 1)::timestamp AT TIME ZONE '${DASHBOARD_TIME_ZONE}')`;
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

  /**
   * The overview's charts for the Minsk days `range.from`..`range.to`: matches made per day, the funnel of
   * tasks posted in the range, the scores of matches made in the range, and answers given in the range.
   * @throws DomainValidationError for a malformed, reversed or longer than {@link MAX_DASHBOARD_RANGE_DAYS} range.
   */
  async charts(staff: StaffScope, range: DashboardDateRange): Promise<DashboardCharts> {
    assertValidRange(range);
    const params = [staff.userId, staff.role, range.from, range.to];
    const inScope = residentInScope('r', 1, 2);
    const [perDay, [funnel], buckets, regions] = await Promise.all([
      this.dataSource.query<{ day: string; count: number }[]>(
        `WITH counted AS (
           SELECT (m.created_at AT TIME ZONE '${DASHBOARD_TIME_ZONE}')::date AS day, count(*)::int AS count
             FROM matches m JOIN residents r ON r.id = m.resident_id
            WHERE ${withinRange('m.created_at', 3, 4)} AND ${inScope}
            GROUP BY 1)
         SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(c.count, 0)::int AS count
           FROM generate_series($3::date, $4::date, interval '1 day') AS d(day)
           LEFT JOIN counted c ON c.day = d.day::date
          ORDER BY d.day`,
        params,
      ),
      this.dataSource.query<DashboardFunnel[]>(
        `WITH scoped AS (
           SELECT t.id,
                  bool_or(m.id IS NOT NULL) AS matched,
                  bool_or(m.status IN ('notified', 'interested', 'declined')) AS notified,
                  bool_or(m.status = 'interested') AS interested
             FROM tasks t
             LEFT JOIN (matches m JOIN residents r ON r.id = m.resident_id AND ${inScope}) ON m.task_id = t.id
            WHERE ${withinRange('t.created_at', 3, 4)}
            GROUP BY t.id)
         SELECT count(*) FILTER (WHERE $2::text = 'admin' OR matched)::int AS tasks,
                count(*) FILTER (WHERE matched)::int AS matched,
                count(*) FILTER (WHERE notified)::int AS notified,
                count(*) FILTER (WHERE interested)::int AS interested
           FROM scoped`,
        params,
      ),
      this.dataSource.query<{ bucket: number; count: number }[]>(
        `WITH counted AS (
           SELECT least(floor(m.score * 10), 9)::int AS bucket, count(*)::int AS count
             FROM matches m JOIN residents r ON r.id = m.resident_id
            WHERE ${withinRange('m.created_at', 3, 4)} AND ${inScope}
            GROUP BY 1)
         SELECT b.bucket, coalesce(c.count, 0)::int AS count
           FROM generate_series(0, 9) AS b(bucket) LEFT JOIN counted c ON c.bucket = b.bucket
          ORDER BY b.bucket`,
        params,
      ),
      this.dataSource.query<
        { region_code: string; name_ru: string; name_en: string; interested: number; declined: number }[]
      >(
        `SELECT r.region_code, g.name_ru, g.name_en,
                count(*) FILTER (WHERE m.status = 'interested')::int AS interested,
                count(*) FILTER (WHERE m.status = 'declined')::int AS declined
           FROM matches m
           JOIN residents r ON r.id = m.resident_id
           JOIN regions g ON g.code = r.region_code
          WHERE m.status IN ('interested', 'declined') AND ${withinRange('m.answered_at', 3, 4)} AND ${inScope}
          GROUP BY r.region_code, g.name_ru, g.name_en
          ORDER BY count(*) DESC, r.region_code
          LIMIT ${ANSWER_REGIONS_LIMIT}`,
        params,
      ),
    ]);
    return {
      range: { ...range },
      matchesPerDay: perDay,
      funnel,
      scoreBuckets: buckets.map((row) => ({ lower: row.bucket / 10, count: row.count })),
      answersByRegion: regions.map((row) => ({
        regionCode: row.region_code,
        name: { ru: row.name_ru, en: row.name_en },
        interested: row.interested,
        declined: row.declined,
      })),
    };
  }
}

function assertValidRange(range: DashboardDateRange): void {
  const valid = (day: string) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    // A day past the month's end (2026-02-30) parses by rolling over; the round trip catches it.
    return ISO_DAY.test(day) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  };
  for (const end of ['from', 'to'] as const) {
    if (!valid(range[end])) {
      throw new DomainValidationError([{ path: end, message: 'must be a calendar day, YYYY-MM-DD' }]);
    }
  }
  const days = dashboardRangeDays(range);
  if (days < 1 || days > MAX_DASHBOARD_RANGE_DAYS) {
    throw new DomainValidationError([
      { path: 'to', message: `must be on or after from, at most ${MAX_DASHBOARD_RANGE_DAYS} days later` },
    ]);
  }
}
