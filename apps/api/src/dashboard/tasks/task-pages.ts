import {
  TASK_STATUSES,
  type StaffTaskFilter,
  type StaffTaskListItem,
  type StaffTaskMatch,
  type StaffTaskView,
  type TaskStatus,
} from '@app/domain';
import { escapeHtml } from '@app/mail';
import { DASHBOARD_COPY, type DashboardLanguage } from '../dashboard-i18n';
import { renderLayout, type PageContext } from '../dashboard-pages';

interface TasksCopy {
  title: string;
  empty: string;
  apply: string;
  any: string;
  task: string;
  status: string;
  enterprise: string;
  region: string;
  capability: string;
  matches: string;
  created: string;
  substitute: string;
  requirements: string;
  required: string;
  diagnosis: string;
  considered: string;
  qualified: string;
  matched: string;
  tooFew: string;
  enough: string;
  notMatchedYet: string;
  excludedBy: string;
  excludedCountry: string;
  excludedCapability: (code: string) => string;
  excludedCertification: string;
  excludedDistance: string;
  excludedBelowThreshold: string;
  rank: string;
  resident: string;
  score: string;
  breakdown: string;
  answer: string;
  noMatches: string;
  notFoundTitle: string;
  notFoundBody: string;
  back: string;
  statuses: Record<TaskStatus, string>;
  matchStatuses: Record<string, string>;
  declineReasons: Record<string, string>;
}

export const TASKS_COPY: Record<DashboardLanguage, TasksCopy> = {
  ru: {
    title: 'Задачи',
    empty: 'Задач нет.',
    apply: 'Показать',
    any: 'любой',
    task: 'Задача',
    status: 'Статус',
    enterprise: 'Предприятие',
    region: 'Регион',
    capability: 'Компетенция',
    matches: 'Совпадения',
    created: 'Создана',
    substitute: 'Замещает',
    requirements: 'Требования',
    required: 'обязательно',
    diagnosis: 'Диагностика подбора',
    considered: 'Рассмотрено резидентов',
    qualified: 'Подошло',
    matched: 'Выбрано',
    tooFew: 'Слишком мало совпадений. Что отсеяло резидентов:',
    enough: 'Совпадений достаточно.',
    notMatchedYet: 'Подбор ещё не выполнен.',
    excludedBy: 'Отсеяно',
    excludedCountry: 'страна',
    excludedCapability: (code) => `нет компетенции ${code}`,
    excludedCertification: 'нет сертификации',
    excludedDistance: 'слишком далеко',
    excludedBelowThreshold: 'балл ниже порога',
    rank: '№',
    resident: 'Резидент',
    score: 'Балл',
    breakdown: 'Почему',
    answer: 'Ответ',
    noMatches: 'Совпадений в ваших технопарках нет.',
    notFoundTitle: 'Задача не найдена',
    notFoundBody: 'Такой задачи нет, или у неё нет совпадений в ваших технопарках.',
    back: 'К списку задач',
    statuses: { open: 'открыта', matching: 'подбор', matched: 'подобрана', closed: 'закрыта', cancelled: 'отменена' },
    matchStatuses: {
      proposed: 'предложено',
      approved: 'одобрено',
      rejected: 'отклонено',
      notified: 'отправлено',
      interested: 'интересно',
      declined: 'отказ',
      withdrawn: 'отозвано',
    },
    declineReasons: {
      no_capacity: 'нет мощностей',
      not_our_profile: 'не наш профиль',
      deadline: 'сроки',
      budget: 'бюджет',
      other: 'другое',
    },
  },
  en: {
    title: 'Tasks',
    empty: 'No tasks.',
    apply: 'Show',
    any: 'any',
    task: 'Task',
    status: 'Status',
    enterprise: 'Enterprise',
    region: 'Region',
    capability: 'Capability',
    matches: 'Matches',
    created: 'Created',
    substitute: 'Substitutes',
    requirements: 'Requirements',
    required: 'required',
    diagnosis: 'Matching diagnosis',
    considered: 'Residents considered',
    qualified: 'Qualified',
    matched: 'Matched',
    tooFew: 'Too few matches. What excluded residents:',
    enough: 'Enough matches.',
    notMatchedYet: 'Not matched yet.',
    excludedBy: 'Excluded',
    excludedCountry: 'country',
    excludedCapability: (code) => `lacks capability ${code}`,
    excludedCertification: 'missing certification',
    excludedDistance: 'too far',
    excludedBelowThreshold: 'score below threshold',
    rank: '#',
    resident: 'Resident',
    score: 'Score',
    breakdown: 'Why',
    answer: 'Answer',
    noMatches: 'No matches in your technoparks.',
    notFoundTitle: 'Task not found',
    notFoundBody: 'There is no such task, or it has no matches in your technoparks.',
    back: 'Back to tasks',
    statuses: { open: 'open', matching: 'matching', matched: 'matched', closed: 'closed', cancelled: 'cancelled' },
    matchStatuses: {
      proposed: 'proposed',
      approved: 'approved',
      rejected: 'rejected',
      notified: 'notified',
      interested: 'interested',
      declined: 'declined',
      withdrawn: 'withdrawn',
    },
    declineReasons: {
      no_capacity: 'no capacity',
      not_our_profile: 'not our profile',
      deadline: 'deadline',
      budget: 'budget',
      other: 'other',
    },
  },
};

