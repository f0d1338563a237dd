import {
  LANGUAGES,
  NOTIFICATION_MODES,
  RESIDENT_CSV_COLUMNS,
  type FieldError,
  type Resident,
  type ResidentHistory,
  type ResidentImport,
  type ResidentImportProblem,
} from '@app/domain';
import { escapeHtml } from '@app/mail';
import { renderLayout, type PageContext } from '../dashboard-pages';
import { CSRF_FIELD } from '../dashboard-session';
import { RESIDENTS_COPY } from './dashboard-residents-i18n';

/** The list page's filters, echoed back into its form. */
export interface ResidentListFilters {
  q?: string;
  technoparkId?: string;
  region?: string;
  capability?: string;
  active?: 'true' | 'false';
  /** Only the residents one CSV import created. */
  importId?: string;
}

/** The edit form's values as typed, so that a refused form comes back as the user left it. */
export interface ResidentFormValues {
  name: string;
  emails: string;
  headcount: string;
  capabilities: string;
  certifications: string;
  language: string;
  notificationMode: string;
}

export interface CapabilityLabel {
  code: string;
  label: string | null;
}

/** Form fields of these pages; the shared stylesheet styles only the sign-in form's inputs. */
const FORM_STYLE = `<style>
form.edit input,form.edit select,form.filters input,form.filters select{width:100%;max-width:560px;padding:8px;border:1px solid #cbd5e0;border-radius:6px;font:inherit}
form.edit button,form.filters button{margin-top:12px}
tr.invalid{background:#fdecea}
</style>`;

function csrfInput(context: PageContext): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(context.csrfToken)}">`;
}

