import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { WebhooksService } from '@app/domain';
import { apiClient, expectProblem, type ApiCall } from '../support/api-client';
import { createEnterprise, createStaff } from '../support/factories';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';

/**
 * Webhooks must not become a way into the network (SSRF): with the guard on, as in production, a URL naming a
 * private or loopback address is refused at registration, and a name that resolves to one is refused at delivery.
 */
describe('security: webhook targets inside the network', () => {
  let system: SystemUnderTest;
  let call: ApiCall;
  let admin: string;
  let receiver: Server;
  let receiverPort: number;
  let received = 0;

  beforeAll(async () => {
    system = await startSystem({ env: { WEBHOOK_ALLOW_PRIVATE: 'false' } });
    call = apiClient(system.baseUrl);
    admin = (await createStaff(system.api, 'admin')).token;
    receiver = createServer((request, response) => {
      received += 1;
      request.resume();
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverPort = (receiver.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await system?.close();
  });

  it.each([
    'http://127.0.0.1:9200/_search',
    'http://localhost:6379/',
    'http://169.254.169.254/latest/meta-data/iam/',
    'http://10.0.0.5/admin',
    'http://[::1]:5432/',
    'http://[::ffff:192.168.0.1]/',
  ])('refuses to register %s (400 on url), and keeps the enterprise without a webhook', async (url) => {
    const { enterprise } = await createEnterprise(system.api);
    const refused = expectProblem(
      await call('PUT', `/api/v1/enterprises/${enterprise.id}/webhook`, { token: admin, body: { url } }),
      400,
    );
    expect(refused.errors).toEqual([
      { path: 'url', message: expect.stringMatching(/^must not point inside the network/) },
    ]);
    const [row] = await system.database.dataSource.query<{ webhook_url: string | null }[]>(
      `SELECT webhook_url FROM enterprises WHERE id = $1`,
      [enterprise.id],
    );
    expect(row.webhook_url).toBeNull();
  });

  it('registers a public URL', async () => {
    const { enterprise } = await createEnterprise(system.api);
    const url = 'https://erp.plant.example/hooks/technomatch';
    const set = await call('PUT', `/api/v1/enterprises/${enterprise.id}/webhook`, { token: admin, body: { url } });
    expect(set.status).toBe(200);
  });

  it('refuses at delivery a name that resolves to a private address: failed at once, nothing sent', async () => {
    const { enterprise } = await createEnterprise(system.api);
    // As if the name had pointed elsewhere at registration (DNS rebinding): this machine's name is loopback.
    const url = `http://${hostname()}:${receiverPort}/hook`;
    await system.database.dataSource.query(
      `UPDATE enterprises SET webhook_url = $2, webhook_secret = 'whsec_test' WHERE id = $1`,
      [enterprise.id, url],
    );
    const webhooks = system.api.get(WebhooksService);
    const deliveryId = await system.database.dataSource.transaction((manager) =>
      webhooks.queue(manager, enterprise.id, 'match.interested', randomUUID(), { matchId: randomUUID() }),
    );
    expect(deliveryId).not.toBeNull();
    await expect(webhooks.deliver(deliveryId!, false)).resolves.toBe('failed');
    const [delivery] = await system.database.dataSource.query<{ status: string; last_error: string }[]>(
      `SELECT status, last_error FROM webhook_deliveries WHERE id = $1`,
      [deliveryId],
    );
    expect(delivery.status).toBe('failed');
    expect(delivery.last_error).toMatch(/^WebhookTargetRefused: .* resolves to 127\.\d+\.\d+\.\d+, a private address$/);
    expect(received).toBe(0);
  });
});
