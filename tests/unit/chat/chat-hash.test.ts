import { describe, expect, it } from 'vitest';
import { chatSearchHash, parseChatHash } from '../../../site/components/chat/chat-hash.ts';

describe('chat links in the URL fragment', () => {
  it('reads a chat email’s resume token and a failed search’s query', () => {
    expect(parseChatHash('#chat-resume=eyJjIjo3fQ.123.abc_-')).toEqual({ kind: 'resume', token: 'eyJjIjo3fQ.123.abc_-' });
    expect(parseChatHash(chatSearchHash('refund «май» & co'))).toEqual({ kind: 'search', query: 'refund «май» & co' });
  });

  it('ignores other fragments, empty values and mangled links instead of acting on them', () => {
    for (const hash of ['', '#', '#top', '#chat', '#chat-resume=', '#chat-search=%20%20', '#chat-search=%E0%A4%A', '#xchat-resume=abc']) expect(parseChatHash(hash)).toBeUndefined();
  });

  it('cuts a query to what a conversation origin accepts (200 characters)', () => {
    expect(parseChatHash(chatSearchHash('q'.repeat(300)))).toEqual({ kind: 'search', query: 'q'.repeat(200) });
  });
});
