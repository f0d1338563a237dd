import { WorkerHealthServer } from '../apps/worker/src/health/health.server';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';
import { metricValue } from './support/metrics';

/** Operators' view: Prometheus metrics on both apps, request ids, and health. */
describe('observability', () => {
  let system: SystemUnderTest;
  let apiKey: string;
  let workerUrl: string;

  beforeAll(async () => {
    system = await startSystem();
    const park = await createTechnopark(system.api);
    await createResident(system.api, {
      technoparkId: park.id,
      capabilities: ['26.12.smt-assembly'],
      emails: ['smt@board.example'],
    });
    apiKey = (await createEnterprise(system.api)).apiKey;
    workerUrl = `http://127.0.0.1:${system.worker!.get(WorkerHealthServer).port}`;
  });

  afterAll(async () => {
    await system?.close();
  });

  it('echoes a sane X-Request-Id and makes up one otherwise', async () => {
    const given = await fetch(`${system.baseUrl}/health/live`, { headers: { 'x-request-id': 'support-ticket-42' } });
    expect(given.headers.get('x-request-id')).toBe('support-ticket-42');
    const invented = await fetch(`${system.baseUrl}/health/live`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts requests, matching, jobs and emails in Prometheus format on both apps', async () => {
    const response = await fetch(`${system.baseUrl}/api/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Controller board',
        substitutes: { name: 'Motor controller PCB' },
        requirements: [{ capability: '26.12', weight: 1, required: true }],
        region: 'BY-HM',
      }),
    });
    expect(response.status).toBe(201);
    await waitFor('the email', () => Promise.resolve(system.smtp.received.length > 0 ? true : undefined));

    const api = await fetch(`${system.baseUrl}/metrics`);
    expect(api.headers.get('content-type')).toContain('text/plain');
    const apiText = await api.text();
    expect(
      metricValue(
        apiText,
        'technomatch_http_request_duration_seconds_count{method="POST",route="/api/v1/tasks",status_code="201"}',
      ),
    ).toBe(1);
    expect(apiText).toContain('technomatch_process_resident_memory_bytes');

    const worker = await waitFor('the worker to count the email', async () => {
      const text = await (await fetch(`${workerUrl}/metrics`)).text();
      return metricValue(text, 'technomatch_emails_total{outcome="sent"}') === 1 ? text : undefined;
    });
    expect(metricValue(worker, 'technomatch_matching_duration_seconds_count')).toBe(1);
    expect(
      metricValue(
        worker,
        'technomatch_job_duration_seconds_count{queue="matching",name="task.match",outcome="completed"}',
      ),
    ).toBe(1);
    expect(metricValue(worker, 'technomatch_queue_jobs{queue="notifications",state="waiting"}')).toBe(0);
    expect(metricValue(worker, 'technomatch_queue_jobs{queue="matching",state="failed"}')).toBe(0);
  });

  it('reports readiness of the database, Redis and SMTP on both apps', async () => {
    const worker = await fetch(`${workerUrl}/health/ready`);
    expect(worker.status).toBe(200);
    expect(await worker.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', smtp: 'up' } });
    const api = await fetch(`${system.baseUrl}/health/ready`);
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', smtp: 'up' } });
  });
});
