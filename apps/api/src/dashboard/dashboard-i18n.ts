/** Languages of the dashboard; Russian first, the cluster's working language. */
export const DASHBOARD_LANGUAGES = ['ru', 'en'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

export function dashboardLanguage(value: string | null | undefined): DashboardLanguage {
  return value === 'en' ? 'en' : 'ru';
}

export interface DashboardCopy {
  product: string;
  nav: { overview: string; review: string; queues: string };
  signIn: string;
  signOut: string;
  email: string;
  password: string;
  signInFailed: string;
  signedInAs: string;
  roles: { admin: string; coordinator: string };
  overview: {
    title: string;
    openTasks: string;
    proposed: string;
    approved: string;
    notified: string;
    interested: string;
    declined: string;
    emailsSent: string;
    emailsFailed: string;
    matches: string;
    answers: string;
    emails: string;
  };
  review: {
    title: string;
    empty: string;
    select: string;
    task: string;
    resident: string;
    score: string;
    breakdown: string;
    capability: string;
    region: string;
    sameRegion: string;
    km: string;
    required: string;
    actions: string;
    approve: string;
    reject: string;
    approveSelected: string;
    rejectSelected: string;
    next: string;
    result: (done: number, failed: number) => string;
    levels: Record<string, string>;
  };
  forbidden: { title: string; body: string; back: string };
  /** A page only admins may open (Bull Board), opened by a coordinator. */
  adminsOnly: { title: string; body: string };
  failure: { title: string; tooManyAttempts: string; generic: string; notFound: string };
}

export const DASHBOARD_COPY: Record<DashboardLanguage, DashboardCopy> = {
  ru: {
    product: 'TechnoMatch',
    nav: { overview: 'Обзор', review: 'Проверка совпадений', queues: 'Очереди' },
    signIn: 'Войти',
    signOut: 'Выйти',
    email: 'Эл. почта',
    password: 'Пароль',
    signInFailed: 'Неверная почта или пароль, либо учётная запись временно заблокирована.',
    signedInAs: 'Вы вошли как',
    roles: { admin: 'администратор', coordinator: 'координатор' },
    overview: {
      title: 'Обзор',
      openTasks: 'Открытые задачи',
      proposed: 'Предложены',
      approved: 'Одобрены',
      notified: 'Отправлены',
      interested: 'Интересно',
      declined: 'Отказались',
      emailsSent: 'Отправлено',
      emailsFailed: 'Ошибки',
      matches: 'Совпадения',
      answers: 'Ответы резидентов',
      emails: 'Письма',
    },
    review: {
      title: 'Проверка совпадений',
      empty: 'Нет совпадений, ожидающих проверки.',
      select: 'Выбрать',
      task: 'Задача',
      resident: 'Резидент',
      score: 'Оценка',
      breakdown: 'Почему',
      capability: 'компетенции',
      region: 'регион',
      sameRegion: 'тот же регион',
      km: 'км',
      required: 'обязательно',
      actions: 'Решение',
      approve: 'Одобрить',
      reject: 'Отклонить',
      approveSelected: 'Одобрить выбранные',
      rejectSelected: 'Отклонить выбранные',
      next: 'Следующая страница',
      result: (done, failed) =>
        failed > 0 ? `Готово: ${done}. Не удалось: ${failed} (уже решены или недоступны).` : `Готово: ${done}.`,
      levels: {
        exact: 'точно',
        descendant: 'уточнение',
        parent: 'родительский код',
        grandparent: 'код через уровень',
        none: 'нет',
      },
    },
    forbidden: {
      title: 'Запрос отклонён',
      body: 'Форма устарела или отправлена не со страницы панели. Обновите страницу и попробуйте снова.',
      back: 'Вернуться',
    },
    adminsOnly: {
      title: 'Только для администраторов',
      body: 'Эта страница доступна только администраторам. Обратитесь к администратору, если вам нужен доступ.',
    },
    failure: {
      title: 'Что-то пошло не так',
      tooManyAttempts: 'Слишком много попыток входа. Подождите минуту и попробуйте снова.',
      generic: 'Запрос не выполнен. Попробуйте ещё раз; если ошибка повторится, сообщите администратору.',
      notFound: 'Такой страницы нет (404). Проверьте адрес или начните с обзора.',
    },
  },
  en: {
    product: 'TechnoMatch',
    nav: { overview: 'Overview', review: 'Review queue', queues: 'Queues' },
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: 'Email',
    password: 'Password',
    signInFailed: 'Wrong email or password, or the account is locked for a while.',
    signedInAs: 'Signed in as',
    roles: { admin: 'admin', coordinator: 'coordinator' },
    overview: {
      title: 'Overview',
      openTasks: 'Open tasks',
      proposed: 'Proposed',
      approved: 'Approved',
      notified: 'Notified',
      interested: 'Interested',
      declined: 'Declined',
      emailsSent: 'Sent',
      emailsFailed: 'Failed',
      matches: 'Matches',
      answers: 'Resident answers',
      emails: 'Emails',
    },
    review: {
      title: 'Review queue',
      empty: 'No matches are waiting for review.',
      select: 'Select',
      task: 'Task',
      resident: 'Resident',
      score: 'Score',
      breakdown: 'Why',
      capability: 'capabilities',
      region: 'region',
      sameRegion: 'same region',
      km: 'km',
      required: 'required',
      actions: 'Decision',
      approve: 'Approve',
      reject: 'Reject',
      approveSelected: 'Approve selected',
      rejectSelected: 'Reject selected',
      next: 'Next page',
      result: (done, failed) =>
        failed > 0 ? `Done: ${done}. Not done: ${failed} (already decided or not yours).` : `Done: ${done}.`,
      levels: {
        exact: 'exact',
        descendant: 'more specific',
        parent: 'parent code',
        grandparent: 'grandparent code',
        none: 'none',
      },
    },
    forbidden: {
      title: 'Request refused',
      body: 'The form has expired or was not sent from a dashboard page. Reload the page and try again.',
      back: 'Go back',
    },
    adminsOnly: {
      title: 'Admins only',
      body: 'Only administrators may open this page. Ask an administrator if you need access.',
    },
    failure: {
      title: 'Something went wrong',
      tooManyAttempts: 'Too many sign-in attempts. Wait a minute and try again.',
      generic: 'The request failed. Try again; if it keeps failing, tell an administrator.',
      notFound: 'There is no such page (404). Check the address or start from the overview.',
    },
  },
};
