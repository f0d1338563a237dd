import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Escapes text for HTML. */
function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A local mail catcher for the demo: a real SMTP server that writes every message it receives to
 * `<dir>/<n>.eml` and a small web page that lists and shows them.
 */
export class MailCatcher {
  private smtp: SMTPServer | null = null;
  private web: Server | null = null;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async start(smtpPort: number, webPort: number): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`;
          writeFileSync(join(this.dir, name), Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.smtp!.server.once('error', reject);
      this.smtp!.listen(smtpPort, '127.0.0.1', resolve);
    });
    this.web = createServer((request, response) => {
      this.page(request.url ?? '/').then(
        ({ type, body, status }) => response.writeHead(status, { 'content-type': type }).end(body),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.web!.once('error', reject);
      this.web!.listen(webPort, '127.0.0.1', resolve);
    });
  }

  count(): number {
    return this.files().length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.web ? this.web.close(() => resolve()) : resolve()));
  }

  private files(): string[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.eml'))
      .sort()
      .reverse();
  }

  private async page(url: string): Promise<{ status: number; type: string; body: string }> {
    const html = (body: string) => ({ status: 200, type: 'text/html; charset=utf-8', body });
    const view = /^\/messages\/([\w.-]+\.eml)(\/html)?$/.exec(url);
    if (view) {
      if (!this.files().includes(view[1])) {
        return { status: 404, type: 'text/plain', body: 'not found' };
      }
      const mail = await simpleParser(readFileSync(join(this.dir, view[1])));
      if (view[2]) {
        return html(typeof mail.html === 'string' ? mail.html : esc(mail.text ?? ''));
      }
      const headers = ['from', 'to', 'subject', 'date', 'message-id']
        .map((name) => {
          const line = mail.headerLines.find((header) => header.key === name)?.line ?? '';
          return `<tr><th>${name}</th><td>${esc(line.slice(line.indexOf(':') + 1).trim())}</td></tr>`;
        })
        .join('');
      return html(
        `<!doctype html><meta charset="utf-8"><title>${esc(mail.subject ?? '')}</title><p><a href="/">← all messages</a></p>
<table>${headers}</table><p><a href="/messages/${view[1]}/html">HTML version</a></p><pre style="white-space:pre-wrap">${esc(mail.text ?? '')}</pre>`,
      );
    }
    if (url !== '/') {
      return { status: 404, type: 'text/plain', body: 'not found' };
    }
    const rows: string[] = [];
    for (const file of this.files().slice(0, 200)) {
      const mail = await simpleParser(readFileSync(join(this.dir, file)));
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
      rows.push(
        `<tr><td>${esc(mail.date?.toISOString() ?? '')}</td><td>${esc(to)}</td><td><a href="/messages/${file}">${esc(mail.subject ?? '(no subject)')}</a></td></tr>`,
      );
    }
    return html(
      `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>TechnoMatch mail catcher</title>
<style>body{font-family:system-ui,sans-serif;margin:24px}td,th{padding:4px 8px;text-align:left;border-bottom:1px solid #ddd}</style>
<h1>Mail catcher</h1><p>${this.files().length} messages (newest first, refreshes every 5 s)</p>
<table><tr><th>date</th><th>to</th><th>subject</th></tr>${rows.join('')}</table>`,
    );
  }
}
