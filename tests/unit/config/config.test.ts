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
});
