import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CapabilitiesService,
  DomainConflictError,
  DomainValidationError,
  LANGUAGES,
  NOTIFICATION_MODES,
  ResidentImportsService,
  ResidentsService,
  technoparkScope,
  type Actor,
  type FieldError,
  type Resident,
  type UpdateResidentInput,
} from '@app/domain';
import { DashboardFailureFilter } from '../dashboard-failure.filter';
import { DashboardPageSupport, type DashboardSession } from '../dashboard-page-support';
import { DashboardResidentImportUpload } from './dashboard-resident-import-upload';
import {
  renderImportNotFoundPage,
  renderImportPage,
  renderImportStatusPage,
  renderResidentListPage,
  renderResidentNotFoundPage,
  renderResidentPage,
  residentFormValues,
  type ResidentFormValues,
} from './dashboard-residents-pages';

const PAGE_SIZE = 50;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const listQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  technoparkId: z.preprocess(blankToUndefined, z.uuid().optional()),
  region: z.preprocess(blankToUndefined, z.string().trim().max(10).optional()),
  capability: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
  active: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(500).optional()),
  imported: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
  importId: z.preprocess(blankToUndefined, z.uuid().optional()),
});
/** A pasted CSV; the body limit (256 KB) bounds it first, larger files are uploaded. */
const pasteFormSchema = z.object({ csv: z.string().max(1_000_000) });
const PROBLEMS_PAGE_SIZE = 50;
const pageNumber = z.coerce.number().int().min(1).max(1_000_000);

const listOf = (separator: RegExp) => (value: string) =>
  value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** The same bounds as the REST API's resident schema, read from a form's text fields. */
const editFormSchema = z.object({
  name: z.string().trim().min(1).max(300),
  emails: z
    .string()
    .transform(listOf(/[,;\s]+/))
    .pipe(z.array(z.email().max(320)).min(1).max(10)),
  headcount: z.coerce.number().int().min(1).max(1_000_000),
  capabilities: z
    .string()
    .transform(listOf(/[;,\s]+/))
    .pipe(z.array(z.string().max(64)).min(1).max(100)),
  certifications: z
    .string()
    .default('')
    .transform(listOf(/;/))
    .pipe(z.array(z.string().max(100)).max(50)),
  language: z.enum(LANGUAGES),
  notificationMode: z.enum(NOTIFICATION_MODES),
});

const activeFormSchema = z.object({ active: z.enum(['true', 'false']) });
const uuid = z.uuid();

/**
 * Residents pages of the dashboard: list, resident page, edit, (de)activation and CSV imports. Every read and
 * write goes through {@link ResidentsService} with the user's technopark scope, so a coordinator
 * gets the 404 page for another technopark's resident.
 */
@Controller('admin/residents')
@UseFilters(DashboardFailureFilter)
export class DashboardResidentsController {
  constructor(
    private readonly pages: DashboardPageSupport,
    private readonly residents: ResidentsService,
    private readonly capabilities: CapabilitiesService,
    private readonly residentImports: ResidentImportsService,
    private readonly imports: DashboardResidentImportUpload,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const parsed = listQuerySchema.safeParse(query ?? {});
    const filters = parsed.success ? parsed.data : {};
    let page;
    try {
      page = await this.residents.list(
        {
          text: filters.q,
          technoparkId: filters.technoparkId,
          regionCode: filters.region?.toUpperCase(),
          capability: filters.capability,
          active: filters.active === undefined ? undefined : filters.active === 'true',
          importId: filters.importId,
        },
        technoparkScope(session.user),
        { limit: PAGE_SIZE, cursor: filters.cursor },
      );
    } catch (error) {
      if (error instanceof DomainValidationError) {
        return this.pages.redirect(reply, '/admin/residents');
      }
      throw error;
    }
    const { cursor: _cursor, imported, ...echo } = filters;
    this.pages.html(
      reply,
      200,
      renderResidentListPage(this.pages.context(request, session), echo, page.items, page.nextCursor, imported ?? null),
    );
  }

