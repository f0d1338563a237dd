import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createStaff, createTechnopark, nextLegalId, RESIDENT_CSV_HEADER, residentCsvRows } from './support/factories';
import { launchChromium, screenshot } from './support/browser';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

const PASSWORD = 'correct horse battery';
/** Checking and committing thousands of rows on a busy two-core machine takes a while. */
const WORKER_TIMEOUT_MS = 240_000;

/** CSV imports as uploaded files, checked and committed by the real worker, driven through chromium. */
describe('dashboard resident CSV import by file upload', () => {
  let system: SystemUnderTest;
  let browser: Browser;
  let coordinatorEmail: string;
  let otherCoordinatorEmail: string;

  beforeAll(async () => {
    system = await startSystem({ worker: true });
    const park = await createTechnopark(system.api, { name: 'Upload Park' });
    const otherPark = await createTechnopark(system.api, { name: 'Faraway Park' });
    coordinatorEmail = (await createStaff(system.api, 'coordinator', [park.id])).user.email;
    otherCoordinatorEmail = (await createStaff(system.api, 'coordinator', [otherPark.id])).user.email;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const url = (path: string) => `${system.baseUrl}${path}`;
  const query = <T>(sql: string, parameters: unknown[] = []) => system.database.dataSource.query<T[]>(sql, parameters);
  const signIn = async (email = coordinatorEmail): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies([{ name: 'lang', value: 'en', url: url('/admin') }]);
    const page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForLoadState();
    return { context, page };
  };
  const upload = async (page: Page, name: string, content: string | Buffer) => {
    await page.goto(url('/admin/residents/import'));
    await page.setInputFiles('#file', {
      name,
      mimeType: 'text/csv',
      buffer: typeof content === 'string' ? Buffer.from(content) : content,
    });
    const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST');
    await page.click('button[data-step=upload]');
    await page.waitForLoadState();
    return response;
  };
  /** The page reloads itself (meta refresh) until the worker is done; this only waits for it. */
  const waitForStatus = (page: Page, status: string) =>
    page.waitForSelector(`[data-status=${status}]`, { timeout: WORKER_TIMEOUT_MS });
  const importIdOf = (page: Page) => /\/admin\/residents\/import\/([0-9a-f-]{36})/.exec(page.url())![1];
  const csrfOf = (page: Page) => page.locator('input[name=_csrf]').first().inputValue();

  it('shows the one bad row of an uploaded file with its line and column, and imports nothing', async () => {
    const { context, page } = await signIn();
    await page.goto(url('/admin/residents/import'));
    await expect(page.locator('input#file[type=file]').getAttribute('accept')).resolves.toBe('.csv,text/csv');
    await screenshot(page, 'residents-import-upload');

    const [first, second, third] = residentCsvRows('Upload Park', 3, 'Bad File Firm');
    const badRow = third.replace(',25.62.cnc-turning,', ',25.62.cnc-turning;99.99.no-such-thing,');
    await upload(page, 'bad-row.csv', `\uFEFF${[RESIDENT_CSV_HEADER, first, second, badRow].join('\r\n')}\r\n`);
    await waitForStatus(page, 'checked');
    await expect(page.textContent('[data-file]')).resolves.toBe('bad-row.csv');
    const problems = await Promise.all(
      (await page.locator('table.problems tbody tr').all()).map((row) => row.locator('td').allTextContents()),
    );
    expect(problems).toEqual([['4', 'capabilities', expect.stringContaining('unknown capability code 99.99')]]);
    await expect(page.textContent('[data-count=rows] .figure')).resolves.toBe('3');
    await expect(page.locator('button[data-step=commit]').count()).resolves.toBe(0);
    await expect(page.locator('table.rows tr.invalid').count()).resolves.toBe(1);
    await screenshot(page, 'residents-import-errors');
    const [{ count }] = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM residents WHERE name LIKE 'Bad File Firm%'`,
    );
    expect(count).toBe(0);
    await context.close();
  });

  it('pages the errors of a file with many bad rows, 50 to a page', async () => {
    const { context, page } = await signIn();
    const rows = residentCsvRows('Upload Park', 60, 'Paged Firm').map((row) =>
      row.replace(',ru,instant', ',de,instant'),
    );
    await upload(page, 'many-errors.csv', [RESIDENT_CSV_HEADER, ...rows].join('\n'));
    await waitForStatus(page, 'checked');
    await expect(page.textContent('[data-count=problems] .figure')).resolves.toBe('60');
    const lines = async () => page.locator('table.problems tbody tr td:first-child').allTextContents();
    expect(await lines()).toEqual(Array.from({ length: 50 }, (_, index) => String(index + 2)));
    await page.click('a[rel=next]');
    await page.waitForLoadState();
    expect(await lines()).toEqual(Array.from({ length: 10 }, (_, index) => String(index + 52)));
    await expect(page.textContent('table.problems tbody tr:first-child td:nth-child(2)')).resolves.toBe('language');
    await expect(page.locator('a[rel=prev]').count()).resolves.toBe(1);
    await context.close();
  });

  it('checks and imports a 5,000-row file behind a progress bar, then lists the new residents', async () => {
    const { context, page } = await signIn();
    const rows = residentCsvRows('Upload Park', 5000, 'Bulk Firm');
    await upload(page, 'five-thousand.csv', [RESIDENT_CSV_HEADER, ...rows].join('\n'));
    const importId = importIdOf(page);
    // Locators wait and retry across the page's own reloads, where a bare count() could land mid-reload.
    await expect(page.locator('progress').getAttribute('max')).resolves.toBe('5000');
    await expect(page.textContent('[data-progress]')).resolves.toMatch(/^\d+ of 5000 rows$/);
    await expect(page.locator('meta[http-equiv=refresh]').getAttribute('content')).resolves.toBe('1');
    // The page reloads itself; the worker reports its progress in steps, so some reload shows a part done.
    const partly = await waitFor(
      'the progress page to show a part of the rows checked',
      async () => {
        const value = Number(await page.locator('progress').getAttribute('value', { timeout: 1000 }));
        return value > 0 && value < 5000 ? value : undefined;
      },
      WORKER_TIMEOUT_MS,
    );
    expect(partly % 100).toBe(0);
    await screenshot(page, 'residents-import-progress');

    await waitForStatus(page, 'checked');
    await expect(page.textContent('[data-count=rows] .figure')).resolves.toBe('5000');
    await expect(page.textContent('[data-count=problems] .figure')).resolves.toBe('0');
    await expect(page.locator('table.rows tbody tr').count()).resolves.toBe(20);
    const [checked] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM residents`);
    expect(checked.count).toBe(0);

    await page.click('button[data-step=commit]');
    await page.waitForLoadState();
    expect(importIdOf(page)).toBe(importId);
    await waitForStatus(page, 'committed');
    await expect(page.textContent('[data-created]')).resolves.toBe('5000');
    await screenshot(page, 'residents-import-done');
    const [stored] = await query<{ count: number; names: number }>(
      `SELECT count(*)::int AS count, count(DISTINCT name)::int AS names FROM residents WHERE import_id = $1`,
      [importId],
    );
    expect(stored).toEqual({ count: 5000, names: 5000 });
    const [quoted] = await query<{ name: string }>(`SELECT name FROM residents WHERE legal_id = $1`, [
      rows[9].split(',')[4],
    ]);
    expect(quoted?.name).toBe('Bulk Firm 00010, Ltd');

    await page.click('a[data-imported-residents]');
    await page.waitForLoadState();
    expect(new URL(page.url()).searchParams.get('importId')).toBe(importId);
    const listed = await page.locator('tr[data-resident] td:first-child a').allTextContents();
    expect(listed).toHaveLength(50);
    expect(listed.every((name) => name.startsWith('Bulk Firm '))).toBe(true);
    await expect(page.locator('a[rel=next]').getAttribute('href')).resolves.toContain(`importId=${importId}`);
    await context.close();
  }, 600_000);

  it('refuses a file over 10 MB and one over 20,000 rows with a clear message, storing nothing', async () => {
    const { context, page } = await signIn();
    const tooLarge = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    const largeResponse = await upload(page, 'too-large.csv', tooLarge);
    expect(largeResponse.status()).toBe(413);
    await expect(page.textContent('[role=alert]')).resolves.toContain('larger than 10 MB');

    const filler = `Upload Park,Firm,BY-MI,${nextLegalId('BY')},10,25.62,,a@b.example,,`;
    const tooManyRows = [RESIDENT_CSV_HEADER, ...Array.from({ length: 20_001 }, () => filler)].join('\n');
    const rowsResponse = await upload(page, 'too-many-rows.csv', tooManyRows);
    expect(rowsResponse.status()).toBe(400);
    await expect(page.textContent('[role=alert]')).resolves.toContain('at most 20000');
    await expect(query(`SELECT id FROM resident_imports WHERE file_name LIKE 'too-%'`)).resolves.toEqual([]);
    await context.close();
  });

  it('answers 404 to a coordinator of another technopark, and 403 to a commit without its CSRF token', async () => {
    const owner = await signIn();
    await upload(
      owner.page,
      'small.csv',
      [RESIDENT_CSV_HEADER, ...residentCsvRows('Upload Park', 2, 'Small Firm')].join('\n'),
    );
    const importId = importIdOf(owner.page);
    await waitForStatus(owner.page, 'checked');
    const commitUrl = url(`/admin/residents/import/${importId}/commit`);

    const stranger = await signIn(otherCoordinatorEmail);
    const shown = await stranger.page.goto(url(`/admin/residents/import/${importId}`));
    expect(shown?.status()).toBe(404);
    await expect(stranger.page.textContent('main')).resolves.not.toContain('small.csv');
    const strangerCommit = await stranger.page.request.post(commitUrl, {
      form: { _csrf: await csrfOf(stranger.page) },
      maxRedirects: 0,
    });
    expect({ status: strangerCommit.status(), location: strangerCommit.headers().location }).toEqual({
      status: 404,
      location: undefined,
    });

    const withoutToken = await owner.page.request.post(commitUrl, { form: {}, maxRedirects: 0 });
    expect(withoutToken.status()).toBe(403);
    const uploadWithoutToken = await owner.page.request.post(url('/admin/residents/import/upload'), {
      multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(RESIDENT_CSV_HEADER) } },
      maxRedirects: 0,
    });
    expect(uploadWithoutToken.status()).toBe(403);
    // Multipart is parsed on the upload route only: the paste route still refuses it as before.
    const multipartElsewhere = await owner.page.request.post(url('/admin/residents/import'), {
      multipart: { _csrf: await csrfOf(owner.page), csv: RESIDENT_CSV_HEADER },
      maxRedirects: 0,
    });
    expect(multipartElsewhere.status()).toBe(415);
    const [{ status }] = await query<{ status: string }>(`SELECT status FROM resident_imports WHERE id = $1`, [
      importId,
    ]);
    expect(status).toBe('checked');

    const ownerCommit = await owner.page.request.post(commitUrl, {
      form: { _csrf: await csrfOf(owner.page) },
      maxRedirects: 0,
    });
    expect(ownerCommit.status()).toBe(303);
    await owner.page.goto(url(`/admin/residents/import/${importId}`));
    await waitForStatus(owner.page, 'committed');
    await expect(query(`SELECT name FROM residents WHERE import_id = $1 ORDER BY name`, [importId])).resolves.toEqual([
      { name: 'Small Firm 00001' },
      { name: 'Small Firm 00002' },
    ]);
    await owner.context.close();
    await stranger.context.close();
  }, 300_000);
});
