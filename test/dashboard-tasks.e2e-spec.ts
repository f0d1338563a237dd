import type { Browser, BrowserContext } from 'playwright-core';
import type { Resident } from '@app/domain';
import { createEnterprise, createResident, createStaff, createTechnopark } from './support/factories';
import { MACHINING_TASK, notificationsOf, postTask, waitForNotifications } from './support/notification-helpers';
import { launchChromium, screenshot } from './support/browser';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

const BOUNCED = 'bounced@firm.example';
const FOREIGN = 'foreign@firm.example';
const PASSWORD = 'correct horse battery';

/** The dashboard's notification log and task pages, driven through Debian's chromium. */
describe('dashboard notifications and tasks in a browser', () => {
  let system: SystemUnderTest;
  let browser: Browser;
  let mine: Resident;
  let theirs: Resident;
  let coordinatorEmail: string;
  let adminEmail: string;
  let strangerEmail: string;
  let taskId: string;
  let bouncing = true;

  beforeAll(async () => {
    system = await startSystem();
    const park = await createTechnopark(system.api, { name: 'Mail Park' });
    const otherPark = await createTechnopark(system.api, { name: 'Foreign Park' });
    mine = await createResident(system.api, {
      technoparkId: park.id,
      name: 'Bounced Works',
      capabilities: ['25.62.cnc-turning'],
      emails: [BOUNCED],
    });
    theirs = await createResident(system.api, {
      technoparkId: otherPark.id,
      name: 'Foreign Works',
      capabilities: ['25.62.cnc-turning'],
      emails: [FOREIGN],
    });
    // Lacks the required capability: the too-few diagnosis counts it.
    await createResident(system.api, { technoparkId: park.id, name: 'Foundry Works', capabilities: ['24.5'] });
    const quietPark = await createTechnopark(system.api, { name: 'Quiet Park' });
    coordinatorEmail = (await createStaff(system.api, 'coordinator', [park.id])).user.email;
    strangerEmail = (await createStaff(system.api, 'coordinator', [quietPark.id])).user.email;
    adminEmail = (await createStaff(system.api, 'admin')).user.email;
    system.smtp.respondWith((_attempt, envelopeTo) =>
      bouncing && envelopeTo.includes(BOUNCED) ? { code: 550, message: 'Mailbox unavailable' } : null,
    );
    taskId = await postTask(system, (await createEnterprise(system.api)).apiKey, MACHINING_TASK);
    await waitForNotifications(system, taskId, 2, ['sent', 'failed']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const url = (path: string) => `${system.baseUrl}${path}`;
  const notificationOf = async (resident: Resident) => {
    const rows = await notificationsOf(system, taskId);
    const row = rows.find((candidate) => candidate.resident_id === resident.id);
    if (!row) {
      throw new Error(`no notification for ${resident.name}`);
    }
    return row;
  };
  const signIn = async (context: BrowserContext, email: string, password = PASSWORD) => {
    const page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForLoadState();
    return page;
  };

  it("lists a coordinator's failed email, hides another technopark's, and retries it until it arrives", async () => {
    const failed = await notificationOf(mine);
    const foreign = await notificationOf(theirs);
    expect(failed.status).toBe('failed');
    expect(foreign.status).toBe('sent');

    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await signIn(context, coordinatorEmail);
    await page.click('nav a[href="/admin/notifications"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Уведомления');
    await expect(page.locator('tr[data-notification-id]').count()).resolves.toBe(1);
    await expect(page.content()).resolves.not.toContain('Foreign Works');
    await screenshot(page, 'notifications');

    await page.goto(url('/admin/notifications?status=sent'));
    await expect(page.locator('tr[data-notification-id]').count()).resolves.toBe(0);
    await page.goto(url('/admin/notifications?status=failed'));
    const row = page.locator(`tr[data-notification-id="${failed.id}"]`);
    await expect(row.textContent()).resolves.toContain('550');
    await expect(row.textContent()).resolves.toContain(BOUNCED);
    await screenshot(page, 'notifications-failed');

    // Another technopark's notification is not found, by URL or by a POST with a valid token.
    const foreignPage = await page.goto(url(`/admin/notifications/${foreign.id}`));
    expect(foreignPage?.status()).toBe(404);
    await expect(page.content()).resolves.not.toContain(FOREIGN);
    await screenshot(page, 'notification-foreign');
    await page.goto(url(`/admin/notifications/${failed.id}`));
    // The email, re-rendered, in a sandboxed frame without the resident's signed answer links.
    const frame = page.locator('iframe.email');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await expect(frame.getAttribute('srcdoc')).resolves.not.toMatch(/\/r\/[A-Za-z0-9_-]+\./);
    await expect(page.frameLocator('iframe.email').locator('body').textContent()).resolves.toContain(
      MACHINING_TASK.title,
    );
    await screenshot(page, 'notification');
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const foreignRetry = await page.request.post(url(`/admin/notifications/${foreign.id}/retry`), {
      form: { _csrf: csrf },
      maxRedirects: 0,
    });
    expect(foreignRetry.status()).toBe(404);
    const forged = await page.request.post(url(`/admin/notifications/${failed.id}/retry`), { maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect((await notificationOf(mine)).status).toBe('failed');

    bouncing = false;
    await page.click('button.retry');
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(`/admin/notifications/${failed.id}`);
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('снова поставлено в очередь');
    const email = await waitFor('the retried email at the SMTP server', () =>
      Promise.resolve(system.smtp.received.find((received) => received.envelopeTo.includes(BOUNCED))),
    );
    expect(email.parsed.subject).toContain('Valve body');
    await waitForNotifications(system, taskId, 2, ['sent']);
    await page.goto(url(`/admin/notifications/${failed.id}`));
    await expect(page.locator('.status').textContent()).resolves.toBe('отправлено');
    await expect(page.locator('h1').textContent()).resolves.toContain('Valve body');
    await expect(page.locator('button.retry').count()).resolves.toBe(0);
    await screenshot(page, 'notification-retried');
    await context.close();
  });

  it("shows a coordinator the task's ranked matches in their technoparks, answers and the too-few diagnosis", async () => {
    const { match_id: myMatch } = await notificationOf(mine);
    const { match_id: theirMatch } = await notificationOf(theirs);
    // The resident's answer, as the answer page records it.
    await system.database.dataSource.query(
      `UPDATE matches SET status = 'declined', decline_reason = 'budget', decline_comment = $2, answered_at = now()
       WHERE id = $1`,
      [myMatch, '<b>Budget too low</b>'],
    );

    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await signIn(context, coordinatorEmail);
    await page.click('nav a[href="/admin/tasks"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Задачи');
    const row = page.locator(`tr[data-task-id="${taskId}"]`);
    await expect(row.textContent()).resolves.toContain(MACHINING_TASK.title);
    await screenshot(page, 'tasks');
    await page.selectOption('#status', 'cancelled');
    await page.click('form.filters button[type=submit]');
    await page.waitForLoadState();
    await expect(page.locator('tr[data-task-id]').count()).resolves.toBe(0);
    await page.goto(url('/admin/tasks?capability=25.6&region=BY-HM'));
    await expect(page.locator('tr[data-task-id]').count()).resolves.toBe(1);
    await page.goto(url('/admin/tasks?capability=24.5'));
    await expect(page.locator('tr[data-task-id]').count()).resolves.toBe(0);
    await screenshot(page, 'tasks-filtered');

    await page.goto(url('/admin/tasks'));
    await page.click(`tr[data-task-id="${taskId}"] a`);
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(`/admin/tasks/${taskId}`);
    await expect(page.locator('tr[data-match-id]').count()).resolves.toBe(1);
    const match = page.locator(`tr[data-match-id="${myMatch}"]`);
    await expect(match.locator('.rank').textContent()).resolves.toMatch(/^[12]$/);
    await expect(match.locator('.score').textContent()).resolves.toBe('1.00');
    await expect(match.textContent()).resolves.toContain('Bounced Works');
    await expect(match.locator('.answer').textContent()).resolves.toContain('бюджет: <b>Budget too low</b>');
    await expect(page.content()).resolves.not.toContain('Foreign Works');
    const diagnosis = page.locator('.diagnosis[data-too-few=true]');
    await expect(diagnosis.locator('[role=alert]').textContent()).resolves.toContain('Слишком мало совпадений');
    await expect(diagnosis.locator('[data-excluded="capability:25.62"]').textContent()).resolves.toContain('1');
    await screenshot(page, 'task');
    await context.close();

    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const adminPage = await signIn(adminContext, adminEmail);
    await adminPage.goto(url(`/admin/tasks/${taskId}`));
    await expect(adminPage.locator('tr[data-match-id]').count()).resolves.toBe(2);
    await expect(adminPage.locator(`tr[data-match-id="${theirMatch}"]`).textContent()).resolves.toContain(
      'Foreign Works',
    );
    await screenshot(adminPage, 'task-admin');
    await adminContext.close();

    // A coordinator whose technoparks have no match of the task neither lists nor opens it.
    const strangerContext = await browser.newContext();
    const strangerPage = await signIn(strangerContext, strangerEmail);
    await strangerPage.goto(url('/admin/tasks'));
    await expect(strangerPage.locator('tr[data-task-id]').count()).resolves.toBe(0);
    const refused = await strangerPage.goto(url(`/admin/tasks/${taskId}`));
    expect(refused?.status()).toBe(404);
    await expect(strangerPage.content()).resolves.not.toContain(MACHINING_TASK.title);
    await screenshot(strangerPage, 'task-foreign');
    await strangerContext.close();
  });
});