export function renderTaskListPage(
  context: PageContext,
  filter: Omit<StaffTaskFilter, 'limit'>,
  tasks: StaffTaskListItem[],
): string {
  const copy = TASKS_COPY[context.language];
  const options = ['', ...TASK_STATUSES]
    .map(
      (status) =>
        `<option value="${status}"${status === (filter.status ?? '') ? ' selected' : ''}>${escapeHtml(
          status ? copy.statuses[status as TaskStatus] : copy.any,
        )}</option>`,
    )
    .join('');
  const text = (name: string, label: string, value: string | undefined) =>
    `<div><label for="${name}">${escapeHtml(label)}</label><input id="${name}" name="${name}" value="${escapeHtml(value ?? '')}"></div>`;
  const form = `<form method="get" action="/admin/tasks" class="card filters" style="display:flex;gap:12px;flex-wrap:wrap;align-items:end;margin-bottom:16px">
<div><label for="status">${escapeHtml(copy.status)}</label><select id="status" name="status">${options}</select></div>
${text('enterprise', copy.enterprise, filter.enterprise)}${text('region', copy.region, filter.region)}${text('capability', copy.capability, filter.capability)}
<button type="submit">${escapeHtml(copy.apply)}</button></form>`;
  const rows = tasks
    .map(
      (task) => `<tr data-task-id="${escapeHtml(task.id)}">
<td data-label="${escapeHtml(copy.task)}" class="task-title"><a href="/admin/tasks/${escapeHtml(task.id)}">${escapeHtml(task.title)}</a></td>
<td data-label="${escapeHtml(copy.enterprise)}">${escapeHtml(task.enterpriseName)}</td>
<td data-label="${escapeHtml(copy.region)}">${escapeHtml(task.regionCode)}</td>
<td data-label="${escapeHtml(copy.capability)}"><small>${escapeHtml(task.capabilities.join(', '))}</small></td>
<td data-label="${escapeHtml(copy.status)}">${escapeHtml(copy.statuses[task.status])}</td>
<td data-label="${escapeHtml(copy.matches)}">${task.matches}</td>
<td data-label="${escapeHtml(copy.created)}"><small>${escapeHtml(new Date(task.createdAt).toISOString().slice(0, 10))}</small></td></tr>`,
    )
    .join('\n');
  const table =
    tasks.length === 0
      ? `<p class="card">${escapeHtml(copy.empty)}</p>`
      : `<table><thead><tr><th>${escapeHtml(copy.task)}</th><th>${escapeHtml(copy.enterprise)}</th><th>${escapeHtml(
          copy.region,
        )}</th><th>${escapeHtml(copy.capability)}</th><th>${escapeHtml(copy.status)}</th><th>${escapeHtml(
          copy.matches,
        )}</th><th>${escapeHtml(copy.created)}</th></tr></thead><tbody>${rows}</tbody></table>`;
  return renderLayout(context, copy.title, `<h1>${escapeHtml(copy.title)}</h1>${form}${table}`);
}

function renderDiagnosis(language: DashboardLanguage, view: StaffTaskView): string {
  const copy = TASKS_COPY[language];
  const summary = view.matchingSummary;
  if (!summary) {
    return `<section class="card group diagnosis"><h2>${escapeHtml(copy.diagnosis)}</h2><p>${escapeHtml(copy.notMatchedYet)}</p></section>`;
  }
  const figures = `<p>${escapeHtml(copy.considered)}: <b>${summary.considered}</b> · ${escapeHtml(copy.qualified)}: <b>${
    summary.qualified
  }</b> · ${escapeHtml(copy.matched)}: <b>${summary.matched}</b></p>`;
  if (!summary.tooFew) {
    return `<section class="card group diagnosis" data-too-few="false"><h2>${escapeHtml(copy.diagnosis)}</h2>${figures}<p>${escapeHtml(copy.enough)}</p></section>`;
  }
  const excluded = summary.excluded;
  const item = (key: string, label: string, count: number) =>
    `<li data-excluded="${escapeHtml(key)}">${escapeHtml(label)}: <b>${count}</b></li>`;
  const reasons = [
    item('country', copy.excludedCountry, excluded.country),
    ...Object.entries(excluded.capability).map(([code, count]) =>
      item(`capability:${code}`, copy.excludedCapability(code), count),
    ),
    item('certification', copy.excludedCertification, excluded.certification),
    item('distance', copy.excludedDistance, excluded.distance),
    item('belowThreshold', copy.excludedBelowThreshold, excluded.belowThreshold),
  ].join('');
  return `<section class="error group diagnosis" data-too-few="true"><h2>${escapeHtml(copy.diagnosis)}</h2>${figures}
<p role="alert">${escapeHtml(copy.tooFew)}</p><ul>${reasons}</ul></section>`;
}

