import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { StaffView } from '../../../core/accounts/index.ts';
import { presentStaff } from '../../../core/accounts/presenters.ts';
import type { Core } from '../../../core/app.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { SavedReply, User } from '../../../core/models/index.ts';
import { savedReplyFieldsSchema } from '../../../core/saved-replies/index.ts';
import { createTestCore } from '../../support/test-core.ts';

/** The promise's validation problems as [field, message] pairs (it must fail validation). */
async function problems(promise: Promise<unknown>): Promise<string[][]> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as z.ZodError | undefined;
  expect(error?.name).toBe('ZodError');
  return error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('saved replies', () => {
  let core: Core;
  let olga: StaffView;
  let ann: StaffView;
  const staff = async (email: string, roles: Array<'operator' | 'author'>) =>
    presentStaff(await User.create({ email, name: email.split('@')[0]!, passwordHash: null, roles, authorId: null, deactivatedAt: null }));
  const fields = (input: Record<string, unknown>) => savedReplyFieldsSchema.parse(input);

  beforeAll(async () => {
    core = await createTestCore();
    olga = await staff('olga@acme.example', ['operator']);
    ann = await staff('ann@acme.example', ['author']);
  });
  afterAll(() => core.close());

  it('creates, edits and deletes a shared reply, each change audited with who made it', async () => {
    const id = await core.savedReplies.create(olga, fields({ title: 'Refund approved', shortcut: '/Refund', body: '  Hi {{visitor.name}}, your refund is on its way.  ' }));
    expect(await core.savedReplies.list()).toEqual([
      { id, title: 'Refund approved', shortcut: 'refund', body: 'Hi {{visitor.name}}, your refund is on its way.', updatedBy: 'olga', updatedAt: expect.any(String) },
    ]);
    const max = await staff('max@acme.example', ['operator']);
    await core.savedReplies.update(max, id, fields({ title: 'Refund sent', shortcut: 'refund-sent', body: 'Sent!' }));
    expect(await core.savedReplies.find(id)).toMatchObject({ title: 'Refund sent', shortcut: 'refund-sent', body: 'Sent!', updatedBy: 'max' });
    await core.savedReplies.remove(olga, id);
    expect(await core.savedReplies.list()).toEqual([]);

    const audit = await listAudit({ limit: 3, offset: 0 });
    expect(audit.entries.map((e) => [e.actor, e.action, e.summary])).toEqual([
      ['olga@acme.example', 'saved_reply.delete', 'Deleted saved reply /refund-sent “Refund sent”'],
      ['max@acme.example', 'saved_reply.update', 'Changed saved reply /refund-sent (was /refund) “Refund sent”'],
      ['olga@acme.example', 'saved_reply.create', 'Created saved reply /refund “Refund approved”'],
    ]);
  });

  it('says what is wrong with each field, and stores nothing', async () => {
    const before = await SavedReply.count();
    expect(savedReplyFieldsSchema.safeParse({ title: ' ', shortcut: 'two words', body: '' }).error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['title', 'enter a title'],
      ['shortcut', 'use letters, digits, - and _ only (no spaces)'],
      ['body', 'enter the reply'],
    ]);
    expect(savedReplyFieldsSchema.safeParse({ title: 'x', shortcut: '/', body: 'x'.repeat(5001) }).error!.issues.map((i) => i.path.join('.'))).toEqual(['shortcut', 'body']);

    await core.savedReplies.create(olga, fields({ title: 'Greeting', shortcut: 'hello', body: 'Hello!' }));
    expect(await problems(core.savedReplies.create(olga, fields({ title: 'Another greeting', shortcut: 'HELLO', body: 'Hi!' })))).toEqual([['shortcut', '/hello is already the shortcut of “Greeting”']]);
    const other = await core.savedReplies.create(olga, fields({ title: 'Bye', shortcut: 'bye', body: 'Bye!' }));
    expect(await problems(core.savedReplies.update(olga, other, fields({ title: 'Bye', shortcut: 'hello', body: 'Bye!' })))).toEqual([['shortcut', '/hello is already the shortcut of “Greeting”']]);
    expect((await core.savedReplies.find(other))?.shortcut).toBe('bye');
    expect(await SavedReply.count()).toBe(before + 2);
  });

  it('refuses staff whose role does not include the inbox, and changes nothing', async () => {
    const reply = await core.savedReplies.find(await core.savedReplies.create(olga, fields({ title: 'Thanks', shortcut: 'thanks', body: 'Thank you!' })));
    const auditBefore = (await listAudit({ limit: 1, offset: 0 })).total;
    await expect(core.savedReplies.create(ann, fields({ title: 'Mine', shortcut: 'mine', body: 'x' }))).rejects.toThrow('Your role does not include the inbox, so it cannot change saved replies.');
    await expect(core.savedReplies.update(ann, reply!.id, fields({ title: 'Hijacked', shortcut: 'hijacked', body: 'x' }))).rejects.toThrow('Your role does not include the inbox');
    await expect(core.savedReplies.remove(ann, reply!.id)).rejects.toThrow('Your role does not include the inbox');
    const deactivated = { ...olga, deactivated: true };
    await expect(core.savedReplies.remove(deactivated, reply!.id)).rejects.toThrow('Your role does not include the inbox');
    expect(await core.savedReplies.find(reply!.id)).toEqual(reply);
    expect((await listAudit({ limit: 1, offset: 0 })).total).toBe(auditBefore);
  });

  it('tells whoever edits a reply someone else just deleted', async () => {
    const id = await core.savedReplies.create(olga, fields({ title: 'Soon gone', shortcut: 'gone', body: 'x' }));
    await core.savedReplies.remove(olga, id);
    await expect(core.savedReplies.update(olga, id, fields({ title: 'Back', shortcut: 'gone', body: 'x' }))).rejects.toThrow('This saved reply no longer exists (someone deleted it).');
  });
});