  @Get('import')
  async importForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    this.pages.html(reply, 200, renderImportPage(this.pages.context(request, session)));
  }

  /**
   * Stores a pasted CSV as an import and sends the user to its progress page; the worker checks it.
   * Files come through `POST import/upload` ({@link DashboardResidentImportUpload}).
   */
  @Post('import')
  async importPasted(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
    }
    const form = pasteFormSchema.safeParse(body ?? {});
    if (!form.success) {
      return this.pages.redirect(reply, '/admin/residents/import');
    }
    await this.imports.startFromPage(request, reply, session, form.data.csv, null);
  }

  @Get('import/:importId')
  async importStatus(
    @Req() request: FastifyRequest,
    @Param('importId') importId: string,
    @Query('page') pageParam: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const scope = technoparkScope(session.user);
    const residentImport = uuid.safeParse(importId).success ? await this.residentImports.get(importId, scope) : null;
    if (!residentImport) {
      return this.importNotFound(request, reply, session);
    }
    const page = pageNumber.safeParse(pageParam ?? 1).data ?? 1;
    const problems = await this.residentImports.problems(importId, scope, {
      offset: (page - 1) * PROBLEMS_PAGE_SIZE,
      limit: PROBLEMS_PAGE_SIZE,
    });
    this.pages.html(
      reply,
      200,
      renderImportStatusPage(this.pages.context(request, session), residentImport, {
        ...problems,
        page,
        pageSize: PROBLEMS_PAGE_SIZE,
      }),
    );
  }

  /** Commits a checked import without errors: the worker creates every row in one transaction. */
  @Post('import/:importId/commit')
  async commitImport(
    @Req() request: FastifyRequest,
    @Param('importId') importId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
    }
    const outcome = uuid.safeParse(importId).success
      ? await this.residentImports.requestCommit(importId, technoparkScope(session.user), actorOf(session))
      : 'not-found';
    if (outcome === 'not-found') {
      return this.importNotFound(request, reply, session);
    }
    this.pages.redirect(reply, `/admin/residents/import/${importId}`);
  }

  @Get(':id')
  async show(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Query('saved') saved: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const resident = await this.residentInScope(id, session);
    if (!resident) {
      return this.notFound(request, reply, session);
    }
    await this.renderResident(request, reply, session, resident, residentFormValues(resident), [], saved === '1');
  }

  @Post(':id')
  async update(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
    }
    const resident = await this.residentInScope(id, session);
    if (!resident) {
      return this.notFound(request, reply, session);
    }
    const values = formValues(body);
    const form = editFormSchema.safeParse(values);
    if (!form.success) {
      const errors = form.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return this.renderResident(request, reply, session, resident, values, errors, false, 400);
    }
    const input: UpdateResidentInput = form.data;
    try {
      const updated = await this.residents.update(id, input, technoparkScope(session.user), actorOf(session));
      if (!updated) {
        return this.notFound(request, reply, session);
      }
    } catch (error) {
      if (error instanceof DomainValidationError) {
        return this.renderResident(request, reply, session, resident, values, error.errors, false, 400);
      }
      if (error instanceof DomainConflictError) {
        const errors = [{ path: '', message: error.message }];
        return this.renderResident(request, reply, session, resident, values, errors, false, 409);
      }
      throw error;
    }
    this.pages.redirect(reply, `/admin/residents/${id}?saved=1`);
  }

  @Post(':id/active')
  async setActive(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
    }
    const form = activeFormSchema.safeParse(body ?? {});
    const changed =
      form.success && uuid.safeParse(id).success
        ? await this.residents.setActive(
            id,
            form.data.active === 'true',
            actorOf(session),
            technoparkScope(session.user),
          )
        : null;
    if (!changed) {
      return this.notFound(request, reply, session);
    }
    this.pages.redirect(reply, `/admin/residents/${id}?saved=1`);
  }

  private async residentInScope(id: string, session: DashboardSession): Promise<Resident | null> {
    return uuid.safeParse(id).success ? this.residents.get(id, technoparkScope(session.user)) : null;
  }

  private async renderResident(
    request: FastifyRequest,
    reply: FastifyReply,
    session: DashboardSession,
    resident: Resident,
    form: ResidentFormValues,
    errors: FieldError[],
    saved: boolean,
    status = 200,
  ): Promise<void> {
    const context = this.pages.context(request, session);
    const capabilities = await Promise.all(
      resident.capabilities.map(async (code) => {
        const capability = await this.capabilities.get(code);
        const label = capability ? (context.language === 'ru' ? capability.labelRu : capability.labelEn) : null;
        return { code, label };
      }),
    );
    const history = (await this.residents.history(resident.id, technoparkScope(session.user))) ?? {
      matches: [],
      notifications: [],
    };
    this.pages.html(
      reply,
      status,
      renderResidentPage(context, { resident, capabilities, history, form, errors, saved }),
    );
  }

  private importNotFound(request: FastifyRequest, reply: FastifyReply, session: DashboardSession): void {
    this.pages.html(reply, 404, renderImportNotFoundPage(this.pages.context(request, session)));
  }

  private notFound(request: FastifyRequest, reply: FastifyReply, session: DashboardSession): void {
    this.pages.html(reply, 404, renderResidentNotFoundPage(this.pages.context(request, session)));
  }
}

function actorOf(session: DashboardSession): Actor {
  return { type: 'user', id: session.user.userId };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function formValues(body: unknown): ResidentFormValues {
  const text = (name: string) => {
    const value = field(body, name);
    return typeof value === 'string' ? value : '';
  };
  return {
    name: text('name'),
    emails: text('emails'),
    headcount: text('headcount'),
    capabilities: text('capabilities'),
    certifications: text('certifications'),
    language: text('language'),
    notificationMode: text('notificationMode'),
  };
}