export function renderResidentListPage(
  context: PageContext,
  filters: ResidentListFilters,
  residents: Resident[],
  nextCursor: string | null,
  imported: number | null = null,
): string {
  const copy = RESIDENTS_COPY[context.language];
  const input = (name: keyof ResidentListFilters, label: string) =>
    `<label for="f-${name}">${escapeHtml(label)}</label><input id="f-${name}" name="${name}" value="${escapeHtml(filters[name] ?? '')}">`;
  const option = (value: string, label: string) =>
    `<option value="${value}"${(filters.active ?? '') === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const rows = residents
    .map(
      (resident) => `<tr data-resident="${escapeHtml(resident.id)}">
<td data-label="${escapeHtml(copy.name)}"><a href="/admin/residents/${escapeHtml(resident.id)}">${escapeHtml(resident.name)}</a></td>
<td data-label="${escapeHtml(copy.region)}">${escapeHtml(resident.regionCode)}</td>
<td data-label="${escapeHtml(copy.legalId)}">${escapeHtml(resident.legalId)}</td>
<td data-label="${escapeHtml(copy.headcount)}">${resident.headcount}</td>
<td data-label="${escapeHtml(copy.status)}">${escapeHtml(resident.active ? copy.isActive : copy.isInactive)}</td></tr>`,
    )
    .join('');
  const nextQuery = new URLSearchParams(
    Object.entries({ ...filters, cursor: nextCursor ?? '' }).filter((entry): entry is [string, string] => !!entry[1]),
  );
  const body = `${FORM_STYLE}<h1>${escapeHtml(copy.title)}</h1>
${imported === null ? '' : `<div class="notice" role="status">${escapeHtml(copy.imported)} ${imported}</div>`}
<p><a href="/admin/residents/import">${escapeHtml(copy.importLink)}</a></p>
<form method="get" action="/admin/residents" class="card filters">
${input('q', copy.search)}${input('technoparkId', copy.technopark)}${input('region', copy.region)}${input('capability', copy.capability)}
<label for="f-active">${escapeHtml(copy.active)}</label><select id="f-active" name="active">${option('', copy.any)}${option('true', copy.activeOnly)}${option('false', copy.inactiveOnly)}</select>
${filters.importId ? `<input type="hidden" name="importId" value="${escapeHtml(filters.importId)}">` : ''}
<div><button type="submit">${escapeHtml(copy.apply)}</button></div></form>
${
  residents.length === 0
    ? `<p class="card">${escapeHtml(copy.none)}</p>`
    : `<table><thead><tr><th>${escapeHtml(copy.name)}</th><th>${escapeHtml(copy.region)}</th><th>${escapeHtml(copy.legalId)}</th><th>${escapeHtml(copy.headcount)}</th><th>${escapeHtml(copy.status)}</th></tr></thead><tbody>${rows}</tbody></table>`
}
${nextCursor ? `<p><a rel="next" href="/admin/residents?${escapeHtml(nextQuery.toString())}">${escapeHtml(copy.next)}</a></p>` : ''}`;
  return renderLayout(context, copy.title, body);
}

/** The form's values for a stored resident. */
export function residentFormValues(resident: Resident): ResidentFormValues {
  return {
    name: resident.name,
    emails: resident.emails.join(', '),
    headcount: String(resident.headcount),
    capabilities: resident.capabilities.join('; '),
    certifications: resident.certifications.join('; '),
    language: resident.language,
    notificationMode: resident.notificationMode,
  };
}

export interface ResidentPageInput {
  resident: Resident;
  capabilities: CapabilityLabel[];
  history: ResidentHistory;
  form: ResidentFormValues;
  errors: FieldError[];
  saved: boolean;
}

export function renderResidentPage(context: PageContext, input: ResidentPageInput): string {
  const copy = RESIDENTS_COPY[context.language];
  const { resident, form, errors } = input;
  const errorsOf = (field: string) =>
    errors
      .filter((error) => error.path === field || error.path.startsWith(`${field}[`))
      .map((error) => `<div class="error" data-error-for="${field}">${escapeHtml(error.message)}</div>`)
      .join('');
  const text = (field: keyof ResidentFormValues, label: string, type = 'text') =>
    `<label for="r-${field}">${escapeHtml(label)}</label><input id="r-${field}" name="${field}" type="${type}" value="${escapeHtml(form[field])}">${errorsOf(field)}`;
  const select = (field: 'language' | 'notificationMode', label: string, values: readonly string[]) =>
    `<label for="r-${field}">${escapeHtml(label)}</label><select id="r-${field}" name="${field}">${values
      .map((value) => `<option${form[field] === value ? ' selected' : ''}>${escapeHtml(value)}</option>`)
      .join('')}</select>${errorsOf(field)}`;
  const otherErrors = errors
    .filter(
      (error) => !/^(name|emails|headcount|capabilities|certifications|language|notificationMode)\b/.test(error.path),
    )
    .map(
      (error) =>
        `<div class="error">${escapeHtml(error.path ? `${error.path}: ` : '')}${escapeHtml(error.message)}</div>`,
    )
    .join('');
  const capabilities = input.capabilities
    .map(
      (capability) =>
        `<li><code>${escapeHtml(capability.code)}</code>${capability.label ? ` — ${escapeHtml(capability.label)}` : ''}</li>`,
    )
    .join('');
  const body = `${FORM_STYLE}<h1>${escapeHtml(resident.name)}</h1>
${input.saved ? `<div class="notice" role="status">${escapeHtml(copy.saved)}</div>` : ''}
${errors.length > 0 ? `<div class="error" role="alert">${escapeHtml(copy.invalid)}</div>${otherErrors}` : ''}
<section class="card group"><dl>
<dt>${escapeHtml(copy.legalId)}</dt><dd>${escapeHtml(resident.legalId)}</dd>
<dt>${escapeHtml(copy.region)}</dt><dd>${escapeHtml(resident.regionCode)}</dd>
<dt>${escapeHtml(copy.status)}</dt><dd data-status>${escapeHtml(resident.active ? copy.isActive : copy.isInactive)}</dd>
<dt>${escapeHtml(copy.capability)}</dt><dd><ul class="capabilities">${capabilities}</ul></dd></dl>
<form method="post" action="/admin/residents/${escapeHtml(resident.id)}/active">${csrfInput(context)}
<input type="hidden" name="active" value="${resident.active ? 'false' : 'true'}">
<button type="submit" class="secondary">${escapeHtml(resident.active ? copy.deactivate : copy.activate)}</button></form></section>
${renderHistory(context, input.history)}
<section class="card group"><h2>${escapeHtml(copy.edit)}</h2>
<form method="post" action="/admin/residents/${escapeHtml(resident.id)}" class="edit">${csrfInput(context)}
${text('name', copy.name)}${text('emails', copy.emails)}${text('headcount', copy.headcount, 'number')}
${text('capabilities', copy.capabilities)}${text('certifications', copy.certifications)}
${select('language', copy.language, LANGUAGES)}${select('notificationMode', copy.notificationMode, NOTIFICATION_MODES)}
<div><button type="submit">${escapeHtml(copy.save)}</button></div></form></section>`;
  return renderLayout(context, resident.name, body);
}

export function renderResidentNotFoundPage(context: PageContext): string {
  const copy = RESIDENTS_COPY[context.language];
  return renderLayout(
    context,
    copy.notFound,
    `<div class="card narrow"><h1>404</h1><p role="alert">${escapeHtml(copy.notFound)}</p><p><a href="/admin/residents">${escapeHtml(copy.back)}</a></p></div>`,
  );
}

/** What the upload page shows again after a refused upload: the reason and the pasted text. */
export interface ImportFormState {
  error: string | null;
  csv: string;
}

export function renderImportPage(context: PageContext, state: ImportFormState = { error: null, csv: '' }): string {
  const copy = RESIDENTS_COPY[context.language];
  const columns = RESIDENT_CSV_COLUMNS.map((column) => `<code>${column}</code>`).join(', ');
  const body = `${FORM_STYLE}<h1>${escapeHtml(copy.importTitle)}</h1>
${state.error ? `<div class="error" role="alert">${escapeHtml(state.error)}</div>` : ''}
<section class="card group"><p>${escapeHtml(copy.importHelp)} ${columns}.</p><p>${escapeHtml(copy.importHelpLists)}</p>
<form method="post" action="/admin/residents/import/upload" enctype="multipart/form-data" class="edit">${csrfInput(context)}
<label for="file">${escapeHtml(copy.file)}</label><input id="file" name="file" type="file" accept=".csv,text/csv" required>
<p>${escapeHtml(copy.fileLimits)}</p>
<div><button type="submit" data-step="upload">${escapeHtml(copy.upload)}</button></div></form></section>
<section class="card group"><h2>${escapeHtml(copy.orPaste)}</h2>
<form method="post" action="/admin/residents/import">${csrfInput(context)}
<label for="csv">${escapeHtml(copy.csv)}</label><textarea id="csv" name="csv" rows="8" style="width:100%;font-family:monospace">${escapeHtml(state.csv)}</textarea>
<div><button type="submit" data-step="preview">${escapeHtml(copy.preview)}</button></div></form></section>`;
  return renderLayout(context, copy.importTitle, body);
}

/** One page of an import's problems, and where it sits among them. */
export interface ImportProblemsView {
  items: ResidentImportProblem[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * An import's page: while the worker runs, a progress bar that reloads itself every second (a
 * `<meta>` refresh: the dashboard runs no scripts); then the preview with every problem (paged) and
 * the commit button, or the result.
 */
export function renderImportStatusPage(
  context: PageContext,
  residentImport: ResidentImport,
  problems: ImportProblemsView,
): string {
  const copy = RESIDENTS_COPY[context.language];
  const { id, status, totalRows, processedRows } = residentImport;
  const running = status === 'checking' || status === 'committing';
  const head = `<h1>${escapeHtml(copy.importTitle)}</h1>
<p>${escapeHtml(copy.importFile)}: <strong data-file>${escapeHtml(residentImport.fileName ?? copy.pasted)}</strong></p>`;
  let body: string;
  if (running) {
    body = `<meta http-equiv="refresh" content="1">${head}
<section class="card group" data-status="${status}"><h2>${escapeHtml(status === 'checking' ? copy.statusChecking : copy.statusCommitting)}</h2>
<progress max="${totalRows}" value="${processedRows}" style="width:100%;height:24px">${processedRows}/${totalRows}</progress>
<p data-progress>${processedRows} ${escapeHtml(copy.progressOf)} ${totalRows} ${escapeHtml(copy.progressRows)}</p>
<p>${escapeHtml(copy.autoRefresh)}</p></section>`;
  } else if (status === 'committed') {
    body = `${head}<div class="notice" role="status" data-status="committed">${escapeHtml(copy.importCommitted)}: <span data-created>${residentImport.createdCount ?? 0}</span></div>
<p><a href="/admin/residents?importId=${escapeHtml(id)}" data-imported-residents>${escapeHtml(copy.showImported)}</a></p>
<p><a href="/admin/residents/import">${escapeHtml(copy.newImport)}</a></p>`;
  } else if (status === 'failed') {
    body = `${head}<div class="error" role="alert" data-status="failed">${escapeHtml(copy.importFailed)}</div>
<p class="card" data-failure>${escapeHtml(residentImport.failureReason ?? '')}</p>
<p><a href="/admin/residents/import">${escapeHtml(copy.newImport)}</a></p>`;
  } else {
    body = `${head}${renderPreview(context, residentImport, problems)}`;
  }
  return renderLayout(context, copy.importTitle, `${FORM_STYLE}${body}`);
}

function renderPreview(context: PageContext, residentImport: ResidentImport, problems: ImportProblemsView): string {
  const copy = RESIDENTS_COPY[context.language];
  const invalidRows = residentImport.previewRows.filter((row) => row.invalid).length;
  const problemRows = problems.items
    .map(
      (problem) => `<tr data-problem-line="${problem.line}">
<td data-label="${escapeHtml(copy.line)}">${problem.line}</td>
<td data-label="${escapeHtml(copy.column)}">${escapeHtml(problem.column)}</td>
<td data-label="${escapeHtml(copy.message)}">${escapeHtml(problem.message)}</td></tr>`,
    )
    .join('');
  const pages = Math.max(1, Math.ceil(problems.total / problems.pageSize));
  const pageLink = (page: number, label: string, rel: string) =>
    `<a rel="${rel}" href="/admin/residents/import/${escapeHtml(residentImport.id)}?page=${page}">${escapeHtml(label)}</a>`;
  const pager =
    pages > 1
      ? `<p class="pager">${problems.page > 1 ? pageLink(problems.page - 1, copy.previous, 'prev') : ''} ${escapeHtml(copy.page)} ${problems.page} / ${pages} ${
          problems.page < pages ? pageLink(problems.page + 1, copy.next, 'next') : ''
        }</p>`
      : '';
  const previewRows = residentImport.previewRows
    .map(
      (row) =>
        `<tr${row.invalid ? ' class="invalid"' : ''}><td>${row.line}</td>${RESIDENT_CSV_COLUMNS.map(
          (column) => `<td>${escapeHtml(row.values[column] ?? '')}</td>`,
        ).join('')}</tr>`,
    )
    .join('');
  return `<div class="notice" role="status" data-status="checked">${escapeHtml(copy.importChecked)}</div>
<section class="group grid">
<div class="card" data-count="rows"><div>${escapeHtml(copy.rowsTotal)}</div><div class="figure">${residentImport.totalRows}</div></div>
<div class="card" data-count="problems"><div>${escapeHtml(copy.problems)}</div><div class="figure">${residentImport.errorCount}</div></div></section>
${
  residentImport.errorCount > 0
    ? `<div class="error" role="alert">${escapeHtml(copy.notCommitted)}</div>
<section class="group"><h2>${escapeHtml(copy.problems)}</h2><table class="problems"><thead><tr><th>${escapeHtml(copy.line)}</th><th>${escapeHtml(copy.column)}</th><th>${escapeHtml(copy.message)}</th></tr></thead><tbody>${problemRows}</tbody></table>${pager}</section>
<p><a href="/admin/residents/import">${escapeHtml(copy.newImport)}</a></p>`
    : `<div class="notice">${escapeHtml(copy.readyToCommit)}</div>
<form method="post" action="/admin/residents/import/${escapeHtml(residentImport.id)}/commit">${csrfInput(context)}<button type="submit" data-step="commit">${escapeHtml(copy.commit)}</button></form>`
}
${
  previewRows
    ? `<section class="group"><h2>${escapeHtml(copy.rowsShown)} ${residentImport.previewRows.length}${invalidRows > 0 ? ` (${escapeHtml(copy.rowsInvalid)}: ${invalidRows})` : ''}</h2><div style="overflow-x:auto"><table class="rows"><thead><tr><th>${escapeHtml(copy.line)}</th>${RESIDENT_CSV_COLUMNS.map((column) => `<th>${column}</th>`).join('')}</tr></thead><tbody>${previewRows}</tbody></table></div></section>`
    : ''
}`;
}

export function renderImportNotFoundPage(context: PageContext): string {
  const copy = RESIDENTS_COPY[context.language];
  return renderLayout(
    context,
    copy.importNotFound,
    `<div class="card narrow"><h1>404</h1><p role="alert">${escapeHtml(copy.importNotFound)}</p><p><a href="/admin/residents/import">${escapeHtml(copy.newImport)}</a></p></div>`,
  );
}

function renderHistory(context: PageContext, history: ResidentHistory): string {
  const copy = RESIDENTS_COPY[context.language];
  const cell = (label: string, value: string) => `<td data-label="${escapeHtml(label)}">${value}</td>`;
  const table = (headers: string[], rows: string[]) =>
    rows.length === 0
      ? `<p>${escapeHtml(copy.noEntries)}</p>`
      : `<table><thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const matches = history.matches.map(
    (match) =>
      `<tr data-match="${escapeHtml(match.id)}">${cell(copy.task, escapeHtml(match.taskTitle))}${cell(copy.score, match.score.toFixed(2))}${cell(
        copy.status,
        escapeHtml(match.status),
      )}${cell(copy.declineReason, escapeHtml([match.declineReason, match.declineComment].filter(Boolean).join(': ')))}</tr>`,
  );
  const notifications = history.notifications.map(
    (notification) =>
      `<tr data-notification="${escapeHtml(notification.id)}">${cell(copy.kind, escapeHtml(notification.subject ?? notification.kind))}${cell(
        copy.status,
        escapeHtml(notification.status),
      )}${cell(copy.attempts, String(notification.attempts))}${cell(copy.lastError, escapeHtml(notification.lastError ?? ''))}${cell(
        copy.created,
        escapeHtml(new Date(notification.createdAt).toISOString().slice(0, 16).replace('T', ' ')),
      )}</tr>`,
  );
  return `<section class="card group" id="matches"><h2>${escapeHtml(copy.matches)}</h2>${table(
    [copy.task, copy.score, copy.status, copy.declineReason],
    matches,
  )}</section>
<section class="card group" id="notifications"><h2>${escapeHtml(copy.notifications)}</h2>${table(
    [copy.kind, copy.status, copy.attempts, copy.lastError, copy.created],
    notifications,
  )}</section>`;
}