function renderMatchBreakdown(language: DashboardLanguage, match: StaffTaskMatch): string {
  const review = DASHBOARD_COPY[language].review;
  const { breakdown } = match;
  const requirements = breakdown.requirements.map(
    (requirement) =>
      `<li>${escapeHtml(requirement.capability)}${requirement.required ? ` (${escapeHtml(review.required)})` : ''}: ${escapeHtml(
        review.levels[requirement.level] ?? requirement.level,
      )}${requirement.matchedBy ? ` — ${escapeHtml(requirement.matchedBy)}` : ''} × ${requirement.weight} = ${requirement.credit}</li>`,
  );
  const distance = breakdown.sameRegion ? review.sameRegion : `${breakdown.distanceKm} ${review.km}`;
  return `<ul class="why"><li>${escapeHtml(review.capability)}: ${breakdown.capabilityScore.toFixed(2)}</li>
<li>${escapeHtml(review.region)}: ${breakdown.regionScore.toFixed(2)} (${escapeHtml(distance)})</li>${requirements.join('')}</ul>`;
}

export function renderTaskPage(context: PageContext, view: StaffTaskView): string {
  const copy = TASKS_COPY[context.language];
  const { task } = view;
  const requirements = task.requirements
    .map(
      (requirement) =>
        `<li>${escapeHtml(requirement.capabilityCode)} × ${requirement.weight}${
          requirement.required ? ` (${escapeHtml(copy.required)})` : ''
        }</li>`,
    )
    .join('');
  const header = `<section class="card group"><p>${escapeHtml(copy.substitute)}: ${escapeHtml(task.substituteName)}${
    task.substituteManufacturer ? ` (${escapeHtml(task.substituteManufacturer)})` : ''
  }</p><p>${escapeHtml(copy.enterprise)}: ${escapeHtml(view.enterpriseName)} · ${escapeHtml(copy.region)}: ${escapeHtml(
    task.regionCode,
  )} · ${escapeHtml(copy.status)}: ${escapeHtml(copy.statuses[task.status])}</p>
<p>${escapeHtml(copy.requirements)}:</p><ul class="why">${requirements}</ul></section>`;
  const answer = (match: StaffTaskMatch) =>
    `${escapeHtml(copy.matchStatuses[match.status] ?? match.status)}${
      match.declineReason
        ? `<br><small class="decline-reason">${escapeHtml(copy.declineReasons[match.declineReason] ?? match.declineReason)}${
            match.declineComment ? `: ${escapeHtml(match.declineComment)}` : ''
          }</small>`
        : ''
    }`;
  const rows = view.matches
    .map(
      (match) => `<tr data-match-id="${escapeHtml(match.id)}">
<td data-label="${escapeHtml(copy.rank)}" class="rank">${match.rank}</td>
<td data-label="${escapeHtml(copy.resident)}">${escapeHtml(match.resident.name)}<br><small>${escapeHtml(
        match.resident.technoparkName,
      )} · ${escapeHtml(match.resident.regionCode)}</small></td>
<td data-label="${escapeHtml(copy.score)}" class="score">${match.score.toFixed(2)}</td>
<td data-label="${escapeHtml(copy.breakdown)}">${renderMatchBreakdown(context.language, match)}</td>
<td data-label="${escapeHtml(copy.answer)}" class="answer">${answer(match)}</td></tr>`,
    )
    .join('\n');
  const matches =
    view.matches.length === 0
      ? `<p class="card">${escapeHtml(copy.noMatches)}</p>`
      : `<table><thead><tr><th>${escapeHtml(copy.rank)}</th><th>${escapeHtml(copy.resident)}</th><th>${escapeHtml(
          copy.score,
        )}</th><th>${escapeHtml(copy.breakdown)}</th><th>${escapeHtml(copy.answer)}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const body = `<h1 class="task-title">${escapeHtml(task.title)}</h1>${header}${renderDiagnosis(context.language, view)}
<section class="group"><h2>${escapeHtml(copy.matches)}</h2>${matches}</section><p><a href="/admin/tasks">${escapeHtml(copy.back)}</a></p>`;
  return renderLayout(context, task.title, body);
}

export function renderTaskNotFoundPage(context: PageContext): string {
  const copy = TASKS_COPY[context.language];
  return renderLayout(
    context,
    copy.notFoundTitle,
    `<div class="card narrow"><h1>${escapeHtml(copy.notFoundTitle)}</h1><p>${escapeHtml(
      copy.notFoundBody,
    )}</p><p><a href="/admin/tasks">${escapeHtml(copy.back)}</a></p></div>`,
  );
}
