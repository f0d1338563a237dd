import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainConflictError, DomainValidationError, type FieldError } from '@app/domain';
import { DashboardFailureFilter } from '../dashboard/dashboard-failure.filter';
import { RequestValidationError } from './zod-validation.pipe';

/** RFC 9457 problem details: `type`, `title`, `status`, `detail`, `instance`, plus `errors[]` for validation. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail?: string, errors?: FieldError[]): ProblemDetails {
  return {
    type: errors ? 'https://technomatch.dev/problems/validation' : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

/**
 * Turns every error into `application/problem+json`; unknown errors become a 500 without internals. Under
 * `/admin` (an unknown dashboard address, say) people are reading: they get the dashboard's HTML page instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);
  private readonly pages = new DashboardFailureFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const request = context.getRequest<FastifyRequest>();
    if (request.url === '/admin' || request.url.startsWith('/admin/')) {
      return this.pages.catch(exception, host);
    }
    const body = { ...this.toProblem(exception), instance: request.url.split('?')[0] };
    if (body.status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RequestValidationError || exception instanceof DomainValidationError) {
      return problem(400, 'The request is invalid; see errors for each field.', exception.errors);
    }
    if (exception instanceof DomainConflictError) {
      return problem(exception.status, exception.message);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : ((response as { message?: string | string[] }).message ?? exception.message);
      return problem(status, Array.isArray(message) ? message.join('; ') : message);
    }
    const status = (exception as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Errors raised by Fastify itself: malformed JSON, body too large, unsupported media type.
      return problem(status, (exception as Error).message);
    }
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.');
  }
}
