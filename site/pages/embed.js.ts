import type { APIRoute } from 'astro';
import loader from '../components/chat/embed/loader.js?raw';

/**
 * The loader host sites include (README: "Embed the chat on your site"). One file for every host: it finds
 * the help center from its own `src`. A short max-age, so a fix reaches host sites within minutes while
 * their visitors' browsers still reuse it between pages.
 */
export const GET: APIRoute = () =>
  new Response(loader, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  });
