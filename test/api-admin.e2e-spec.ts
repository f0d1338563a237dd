import { apiClient, expectProblem, itemsOf, type ApiCall } from './support/api-client';
import { createEnterprise, createResident, createStaff, createTechnopark, nextLegalId } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';

interface ResidentBody {
  id: string;
  name: string;
  active: boolean;
  capabilities: string[];
}

/** Technoparks, residents, capabilities and regions as admins and coordinators use them. */
describe('administration API', () => {
  let system: SystemUnderTest;
  let call: ApiCall;
  let admin: string;
  let coordinator: string;
  let apiKey: string;
  let minskPark: { id: string };
  let moscowPark: { id: string };

  const auditRows = (entityId: string) =>
    system.database.dataSource.query<{ action: string; actor_type: string; before: unknown; after: unknown }[]>(
      `SELECT action, actor_type, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    );

  const residentBody = (overrides: object = {}) => ({
    technoparkId: minskPark.id,
    name: 'Precision Parts',
    region: 'BY-HM',
    legalId: nextLegalId('BY'),
    headcount: 40,
    capabilities: ['25.62.cnc-milling-5axis'],
    emails: ['Sales@Precision.example'],
    ...overrides,
  });

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    call = apiClient(system.baseUrl);
    minskPark = await createTechnopark(system.api, { name: 'Minsk Park (admin test)', regionCode: 'BY-HM' });
    moscowPark = await createTechnopark(system.api, { name: 'Moscow Park (admin test)', regionCode: 'RU-MOW' });
    admin = (await createStaff(system.api, 'admin')).token;
    coordinator = (await createStaff(system.api, 'coordinator', [minskPark.id])).token;
    apiKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('technoparks', () => {
    it('lets an admin create, read and change a technopark, with audit rows', async () => {
      const created = await call('POST', '/api/v1/technoparks', {
        token: admin,
        body: { name: 'Gomel Park', region: 'BY-HO', reviewMatches: true },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Gomel Park', region: 'BY-HO', reviewMatches: true });
      const patched = await call('PATCH', `/api/v1/technoparks/${created.body.id}`, {
        token: admin,
        body: { reviewMatches: false },
      });
      expect(patched.body.reviewMatches).toBe(false);
      expect((await call('GET', `/api/v1/technoparks/${created.body.id}`, { token: admin })).body.reviewMatches).toBe(
        false,
      );
      const audit = await auditRows(created.body.id);
      expect(audit.map((row) => [row.action, row.actor_type])).toEqual([
        ['technopark.create', 'user'],
        ['technopark.update', 'user'],
      ]);
      expect(audit[1].before).toMatchObject({ reviewMatches: true });
      expect(audit[1].after).toMatchObject({ reviewMatches: false });
    });

    it('rejects duplicates (409), unknown regions and unknown fields (400)', async () => {
      expectProblem(
        await call('POST', '/api/v1/technoparks', {
          token: admin,
          body: { name: 'minsk park (ADMIN TEST)', region: 'BY-HM' },
        }),
        409,
      );
      const region = expectProblem(
        await call('POST', '/api/v1/technoparks', { token: admin, body: { name: 'Nowhere', region: 'BY-XX' } }),
        400,
      );
      expect(region.errors?.[0].path).toBe('region');
      expectProblem(
        await call('POST', '/api/v1/technoparks', {
          token: admin,
          body: { name: 'X', region: 'BY-HM', colour: 'red' },
        }),
        400,
      );
    });

    it('shows a coordinator only their technoparks and lets them switch reviewMatches only', async () => {
      const list = await call('GET', '/api/v1/technoparks?limit=100', { token: coordinator });
      expect(itemsOf<{ id: string }>(list).map((park) => park.id)).toEqual([minskPark.id]);
      expectProblem(await call('GET', `/api/v1/technoparks/${moscowPark.id}`, { token: coordinator }), 404);
      expectProblem(
        await call('PATCH', `/api/v1/technoparks/${moscowPark.id}`, {
          token: coordinator,
          body: { reviewMatches: true },
        }),
        404,
      );
      expectProblem(
        await call('PATCH', `/api/v1/technoparks/${minskPark.id}`, { token: coordinator, body: { name: 'Mine now' } }),
        403,
      );
      const patched = await call('PATCH', `/api/v1/technoparks/${minskPark.id}`, {
        token: coordinator,
        body: { reviewMatches: true },
      });
      expect(patched.body.reviewMatches).toBe(true);
      expectProblem(
        await call('POST', '/api/v1/technoparks', { token: coordinator, body: { name: 'Y', region: 'BY-HM' } }),
        403,
      );
    });
  });

  describe('residents', () => {
    it('creates a resident with its country from the region, and audits it', async () => {
      const created = await call('POST', '/api/v1/residents', {
        token: admin,
        body: residentBody({ certifications: ['iso  9001'] }),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        country: 'BY',
        region: 'BY-HM',
        emails: ['sales@precision.example'],
        certifications: ['ISO 9001'],
        language: 'ru',
        notificationMode: 'instant',
        active: true,
      });
      expect((await auditRows(created.body.id)).map((row) => row.action)).toEqual(['resident.create']);
    });

    it('validates UNP and INN check digits', async () => {
      const unp = expectProblem(
        await call('POST', '/api/v1/residents', { token: admin, body: residentBody({ legalId: '100000006' }) }),
        400,
      );
      expect(unp.errors).toEqual([{ path: 'legalId', message: expect.stringMatching(/UNP/) }]);
      const inn = expectProblem(
        await call('POST', '/api/v1/residents', {
          token: admin,
          body: residentBody({ technoparkId: moscowPark.id, region: 'RU-MOW', legalId: '7700000001' }),
        }),
        400,
      );
      expect(inn.errors).toEqual([{ path: 'legalId', message: expect.stringMatching(/INN/) }]);
      const valid = await call('POST', '/api/v1/residents', {
        token: admin,
        body: residentBody({ technoparkId: moscowPark.id, region: 'RU-MOW', legalId: nextLegalId('RU') }),
      });
      expect(valid.status).toBe(201);
      expect(valid.body.country).toBe('RU');
    });

    it('answers an unknown capability with the closest known codes', async () => {
      const problem = expectProblem(
        await call('POST', '/api/v1/residents', {
          token: admin,
          body: residentBody({ capabilities: ['25.62.cnc-milling-5axis', '25.62.cnc-miling-5axis'] }),
        }),
        400,
      );
      expect(problem.errors).toEqual([
        {
          path: 'capabilities[1]',
          message: expect.stringMatching(/closest known codes: 25\.62\.cnc-milling-5axis/),
        },
      ]);
    });

    it('rejects a duplicate legal id with 409, invalid emails and unknown fields with 400', async () => {
      const legalId = nextLegalId('BY');
      expect((await call('POST', '/api/v1/residents', { token: admin, body: residentBody({ legalId }) })).status).toBe(
        201,
      );
      expectProblem(
        await call('POST', '/api/v1/residents', { token: admin, body: residentBody({ legalId, name: 'Copycat' }) }),
        409,
      );
      const invalid = expectProblem(
        await call('POST', '/api/v1/residents', {
          token: admin,
          body: residentBody({ emails: ['nope'], website: 'x' }),
        }),
        400,
      );
      expect(invalid.errors?.map((error) => error.path).sort()).toEqual(['emails[0]', 'website']);
    });

    it('filters by technopark, region, capability and text, with pagination', async () => {
      const park = await createTechnopark(system.api);
      const a = await createResident(system.api, {
        technoparkId: park.id,
        name: 'Alpha Machining',
        capabilities: ['25.62.cnc-turning'],
      });
      const b = await createResident(system.api, {
        technoparkId: park.id,
        name: 'Beta Coating',
        regionCode: 'BY-BR',
        capabilities: ['25.61.powder-coating'],
      });
      const ids = async (query: string) =>
        itemsOf<ResidentBody>(await call('GET', `/api/v1/residents?technoparkId=${park.id}&${query}`, { token: admin }))
          .map((item) => item.id)
          .sort();
      expect(await ids('')).toEqual([a.id, b.id].sort());
      expect(await ids('capability=25.62')).toEqual([a.id]);
      expect(await ids('capability=C')).toEqual([a.id, b.id].sort());
      expect(await ids('region=BY-BR')).toEqual([b.id]);
      expect(await ids('q=alpha')).toEqual([a.id]);
      expect(await ids(`q=${b.legalId}`)).toEqual([b.id]);
      expect(await ids('q=100%25')).toEqual([]);
      const first = await call('GET', `/api/v1/residents?technoparkId=${park.id}&limit=1`, { token: admin });
      expect(first.body.items).toHaveLength(1);
      const second = await call(
        'GET',
        `/api/v1/residents?technoparkId=${park.id}&limit=1&cursor=${first.body.nextCursor}`,
        {
          token: admin,
        },
      );
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      expect(second.body.nextCursor).toBeNull();
    });

    it('changes and deactivates a resident, with before/after in the audit log', async () => {
      const resident = await createResident(system.api, { technoparkId: minskPark.id, capabilities: ['25.62'] });
      const patched = await call('PATCH', `/api/v1/residents/${resident.id}`, {
        token: coordinator,
        body: { headcount: 99, capabilities: ['25.62.wire-edm'], notificationMode: 'daily' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        headcount: 99,
        capabilities: ['25.62.wire-edm'],
        notificationMode: 'daily',
      });
      const deactivated = await call('POST', `/api/v1/residents/${resident.id}/deactivate`, { token: coordinator });
      expect(deactivated.body.active).toBe(false);
      const inactive = await call('GET', `/api/v1/residents?technoparkId=${minskPark.id}&active=false`, {
        token: admin,
      });
      expect(itemsOf<ResidentBody>(inactive).map((item) => item.id)).toContain(resident.id);
      const reactivated = await call('POST', `/api/v1/residents/${resident.id}/activate`, { token: admin });
      expect(reactivated.body.active).toBe(true);
      const audit = await auditRows(resident.id);
      expect(audit.map((row) => row.action)).toEqual([
        'resident.create',
        'resident.update',
        'resident.deactivate',
        'resident.activate',
      ]);
      expect(audit[1]).toMatchObject({ before: { headcount: 20 }, after: { headcount: 99 } });
      const invalid = expectProblem(
        await call('PATCH', `/api/v1/residents/${resident.id}`, { token: admin, body: { legalId: '123' } }),
        400,
      );
      expect(invalid.errors?.[0].path).toBe('legalId');
    });

    it("keeps a coordinator to their technoparks' residents", async () => {
      const foreign = await createResident(system.api, {
        technoparkId: moscowPark.id,
        regionCode: 'RU-MOW',
        capabilities: ['25.62'],
      });
      expectProblem(await call('GET', `/api/v1/residents/${foreign.id}`, { token: coordinator }), 404);
      expectProblem(
        await call('PATCH', `/api/v1/residents/${foreign.id}`, { token: coordinator, body: { headcount: 1 } }),
        404,
      );
      expectProblem(await call('POST', `/api/v1/residents/${foreign.id}/deactivate`, { token: coordinator }), 404);
      const list = await call('GET', '/api/v1/residents?limit=100', { token: coordinator });
      expect(itemsOf<{ technoparkId: string }>(list).every((item) => item.technoparkId === minskPark.id)).toBe(true);
      expectProblem(
        await call('POST', '/api/v1/residents', {
          token: coordinator,
          body: residentBody({ technoparkId: moscowPark.id, region: 'RU-MOW', legalId: nextLegalId('RU') }),
        }),
        403,
      );
      expectProblem(await call('GET', '/api/v1/residents', { token: apiKey }), 403);
      expect((await call('GET', `/api/v1/residents/${foreign.id}`, { token: admin })).status).toBe(200);
    });
  });

  describe('capabilities and regions', () => {
    it('searches codes, ru/en labels and aliases', async () => {
      const byCode = await call('GET', '/api/v1/capabilities?query=25.62&limit=100', { token: apiKey });
      expect(byCode.status).toBe(200);
      expect(byCode.body.items[0].code).toBe('25.62');
      expect(itemsOf<{ code: string }>(byCode).every((item) => item.code.startsWith('25.62'))).toBe(true);
      const russian = await call('GET', `/api/v1/capabilities?query=${encodeURIComponent('фрезер')}`, {
        token: coordinator,
      });
      expect(itemsOf<{ code: string }>(russian).map((item) => item.code)).toContain('25.62.cnc-milling-5axis');
      const english = await call('GET', '/api/v1/capabilities?query=MILLING', { token: admin });
      expect(itemsOf<{ code: string }>(english).map((item) => item.code)).toContain('25.62.cnc-milling-5axis');
    });

    it('lets an admin extend the taxonomy; the new code is usable at once', async () => {
      const created = await call('POST', '/api/v1/capabilities', {
        token: admin,
        body: {
          code: '25.62.laser-micromachining',
          parentCode: '25.62',
          labels: { ru: 'Лазерная микрообработка', en: 'Laser micromachining' },
          aliases: ['femtosecond laser'],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ancestors: ['C', '25', '25.6', '25.62'], depth: 4 });
      const found = await call('GET', '/api/v1/capabilities?query=femtosecond', { token: apiKey });
      expect(itemsOf<{ code: string }>(found).map((item) => item.code)).toEqual(['25.62.laser-micromachining']);
      const resident = await call('POST', '/api/v1/residents', {
        token: admin,
        body: residentBody({ capabilities: ['25.62.laser-micromachining'] }),
      });
      expect(resident.status).toBe(201);
      expectProblem(
        await call('POST', '/api/v1/capabilities', {
          token: admin,
          body: { code: '25.62.laser-micromachining', parentCode: '25.62', labels: { ru: 'x', en: 'x' } },
        }),
        409,
      );
      const parent = expectProblem(
        await call('POST', '/api/v1/capabilities', {
          token: admin,
          body: { code: 'x-1', parentCode: '25.62.no-such-leaf', labels: { ru: 'x', en: 'x' } },
        }),
        400,
      );
      expect(parent.errors?.[0]).toMatchObject({
        path: 'parentCode',
        message: expect.stringMatching(/closest known codes/),
      });
      expectProblem(
        await call('POST', '/api/v1/capabilities', {
          token: coordinator,
          body: { code: 'x-2', parentCode: null, labels: { ru: 'x', en: 'x' } },
        }),
        403,
      );
    });

    it('lists regions, by country', async () => {
      const all = await call('GET', '/api/v1/regions', { token: apiKey });
      expect(all.body.items.length).toBeGreaterThan(100);
      const belarus = await call('GET', '/api/v1/regions?country=BY', { token: apiKey });
      expect(belarus.body.items).toHaveLength(7);
      expect(itemsOf<{ code: string }>(belarus).find((region) => region.code === 'BY-HM')).toMatchObject({
        names: { en: expect.stringMatching(/Minsk/) },
      });
      expectProblem(await call('GET', '/api/v1/regions?country=FR', { token: apiKey }), 400);
    });
  });
});
