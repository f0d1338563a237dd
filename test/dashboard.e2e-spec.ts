import type { Browser, BrowserContext } from 'playwright-core';
import { MAX_FAILED_LOGINS, type Resident } from '@app/domain';
import { createEnterprise, createResident, createStaff, createTechnopark } from './support/factories';
import { MACHINING_TASK, postTask } from './support/notification-helpers';
import { launchChromium, screenshot } from './support/browser';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

const PASSWORD = 'correct horse battery';
const HOSTILE_TITLE = '<script>window.__injected = 1</script> Valve body';

/** The coordinators' dashboard, driven through Debian's chromium. */
describe('coordinators dashboard in a browser', () => {
  let system: SystemUnderTest;
  let browser: Browser;
  let mine: Resident;
  let theirs: Resident;
  let second: Resident;
  let coordinatorEmail: string;
  let adminEmail: string;
  let lockedEmail: string;
  let taskId: string;

  beforeAll(async () => {
    system = await startSystem();
    const park = await createTechnopark(system.api, { name: 'Reviewing Park', reviewMatches: true });
    const otherPark = await createTechnopark(system.api, { name: 'Other Park', reviewMatches: true });
    mine = await createResident(system.api, {
      technoparkId: park.id,
      name: 'Minsk Machining',
      capabilities: ['25.62.cnc-turning'],
      emails: ['mine@firm.example'],
    });
    second = await createResident(system.api, {
      technoparkId: park.id,
      name: 'Second Shop',
      capabilities: ['25.62.cnc-turning'],
      emails: ['second@firm.example'],
    });
    theirs = await createResident(system.api, {
      technoparkId: otherPark.id,
      name: 'Elsewhere Works',
      capabilities: ['25.62.cnc-turning'],
      emails: ['theirs@firm.example'],
    });
    coordinatorEmail = (await createStaff(system.api, 'coordinator', [park.id])).user.email;
    lockedEmail = (await createStaff(system.api, 'coordinator', [park.id])).user.email;
    adminEmail = (await createStaff(system.api, 'admin')).user.email;
    const apiKey = (await createEnterprise(system.api)).apiKey;
    taskId = await postTask(system, apiKey, { ...MACHINING_TASK, title: HOSTILE_TITLE });
    await waitFor('the three matches to be proposed', async () => {
      const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM matches WHERE task_id = $1 AND status = 'proposed'`,
        [taskId],
      );
      return count === 3 ? true : undefined;
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const url = (path: string) => `${system.baseUrl}${path}`;
  const matchOf = async (resident: Resident) => {
    const [row] = await system.database.dataSource.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM matches WHERE task_id = $1 AND resident_id = $2`,
      [taskId, resident.id],
    );
    return row;
  };
  const signIn = async (context: BrowserContext, password = PASSWORD, email = coordinatorEmail) => {
    const page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForLoadState();
    return page;
  };

  it('answers an unknown dashboard address with the 404 page, not the problem+json of the API', async () => {
    const response = await fetch(url('/admin/no-such-page'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Такой страницы нет (404)');
    const english = await fetch(url('/admin/no/such/page?x=1'), { headers: { cookie: 'lang=en' } });
    expect(english.status).toBe(404);
    expect(await english.text()).toContain('There is no such page (404)');
    const api = await fetch(url('/api/v1/no-such-route'));
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends a visitor without a session to the sign-in page, and refuses a wrong password', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    await page.goto(url('/admin/review'));
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await screenshot(page, 'login');

    const refused = await signIn(context, 'not the password');
    expect(new URL(refused.url()).pathname).toBe('/admin/login');
    await expect(refused.locator('[role=alert]').textContent()).resolves.toContain('Неверная почта или пароль');
    await screenshot(refused, 'login-error');
    await context.close();
  });

  it('locks an account after repeated wrong passwords, as the API does', async () => {
    const context = await browser.newContext();
    for (let attempt = 0; attempt < MAX_FAILED_LOGINS; attempt += 1) {
      await (await signIn(context, 'not the password', lockedEmail)).close();
    }
    const page = await signIn(context, PASSWORD, lockedEmail);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await expect(page.locator('[role=alert]').count()).resolves.toBe(1);

    // Beyond ten attempts a minute for one address and email, sign-in is rate limited like the API's.
    const csrf = await page.locator('input[name=_csrf]').inputValue();
    const statuses: number[] = [];
    // Attempts so far: the wrong ones and the right one above.
    for (let attempt = MAX_FAILED_LOGINS + 2; attempt <= 11; attempt += 1) {
      const response = await page.request.post(url('/admin/login'), {
        form: { _csrf: csrf, email: lockedEmail, password: 'not the password' },
      });
      statuses.push(response.status());
    }
    expect(statuses.at(-1)).toBe(429);
    const limited = await page.request.post(url('/admin/login'), {
      form: { _csrf: csrf, email: lockedEmail, password: 'not the password' },
    });
    expect(limited.headers()['content-type']).toContain('text/html');
    expect(await limited.text()).toContain('Слишком много попыток входа');
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    await context.close();
  });

  it('lets a coordinator review only their matches, renders a hostile title as text, and emails on approval', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await signIn(context);
    expect(new URL(page.url()).pathname).toBe('/admin');
    const cookie = (await context.cookies()).find((candidate) => candidate.name === 'tm_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    await expect(page.locator('[data-figure=proposed] .figure').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-figure=open-tasks] .figure').textContent()).resolves.toBe('1');
    await screenshot(page, 'overview');

    await page.click('nav a[href="/admin/review"]');
    const rows = page.locator('tr[data-match-id]');
    await expect(rows.count()).resolves.toBe(2);
    const { id: myMatch } = await matchOf(mine);
    const { id: secondMatch } = await matchOf(second);
    const shown = await Promise.all([0, 1].map((index) => rows.nth(index).getAttribute('data-match-id')));
    expect(shown.sort()).toEqual([myMatch, secondMatch].sort());
    await expect(page.locator(`tr[data-match-id="${myMatch}"]`).textContent()).resolves.toContain('Minsk Machining');
    await expect(page.content()).resolves.not.toContain('Elsewhere Works');
    await expect(page.locator('.task-title').first().textContent()).resolves.toContain(HOSTILE_TITLE);
    expect(await page.evaluate('typeof globalThis.__injected')).toBe('undefined');
    await screenshot(page, 'review');

    // Another technopark's match, posted with a valid session and token, is not decided.
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const { id: theirMatch } = await matchOf(theirs);
    const foreign = await page.request.post(url('/admin/review'), {
      form: { _csrf: csrf, one: `${theirMatch}:approve` },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(303);
    expect(foreign.headers().location).toBe('/admin/review?done=0&failed=1');
    expect((await matchOf(theirs)).status).toBe('proposed');

    const forged = await page.request.post(url('/admin/review'), { form: { one: `${myMatch}:approve` } });
    expect(forged.status()).toBe(403);
    const wrongToken = await page.request.post(url('/admin/review'), {
      form: { _csrf: 'x'.repeat(43), one: `${myMatch}:approve` },
    });
    expect(wrongToken.status()).toBe(403);
    await page.setContent(await forged.text());
    await screenshot(page, 'forbidden');
    expect((await matchOf(mine)).status).toBe('proposed');

    await page.goto(url('/admin/review'));
    await page.click(`tr[data-match-id="${myMatch}"] button[value="${myMatch}:approve"]`);
    await page.waitForLoadState();
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Готово: 1.');
    await expect(page.locator('tr[data-match-id]').count()).resolves.toBe(1);
    await screenshot(page, 'review-approved');
    const email = await waitFor('the approval email at the SMTP server', () =>
      Promise.resolve(system.smtp.received.find((received) => received.envelopeTo.includes('mine@firm.example'))),
    );
    expect(email.parsed.subject).toContain('Valve body');
    expect(system.smtp.received.some((received) => received.envelopeTo.includes('theirs@firm.example'))).toBe(false);

    await page.check(`tr[data-match-id="${secondMatch}"] input[name=ids]`);
    await page.click('.bulk button[value=reject]');
    await page.waitForLoadState();
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Готово: 1.');
    await expect(page.locator('tr[data-match-id]').count()).resolves.toBe(0);
    expect((await matchOf(second)).status).toBe('rejected');
    await screenshot(page, 'review-empty');
    await context.close();
  });

  it('switches to English and back on a tablet screen, then signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
    const page = await signIn(context);
    await page.click('a[hreflang=en]');
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Overview');
    await screenshot(page, 'overview-en-tablet');

    await page.click('nav a[href="/admin/review"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Review queue');
    await page.click('a[hreflang=ru]');
    expect(new URL(page.url()).pathname).toBe('/admin/review');
    await expect(page.locator('h1').textContent()).resolves.toBe('Проверка совпадений');
    await screenshot(page, 'review-ru-tablet');

    await page.click('form[action="/admin/logout"] button');
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect((await context.cookies()).some((cookie) => cookie.name === 'tm_session')).toBe(false);
    await page.goto(url('/admin'));
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await screenshot(page, 'signed-out');
    await context.close();
  });

  it("shows an admin every technopark's figures and matches", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await signIn(context, PASSWORD, adminEmail);
    await expect(page.locator('[data-figure=proposed] .figure').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-figure=emails-sent] .figure').textContent()).resolves.toBe('1');
    await screenshot(page, 'overview-admin');
    await page.click('nav a[href="/admin/review"]');
    await expect(page.locator('tr[data-match-id]').textContent()).resolves.toContain('Elsewhere Works');
    await context.close();
  });
});
