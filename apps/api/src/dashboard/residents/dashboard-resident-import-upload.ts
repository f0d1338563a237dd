import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainValidationError,
  RESIDENT_IMPORT_LIMITS,
  ResidentImportsService,
  technoparkScope,
  type ResidentImport,
} from '@app/domain';
import { DashboardPageSupport, type DashboardSession } from '../dashboard-page-support';
import { CSRF_FIELD } from '../dashboard-session';
import { renderImportPage } from './dashboard-residents-pages';
import { RESIDENTS_COPY } from './dashboard-residents-i18n';

export const IMPORT_UPLOAD_PATH = '/admin/residents/import/upload';

/** Pasted text larger than this is not echoed back into the form of a refused import. */
const ECHO_LIMIT = 64 * 1024;

/**
 * `POST /admin/residents/import/upload`: a CSV file of up to 10 MB as `multipart/form-data`.
 *
 * The route lives in its own Fastify context, where `@fastify/multipart` is registered: every other
 * route keeps the application's parsers and its 256 KB body limit, and still refuses multipart bodies
 * with 415. Nest routes are all registered on the root context, so this one is a plain Fastify route
 * whose handler uses the same page support (session, CSRF, pages) as the controllers.
 */
@Injectable()
export class DashboardResidentImportUpload implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pages: DashboardPageSupport,
    private readonly imports: ResidentImportsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Loaded with the application (at listen/ready), after the Nest routes and hooks are in place.
    void fastify.register(async (uploads) => {
      await uploads.register(fastifyMultipart, {
        limits: { fileSize: RESIDENT_IMPORT_LIMITS.maxBytes, files: 1, fields: 4, fieldSize: 1024, parts: 5 },
      });
      uploads.post(IMPORT_UPLOAD_PATH, (request, reply) => this.upload(request, reply));
    });
  }

  /** Stores the import (or refuses it on the upload page) and redirects to its progress page. */
  async startFromPage(
    request: FastifyRequest,
    reply: FastifyReply,
    session: DashboardSession,
    csv: string,
    fileName: string | null,
  ): Promise<void> {
    let started: ResidentImport;
    try {
      started = await this.imports.start({
        csv,
        fileName,
        uploadedBy: session.user.userId,
        scope: technoparkScope(session.user),
      });
    } catch (error) {
      if (error instanceof DomainValidationError) {
        const message = error.errors.map((problem) => problem.message).join('; ');
        return this.refuse(request, reply, session, 400, message, fileName === null ? csv : '');
      }
      throw error;
    }
    this.pages.redirect(reply, `/admin/residents/import/${started.id}`);
  }

  private async upload(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const copy = RESIDENTS_COPY[this.pages.context(request, session).language];
    if (!request.isMultipart()) {
      return this.refuse(request, reply, session, 400, copy.fileMissing);
    }
    const fields: Record<string, string> = {};
    let file: { name: string; content: Buffer } | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.fieldname === 'file' && content.length > 0) {
            file = { name: part.filename, content };
          }
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (error) {
      if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
        return this.refuse(request, reply, session, 413, copy.fileTooLarge);
      }
      request.log.warn({ err: error }, 'refused a resident import upload');
      return this.refuse(request, reply, session, 400, copy.fileMissing);
    }
    if (!this.pages.hasValidCsrf(session, { [CSRF_FIELD]: fields[CSRF_FIELD] })) {
      return this.pages.forbidden(request, reply, session);
    }
    if (!file) {
      return this.refuse(request, reply, session, 400, copy.fileMissing);
    }
    const csv = decodeText(file.content);
    if (csv === null) {
      return this.refuse(request, reply, session, 400, copy.fileNotText);
    }
    await this.startFromPage(request, reply, session, csv, file.name);
  }

  private refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    session: DashboardSession,
    status: number,
    error: string,
    csv = '',
  ): void {
    const state = { error, csv: csv.length <= ECHO_LIMIT ? csv : '' };
    this.pages.html(reply, status, renderImportPage(this.pages.context(request, session), state));
  }
}

/** The file as UTF-8 text, or null when it is not (invalid UTF-8, or NUL bytes PostgreSQL cannot store). */
function decodeText(content: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}
