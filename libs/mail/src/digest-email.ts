import { emailDocument, escapeHtml } from './layout';
import { formatDate, formatMoney, type MailLanguage, type RenderedEmail } from './match-email';

export interface DigestEmailInput {
  language: MailLanguage;
  residentName: string;
  /** The day the digest covers, `YYYY-MM-DD`. */
  day: string;
  items: {
    title: string;
    substituteName: string;
    regionName: string;
    deadline: string | null;
    budget: { amount: number; currency: string } | null;
    links: { interested: string; declined: string };
  }[];
  links: { unsubscribe: string };
}

const COPY = {
  ru: {
    subject: (count: number, day: string) => `Новые задачи за ${day}: ${count}`,
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    intro: 'Задачи по импортозамещению, которые подходят вашему профилю:',
    substitutes: 'Заменяемое изделие',
    region: 'Регион поставки',
    deadline: 'Срок',
    budget: 'Бюджет',
    interested: 'Интересно',
    declined: 'Не интересно',
    footer: 'Вы получаете ежедневную сводку TechnoMatch как резидент технопарка.',
    unsubscribe: 'Отписаться',
  },
  en: {
    subject: (count: number, day: string) => `New tasks for ${day}: ${count}`,
    greeting: (name: string) => `Hello, ${name}!`,
    intro: 'Import-substitution tasks that fit your profile:',
    substitutes: 'Replaces',
    region: 'Delivery region',
    deadline: 'Deadline',
    budget: 'Budget',
    interested: 'Interested',
    declined: 'Not interested',
    footer: 'You receive the TechnoMatch daily digest as a technopark resident.',
    unsubscribe: 'Unsubscribe',
  },
} as const;

/** The daily digest: every new matching task of the day, each with its own answer links. */
export function renderDigestEmail(input: DigestEmailInput): RenderedEmail {
  const copy = COPY[input.language];
  const factsOf = (item: DigestEmailInput['items'][number]): [string, string][] => {
    const facts: [string, string][] = [
      [copy.substitutes, item.substituteName],
      [copy.region, item.regionName],
    ];
    if (item.deadline) {
      facts.push([copy.deadline, formatDate(item.deadline, input.language)]);
    }
    if (item.budget) {
      facts.push([copy.budget, formatMoney(item.budget.amount, item.budget.currency, input.language)]);
    }
    return facts;
  };
  const subject = copy.subject(input.items.length, input.day);
  const text = [
    copy.greeting(input.residentName),
    '',
    copy.intro,
    ...input.items.flatMap((item, index) => [
      '',
      `${index + 1}. ${item.title}`,
      ...factsOf(item).map(([label, value]) => `   ${label}: ${value}`),
      `   ${copy.interested}: ${item.links.interested}`,
      `   ${copy.declined}: ${item.links.declined}`,
    ]),
    '',
    '--',
    copy.footer,
    `${copy.unsubscribe}: ${input.links.unsubscribe}`,
    '',
  ].join('\n');
  const link = (href: string, label: string, colour: string) =>
    `<a href="${escapeHtml(href)}" style="color:${colour};font-weight:600">${escapeHtml(label)}</a>`;
  const html = emailDocument(
    input.language,
    subject,
    `<p>${escapeHtml(copy.greeting(input.residentName))}</p>
<p>${escapeHtml(copy.intro)}</p>
${input.items
  .map(
    (item) => `<div style="border-top:1px solid #e5e7eb;padding:12px 0">
<h2 style="font-size:17px;margin:0 0 6px">${escapeHtml(item.title)}</h2>
<p style="margin:0 0 8px;color:#5b6472">${factsOf(item)
      .map(([label, value]) => `${escapeHtml(label)}: ${escapeHtml(value)}`)
      .join('<br>')}</p>
<p style="margin:0">${link(item.links.interested, copy.interested, '#1f7a45')} · ${link(item.links.declined, copy.declined, '#6b7280')}</p>
</div>`,
  )
  .join('\n')}
<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0">
<p style="font-size:12px;color:#6b7280">${escapeHtml(copy.footer)}<br>
<a href="${escapeHtml(input.links.unsubscribe)}" style="color:#6b7280">${escapeHtml(copy.unsubscribe)}</a></p>`,
  );
  return { subject, text, html };
}
