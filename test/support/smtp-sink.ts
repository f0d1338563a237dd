import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedEmail {
  envelopeTo: string[];
  parsed: ParsedMail;
}

/** What the server answers to the next message: accept, or fail with an SMTP reply code. */
export type SmtpBehaviour = (attempt: number, envelopeTo: string[]) => { code: number; message: string } | null;

/** A real SMTP server, in-process, that keeps every message it accepts. */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private attempts = 0;
  private behaviour: SmtpBehaviour = () => null;
  private holdAfter = Number.POSITIVE_INFINITY;
  private accepted = 0;
  private gate: { promise: Promise<void>; open: () => void } | null = null;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const failure = this.behaviour(++this.attempts, envelopeTo);
        simpleParser(stream)
          .then(async (parsed) => {
            if (failure) {
              callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
              return;
            }
            // Kept before the reply: a held message is one the server has, whose 250 the client has not seen yet.
            this.received.push({ envelopeTo, parsed });
            if (++this.accepted > this.holdAfter && this.gate) {
              await this.gate.promise;
            }
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    // A client killed mid-conversation resets the socket; that is a test scenario, not a failure.
    this.server.on('error', () => undefined);
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as { port: number }).port;
  }

  /** Sets the replies to come; `attempt` counts from 1 again. */
  respondWith(behaviour: SmtpBehaviour): void {
    this.behaviour = behaviour;
    this.attempts = 0;
  }

  /**
   * Keeps every message after the next `count` accepted ones but withholds the 250 reply until
   * {@link release}: the window in which a crashing client has handed over a message without knowing it.
   */
  hold(count = 0): void {
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
    this.holdAfter = this.accepted + count;
  }

  release(): void {
    this.gate?.open();
    this.gate = null;
    this.holdAfter = Number.POSITIVE_INFINITY;
  }

  /** Messages received, by Message-ID. */
  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const email of this.received) {
      const id = email.parsed.messageId ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
