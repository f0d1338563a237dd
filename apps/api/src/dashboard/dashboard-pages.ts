import type { ReviewedMatch, UserPrincipal } from '@app/domain';
import { escapeHtml } from '@app/mail';
import { CSRF_FIELD } from './dashboard-session';
import { DASHBOARD_COPY, DASHBOARD_LANGUAGES, type DashboardLanguage } from './dashboard-i18n';

/** What every dashboard page knows about its request. */
export interface PageContext {
  language: DashboardLanguage;
  /** The path the language switch returns to. */
  path: string;
  user: UserPrincipal | null;
  /** The CSRF token of the session (or, on the sign-in page, of the pre-session nonce). */
  csrfToken: string;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2430;background:#f4f6f9;font-size:15px}
header{display:flex;flex-wrap:wrap;align-items:center;gap:12px 24px;padding:12px 24px;background:#1f3a5f;color:#fff}
header a{color:#fff}
.brand{font-weight:700;font-size:18px;text-decoration:none}
nav{display:flex;gap:16px;flex-wrap:wrap}
nav a{text-decoration:none;padding:4px 0;border-bottom:2px solid transparent}
nav a[aria-current=page]{border-bottom-color:#fff}
.spacer{flex:1}
.who{font-size:13px;opacity:.9}
.langs a{margin-left:6px}
.langs a[aria-current=true]{font-weight:700;text-decoration:none}
header form{margin:0}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 16px}
.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:16px}
.figure{font-size:30px;font-weight:700}
.group{margin-bottom:24px}
.group h2{font-size:16px;margin:0 0 8px;color:#4a5568}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{padding:10px;border-bottom:1px solid #e2e8f0;text-align:left;vertical-align:top}
th{font-size:13px;color:#4a5568}
ul.why{margin:0;padding-left:18px;font-size:13px}
button{font:inherit;padding:8px 14px;border-radius:6px;border:1px solid #1f3a5f;background:#1f3a5f;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f3a5f}
button.link{background:none;border:none;color:inherit;text-decoration:underline;padding:0}
.actions{display:flex;gap:8px;flex-wrap:wrap}
.bulk{display:flex;gap:8px;margin:12px 0;flex-wrap:wrap}
.notice{padding:10px 14px;border-radius:6px;background:#e6f4ea;margin-bottom:16px}
.error{padding:10px 14px;border-radius:6px;background:#fdecea;color:#8a1c1c;margin-bottom:16px}
label{display:block;margin:12px 0 4px;font-weight:600}
input[type=email],input[type=password]{width:100%;padding:10px;border:1px solid #cbd5e0;border-radius:6px;font:inherit}
.narrow{max-width:420px;margin:48px auto}
.narrow button{margin-top:16px;width:100%}
.score{font-weight:700}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:16px}
.card h3{font-size:15px;margin:0 0 8px}
svg.chart{display:block;max-width:100%;height:auto}
details.data{margin-top:8px;font-size:13px}
details.data summary{cursor:pointer;color:#1f3a5f}
.range{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px 12px;margin-bottom:12px}
.range label{margin:0 0 4px}
.range input{padding:8px;border:1px solid #cbd5e0;border-radius:6px;font:inherit}
.muted{color:#4a5568;font-size:13px}
td.num,th.num{text-align:right}
@media (max-width:900px){
  main{padding:12px}
  table,thead,tbody,tr,th,td{display:block}
  thead{display:none}
  tr{background:#fff;margin-bottom:12px;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
  td{border:none;padding:6px 12px}
  td[data-label]::before{content:attr(data-label);display:block;font-size:12px;color:#4a5568}
}`;

function csrfInput(context: PageContext): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(context.csrfToken)}">`;
}

/** The page frame: header with navigation, language switch and sign-out, then `body`. */
export function renderLayout(context: PageContext, title: string, body: string): string {
  const copy = DASHBOARD_COPY[context.language];
  const navLink = (href: string, label: string) =>
    `<a href="${href}"${context.path.split('?')[0] === href ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`;
  const languages = DASHBOARD_LANGUAGES.map(
    (language) =>
      `<a href="/admin/lang?to=${language}&amp;next=${encodeURIComponent(context.path)}" hreflang="${language}"${
        language === context.language ? ' aria-current="true"' : ''
      }>${language.toUpperCase()}</a>`,
  ).join('');
  const user = context.user
    ? `<nav>${navLink('/admin', copy.nav.overview)}${navLink('/admin/review', copy.nav.review)}${navLink('/admin/residents', context.language === 'en' ? 'Residents' : 'Резиденты')}${navLink('/admin/tasks', context.language === 'en' ? 'Tasks' : 'Задачи')}${navLink('/admin/notifications', context.language === 'en' ? 'Notifications' : 'Уведомления')}${
        context.user.role === 'admin' ? navLink('/admin/queues', copy.nav.queues) : ''
      }</nav>
<span class="spacer"></span>
<span class="who">${escapeHtml(copy.signedInAs)} ${escapeHtml(context.user.email)} (${escapeHtml(copy.roles[context.user.role])})</span>
<form method="post" action="/admin/logout">${csrfInput(context)}<button type="submit" class="link">${escapeHtml(copy.signOut)}</button></form>`
    : '<span class="spacer"></span>';
  return `<!doctype html>
<html lang="${context.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(copy.product)}</title><style>${STYLE}</style></head>
<body><header><a class="brand" href="/admin">${escapeHtml(copy.product)}</a>${user}<span class="langs">${languages}</span></header>
<main>${body}</main></body></html>`;
}

export function renderLoginPage(context: PageContext, failed: boolean, email = ''): string {
  const copy = DASHBOARD_COPY[context.language];
  const body = `<div class="card narrow"><h1>${escapeHtml(copy.signIn)}</h1>
${failed ? `<div class="error" role="alert">${escapeHtml(copy.signInFailed)}</div>` : ''}
<form method="post" action="/admin/login">${csrfInput(context)}
<label for="email">${escapeHtml(copy.email)}</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
<label for="password">${escapeHtml(copy.password)}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(copy.signIn)}</button></form></div>`;
  return renderLayout(context, copy.signIn, body);
}

export interface ReviewPageInput {
  matches: ReviewedMatch[];
  nextCursor: string | null;
  result: { done: number; failed: number } | null;
}

function formatScore(value: number): string {
  return value.toFixed(2);
}

function renderBreakdown(match: ReviewedMatch, language: DashboardLanguage): string {
  const copy = DASHBOARD_COPY[language].review;
  const { breakdown } = match;
  const requirements = (breakdown.requirements ?? []).map(
    (requirement) =>
      `<li>${escapeHtml(requirement.capability)}${requirement.required ? ` (${escapeHtml(copy.required)})` : ''}: ${escapeHtml(
        copy.levels[requirement.level] ?? requirement.level,
      )}${requirement.matchedBy ? ` — ${escapeHtml(requirement.matchedBy)}` : ''} × ${requirement.weight}</li>`,
  );
  const distance = breakdown.sameRegion ? copy.sameRegion : `${breakdown.distanceKm} ${copy.km}`;
  return `<ul class="why"><li>${escapeHtml(copy.capability)}: ${formatScore(breakdown.capabilityScore)}</li>
<li>${escapeHtml(copy.region)}: ${formatScore(breakdown.regionScore)} (${escapeHtml(distance)})</li>${requirements.join('')}</ul>`;
}

/**
 * One form holds the whole queue: a row's own button submits `one=<id>:<decision>`, the bulk buttons
 * submit `decision` with the checked `ids`. No script is needed (the CSP forbids inline scripts anyway).
 */
export function renderReviewPage(context: PageContext, input: ReviewPageInput): string {
  const copy = DASHBOARD_COPY[context.language].review;
  const notice = input.result
    ? `<div class="notice" role="status">${escapeHtml(copy.result(input.result.done, input.result.failed))}</div>`
    : '';
  if (input.matches.length === 0) {
    return renderLayout(
      context,
      copy.title,
      `<h1>${escapeHtml(copy.title)}</h1>${notice}<p class="card">${escapeHtml(copy.empty)}</p>`,
    );
  }
  const rows = input.matches
    .map((match) => {
      const id = escapeHtml(match.id);
      return `<tr data-match-id="${id}">
<td data-label="${escapeHtml(copy.select)}"><input type="checkbox" name="ids" value="${id}" aria-label="${escapeHtml(copy.select)}"></td>
<td data-label="${escapeHtml(copy.task)}" class="task-title">${escapeHtml(match.task.title)}<br><small>${escapeHtml(match.task.substituteName)}</small></td>
<td data-label="${escapeHtml(copy.resident)}">${escapeHtml(match.resident.name)}<br><small>${escapeHtml(match.resident.regionCode)}</small></td>
<td data-label="${escapeHtml(copy.score)}" class="score">${formatScore(match.score)}</td>
<td data-label="${escapeHtml(copy.breakdown)}">${renderBreakdown(match, context.language)}</td>
<td data-label="${escapeHtml(copy.actions)}"><div class="actions">
<button type="submit" name="one" value="${id}:approve">${escapeHtml(copy.approve)}</button>
<button type="submit" name="one" value="${id}:reject" class="secondary">${escapeHtml(copy.reject)}</button></div></td></tr>`;
    })
    .join('\n');
  const bulk = `<div class="bulk"><button type="submit" name="decision" value="approve">${escapeHtml(copy.approveSelected)}</button>
<button type="submit" name="decision" value="reject" class="secondary">${escapeHtml(copy.rejectSelected)}</button></div>`;
  const next = input.nextCursor
    ? `<p><a href="/admin/review?cursor=${encodeURIComponent(input.nextCursor)}">${escapeHtml(copy.next)}</a></p>`
    : '';
  const body = `<h1>${escapeHtml(copy.title)}</h1>${notice}
<form method="post" action="/admin/review">${csrfInput(context)}${bulk}
<table><thead><tr><th></th><th>${escapeHtml(copy.task)}</th><th>${escapeHtml(copy.resident)}</th><th>${escapeHtml(copy.score)}</th><th>${escapeHtml(copy.breakdown)}</th><th>${escapeHtml(copy.actions)}</th></tr></thead>
<tbody>${rows}</tbody></table></form>${next}`;
  return renderLayout(context, copy.title, body);
}

export function renderForbiddenPage(context: PageContext): string {
  const copy = DASHBOARD_COPY[context.language].forbidden;
  return renderLayout(
    context,
    copy.title,
    `<div class="card narrow"><h1>${escapeHtml(copy.title)}</h1><p>${escapeHtml(copy.body)}</p><p><a href="/admin">${escapeHtml(copy.back)}</a></p></div>`,
  );
}

/** A page only admins may open, asked for by a coordinator. */
export function renderAdminsOnlyPage(context: PageContext): string {
  const copy = DASHBOARD_COPY[context.language];
  return renderLayout(
    context,
    copy.adminsOnly.title,
    `<div class="card narrow"><h1>${escapeHtml(copy.adminsOnly.title)}</h1><p role="alert">${escapeHtml(copy.adminsOnly.body)}</p><p><a href="/admin">${escapeHtml(copy.forbidden.back)}</a></p></div>`,
  );
}

export function renderFailurePage(context: PageContext, status: number): string {
  const copy = DASHBOARD_COPY[context.language];
  const message =
    status === 429 ? copy.failure.tooManyAttempts : status === 404 ? copy.failure.notFound : copy.failure.generic;
  return renderLayout(
    context,
    copy.failure.title,
    `<div class="card narrow"><h1>${escapeHtml(copy.failure.title)}</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/admin">${escapeHtml(copy.forbidden.back)}</a></p></div>`,
  );
}
