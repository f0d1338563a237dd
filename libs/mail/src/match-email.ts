import { emailDocument, escapeHtml } from './layout';

export type MailLanguage = 'ru' | 'en';

export interface MatchEmailInput {
  language: MailLanguage;
  residentName: string;
  task: {
    title: string;
    substituteName: string;
    regionName: string;
    deadline: string | null;
    budget: { amount: number; currency: string } | null;
  };
  /** Short sentences explaining why this resident was chosen. */
  reasons: string[];
  links: { interested: string; declined: string; unsubscribe: string; digest: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const COPY = {
  ru: {
    subject: (title: string) => `Новая задача по импортозамещению: ${title}`,
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    intro: 'Предприятие ищет исполнителя, и ваш профиль подходит под задачу:',
    substitutes: 'Заменяемое изделие',
    region: 'Регион поставки',
    deadline: 'Срок',
    budget: 'Бюджет',
    why: 'Почему вы',
    question: 'Интересна ли вам эта задача?',
    interested: 'Интересно',
    declined: 'Не интересно',
    footer: 'Вы получили это письмо как резидент технопарка в TechnoMatch.',
    digest: 'Получать раз в день сводкой',
    unsubscribe: 'Отписаться',
  },
  en: {
    subject: (title: string) => `New import-substitution task: ${title}`,
    greeting: (name: string) => `Hello, ${name}!`,
    intro: 'An enterprise is looking for a supplier, and your profile fits this task:',
    substitutes: 'Replaces',
    region: 'Delivery region',
    deadline: 'Deadline',
    budget: 'Budget',
    why: 'Why you',
    question: 'Are you interested in this task?',
    interested: 'Interested',
    declined: 'Not interested',
    footer: 'You receive this email as a technopark resident registered with TechnoMatch.',
    digest: 'Switch to a daily digest',
    unsubscribe: 'Unsubscribe',
  },
} as const;

/** Renders the "new matching task" email in the resident's language, as plain text and HTML. */
export function renderMatchEmail(input: MatchEmailInput): RenderedEmail {
  const copy = COPY[input.language];
  const facts: [string, string][] = [
    [copy.substitutes, input.task.substituteName],
    [copy.region, input.task.regionName],
  ];
  if (input.task.deadline) {
    facts.push([copy.deadline, formatDate(input.task.deadline, input.language)]);
  }
  if (input.task.budget) {
    facts.push([copy.budget, formatMoney(input.task.budget.amount, input.task.budget.currency, input.language)]);
  }
  const subject = copy.subject(input.task.title);
  const text = [
    copy.greeting(input.residentName),
    '',
    copy.intro,
    '',
    input.task.title,
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    `${copy.why}:`,
    ...input.reasons.map((reason) => `- ${reason}`),
    '',
    copy.question,
    `${copy.interested}: ${input.links.interested}`,
    `${copy.declined}: ${input.links.declined}`,
    '',
    '--',
    copy.footer,
    `${copy.digest}: ${input.links.digest}`,
    `${copy.unsubscribe}: ${input.links.unsubscribe}`,
    '',
  ].join('\n');
  const button = (href: string, label: string, colour: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;margin:4px 8px 4px 0;border-radius:6px;background:${colour};color:#fff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a>`;
  const html = emailDocument(
    input.language,
    subject,
    `<p>${escapeHtml(copy.greeting(input.residentName))}</p>
<p>${escapeHtml(copy.intro)}</p>
<h1 style="font-size:20px;margin:16px 0">${escapeHtml(input.task.title)}</h1>
<table role="presentation" style="border-collapse:collapse">${facts
      .map(
        ([label, value]) =>
          `<tr><td style="padding:2px 12px 2px 0;color:#5b6472">${escapeHtml(label)}</td><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>
<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(copy.why)}</h2>
<ul>${input.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>
<p style="margin-top:20px">${escapeHtml(copy.question)}</p>
<p>${button(input.links.interested, copy.interested, '#1f7a45')}${button(input.links.declined, copy.declined, '#6b7280')}</p>
<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0">
<p style="font-size:12px;color:#6b7280">${escapeHtml(copy.footer)}<br>
<a href="${escapeHtml(input.links.digest)}" style="color:#6b7280">${escapeHtml(copy.digest)}</a> ·
<a href="${escapeHtml(input.links.unsubscribe)}" style="color:#6b7280">${escapeHtml(copy.unsubscribe)}</a></p>`,
  );
  return { subject, text, html };
}

// Building an Intl formatter costs far more than formatting with one: one formatter per language.
const DATE_FORMATS: Record<MailLanguage, Intl.DateTimeFormat> = {
  ru: new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const MONEY_FORMATS = new Map<string, Intl.NumberFormat>();

/** A `YYYY-MM-DD` date in the reader's locale: `30 июня 2026 г.`, `30 June 2026`. */
export function formatDate(isoDate: string, language: MailLanguage): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : DATE_FORMATS[language].format(date);
}

/** Amount with its currency, in the reader's locale. */
export function formatMoney(amount: number, currency: string, language: MailLanguage): string {
  const key = `${language}:${currency}`;
  let format = MONEY_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { style: 'currency', currency });
    MONEY_FORMATS.set(key, format);
  }
  return format.format(amount);
}
