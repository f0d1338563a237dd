import {
  NOTIFICATION_STATUSES,
  type NotificationLogEntry,
  type NotificationPreview,
  type NotificationStatus,
} from '@app/domain';
import { escapeHtml } from '@app/mail';
import type { DashboardLanguage } from '../dashboard-i18n';
import { renderLayout, type PageContext } from '../dashboard-pages';
import { CSRF_FIELD } from '../dashboard-session';

interface NotificationsCopy {
  title: string;
  all: string;
  filter: string;
  empty: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: string;
  lastError: string;
  time: string;
  kind: string;
  language: string;
  messageId: string;
  task: string;
  sentAt: string;
  createdAt: string;
  retry: string;
  retried: string;
  notFailed: string;
  notFoundTitle: string;
  notFoundBody: string;
  back: string;
  noSubject: string;
  preview: string;
  noPreview: string;
  statuses: Record<NotificationStatus, string>;
  kinds: Record<string, string>;
}

export const NOTIFICATIONS_COPY: Record<DashboardLanguage, NotificationsCopy> = {
  ru: {
    title: 'Уведомления',
    all: 'Все',
    filter: 'Статус',
    empty: 'Уведомлений нет.',
    recipient: 'Получатель',
    subject: 'Тема',
    status: 'Статус',
    attempts: 'Попытки',
    lastError: 'Последняя ошибка',
    time: 'Время',
    kind: 'Вид',
    language: 'Язык',
    messageId: 'Message-ID',
    task: 'Задача',
    sentAt: 'Отправлено',
    createdAt: 'Создано',
    retry: 'Повторить',
    retried: 'Уведомление снова поставлено в очередь.',
    notFailed: 'Повторить можно только уведомление с ошибкой.',
    notFoundTitle: 'Уведомление не найдено',
    notFoundBody: 'Такого уведомления нет, или оно относится к другому технопарку.',
    back: 'К списку уведомлений',
    noSubject: '(тема появится после отправки)',
    preview: 'Письмо в том виде, в каком оно было бы отправлено сейчас (ссылки ответа скрыты)',
    noPreview: 'Письмо сейчас не собрать: совпадение или задача уже не существуют.',
    statuses: {
      queued: 'в очереди',
      sending: 'отправляется',
      sent: 'отправлено',
      failed: 'ошибка',
      skipped: 'не отправлено',
    },
    kinds: { match: 'совпадение', digest: 'дайджест', interest: 'интерес резидента' },
  },
  en: {
    title: 'Notifications',
    all: 'All',
    filter: 'Status',
    empty: 'No notifications.',
    recipient: 'Recipient',
    subject: 'Subject',
    status: 'Status',
    attempts: 'Attempts',
    lastError: 'Last error',
    time: 'Time',
    kind: 'Kind',
    language: 'Language',
    messageId: 'Message-ID',
    task: 'Task',
    sentAt: 'Sent',
    createdAt: 'Created',
    retry: 'Retry',
    retried: 'The notification is queued again.',
    notFailed: 'Only a failed notification can be retried.',
    notFoundTitle: 'Notification not found',
    notFoundBody: 'There is no such notification, or it belongs to another technopark.',
    back: 'Back to notifications',
    noSubject: '(the subject is set once it is sent)',
    preview: 'The email as it would be sent now (answer links hidden)',
    noPreview: 'The email cannot be rendered now: its match or task is gone.',
    statuses: { queued: 'queued', sending: 'sending', sent: 'sent', failed: 'failed', skipped: 'not sent' },
    kinds: { match: 'match', digest: 'digest', interest: 'resident interested' },
  },
};

function time(value: Date | null): string {
  return value ? escapeHtml(new Date(value).toISOString().replace('T', ' ').slice(0, 19)) : '—';
}

function retryForm(context: PageContext, entry: NotificationLogEntry): string {
  if (entry.status !== 'failed') {
    return '';
  }
  const copy = NOTIFICATIONS_COPY[context.language];
  return `<form method="post" action="/admin/notifications/${escapeHtml(entry.id)}/retry"><input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(
    context.csrfToken,
  )}"><button type="submit" class="retry">${escapeHtml(copy.retry)}</button></form>`;
}

export interface NotificationLogInput {
  entries: NotificationLogEntry[];
  status: NotificationStatus | null;
  notice: 'retried' | 'not-failed' | null;
}

