import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server accepted it. */
export interface Receipt {
  messageId: string;
  at: number;
}

const MESSAGE_ID = /^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)/im;

/**
 * A real SMTP server, in-process, that records the Message-ID and time of every message it accepts,
 * and can go away for a while: {@link refuse} closes the listener (new connections are refused, open
 * ones get `421` to their next command) and {@link accept} listens again on the same port.
 */
export class ChaosSmtpServer {
  readonly receipts: Receipt[] = [];
  private server: SMTPServer | null = null;
  private port = 0;
  private replyDelayMs = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens (on a free port the first time, then on the same one). */
  async accept(): Promise<void> {
    if (this.server) {
      return;
    }
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onData: (stream, _session, callback) => {
        // Only the header block is needed: the Message-ID line, kept before the 250 reply.
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (!head.includes('\r\n\r\n') && head.length < 64 * 1024) {
            head += chunk.toString('latin1');
          }
        });
        stream.on('end', () => {
          const headers = head.split(/\r?\n\r?\n/)[0];
          const messageId = MESSAGE_ID.exec(headers)?.[1].replace(/\s+/g, '') ?? '';
          this.receipts.push({ messageId, at: Date.now() });
          // Kept before the reply: a delayed 250 leaves the sender holding a message it cannot mark sent yet.
          setTimeout(() => callback(), this.replyDelayMs);
        });
      },
    });
    // A client that disappears mid-conversation (a killed worker) resets its socket: part of the run.
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  /** Delays every `250` reply to an accepted message by `ms` (0: answer at once). */
  delayReplies(ms: number): void {
    this.replyDelayMs = ms;
  }

  /**
   * Stops listening at once: new connections are refused until {@link accept}; open ones get `421` to
   * their next command and are closed after `closeTimeout`. A message already in DATA is still accepted.
   */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  async stop(): Promise<void> {
    await this.refuse();
  }

  /** Receipts by Message-ID, in the order received. */
  byMessageId(): Map<string, Receipt[]> {
    const receipts = new Map<string, Receipt[]>();
    for (const receipt of this.receipts) {
      receipts.set(receipt.messageId, [...(receipts.get(receipt.messageId) ?? []), receipt]);
    }
    return receipts;
  }
}
