import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { signAnswerToken, verifyWebhookSignature, type Resident } from '@app/domain';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { postTask, sleep, waitForNotifications } from './support/notification-helpers';
import { startSystem, TEST_SECRET, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

interface Hook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The resident's side: answer pages, one-click unsubscribe, and the enterprise hearing back. */
describe('answer links and the enterprise hearing back', () => {
  let system: SystemUnderTest;
  let webhookServer: Server;
  const hooks: Hook[] = [];
  const webhookSecret = 'whsec_0123456789abcdef';
  let russian: Resident;
  let english: Resident;
  let taskId: string;
  let enterpriseEmail: string;
  const links: Record<string, { interested: string; declined: string; digest: string; unsubscribe: string }> = {};

  beforeAll(async () => {
    webhookServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        hooks.push({ headers: request.headers, body });
        // The receiver is down for the first delivery attempt.
        response.writeHead(hooks.length === 1 ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
    const hookPort = (webhookServer.address() as { port: number }).port;

    system = await startSystem();
    const park = await createTechnopark(system.api, { name: 'Answers Park' });
    russian = await createResident(system.api, {
      technoparkId: park.id,
      capabilities: ['25.62.cnc-turning'],
      emails: ['ru@firm.example'],
      name: 'ООО «Токарь»',
    });
    english = await createResident(system.api, {
      technoparkId: park.id,
      capabilities: ['25.62.cnc-turning'],
      emails: ['en@firm.example'],
      language: 'en',
      name: 'Turner Ltd',
    });
    const enterprise = await createEnterprise(system.api, 'Answers Plant');
    await system.database.dataSource.query(
      `UPDATE enterprises SET webhook_url = $1, webhook_secret = $2 WHERE name = 'Answers Plant'`,
      [`http://127.0.0.1:${hookPort}/hooks/technomatch`, webhookSecret],
    );
    [{ email: enterpriseEmail }] = await system.database.dataSource.query<{ email: string }[]>(
      `SELECT email FROM enterprises WHERE name = 'Answers Plant'`,
    );
    taskId = await postTask(system, enterprise.apiKey);
    await waitForNotifications(system, taskId, 2, ['sent']);
    for (const resident of [russian, english]) {
      const email = system.smtp.received.find((candidate) => candidate.envelopeTo.includes(resident.emails[0]))!;
      const [interested, declined, digest, unsubscribe] = [
        ...(email.parsed.text ?? '').matchAll(/http:\/\/technomatch\.test(\/r\/[\w.-]+)/g),
      ].map((found) => found[1]);
      links[resident.id] = { interested, declined, digest, unsubscribe };
    }
  });

  afterAll(async () => {
    await system?.close();
    await new Promise((resolve) => webhookServer?.close(resolve));
  });

  const page = (path: string, init: RequestInit = {}) => fetch(`${system.baseUrl}${path}`, init);
  const form = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const state = async () =>
    system.database.dataSource.query<
      { resident_id: string; status: string; decline_reason: string | null; unsubscribed: boolean; mode: string }[]
    >(
      `SELECT m.resident_id, m.status, m.decline_reason, r.unsubscribed_at IS NOT NULL AS unsubscribed,
              r.notification_mode AS mode
       FROM matches m JOIN residents r ON r.id = m.resident_id WHERE m.task_id = $1 ORDER BY r.name`,
      [taskId],
    );

  it('shows a confirm page for every link and changes nothing on GET', async () => {
    const before = await state();
    for (const path of Object.values(links[russian.id])) {
      const response = await page(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain('lang="ru"');
    }
    const declinePage = await (await page(links[russian.id].declined)).text();
    expect(declinePage).toContain('Слишком короткий срок');
    expect(await state()).toEqual(before);
    expect(before.every((row) => row.status === 'notified')).toBe(true);
  });

  it('answers a tampered or expired link with a clear page and changes nothing', async () => {
    const before = await state();
    const path = links[russian.id].interested;
    const tampered = `${path.slice(0, -2)}${path.endsWith('AA') ? 'BB' : 'AA'}`;
    const [{ id: matchId }] = await system.database.dataSource.query<{ id: string }[]>(
      `SELECT id FROM matches WHERE task_id = $1 AND resident_id = $2`,
      [taskId, russian.id],
    );
    const expired = `/r/${signAnswerToken(
      { subject: matchId, action: 'interested', expiresAt: Math.floor(Date.now() / 1000) - 60 },
      TEST_SECRET,
    )}`;
    for (const [link, status] of [
      [tampered, 400],
      [expired, 410],
      ['/r/not-a-token', 400],
    ] as const) {
      for (const method of ['GET', 'POST']) {
        const response = await page(link, { method });
        expect({ link, method, status: response.status }).toEqual({ link, method, status });
        const html = await response.text();
        expect(html).toContain('Nothing was changed.');
        expect(html).toContain('Ничего не изменено.');
        expect(html).not.toContain('<form');
      }
    }
    expect(await state()).toEqual(before);
  });

  it('stores "not interested" with its reason, once', async () => {
    const response = await page(links[russian.id].declined, form({ reason: 'deadline', comment: 'Only from March' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Спасибо! Ваш ответ записан.');
    const [row] = await system.database.dataSource.query<
      { status: string; decline_reason: string; decline_comment: string }[]
    >(`SELECT status, decline_reason, decline_comment FROM matches WHERE task_id = $1 AND resident_id = $2`, [
      taskId,
      russian.id,
    ]);
    expect(row).toEqual({ status: 'declined', decline_reason: 'deadline', decline_comment: 'Only from March' });
    // The other answer link of the same match, and a second POST, change nothing.
    await page(links[russian.id].interested, { method: 'POST' });
    await page(links[russian.id].declined, form({ reason: 'budget' }));
    const [after] = await system.database.dataSource.query<{ status: string; decline_reason: string }[]>(
      `SELECT status, decline_reason FROM matches WHERE task_id = $1 AND resident_id = $2`,
      [taskId, russian.id],
    );
    expect(after).toEqual({ status: 'declined', decline_reason: 'deadline' });
  });

  it('tells the enterprise by email and by a signed webhook, retried until it is accepted', async () => {
    const response = await page(links[english.id].interested, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Thank you! Your answer has been recorded.');

    const email = await waitFor('the enterprise email', () =>
      Promise.resolve(system.smtp.received.find((candidate) => candidate.envelopeTo.includes(enterpriseEmail))),
    );
    expect(email.parsed.subject).toContain('A resident is interested');
    expect(email.parsed.text).toContain('Turner Ltd');
    expect(email.parsed.text).toContain('en@firm.example');

    await waitFor('a delivered webhook', () => Promise.resolve(hooks.length >= 2 ? true : undefined), 30_000);
    const [failed, delivered] = hooks;
    expect(failed.headers['x-technomatch-delivery']).toBe(delivered.headers['x-technomatch-delivery']);
    expect(delivered.headers['x-technomatch-event']).toBe('match.interested');
    const signature = String(delivered.headers['x-technomatch-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(signature, delivered.body, webhookSecret, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature(signature, delivered.body, 'wrong-secret', Math.floor(Date.now() / 1000))).toBe(
      false,
    );
    expect(JSON.parse(delivered.body)).toMatchObject({
      event: 'match.interested',
      data: { taskId, residentId: english.id, status: 'interested' },
    });

    const deliveries = await waitFor('the delivery to be marked delivered', async () => {
      const rows = await system.database.dataSource.query<{ id: string; status: string; attempts: number }[]>(
        `SELECT id, status, attempts FROM webhook_deliveries`,
      );
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(deliveries).toEqual([{ id: delivered.headers['x-technomatch-delivery'], status: 'delivered', attempts: 2 }]);
    const log = await system.database.dataSource.query<{ attempt: number; status_code: number }[]>(
      `SELECT attempt, status_code FROM webhook_delivery_attempts ORDER BY attempt`,
    );
    expect(log).toEqual([
      { attempt: 1, status_code: 503 },
      { attempt: 2, status_code: 204 },
    ]);

    // Contact details now appear to the enterprise; answering again tells it nothing new.
    await page(links[english.id].interested, { method: 'POST' });
    await sleep(500);
    expect(system.smtp.received.filter((candidate) => candidate.envelopeTo.includes(enterpriseEmail))).toHaveLength(1);
    expect(hooks).toHaveLength(2);
  });

  it('switches to the daily digest and unsubscribes with one click (RFC 8058)', async () => {
    const digest = await page(links[russian.id].digest, { method: 'POST' });
    expect(digest.status).toBe(200);
    const email = system.smtp.received.find((candidate) => candidate.envelopeTo.includes('en@firm.example'))!;
    const header = email.parsed.headerLines.find((line) => line.key === 'list-unsubscribe')!.line;
    const url = /<(http[^>]+)>/.exec(header)![1].replace('http://technomatch.test', system.baseUrl);
    const oneClick = await fetch(url, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(oneClick.status).toBe(200);
    const rows = await state();
    expect(rows.find((row) => row.resident_id === russian.id)).toMatchObject({ mode: 'daily', unsubscribed: false });
    expect(rows.find((row) => row.resident_id === english.id)).toMatchObject({ unsubscribed: true });
  });
});