export function renderNotificationLogPage(context: PageContext, input: NotificationLogInput): string {
  const copy = NOTIFICATIONS_COPY[context.language];
  const filterLink = (status: NotificationStatus | null) =>
    `<a href="/admin/notifications${status ? `?status=${status}` : ''}"${
      status === input.status ? ' aria-current="true"' : ''
    }>${escapeHtml(status ? copy.statuses[status] : copy.all)}</a>`;
  const filters = `<p class="filters">${escapeHtml(copy.filter)}: ${[null, ...NOTIFICATION_STATUSES]
    .map(filterLink)
    .join(' · ')}</p>`;
  const notice = renderNotice(context.language, input.notice);
  const rows = input.entries
    .map(
      (entry) => `<tr data-notification-id="${escapeHtml(entry.id)}" data-status="${entry.status}">
<td data-label="${escapeHtml(copy.recipient)}">${escapeHtml(entry.residentName)}<br><small>${escapeHtml(entry.recipients.join(', '))}</small></td>
<td data-label="${escapeHtml(copy.subject)}"><a href="/admin/notifications/${escapeHtml(entry.id)}">${escapeHtml(
        entry.subject ?? copy.noSubject,
      )}</a><br><small>${escapeHtml(copy.kinds[entry.kind] ?? entry.kind)}</small></td>
<td data-label="${escapeHtml(copy.status)}" class="status">${escapeHtml(copy.statuses[entry.status])}</td>
<td data-label="${escapeHtml(copy.attempts)}">${entry.attempts}</td>
<td data-label="${escapeHtml(copy.lastError)}"><small>${escapeHtml(entry.lastError ?? '')}</small></td>
<td data-label="${escapeHtml(copy.time)}"><small>${time(entry.updatedAt)}</small></td>
<td>${retryForm(context, entry)}</td></tr>`,
    )
    .join('\n');
  const table =
    input.entries.length === 0
      ? `<p class="card">${escapeHtml(copy.empty)}</p>`
      : `<table><thead><tr><th>${escapeHtml(copy.recipient)}</th><th>${escapeHtml(copy.subject)}</th><th>${escapeHtml(
          copy.status,
        )}</th><th>${escapeHtml(copy.attempts)}</th><th>${escapeHtml(copy.lastError)}</th><th>${escapeHtml(
          copy.time,
        )}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  return renderLayout(context, copy.title, `<h1>${escapeHtml(copy.title)}</h1>${notice}${filters}${table}`);
}

function renderNotice(language: DashboardLanguage, notice: NotificationLogInput['notice']): string {
  const copy = NOTIFICATIONS_COPY[language];
  if (notice === 'retried') {
    return `<div class="notice" role="status">${escapeHtml(copy.retried)}</div>`;
  }
  if (notice === 'not-failed') {
    return `<div class="error" role="alert">${escapeHtml(copy.notFailed)}</div>`;
  }
  return '';
}

/** The stored facts of one email; the subject is the one the worker rendered and sent. */
export function renderNotificationPage(
  context: PageContext,
  entry: NotificationLogEntry,
  preview: NotificationPreview | null,
  notice: NotificationLogInput['notice'],
): string {
  const copy = NOTIFICATIONS_COPY[context.language];
  const row = (label: string, value: string) => `<tr><th>${escapeHtml(label)}</th><td>${value}</td></tr>`;
  const body = `<h1>${escapeHtml(entry.subject ?? preview?.subject ?? copy.noSubject)}</h1>${renderNotice(context.language, notice)}
<table class="card" data-notification-id="${escapeHtml(entry.id)}">
${row(copy.recipient, `${escapeHtml(entry.residentName)}<br><small>${escapeHtml(entry.recipients.join(', '))}</small>`)}
${row(copy.kind, escapeHtml(copy.kinds[entry.kind] ?? entry.kind))}
${row(copy.task, escapeHtml(entry.taskTitle ?? '—'))}
${row(copy.language, escapeHtml(entry.language))}
${row(copy.status, `<span class="status">${escapeHtml(copy.statuses[entry.status])}</span>`)}
${row(copy.attempts, String(entry.attempts))}
${row(copy.lastError, escapeHtml(entry.lastError ?? '—'))}
${row(copy.messageId, `<code>${escapeHtml(entry.messageId)}</code>`)}
${row(copy.createdAt, time(entry.createdAt))}
${row(copy.sentAt, time(entry.sentAt))}
</table>
${renderPreview(context.language, preview)}
<div class="actions" style="margin-top:16px">${retryForm(context, entry)}<a href="/admin/notifications">${escapeHtml(copy.back)}</a></div>`;
  return renderLayout(context, entry.subject ?? preview?.subject ?? copy.title, body);
}

/**
 * The email's HTML goes into a sandboxed frame as an escaped `srcdoc`: it cannot run scripts, submit
 * forms or navigate this page, whatever a task title or resident name put into it.
 */
function renderPreview(language: DashboardLanguage, preview: NotificationPreview | null): string {
  const copy = NOTIFICATIONS_COPY[language];
  if (!preview) {
    return `<section class="group"><h2>${escapeHtml(copy.preview)}</h2><p class="card">${escapeHtml(copy.noPreview)}</p></section>`;
  }
  return `<section class="group email-preview"><h2>${escapeHtml(copy.preview)}</h2>
<p><b>${escapeHtml(preview.subject)}</b></p>
<iframe class="email" sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(preview.subject)}" style="width:100%;height:560px;border:1px solid #cbd5e0;border-radius:8px;background:#fff" srcdoc="${escapeHtml(
    preview.html,
  )}"></iframe>
<details><summary>text/plain</summary><pre class="card" style="white-space:pre-wrap">${escapeHtml(preview.text)}</pre></details></section>`;
}

export function renderNotificationNotFoundPage(context: PageContext): string {
  const copy = NOTIFICATIONS_COPY[context.language];
  return renderLayout(
    context,
    copy.notFoundTitle,
    `<div class="card narrow"><h1>${escapeHtml(copy.notFoundTitle)}</h1><p>${escapeHtml(
      copy.notFoundBody,
    )}</p><p><a href="/admin/notifications">${escapeHtml(copy.back)}</a></p></div>`,
  );
}
