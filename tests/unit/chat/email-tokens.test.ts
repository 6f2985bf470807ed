import { describe, expect, it } from 'vitest';
import { findReplyTarget, replyAddress } from '../../../core/chat/email/reply-address.ts';
import { RESUME_LINK_TTL_MS, resumeLink, verifyResumeToken } from '../../../core/chat/email/resume-link.ts';

const key = 'a'.repeat(64);
const visitorId = '0f8e5c2a-1b2c-4d3e-8f4a-5b6c7d8e9f00';

describe('reply addresses', () => {
  it('name their conversation, whatever the case or domain a mail server hands back', () => {
    const address = replyAddress(key, 42, 'help.acme.example');
    expect(address).toMatch(/^reply\+42-[0-9a-f]{24}@help\.acme\.example$/);
    expect(findReplyTarget(key, ['someone@else.example', address.toUpperCase().replace('HELP.ACME.EXAMPLE', 'mx.acme.example')])).toEqual({ kind: 'conversation', conversationId: 42 });
  });

  it('cannot be forged, moved to another conversation or signed with another key', () => {
    const signature = replyAddress(key, 42, 'x.example').split('-')[1]!.split('@')[0]!;
    expect(findReplyTarget(key, [`reply+43-${signature}@x.example`])).toEqual({ kind: 'forged', address: `reply+43-${signature}@x.example` });
    expect(findReplyTarget('b'.repeat(64), [replyAddress(key, 42, 'x.example')]).kind).toBe('forged');
    expect(findReplyTarget(key, [`reply+42-${signature.slice(0, -1)}@x.example`]).kind).toBe('forged');
    expect(findReplyTarget(key, ['help@x.example'])).toEqual({ kind: 'none' });
  });
});

describe('resume links', () => {
  it('bring back the conversation and visitor they were made for, until they expire', () => {
    const now = Date.parse('2026-11-03T10:00:00Z');
    const link = resumeLink(key, 'https://help.acme.example/', { conversationId: 7, visitorId }, now);
    expect(link.startsWith('https://help.acme.example/#chat-resume=')).toBe(true);
    const token = link.split('#chat-resume=')[1]!;
    expect(verifyResumeToken(key, token, now + RESUME_LINK_TTL_MS - 1_000)).toEqual({ conversationId: 7, visitorId });
    expect(verifyResumeToken(key, token, now + RESUME_LINK_TTL_MS + 1_000)).toBeUndefined();
  });

  it('refuse a changed conversation, visitor or expiry, and another key', () => {
    const token = resumeLink(key, 'https://h.example/', { conversationId: 7, visitorId }).split('#chat-resume=')[1]!;
    const [, visitor, expires, signature] = token.split('.');
    expect(verifyResumeToken(key, `8.${visitor}.${expires}.${signature}`)).toBeUndefined();
    expect(verifyResumeToken(key, `7.${visitorId.replace('0f', '1f')}.${expires}.${signature}`)).toBeUndefined();
    expect(verifyResumeToken(key, `7.${visitor}.${Number(expires) + 86_400}.${signature}`)).toBeUndefined();
    expect(verifyResumeToken('b'.repeat(64), token)).toBeUndefined();
    expect(verifyResumeToken(key, 'garbage')).toBeUndefined();
  });
});
