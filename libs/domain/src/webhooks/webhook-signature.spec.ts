import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe(signWebhook.name, () => {
  const secret = 'whsec_test_secret';
  const body = '{"event":"match.interested"}';

  it('produces a header a receiver verifies', () => {
    const header = signWebhook(body, secret, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(header, body, secret, 1_800_000_010)).toBe(true);
  });

  it('is refused for another body, another secret, or an old timestamp', () => {
    const header = signWebhook(body, secret, 1_800_000_000);
    expect(verifyWebhookSignature(header, `${body} `, secret, 1_800_000_000)).toBe(false);
    expect(verifyWebhookSignature(header, body, 'other', 1_800_000_000)).toBe(false);
    expect(verifyWebhookSignature(header, body, secret, 1_800_000_301)).toBe(false);
    expect(verifyWebhookSignature('t=x,v1=00', body, secret, 1_800_000_000)).toBe(false);
  });
});
