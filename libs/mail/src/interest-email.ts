import { emailDocument, escapeHtml } from './layout';
import type { RenderedEmail } from './match-email';

export interface InterestEmailInput {
  enterpriseName: string;
  task: { id: string; title: string };
  resident: { name: string; regionName: string; emails: string[] };
  /** Where the enterprise reads the ranked matches through the API. */
  matchesUrl: string;
}

/**
 * Tells an enterprise that a resident is interested in its task. Enterprises have no language setting,
 * so the email is in Russian with an English copy below.
 */
export function renderInterestEmail(input: InterestEmailInput): RenderedEmail {
  const { task, resident } = input;
  const subject = `Резидент заинтересован / A resident is interested: ${task.title}`;
  const sections = [
    {
      language: 'ru',
      lines: [
        `Здравствуйте, ${input.enterpriseName}!`,
        `Резидент «${resident.name}» (${resident.regionName}) заинтересован в вашей задаче «${task.title}».`,
        `Контакты: ${resident.emails.join(', ')}`,
        `Все подобранные исполнители: GET ${input.matchesUrl}`,
      ],
    },
    {
      language: 'en',
      lines: [
        `Hello, ${input.enterpriseName}!`,
        `The resident "${resident.name}" (${resident.regionName}) is interested in your task "${task.title}".`,
        `Contact: ${resident.emails.join(', ')}`,
        `All matched residents: GET ${input.matchesUrl}`,
      ],
    },
  ];
  const text = `${sections.map((section) => section.lines.join('\n')).join('\n\n---\n\n')}\n`;
  const html = emailDocument(
    'ru',
    subject,
    `${sections
      .map(
        (section) =>
          `<div lang="${section.language}">${section.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</div>`,
      )
      .join('\n<hr style="border:none;border-top:1px solid #e5e7eb;margin:20px 0">\n')}`,
  );
  return { subject, text, html };
}
