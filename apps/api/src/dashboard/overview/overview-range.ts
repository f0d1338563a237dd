import { z } from 'zod';
import {
  DEFAULT_DASHBOARD_RANGE_DAYS,
  MAX_DASHBOARD_RANGE_DAYS,
  dashboardRangeDays,
  dashboardToday,
  shiftDay,
  type DashboardDateRange,
} from '@app/domain';

/** Why a requested range was refused; the page says it in the reader's language. */
export type RangeProblem = 'invalid-date' | 'reversed' | 'too-long';

export type RangeChoice =
  { ok: true; range: DashboardDateRange } | { ok: false; problem: RangeProblem; fallback: DashboardDateRange };

/** An empty form field means "not given". */
const day = z.preprocess((value) => (value === '' ? undefined : value), z.iso.date().optional());
const rangeQuerySchema = z.object({ from: day, to: day });

/**
 * The overview's date range from its GET form (`?from=YYYY-MM-DD&to=YYYY-MM-DD`, Minsk days, both
 * inclusive). Missing ends default to today and to 30 days back; a malformed, reversed or over-long
 * range is refused with the default range as the fallback, so the page still shows charts.
 */
export function chooseOverviewRange(query: unknown, now: Date = new Date()): RangeChoice {
  const today = dashboardToday(now);
  const fallback = { from: shiftDay(today, -(DEFAULT_DASHBOARD_RANGE_DAYS - 1)), to: today };
  const given = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  const parsed = rangeQuerySchema.safeParse({ from: given.from, to: given.to });
  if (!parsed.success) {
    return { ok: false, problem: 'invalid-date', fallback };
  }
  const to = parsed.data.to ?? (parsed.data.from && parsed.data.from > today ? parsed.data.from : today);
  const from = parsed.data.from ?? shiftDay(to, -(DEFAULT_DASHBOARD_RANGE_DAYS - 1));
  const range = { from, to };
  const days = dashboardRangeDays(range);
  if (days < 1) {
    return { ok: false, problem: 'reversed', fallback };
  }
  if (days > MAX_DASHBOARD_RANGE_DAYS) {
    return { ok: false, problem: 'too-long', fallback };
  }
  return { ok: true, range };
}
