import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../core/config.ts';

describe('loadConfig', () => {
  it('runs with no variables set: port 4321, data in .data, articles from articles/', () => {
    const config = loadConfig({}, '/srv/deflect');
    expect(config.PORT).toBe(4321);
    expect(config.dataDir).toBe('/srv/deflect/.data');
    expect(config.articlesDir).toBe('/srv/deflect/articles');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBe('http://localhost:4321');
  });

  it('names the variable and the problem when DATABASE_URL is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrowError(/DATABASE_URL: not a postgres:\/\/ URL/);
  });

  it('lists every invalid variable, one per line', () => {
    try {
      loadConfig({ PORT: 'eighty', IMPORT_ON_START: 'maybe', PUBLIC_URL: 'help.example.com' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as Error).message.split('\n');
      expect(lines).toContain('PORT: not a number');
      expect(lines).toContain('IMPORT_ON_START: expected true or false');
      expect(lines.some((line) => line.startsWith('PUBLIC_URL: not an absolute URL'))).toBe(true);
    }
  });

  it('treats an empty variable as unset and strips a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig({ DATABASE_URL: '', PUBLIC_URL: 'https://help.example.com/' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBe('https://help.example.com');
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/deflect' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/deflect');
  });

  it('sends mail only when SMTP_URL is set, from a default sender otherwise configurable', () => {
    const local = loadConfig({});
    expect(local.SMTP_URL).toBeUndefined();
    expect(local.MAIL_FROM).toBe('Deflect <no-reply@localhost>');
    const config = loadConfig({ SMTP_URL: 'smtp://user:p%40ss@mail.example.com:587', MAIL_FROM: 'Acme Help <help@acme.example>' });
    expect(config).toMatchObject({ SMTP_URL: 'smtp://user:p%40ss@mail.example.com:587', MAIL_FROM: 'Acme Help <help@acme.example>' });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.com:465', MAIL_FROM: 'help@acme.example' }).MAIL_FROM).toBe('help@acme.example');
  });

  it('names SMTP_URL and MAIL_FROM when they are not what mail needs', () => {
    try {
      loadConfig({ SMTP_URL: 'mail.example.com:587', MAIL_FROM: 'Acme Help' });
      expect.unreachable();
    } catch (error) {
      const lines = (error as Error).message.split('\n');
      expect(lines).toContain('SMTP_URL: not an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587');
      expect(lines.some((line) => line.startsWith('MAIL_FROM: not a sender such as'))).toBe(true);
    }
    expect(() => loadConfig({ SMTP_URL: 'https://mail.example.com' })).toThrowError(/SMTP_URL: not an smtp:\/\//);
  });
});
