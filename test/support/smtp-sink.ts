import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedEmail {
  envelopeTo: string[];
  parsed: ParsedMail;
}

/** What the server answers to the next message: accept, or fail with an SMTP reply code. */
export type SmtpBehaviour = (attempt: number) => { code: number; message: string } | null;

/** A real SMTP server, in-process, that keeps every message it accepts. */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private attempts = 0;
  private behaviour: SmtpBehaviour = () => null;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const failure = this.behaviour(++this.attempts);
        simpleParser(stream)
          .then((parsed) => {
            if (failure) {
              callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
              return;
            }
            this.received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as { port: number }).port;
  }

  respondWith(behaviour: SmtpBehaviour): void {
    this.behaviour = behaviour;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
