import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hasDirectives, resolveDirectives } from './directives.ts';

/** What a folder of foreign docs brings beside its articles: include targets and variable values. */
export interface ForeignDocsSupport {
  /** Transforms one body in the given locale, resolving links between articles through `resolveLink`. */
  transform(
    body: string,
    file: { sourcePath: string; locale: string },
    resolveLink: (sourcePath: string) => string | undefined,
  ): { markdown: string; problems: string[] };
}

type Variables = Record<string, string>;

/**
 * Support files live in `_aux/<name>/` (never imported as articles): `variables.json` holds the values of
 * `{var(...)}` — plain string keys for every locale, or an object per locale (`{"en": {...}, "ru": {...}}`) —
 * and include paths (`docs/en/_includes/x.md`) are looked up under each aux folder. Only the `public`
 * build condition holds, so private-edition variants are dropped.
 */
export function loadForeignDocsSupport(auxDirs: readonly string[]): ForeignDocsSupport {
  const shared: Variables = {};
  const perLocale = new Map<string, Variables>();
  for (const dir of auxDirs) {
    const file = path.join(dir, 'variables.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(json)) {
      if (key.startsWith('_')) continue;
      if (typeof value === 'string') shared[key] = value;
      else if (value && typeof value === 'object') perLocale.set(key, { ...perLocale.get(key), ...stringEntries(value) });
    }
  }
  const includeCache = new Map<string, string | undefined>();
  const readInclude = (resolvedSourcePath: string): string | undefined => {
    if (!includeCache.has(resolvedSourcePath)) {
      const found = auxDirs.map((dir) => path.join(dir, resolvedSourcePath)).find((candidate) => existsSync(candidate));
      includeCache.set(resolvedSourcePath, found ? readFileSync(found, 'utf8') : undefined);
    }
    return includeCache.get(resolvedSourcePath);
  };
  const conditions = new Set(['public']);
  return {
    transform(body, file, resolveLink) {
      if (!hasDirectives(body)) return { markdown: body, problems: [] };
      const variables = { ...shared, ...perLocale.get(file.locale) };
      return resolveDirectives(body, { sourcePath: file.sourcePath, variables, conditions, readInclude, resolveLink });
    },
  };
}

function stringEntries(value: object): Variables {
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
