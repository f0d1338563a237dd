import { ConfigError, loadAppConfig } from './app-config';

describe(loadAppConfig.name, () => {
  it('has local defaults that work on a developer machine', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/technomatch',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: 'smtp://127.0.0.1:1025',
      port: 3000,
      matching: { capabilityWeight: 0.7, regionWeight: 0.3, threshold: 0.5, limit: 25 },
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL'],
    [{ APP_SECRET: 'short' }, 'APP_SECRET'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/8,evil.example' }, 'TRUST_PROXY'],
  ])('stops with one message naming the variable for %j', (env, variable) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
    expect(() => loadAppConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('refuses the development secret in production', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET/);
    expect(loadAppConfig({ NODE_ENV: 'production', APP_SECRET: 'z'.repeat(48) }).appSecret).toBe('z'.repeat(48));
  });

  it('strips a trailing slash from PUBLIC_BASE_URL and derives the region weight', () => {
    const config = loadAppConfig({ PUBLIC_BASE_URL: 'https://match.example.org/', MATCH_CAPABILITY_WEIGHT: '0.6' });
    expect(config.publicBaseUrl).toBe('https://match.example.org');
    expect(config.matching.regionWeight).toBe(0.4);
  });

  it('reads TRUST_PROXY as none, a hop count or a list of addresses', () => {
    expect(loadAppConfig({}).trustProxy).toBe(false);
    expect(loadAppConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadAppConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadAppConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
  });
});
