import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { SmtpProbe } from '@app/mail';
import { Metrics, readiness } from '@app/metrics';
import { JobProducer } from '@app/queue';

/**
 * The worker's only HTTP: `/health/live`, `/health/ready` and `/metrics` (Prometheus). Ready needs the database and
 * Redis; SMTP is reported but optional (emails wait and retry, matching goes on).
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server: Server | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly metrics: Metrics,
    private readonly smtp: SmtpProbe,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The port it listens on (useful when WORKER_HEALTH_PORT is 0). */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === '/metrics') {
        void this.metrics.render().then(
          ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
        return;
      }
      void this.handle(request.url ?? '').then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.config.workerHealthPort, '0.0.0.0', resolve));
    this.logger.log(`Worker health on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(url: string): Promise<{ status: number; body: object }> {
    if (url === '/health/live') {
      return { status: 200, body: { status: 'ok' } };
    }
    if (url !== '/health/ready') {
      return { status: 404, body: { status: 'not found' } };
    }
    const { httpStatus, report } = await readiness(
      { database: () => this.dataSource.query('SELECT 1').then(() => true), redis: () => this.producer.ping() },
      { smtp: () => this.smtp.reachable() },
    );
    return { status: httpStatus, body: report };
  }
}
