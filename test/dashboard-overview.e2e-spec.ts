import { Queue, Worker } from 'bullmq';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  AnswersService,
  dashboardToday,
  shiftDay,
  signAnswerToken,
  type DashboardDateRange,
  type Resident,
} from '@app/domain';
import { QueueName } from '@app/queue';
import { QUEUES_BOARD_CSP } from '../apps/api/src/dashboard/queues/queues-board';
import { launchChromium, screenshot } from './support/browser';
import { createEnterprise, createResident, createStaff, createTechnopark } from './support/factories';
import { MACHINING_TASK, postTask, waitForNotifications } from './support/notification-helpers';
import { startSystem, TEST_SECRET, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

const PASSWORD = 'correct horse battery';
const DESKTOP = { viewport: { width: 1366, height: 900 } };

interface ChartFigures {
  bars: Record<string, number>;
  funnel: Record<string, { count: string; conversion: string }>;
  buckets: Record<string, number>;
  regions: Record<string, { interested: string; declined: string }>;
}

/**
 * The overview's charts, queue figures and Bull Board, through Debian's chromium. Two technoparks: the
 * coordinator's (a Minsk and a Yekaterinburg resident) and another (one Minsk resident). Three tasks: two
 * that all three residents match, one nobody matches. Answers: task 1 — Minsk interested, Yekaterinburg
 * declined; task 2 — the coordinator's Minsk resident declined, the other park's interested.
 */
describe('dashboard overview: charts, queues and Bull Board in a browser', () => {
  let system: SystemUnderTest;
  let browser: Browser;
  let coordinatorEmail: string;
  let adminEmail: string;
  let today: string;
  let twoDaysAgo: string;

  beforeAll(async () => {
    system = await startSystem();
    const park = await createTechnopark(system.api, { name: 'Coordinated Park', reviewMatches: false });
    const otherPark = await createTechnopark(system.api, { name: 'Other Park', reviewMatches: false });
    const minsk = await createResident(system.api, {
      technoparkId: park.id,
      name: 'Minsk Turning',
      capabilities: ['25.62.cnc-turning'],
    });
    const urals = await createResident(system.api, {
      technoparkId: park.id,
      name: 'Ural Turning',
      regionCode: 'RU-SVE',
      capabilities: ['25.62.cnc-turning'],
    });
    const elsewhere = await createResident(system.api, {
      technoparkId: otherPark.id,
      name: 'Elsewhere Turning',
      capabilities: ['25.62.cnc-turning'],
    });
    coordinatorEmail = (await createStaff(system.api, 'coordinator', [park.id])).user.email;
    adminEmail = (await createStaff(system.api, 'admin')).user.email;
    const apiKey = (await createEnterprise(system.api)).apiKey;

    const first = await postTask(system, apiKey, { ...MACHINING_TASK, title: 'Valve body, batch 1' });
    await waitForNotifications(system, first, 3, ['sent']);
    const second = await postTask(system, apiKey, { ...MACHINING_TASK, title: 'Valve body, batch 2' });
    await waitForNotifications(system, second, 3, ['sent']);
    // Kazakh residents only: nobody in this cluster qualifies.
    const unmatched = await postTask(system, apiKey, {
      ...MACHINING_TASK,
      title: 'Valve body from Kazakhstan',
      countries: ['KZ'],
    });
    await waitFor('the unmatched task to be matched', async () => {
      const [task] = await system.database.dataSource.query<{ status: string }[]>(
        `SELECT status FROM tasks WHERE id = $1`,
        [unmatched],
      );
      return task.status === 'matched' ? true : undefined;
    });
    await waitFor('all six matches to be notified', async () => {
      const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM matches WHERE status = 'notified'`,
      );
      return count === 6 ? true : undefined;
    });

    const answer = async (taskId: string, resident: Resident, action: 'interested' | 'declined') => {
      const [match] = await system.database.dataSource.query<{ id: string }[]>(
        `SELECT id FROM matches WHERE task_id = $1 AND resident_id = $2`,
        [taskId, resident.id],
      );
      const token = signAnswerToken(
        { subject: match.id, action, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
        TEST_SECRET,
      );
      const state = await system.api.get(AnswersService).answer(token, action === 'declined' ? 'budget' : undefined);
      expect(state.kind).toBe('done');
    };
    await answer(first, minsk, 'interested');
    await answer(first, urals, 'declined');
    await answer(second, minsk, 'declined');
    await answer(second, elsewhere, 'interested');

    // The first task's matches were made two days ago (in whole days, so the Minsk day shifts by two).
    await system.database.dataSource.query(
      `UPDATE matches SET created_at = created_at - interval '2 days' WHERE task_id = $1`,
      [first],
    );
    today = dashboardToday();
    twoDaysAgo = shiftDay(today, -2);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const url = (path: string) => `${system.baseUrl}${path}`;

  const signIn = async (context: BrowserContext, email: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/admin');
    return page;
  };

  /**
   * What the charts show: bar values by day, funnel rows, histogram buckets and region rows. Read in the page
   * in one go (a script of the test's, not of the page: the page has none).
   */
  const chartFigures = async (page: Page): Promise<ChartFigures> =>
    JSON.parse(
      await page.evaluate<string>(`(() => {
        // Intl puts no-break spaces in '66,7 %'; compare them as plain spaces.
        const text = (element) => (element && element.textContent ? element.textContent.replace(/\\s+/g, ' ').trim() : '');
        const values = (selector) => Object.fromEntries(
          [...document.querySelectorAll(selector)].map((bar) => [bar.dataset.key, Number(bar.dataset.value)]));
        const rows = (selector, key, cells) => Object.fromEntries(
          [...document.querySelectorAll(selector)].map((row) => [
            row.getAttribute(key),
            Object.fromEntries(cells.map((cell) => [cell, text(row.querySelector('.' + cell))])),
          ]));
        return JSON.stringify({
          bars: values('#chart-matches-per-day g.bar'),
          funnel: rows('tr[data-funnel-step]', 'data-funnel-step', ['count', 'conversion']),
          buckets: values('#chart-scores g.bar'),
          regions: rows('tr[data-region]', 'data-region', ['interested', 'declined']),
        });
      })()`),
    ) as ChartFigures;

  const nonZero = (values: Record<string, number>) =>
    Object.fromEntries(Object.entries(values).filter(([, value]) => value > 0));
  const defaultRange = (): DashboardDateRange => ({ from: shiftDay(today, -29), to: today });

  it("charts every technopark's matches, funnel, scores and answers for an admin, over the last 30 days", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, adminEmail);
    const range = defaultRange();
    await expect(page.locator('#range-from').inputValue()).resolves.toBe(range.from);
    await expect(page.locator('#range-to').inputValue()).resolves.toBe(range.to);

    const figures = await chartFigures(page);
    expect(Object.keys(figures.bars)).toHaveLength(30);
    expect(Object.keys(figures.bars)[0]).toBe(range.from);
    expect(nonZero(figures.bars)).toEqual({ [twoDaysAgo]: 3, [today]: 3 });
    expect(figures.funnel).toEqual({
      tasks: { count: '3', conversion: '—' },
      matched: { count: '2', conversion: '66,7 %' },
      notified: { count: '2', conversion: '100 %' },
      interested: { count: '2', conversion: '100 %' },
    });
    expect(Object.keys(figures.buckets)).toEqual([
      '0.0',
      '0.1',
      '0.2',
      '0.3',
      '0.4',
      '0.5',
      '0.6',
      '0.7',
      '0.8',
      '0.9',
    ]);
    expect(nonZero(figures.buckets)).toEqual({ '0.7': 2, '0.9': 4 });
    expect(figures.regions).toEqual({
      'BY-HM': { interested: '2', declined: '1' },
      'RU-SVE': { interested: '0', declined: '1' },
    });
    // Busiest region first, named in the reader's language.
    await expect(page.locator('tr[data-region]').first().textContent()).resolves.toContain('Минск (BY-HM)');

    // The charts are pictures with a name and a description a screen reader reads out.
    const matchesChart = page.getByRole('img', { name: 'Совпадения по дням' });
    await expect(matchesChart.count()).resolves.toBe(1);
    await expect(page.locator('#chart-matches-per-day desc').textContent()).resolves.toBe(
      `6 совпадений за 30 дн. Больше всего ${twoDaysAgo}: 3.`,
    );
    await expect(page.getByRole('img', { name: /^Воронка/ }).count()).resolves.toBe(1);
    // The counts above the charts are as of now, for every technopark.
    await expect(page.locator('[data-figure=interested] .figure').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-figure=declined] .figure').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-figure=notified] .figure').textContent()).resolves.toBe('2');
    await screenshot(page, 'overview-charts');

    await page.click('a[hreflang=en]');
    await expect(page.locator('tr[data-funnel-step=matched] .conversion').textContent()).resolves.toBe('66.7%');
    await expect(page.locator('tr[data-region="RU-SVE"]').textContent()).resolves.toContain(
      'Sverdlovsk Oblast (RU-SVE)',
    );
    await screenshot(page, 'overview-charts-en');
    await context.close();
  });

  it("limits a coordinator's charts to their technopark's residents", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, coordinatorEmail);
    const figures = await chartFigures(page);
    expect(nonZero(figures.bars)).toEqual({ [twoDaysAgo]: 2, [today]: 2 });
    expect(figures.funnel).toEqual({
      tasks: { count: '2', conversion: '—' },
      matched: { count: '2', conversion: '100 %' },
      notified: { count: '2', conversion: '100 %' },
      interested: { count: '1', conversion: '50 %' },
    });
    expect(nonZero(figures.buckets)).toEqual({ '0.7': 2, '0.9': 2 });
    expect(figures.regions).toEqual({
      'BY-HM': { interested: '1', declined: '1' },
      'RU-SVE': { interested: '0', declined: '1' },
    });
    await expect(page.locator('[data-figure=interested] .figure').textContent()).resolves.toBe('1');
    await expect(page.content()).resolves.not.toContain('Elsewhere Turning');
    await screenshot(page, 'overview-charts-coordinator');
    await context.close();
  });

  it('shows zeros for a date range without data, chosen through the form', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, adminEmail);
    await page.fill('#range-from', '2020-01-01');
    await page.fill('#range-to', '2020-01-31');
    await page.click('form.range button[type=submit]');
    await page.waitForLoadState();
    expect(new URL(page.url()).search).toBe('?from=2020-01-01&to=2020-01-31');
    const figures = await chartFigures(page);
    expect(Object.keys(figures.bars)).toHaveLength(31);
    expect(nonZero(figures.bars)).toEqual({});
    expect(Object.values(figures.funnel).map((step) => step.count)).toEqual(['0', '0', '0', '0']);
    expect(nonZero(figures.buckets)).toEqual({});
    expect(figures.regions).toEqual({});
    await expect(page.locator('[data-regions=empty]').textContent()).resolves.toBe('Ответов за период нет');
    await expect(page.locator('#chart-matches-per-day text.empty').textContent()).resolves.toBe(
      'Нет совпадений за период',
    );
    await expect(page.locator('[data-range]').getAttribute('data-range')).resolves.toBe('2020-01-01/2020-01-31');
    // The counts as of now do not depend on the range.
    await expect(page.locator('[data-figure=interested] .figure').textContent()).resolves.toBe('2');
    await screenshot(page, 'overview-range-empty');
    await context.close();
  });

  it('explains a bad range instead of failing, and charts the last 30 days', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, adminEmail);
    const reversed = await page.goto(url('/admin?from=2026-05-02&to=2026-05-01'));
    expect(reversed?.status()).toBe(400);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('Начало периода позже его конца.');
    await expect(page.locator('#range-from').inputValue()).resolves.toBe('2026-05-02');
    expect(nonZero((await chartFigures(page)).bars)).toEqual({ [twoDaysAgo]: 3, [today]: 3 });
    await screenshot(page, 'overview-range-error');

    const malformed = await page.goto(url('/admin?from=yesterday&to=%3Cscript%3E'));
    expect(malformed?.status()).toBe(400);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('ГГГГ-ММ-ДД');
    const tooLong = await page.goto(url('/admin?from=2020-01-01&to=2026-01-01'));
    expect(tooLong?.status()).toBe(400);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('366');
    await context.close();
  });

  it('shows the waiting and failed jobs of each queue to signed-in staff', async () => {
    // Without the worker, jobs stay where the test puts them.
    await system.stopWorker();
    const connection = { url: process.env.REDIS_URL! };
    const prefix = process.env.QUEUE_PREFIX!;
    const webhooks = new Queue(QueueName.Webhooks, { connection, prefix });
    const failing = new Worker(QueueName.Webhooks, () => Promise.reject(new Error('receiver answered 500')), {
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix,
    });
    try {
      await webhooks.addBulk([1, 2].map((n) => ({ name: 'webhook.deliver', data: { deliveryId: `d${n}` } })));
      await waitFor('two failed webhook jobs', async () =>
        (await webhooks.getFailedCount()) === 2 ? true : undefined,
      );
      await failing.close();
      await webhooks.addBulk([3, 4, 5].map((n) => ({ name: 'webhook.deliver', data: { deliveryId: `d${n}` } })));
    } finally {
      await failing.close();
      await webhooks.close();
    }

    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, coordinatorEmail);
    const row = page.locator('[data-queues=available] tr[data-queue=webhooks]');
    await expect(row.locator('[data-state=waiting]').textContent()).resolves.toBe('3');
    await expect(row.locator('[data-state=failed]').textContent()).resolves.toBe('2');
    await expect(row.locator('[data-state=active]').textContent()).resolves.toBe('0');
    await expect(row.locator('td').first().textContent()).resolves.toBe('Вебхуки');
    await expect(page.locator('[data-queues] tr[data-queue]').count()).resolves.toBe(Object.values(QueueName).length);
    // Bull Board is for admins: no link for a coordinator.
    await expect(page.locator('a[href="/admin/queues"]').count()).resolves.toBe(0);
    await context.close();
  });

  it('serves Bull Board at /admin/queues to admins, with its own CSP and the app security headers', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, adminEmail);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    const overviewHeaders = (await page.goto(url('/admin')))!.headers();
    expect(overviewHeaders['content-security-policy']).toContain("default-src 'none'");
    expect(overviewHeaders['content-security-policy']).not.toContain('script-src');

    const navigated = page.waitForResponse((candidate) => new URL(candidate.url()).pathname === '/admin/queues');
    await page.click('nav a[href="/admin/queues"]');
    const response = await navigated;
    const headers = response.headers();
    expect(response.status()).toBe(200);
    expect(headers['content-security-policy']).toBe(QUEUES_BOARD_CSP);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBeDefined();
    for (const queue of Object.values(QueueName)) {
      await page.getByText(queue, { exact: true }).first().waitFor({ timeout: 20_000 });
    }
    await screenshot(page, 'queues');
    // The board asks Google for its web font; the policy keeps admin pages off third parties (system fonts
    // serve instead). Nothing else may be blocked: its scripts, styles and API calls all come from here.
    expect(violations.filter((violation) => !violation.includes('https://fonts.googleapis.com/'))).toEqual([]);

    // The board's own API answers the admin, with the jobs the overview counted.
    const api = await page.request.get(url('/admin/queues/api/queues?activeQueue=webhooks&status=failed'));
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.find((queue) => queue.name === QueueName.Webhooks)?.counts).toMatchObject({
      failed: 2,
      waiting: 3,
    });
    // A write from another origin is refused even with the admin's cookie.
    const foreign = await page.request.put(url('/admin/queues/api/queues/webhooks/retry/failed'), {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(foreign.status()).toBe(403);
    await context.close();
  });

  it('refuses Bull Board to coordinators and sends visitors without a session to sign in', async () => {
    const coordinator = await browser.newContext(DESKTOP);
    const page = await signIn(coordinator, coordinatorEmail);
    const refused = await page.goto(url('/admin/queues'));
    expect(refused?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Только для администраторов');
    const api = await page.request.get(url('/admin/queues/api/queues'), { maxRedirects: 0 });
    expect(api.status()).toBe(403);
    await screenshot(page, 'queues-coordinator-refused');
    await coordinator.close();

    const anonymous = await browser.newContext(DESKTOP);
    const visitor = await anonymous.newPage();
    await visitor.goto(url('/admin/queues'));
    expect(new URL(visitor.url()).pathname).toBe('/admin/login');
    const apiCall = await visitor.request.get(url('/admin/queues/api/queues'), { maxRedirects: 0 });
    expect(apiCall.status()).toBe(303);
    expect(apiCall.headers().location).toBe('/admin/login');
    await anonymous.close();
  });
});
