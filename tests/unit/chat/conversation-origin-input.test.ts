import { describe, expect, it } from 'vitest';
import { startConversationSchema } from '../../../core/chat/chat-input.ts';

const start = (origin: unknown) => startConversationSchema.safeParse({ clientId: '5f0c1a52-7d3e-4c8a-9f27-2b1e8d6a4c10', body: 'Hi', origin });

describe('a conversation’s origin as the widget sends it', () => {
  it('keeps the reaction of an article that opened the chat', () => {
    expect(start({ kind: 'article', articleId: 3, reaction: 'sad' }).data?.origin).toEqual({ kind: 'article', articleId: 3, reaction: 'sad' });
    expect(start({ kind: 'article', articleId: 3 }).data?.origin).toEqual({ kind: 'article', articleId: 3 });
  });

  it('refuses a reaction that is not one of the three faces, naming the field', () => {
    const parsed = start({ kind: 'article', articleId: 3, reaction: 'angry' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['origin', 'reaction']);
  });
});
