import type { APIRoute } from 'astro';
import { buildOpenApiDocument } from '../../api/v1/openapi.ts';

let document: string | undefined;

/** `GET /api/openapi.json` → the OpenAPI 3.1 document of /api/v1 (public: it describes, it grants nothing). */
export const GET: APIRoute = ({ locals }) => {
  // Built once per process: the schemas don't change while it runs.
  document ??= JSON.stringify(buildOpenApiDocument(locals.core.config.PUBLIC_URL));
  return new Response(document, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' } });
};
