import { escapeHtml } from '@app/mail';
import type { AnswerPageState } from '@app/domain';

const COPY = {
  ru: {
    title: 'Ответ на задачу',
    interested: 'Подтвердите: задача вам интересна',
    declined: 'Подтвердите: задача вам не интересна',
    unsubscribe: 'Подтвердите отписку от писем TechnoMatch',
    digest: 'Подтвердите: получать задачи раз в день сводкой',
    confirm: 'Подтвердить',
    reason: 'Причина (необязательно)',
    reasons: {
      no_capacity: 'Нет свободных мощностей',
      not_our_profile: 'Не наш профиль',
      deadline: 'Слишком короткий срок',
      budget: 'Слишком маленький бюджет',
      other: 'Другое',
    },
    done: 'Спасибо! Ваш ответ записан.',
    invalid: 'Ссылка недействительна или устарела. Ничего не изменено.',
  },
  en: {
    title: 'Your answer',
    interested: 'Confirm that you are interested in this task',
    declined: 'Confirm that you are not interested in this task',
    unsubscribe: 'Confirm that you want to unsubscribe from TechnoMatch emails',
    digest: 'Confirm that you want one daily digest instead of separate emails',
    confirm: 'Confirm',
    reason: 'Reason (optional)',
    reasons: {
      no_capacity: 'No free capacity',
      not_our_profile: 'Not our profile',
      deadline: 'Deadline too short',
      budget: 'Budget too low',
      other: 'Other',
    },
    done: 'Thank you! Your answer has been recorded.',
    invalid: 'This link is invalid or has expired. Nothing was changed.',
  },
} as const;

/** A small page, usable on a phone; the only thing that changes state is its POST form. */
export function renderAnswerPage(state: AnswerPageState, action: string): string {
  const language = state.kind === 'invalid' ? 'en' : state.language;
  const copy = COPY[language];
  let content: string;
  if (state.kind === 'invalid') {
    content = `<p class="notice">${escapeHtml(COPY.ru.invalid)}</p><p class="notice">${escapeHtml(COPY.en.invalid)}</p>`;
  } else if (state.kind === 'done') {
    content = `<p class="notice">${escapeHtml(copy.done)}</p>`;
  } else {
    const reasonField =
      state.action === 'declined'
        ? `<label for="reason">${escapeHtml(copy.reason)}</label><select id="reason" name="reason"><option value=""></option>${Object.entries(
            copy.reasons,
          )
            .map(([value, label]) => `<option value="${value}">${escapeHtml(label)}</option>`)
            .join('')}</select><textarea name="comment" maxlength="2000" rows="3"></textarea>`
        : '';
    content = `<p>${escapeHtml(copy[state.action])}</p>
<form method="post" action="${escapeHtml(action)}">${reasonField}<button type="submit">${escapeHtml(copy.confirm)}</button></form>`;
  }
  const heading = state.kind !== 'invalid' && state.taskTitle ? state.taskTitle : copy.title;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>TechnoMatch · ${escapeHtml(copy.title)}</title>
<style>body{font-family:system-ui,Arial,sans-serif;margin:0;padding:16px;background:#f4f6f9;color:#1d2430}
main{max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:20px}
h1{font-size:1.25rem}button{font-size:1rem;padding:12px 20px;border:0;border-radius:6px;background:#1f7a45;color:#fff;width:100%;margin-top:12px}
select,textarea{width:100%;font-size:1rem;margin-top:6px;box-sizing:border-box}.notice{font-size:1.05rem}</style></head>
<body><main><h1>${escapeHtml(heading)}</h1>${content}</main></body></html>`;
}
