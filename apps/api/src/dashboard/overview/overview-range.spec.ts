import { chooseOverviewRange } from './overview-range';

// 22:30 UTC on 24 November is already 25 November in Minsk (UTC+3).
const NOW = new Date('2026-11-24T22:30:00Z');
const LAST_30_DAYS = { from: '2026-10-27', to: '2026-11-25' };

describe(chooseOverviewRange.name, () => {
  it('defaults to the last 30 Minsk days, today included', () => {
    expect(chooseOverviewRange({}, NOW)).toEqual({ ok: true, range: LAST_30_DAYS });
    expect(chooseOverviewRange({ from: '', to: '' }, NOW)).toEqual({ ok: true, range: LAST_30_DAYS });
    expect(chooseOverviewRange(undefined, NOW)).toEqual({ ok: true, range: LAST_30_DAYS });
  });

  it('takes both ends as given, one day included', () => {
    expect(chooseOverviewRange({ from: '2026-01-01', to: '2026-01-31' }, NOW)).toEqual({
      ok: true,
      range: { from: '2026-01-01', to: '2026-01-31' },
    });
    expect(chooseOverviewRange({ from: '2026-03-01', to: '2026-03-01' }, NOW)).toEqual({
      ok: true,
      range: { from: '2026-03-01', to: '2026-03-01' },
    });
  });

  it('fills a missing end: to defaults to today, from to 30 days before to', () => {
    expect(chooseOverviewRange({ from: '2026-11-01' }, NOW)).toEqual({
      ok: true,
      range: { from: '2026-11-01', to: '2026-11-25' },
    });
    expect(chooseOverviewRange({ to: '2026-02-10' }, NOW)).toEqual({
      ok: true,
      range: { from: '2026-01-12', to: '2026-02-10' },
    });
  });

  it.each([
    [{ from: 'yesterday' }, 'invalid-date'],
    [{ from: '2026-02-30' }, 'invalid-date'],
    [{ to: '2026-13-01' }, 'invalid-date'],
    [{ from: ['2026-01-01', '2026-01-02'] }, 'invalid-date'],
    [{ from: '2026-05-02', to: '2026-05-01' }, 'reversed'],
    [{ from: '2024-01-01', to: '2026-01-01' }, 'too-long'],
  ])('refuses %j as %s, with the default range to show instead', (query, problem) => {
    expect(chooseOverviewRange(query, NOW)).toEqual({ ok: false, problem, fallback: LAST_30_DAYS });
  });
});
