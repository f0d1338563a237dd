import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dashboardLanguage } from './dashboard-i18n';
import { renderFailurePage } from './dashboard-pages';
import { LANGUAGE_COOKIE, readCookie } from './dashboard-session';

/**
 * Dashboard routes answer people, not API clients: a rate limit or an unexpected error becomes an
 * HTML page in the reader's language instead of the API's problem+json.
 */
@Catch()
export class DashboardFailureFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const html = renderFailurePage(
      {
        language: dashboardLanguage(readCookie(request, LANGUAGE_COOKIE)),
        path: request.url,
        user: null,
        csrfToken: '',
      },
      status,
    );
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }
}
