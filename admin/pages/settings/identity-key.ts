import type { APIRoute } from 'astro';
import { apiGuard } from '../../guard.ts';

/** "Rotate identity key" on the settings page: a new key at once, then back to the page, which says so. */
export const POST: APIRoute = async ({ locals, request, redirect }) => {
  const denied = apiGuard(locals, 'settings.manage');
  if (denied) return denied;
  // Not a form (or not ticked): nothing is rotated by accident.
  const form = await request.formData().catch(() => undefined);
  if (form?.get('confirm') !== 'on') return new Response('Confirm the rotation first: tick the box on the settings page.', { status: 400 });
  await locals.core.chat.rotateIdentityKey(locals.staff!);
  return redirect('/admin/settings?rotated=1#chat-embed-title', 303);
};
