import { createHmac } from 'node:crypto';
import { signAnswerToken, type AnswerAction } from '@app/domain';
import { buildSecurityWorld } from '../support/security-world';
import { startSystem, TEST_SECRET, type SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';

interface Links {
  interested: string;
  declined: string;
  digest: string;
  unsubscribe: string;
}

const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as unknown[];
const encode = (claims: unknown[]) => Buffer.from(JSON.stringify(claims)).toString('base64url');
const tokenOf = (path: string) => path.slice('/r/'.length);

/** Resident answer links: only the exact token the server signed, for its match and action, before it expires. */
describe('security: tampered answer tokens', () => {
  let system: SystemUnderTest;
  /** Resident B's two emails: about enterprise A's task and about enterprise B's task. */
  let aboutA: Links;
  let aboutB: Links;

  beforeAll(async () => {
    system = await startSystem();
    await buildSecurityWorld(system);
    const emails = await waitFor('two emails to resident B', () => {
      const received = system.smtp.received.filter((email) => email.envelopeTo.includes('bravo@firm.example'));
      return Promise.resolve(received.length === 2 ? received : undefined);
    });
    const linksOf = (title: string): Links => {
      const email = emails.find((candidate) => candidate.parsed.subject?.includes(title))!;
      const [interested, declined, digest, unsubscribe] = [
        ...(email.parsed.text ?? '').matchAll(/http:\/\/technomatch\.test(\/r\/[\w.-]+)/g),
      ].map((found) => found[1]);
      return { interested, declined, digest, unsubscribe };
    };
    aboutA = linksOf('Alpha valve body');
    aboutB = linksOf('Bravo valve body');
  });

  afterAll(async () => {
    await system?.close();
  });

  /** Everything an answer could change: matches, the resident's subscription, and what the enterprise hears. */
  const state = async () =>
    JSON.stringify(
      await system.database.dataSource.query(
        `SELECT (SELECT json_agg(json_build_object('id', id, 'status', status, 'answered_at', answered_at,
                   'decline_reason', decline_reason, 'decline_comment', decline_comment) ORDER BY id) FROM matches) AS matches,
                (SELECT json_agg(json_build_object('id', id, 'unsubscribed_at', unsubscribed_at, 'mode', notification_mode) ORDER BY id)
                   FROM residents) AS residents,
                (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM webhook_deliveries) AS webhooks`,
      ),
    );
  const send = (path: string, method: string) =>
    fetch(`${system.baseUrl}${path}`, {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'POST' ? 'reason=other&comment=forged' : undefined,
    });

  it('refuses every tampered, foreign, expired or misdirected token with the "nothing changed" page', async () => {
    const [body, signature] = tokenOf(aboutA.interested).split('.');
    const [matchA, , expiresAt] = decode(aboutA.interested.slice(3)) as [string, AnswerAction, number];
    const [matchB, , ,] = decode(aboutB.interested.slice(3)) as [string, AnswerAction, number];
    const [residentId] = decode(aboutA.unsubscribe.slice(3)) as [string];
    const otherSignature = tokenOf(aboutB.interested).split('.')[1];
    const flip = (text: string) => `${text.slice(0, -1)}${text.endsWith('A') ? 'B' : 'A'}`;
    const now = Math.floor(Date.now() / 1000);
    const withAnotherSecret = (claims: unknown[]) => {
      const payload = encode(claims);
      const key = createHmac('sha256', 'another-secret-0123456789-0123456789')
        .update('technomatch/answer-token/v1')
        .digest();
      return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
    };
    const sign = (subject: string, action: AnswerAction, expires = expiresAt) =>
      signAnswerToken({ subject, action, expiresAt: expires }, TEST_SECRET);

    const cases: [string, string, number][] = [
      [
        'a changed payload (another match) with the original signature',
        `${encode([matchB, 'interested', expiresAt])}.${signature}`,
        400,
      ],
      ['a changed action with the original signature', `${encode([matchA, 'declined', expiresAt])}.${signature}`, 400],
      [
        'a later expiry with the original signature',
        `${encode([matchA, 'interested', expiresAt + 86_400])}.${signature}`,
        400,
      ],
      ['a changed signature', `${body}.${flip(signature)}`, 400],
      ["another match's signature", `${body}.${otherSignature}`, 400],
      ['no signature', `${body}.`, 400],
      ['an extra segment', `${body}.${signature}.x`, 400],
      ['a signature over another secret', withAnotherSecret([matchA, 'interested', expiresAt]), 400],
      ['an expired token', sign(matchA, 'interested', now - 60), 410],
      ['an unsubscribe token naming a match', sign(matchA, 'unsubscribe'), 410],
      ['an interested token naming a resident', sign(residentId, 'interested'), 410],
      [
        'an unknown action, signed',
        signAnswerToken({ subject: matchA, action: 'approve' as AnswerAction, expiresAt }, TEST_SECRET),
        400,
      ],
      ['a subject that is SQL, signed', sign(`' OR '1'='1`, 'interested'), 410],
      ['garbage', 'not-a-token', 400],
      ['a huge token', 'A'.repeat(400), 400],
    ];
    const before = await state();
    const wrong: string[] = [];
    for (const [label, token, status] of cases) {
      for (const method of ['GET', 'POST']) {
        const response = await send(`/r/${token}`, method);
        const html = await response.text();
        if (response.status !== status || !html.includes('Nothing was changed.') || html.includes('<form')) {
          wrong.push(`${label} (${method}) → ${response.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await state()).toBe(before);
  });

  it('records the genuine link once, and a replay changes nothing', async () => {
    const before = await state();
    const answered = await send(aboutB.declined, 'POST');
    expect(answered.status).toBe(200);
    await answered.arrayBuffer();
    const afterFirst = await state();
    expect(afterFirst).not.toBe(before);
    const [match] = await system.database.dataSource.query<{ status: string; decline_comment: string }[]>(
      `SELECT status, decline_comment FROM matches WHERE id = $1`,
      [decode(tokenOf(aboutB.declined))[0]],
    );
    expect(match).toEqual({ status: 'declined', decline_comment: 'forged' });
    for (const path of [aboutB.declined, aboutB.interested]) {
      const replay = await send(path, 'POST');
      expect(replay.status).toBe(200);
      expect(await replay.text()).not.toContain('<form');
    }
    expect(await state()).toBe(afterFirst);
  });

  it('records a decline whose comment carries a NUL character, without the NUL (PostgreSQL text cannot hold it)', async () => {
    const response = await fetch(`${system.baseUrl}${aboutA.declined}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reason=budget&comment=a%00b',
    });
    expect(response.status).toBe(200);
    const [match] = await system.database.dataSource.query<{ status: string; decline_reason: string }[]>(
      `SELECT status, decline_reason, decline_comment FROM matches WHERE id = $1`,
      [decode(tokenOf(aboutA.declined))[0]],
    );
    expect(match).toEqual({ status: 'declined', decline_reason: 'budget', decline_comment: 'ab' });
  });
});
