import type { DashboardCharts, DashboardOverview } from '@app/domain';
import type { PageContext } from '../dashboard-pages';
import { renderOverviewPage, type OverviewPageInput } from './overview-page';

const OVERVIEW: DashboardOverview = {
  openTasks: 1,
  matches: { proposed: 0, approved: 0, notified: 1, interested: 0, declined: 0 },
  emails: { sent: 1, failed: 0 },
};

const CHARTS: DashboardCharts = {
  range: { from: '2026-11-01', to: '2026-11-03' },
  matchesPerDay: [
    { day: '2026-11-01', count: 0 },
    { day: '2026-11-02', count: 2 },
    { day: '2026-11-03', count: 0 },
  ],
  funnel: { tasks: 0, matched: 0, notified: 0, interested: 0 },
  scoreBuckets: Array.from({ length: 10 }, (_, index) => ({ lower: index / 10, count: index === 9 ? 2 : 0 })),
  answersByRegion: [
    { regionCode: 'BY-HM', name: { ru: '<b>Минск</b>', en: '<b>Minsk</b>' }, interested: 1, declined: 0 },
  ],
};

function context(role: 'admin' | 'coordinator', language: 'ru' | 'en' = 'en'): PageContext {
  return {
    language,
    path: '/admin',
    user: { kind: 'user', userId: 'u1', email: 'a@b.by', role, technoparkIds: [] },
    csrfToken: 't',
  };
}

function page(overrides: Partial<OverviewPageInput> = {}, role: 'admin' | 'coordinator' = 'admin'): string {
  return renderOverviewPage(context(role), {
    overview: OVERVIEW,
    charts: CHARTS,
    queues: { available: true, queues: [{ queue: 'webhooks', waiting: 3, active: 0, delayed: 1, failed: 2 }] },
    requested: CHARTS.range,
    problem: null,
    ...overrides,
  });
}

describe(renderOverviewPage.name, () => {
  it('says the queue figures are unavailable when Redis does not answer, and still shows the rest', () => {
    const html = page({ queues: { available: false } });
    expect(html).toContain('data-queues="unavailable"');
    expect(html).toContain('Queue figures are unavailable: Redis does not answer.');
    expect(html).toContain('data-figure="open-tasks"');
    expect(html).toContain('id="chart-matches-per-day"');
  });

  it('shows each queue with its counts, and the Bull Board link to admins only', () => {
    const html = page();
    expect(html).toMatch(/<tr data-queue="webhooks"><td[^>]*>Webhooks<\/td>/);
    expect(html).toContain('data-state="waiting" data-label="Waiting">3</td>');
    expect(html).toContain('data-state="failed" data-label="Failed">2</td>');
    expect(html).toContain('href="/admin/queues"');
    expect(page({}, 'coordinator')).not.toContain('href="/admin/queues"');
  });

  it('states a refused range as an alert, and shows the rejected input back escaped', () => {
    const html = page({ problem: 'reversed', requested: { from: '"><script>', to: '2026-01-01' } });
    expect(html).toContain('role="alert">The period starts after it ends. Showing the last 30 days instead.</div>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('escapes region names from the database, and gives every chart a data fallback', () => {
    const html = page();
    expect(html).toContain('&lt;b&gt;Minsk&lt;/b&gt; (BY-HM)');
    expect(html).not.toContain('<b>Minsk</b>');
    expect(html.match(/<svg class="chart"[^>]*role="img"/g)).toHaveLength(4);
    expect(html).toContain('<tr data-day="2026-11-02"><td>2026-11-02</td><td class="num">2</td></tr>');
    expect(html).toContain('<tr data-bucket="0.9"><td>0.9–1.0</td><td class="num">2</td></tr>');
    expect(html).toContain('<tr data-funnel-step="matched"><td>with a match</td><td class="num count">0</td>');
  });
});
