import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { isPrivateAddress, postWebhook, privateTargetReason, WebhookTargetRefused } from './webhook-target';

describe('the webhook SSRF guard', () => {
  it.each([
    '127.0.0.1',
    '10.2.3.4',
    '172.20.0.1',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4001::1', '::ffff:93.184.216.34'])(
    'lets %s through',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it('names literal targets it refuses without a lookup', () => {
    expect(privateTargetReason(new URL('http://localhost:8080/hook'))).toBe('localhost is this machine');
    expect(privateTargetReason(new URL('http://api.localhost/hook'))).toBe('api.localhost is this machine');
    expect(privateTargetReason(new URL('http://169.254.169.254/latest/meta-data'))).toBe(
      '169.254.169.254 is a private address',
    );
    expect(privateTargetReason(new URL('http://[::1]:3000/'))).toBe('::1 is a private address');
    expect(privateTargetReason(new URL('https://erp.plant.example/hooks'))).toBeNull();
    expect(privateTargetReason(new URL('https://93.184.216.34/hooks'))).toBeNull();
  });

  describe('posting', () => {
    let server: Server;
    let port: number;
    const received: string[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push(body);
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const post = (url: string, allowPrivate: boolean) =>
      postWebhook({
        url,
        headers: { 'content-type': 'application/json' },
        body: '{"n":1}',
        timeoutMs: 2000,
        allowPrivate,
      });

    it('refuses a private literal and a name that resolves to a private address, sending nothing', async () => {
      await expect(post(`http://127.0.0.1:${port}/hook`, false)).rejects.toThrow(WebhookTargetRefused);
      // This machine's name resolves to a loopback address (/etc/hosts): the check runs in the connection's lookup.
      await expect(post(`http://${hostname()}:${port}/hook`, false)).rejects.toThrow(/resolves to 127\.\d+\.\d+\.\d+/);
      expect(received).toEqual([]);
    });

    it('delivers to a private address when allowed (development, tests), with the answer status', async () => {
      await expect(post(`http://${hostname()}:${port}/hook`, true)).resolves.toBe(204);
      expect(received).toEqual(['{"n":1}']);
    });
  });
});
