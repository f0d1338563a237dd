import { createTransport } from 'nodemailer';
import { ChaosSmtpServer } from './chaos-smtp-server';

describe(ChaosSmtpServer.name, () => {
  const sut = new ChaosSmtpServer();

  afterAll(() => sut.stop());

  const send = (messageId: string) =>
    createTransport({ url: sut.url }).sendMail({
      from: 'a@sender.example',
      to: 'b@receiver.example',
      subject: 'chaos',
      text: 'hello',
      messageId,
    });

  it('records each message with its Message-ID, refuses connections while down, and comes back on the same port', async () => {
    await sut.accept();
    const url = sut.url;
    await send('<one@chaos.test>');

    await sut.refuse();
    await expect(send('<two@chaos.test>')).rejects.toMatchObject({ code: 'ESOCKET' });

    await sut.accept();
    expect(sut.url).toBe(url);
    await send('<two@chaos.test>');
    await send('<two@chaos.test>');

    expect([...sut.byMessageId()].map(([id, list]) => [id, list.length])).toEqual([
      ['<one@chaos.test>', 1],
      ['<two@chaos.test>', 2],
    ]);
  });
});
