import { renderDigestEmail } from './digest-email';
import { renderInterestEmail } from './interest-email';
import { renderMatchEmail, type MailLanguage } from './match-email';

/** Fixed links and dates, so that a snapshot changes only when an email does. */
const link = (name: string) => `https://technomatch.example/r/${name}.signature`;

const REASONS: Record<MailLanguage, string[]> = {
  ru: ['Есть компетенция 25.62 «Механическая обработка металлов» (требуется)', 'Тот же регион: Минск'],
  en: ['Holds 25.62 Machining (required)', 'Same region: Minsk'],
};

describe('rendered emails', () => {
  describe.each<MailLanguage>(['ru', 'en'])('in %s', (language) => {
    it('match email', () => {
      const email = renderMatchEmail({
        language,
        residentName: language === 'ru' ? 'ООО «Токарь & Ко»' : 'Turner & Co',
        task: {
          title: 'Корпус клапана <гидравлика>',
          substituteName: 'Directional valve body (Bosch Rexroth)',
          regionName: language === 'ru' ? 'Минск' : 'Minsk',
          deadline: '2026-06-30',
          budget: { amount: 120000, currency: 'BYN' },
        },
        reasons: REASONS[language],
        links: {
          interested: link('interested'),
          declined: link('declined'),
          unsubscribe: link('unsubscribe'),
          digest: link('digest'),
        },
      });
      expect(email).toMatchSnapshot();
      expect(email.html).not.toContain('<гидравлика>');
    });

    it('match email without deadline or budget', () => {
      const email = renderMatchEmail({
        language,
        residentName: 'Resident',
        task: {
          title: 'Gear housing',
          substituteName: 'Gearbox housing',
          regionName: 'Brest',
          deadline: null,
          budget: null,
        },
        reasons: REASONS[language].slice(0, 1),
        links: {
          interested: link('interested'),
          declined: link('declined'),
          unsubscribe: link('unsubscribe'),
          digest: link('digest'),
        },
      });
      expect(email.text).toMatchSnapshot();
    });

    it('daily digest', () => {
      const email = renderDigestEmail({
        language,
        residentName: language === 'ru' ? 'ООО «Токарь»' : 'Turner Ltd',
        day: '2026-11-24',
        items: [
          {
            title: 'Valve body',
            substituteName: 'Directional valve body',
            regionName: language === 'ru' ? 'Минск' : 'Minsk',
            deadline: '2026-06-30',
            budget: { amount: 90000, currency: 'USD' },
            links: { interested: link('i1'), declined: link('d1') },
          },
          {
            title: 'Gear housing',
            substituteName: 'Gearbox housing',
            regionName: language === 'ru' ? 'Гомельская область' : 'Gomel region',
            deadline: null,
            budget: null,
            links: { interested: link('i2'), declined: link('d2') },
          },
        ],
        links: { unsubscribe: link('unsubscribe') },
      });
      expect(email).toMatchSnapshot();
    });
  });

  it('enterprise email when a resident is interested', () => {
    expect(
      renderInterestEmail({
        enterpriseName: 'Gomel Tractor Plant',
        task: { id: '00000000-0000-4000-8000-000000000001', title: 'Valve body' },
        resident: { name: 'ООО «Токарь»', regionName: 'Минск', emails: ['sales@tokar.by', 'ceo@tokar.by'] },
        matchesUrl: 'https://technomatch.example/api/v1/tasks/00000000-0000-4000-8000-000000000001/matches',
      }),
    ).toMatchSnapshot();
  });
});
