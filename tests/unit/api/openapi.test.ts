import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../site/api/v1/openapi.ts';

const ROUTES_DIR = path.resolve('site/pages/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route file under site/pages/api/v1 as "METHOD /api/v1/path/{param}", read from its exports. */
function implementedOperations(): string[] {
  const files = readdirSync(ROUTES_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files.flatMap((file) => {
    const route = `/api/v1/${file.replace(/\.ts$/, '').replace(/(^|\/)index$/, '')}`.replace(/\[(\w+)\]/g, '{$1}').replace(/\/$/, '');
    const source = readFileSync(path.join(ROUTES_DIR, file), 'utf8');
    return METHODS.filter((method) => new RegExp(`export const ${method}\\b`).test(source)).map((method) => `${method} ${route}`);
  });
}

describe('the OpenAPI document of /api/v1', () => {
  const document = buildOpenApiDocument('https://help.example.com');

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents exactly the operations the route files implement, so the two cannot drift apart', () => {
    const documented = Object.entries(document.paths ?? {}).flatMap(([route, item]) => METHODS.filter((m) => (item as Record<string, unknown>)[m.toLowerCase()]).map((m) => `${m} ${route}`));
    const implemented = implementedOperations();
    expect(implemented.length).toBeGreaterThanOrEqual(9);
    expect(documented.sort()).toEqual(implemented.sort());
  });

  it('requires the bearer token everywhere and documents its errors and parameters', () => {
    expect(document.components?.securitySchemes?.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const op of Object.values(item as Record<string, { security: unknown[]; responses: Record<string, unknown>; parameters?: Array<{ name: string; in: string }> }>)) {
        expect(op.security, route).toHaveLength(1);
        expect(Object.keys(op.responses), route).toEqual(expect.arrayContaining(['401', '403', '429']));
        for (const param of route.match(/\{(\w+)\}/g) ?? []) expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === param), `${route} ${param}`).toBe(true);
      }
    }
    const limited = (document.paths?.['/api/v1/users'] as { get: { responses: Record<string, { headers: Record<string, unknown> }> } }).get.responses['429']!;
    expect(Object.keys(limited.headers)).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit-Remaining']));
    const list = (document.paths?.['/api/v1/articles'] as { get: { parameters: Array<{ name: string }> } }).get;
    expect(list.parameters.map((p) => p.name).sort()).toEqual(['collection', 'cursor', 'limit', 'locale', 'status']);
  });
});
