import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ResidentsService, type Resident } from '@app/domain';
import { createEnterprise, createResident, createStaff, createTechnopark, nextLegalId } from './support/factories';
import { MACHINING_TASK, postTask } from './support/notification-helpers';
import { launchChromium, screenshot } from './support/browser';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

const PASSWORD = 'correct horse battery';

/** The dashboard's residents pages, driven through Debian's chromium. */
describe('dashboard residents pages in a browser', () => {
  let system: SystemUnderTest;
  let browser: Browser;
  let mine: Resident;
  let theirs: Resident;
  let coordinatorEmail: string;

  beforeAll(async () => {
    system = await startSystem();
    const park = await createTechnopark(system.api, { name: 'Residents Park' });
    const otherPark = await createTechnopark(system.api, { name: 'Foreign Park' });
    mine = await createResident(system.api, {
      technoparkId: park.id,
      name: 'Gomel Gearworks',
      capabilities: ['25.62.cnc-turning'],
      emails: ['gears@firm.example'],
    });
    await createResident(system.api, {
      technoparkId: park.id,
      name: 'Idle Foundry',
      capabilities: ['25.62.cnc-turning'],
      active: false,
    });
    theirs = await createResident(system.api, {
      technoparkId: otherPark.id,
      name: 'Foreign Fabrication',
      capabilities: ['25.62.cnc-turning'],
    });
    coordinatorEmail = (await createStaff(system.api, 'coordinator', [park.id])).user.email;
    await postTask(system, (await createEnterprise(system.api)).apiKey, MACHINING_TASK);
    await waitFor('the email to Gomel Gearworks to be sent', async () => {
      const [row] = await system.database.dataSource.query<{ status: string }[]>(
        `SELECT status FROM notifications WHERE resident_id = $1`,
        [mine.id],
      );
      return row?.status === 'sent' ? true : undefined;
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const url = (path: string) => `${system.baseUrl}${path}`;
  const signIn = async (context: BrowserContext) => {
    const page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.fill('#email', coordinatorEmail);
    await page.fill('#password', PASSWORD);
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForLoadState();
    return page;
  };
  const listedNames = (page: Page) => page.locator('tr[data-resident] td:first-child a').allTextContents();

  it('lists only the coordinator’s technopark, and filters by text and activity', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await signIn(context);
    await page.goto(url('/admin/residents'));
    expect((await listedNames(page)).sort()).toEqual(['Gomel Gearworks', 'Idle Foundry']);
    await screenshot(page, 'residents-list');

    await page.fill('#f-q', 'gear');
    await page.click('form.filters button[type=submit]');
    await page.waitForLoadState();
    expect(await listedNames(page)).toEqual(['Gomel Gearworks']);

    await page.goto(url('/admin/residents?active=false'));
    expect(await listedNames(page)).toEqual(['Idle Foundry']);
    await context.close();
  });

  it('answers the 404 page for another technopark’s resident opened by URL', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    const response = await page.goto(url(`/admin/residents/${theirs.id}`));
    expect(response?.status()).toBe(404);
    await expect(page.textContent('main')).resolves.not.toContain('Foreign Fabrication');
    await screenshot(page, 'residents-not-found');
    await context.close();
  });

  it('shows capabilities with labels, refuses an invalid edit next to the form, and saves a valid one', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies([{ name: 'lang', value: 'en', url: url('/admin') }]);
    const page = await signIn(context);
    await page.goto(url(`/admin/residents/${mine.id}`));
    await expect(page.textContent('ul.capabilities')).resolves.toMatch(/25\.62\.cnc-turning — \S+/);
    await expect(page.textContent('#matches')).resolves.toContain(MACHINING_TASK.title);
    await expect(page.textContent('#notifications tbody')).resolves.toContain('sent');
    await screenshot(page, 'resident-page');

    await page.fill('#r-capabilities', '25.62.cnc-turning; 99.99.no-such-thing');
    await page.click('form.edit button[type=submit]');
    await page.waitForLoadState();
    await expect(page.textContent('[data-error-for=capabilities]')).resolves.toContain(
      'unknown capability code 99.99.no-such-thing',
    );
    await screenshot(page, 'resident-edit-error');

    await page.fill('#r-name', 'Gomel Gearworks & Sons');
    await page.fill('#r-capabilities', '25.62.cnc-turning');
    await page.fill('#r-headcount', '75');
    await page.selectOption('#r-notificationMode', 'daily');
    await page.click('form.edit button[type=submit]');
    await page.waitForLoadState();
    await expect(page.textContent('[role=status]')).resolves.toContain('Changes saved');
    await expect(page.textContent('h1')).resolves.toBe('Gomel Gearworks & Sons');
    const stored = await system.api.get(ResidentsService).get(mine.id, null);
    expect(stored).toMatchObject({ name: 'Gomel Gearworks & Sons', headcount: 75, notificationMode: 'daily' });
    await screenshot(page, 'resident-edited');

    await page.click(`form[action="/admin/residents/${mine.id}/active"] button`);
    await page.waitForLoadState();
    await expect(page.textContent('[data-status]')).resolves.toBe('inactive');
    expect((await system.api.get(ResidentsService).get(mine.id, null))?.active).toBe(false);
    await context.close();
  });
  const HEADER =
    'technopark,name,region,legal_id,headcount,capabilities,certifications,emails,language,notification_mode';
  const importCsv = async (page: Page, csv: string) => {
    await page.goto(url('/admin/residents/import'));
    await page.fill('#csv', csv);
    await page.click('button[data-step=preview]');
    await page.waitForLoadState();
    // The worker checks the stored import; its page reloads itself until then.
    await page.waitForSelector('[data-status=checked]', { timeout: 120_000 });
  };

  it('shows each bad row of a pasted import with its line and column, and imports nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies([{ name: 'lang', value: 'en', url: url('/admin') }]);
    const page = await signIn(context);
    await importCsv(
      page,
      [
        HEADER,
        `Residents Park,Brest Bearings,BY-BR,${nextLegalId('BY')},30,25.62.cnc-turning,ISO 9001,bb@firm.example,ru,instant`,
        `Residents Park,Vitebsk Valves,BY-VI,${nextLegalId('BY')},12,25.62.cnc-turning;99.99.no-such-thing,,vv@firm.example,en,daily`,
        `Foreign Park,"Mogilev Metal, Ltd",BY-MA,${nextLegalId('BY')},8,25.62.cnc-turning,,mm@firm.example,,`,
      ].join('\n'),
    );
    const problems = await Promise.all(
      (await page.locator('table.problems tbody tr').all()).map((row) => row.locator('td').allTextContents()),
    );
    expect(problems).toEqual([
      ['3', 'capabilities', expect.stringContaining('unknown capability code 99.99.no-such-thing')],
      ['4', 'technopark', expect.stringContaining('Foreign Park')],
    ]);
    await expect(page.textContent('[data-count=problems] .figure')).resolves.toBe('2');
    await expect(page.locator('table.rows tr.invalid').count()).resolves.toBe(2);
    await expect(page.locator('button[data-step=commit]').count()).resolves.toBe(0);
    await screenshot(page, 'residents-import-pasted-errors');
    const imported = await system.database.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM residents WHERE name IN ('Brest Bearings', 'Vitebsk Valves')`,
    );
    expect(imported[0].count).toBe(0);
    await context.close();
  });

  it('imports a good pasted file in one go and lists the new residents', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context);
    await importCsv(
      page,
      [
        HEADER,
        `Residents Park,Brest Bearings,BY-BR,${nextLegalId('BY')},30,25.62.cnc-turning,ISO 9001;ISO 14001,bb@firm.example,ru,instant`,
        `Residents Park,"Vitebsk Valves, Ltd",BY-VI,${nextLegalId('BY')},12,25.62.cnc-turning,,vv@firm.example;sales@vv.example,en,daily`,
      ].join('\r\n'),
    );
    await expect(page.textContent('[data-count=rows] .figure')).resolves.toBe('2');
    await expect(page.textContent('[data-count=problems] .figure')).resolves.toBe('0');
    await screenshot(page, 'residents-import-preview');
    await page.click('button[data-step=commit]');
    await page.waitForLoadState();
    await page.waitForSelector('[data-status=committed]', { timeout: 120_000 });
    await expect(page.textContent('[data-created]')).resolves.toBe('2');
    await page.click('a[data-imported-residents]');
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/admin/residents');
    expect((await listedNames(page)).sort()).toEqual(['Brest Bearings', 'Vitebsk Valves, Ltd']);
    await screenshot(page, 'residents-imported');
    const [valves] = await system.database.dataSource.query<{ emails: string[]; language: string }[]>(
      `SELECT emails, language FROM residents WHERE name = 'Vitebsk Valves, Ltd'`,
    );
    expect(valves).toEqual({ emails: ['vv@firm.example', 'sales@vv.example'], language: 'en' });
    await context.close();
  });
});
