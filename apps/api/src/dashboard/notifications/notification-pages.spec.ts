import type { NotificationLogEntry } from '@app/domain';
import type { PageContext } from '../dashboard-pages';
import { renderNotificationPage } from './notification-pages';

const HOSTILE = '"><script>alert(1)</script>';
const context: PageContext = {
  language: 'en',
  path: '/admin/notifications/x',
  user: { kind: 'user', userId: 'u', email: 'c@park.example', role: 'coordinator', technoparkIds: [] },
  csrfToken: 'token',
};
const entry: NotificationLogEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'match',
  recipients: ['r@firm.example'],
  residentName: HOSTILE,
  subject: null,
  status: 'failed',
  attempts: 1,
  lastError: HOSTILE,
  messageId: '<m@x>',
  language: 'en',
  taskId: null,
  taskTitle: HOSTILE,
  sentAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe(renderNotificationPage.name, () => {
  it('escapes stored fields and puts the email only into a sandboxed srcdoc', () => {
    const html = renderNotificationPage(
      context,
      entry,
      { subject: HOSTILE, html: `<p title="x">${HOSTILE}</p>`, text: HOSTILE },
      null,
    );
    expect(html).not.toContain('<script>');
    const frame = /<iframe [^>]*>/.exec(html)?.[0] ?? '';
    expect(frame).toContain('sandbox=""');
    expect(frame).toContain('srcdoc="&lt;p title=&quot;x&quot;&gt;&quot;&gt;&lt;script&gt;');
    expect(html).toContain('action="/admin/notifications/00000000-0000-4000-8000-000000000001/retry"');
  });

  it('offers no retry for a sent notification and says when the email cannot be rendered', () => {
    const html = renderNotificationPage(context, { ...entry, status: 'sent' }, null, null);
    expect(html).not.toContain('/retry');
    expect(html).toContain('cannot be rendered now');
  });
});
