import { describe, expect, it } from 'vitest';
import { messagePreview } from '../../../core/chat/chat-views.ts';

const card = { articleId: 7, title: 'Getting a refund', description: '', url: '/en/billing/refunds', locale: 'en' };
const file = (name: string) => ({ id: name, name, contentType: 'image/webp', size: 10, width: null, height: null, url: `/api/chat/attachments/${name}` });

describe('the inbox preview of a last message', () => {
  it('is the text when there is one, cut to 140 characters', () => {
    expect(messagePreview({ body: '  Where is my refund?  ', card, attachments: [file('a.png')] })).toBe('Where is my refund?');
    expect(messagePreview({ body: 'x'.repeat(300), card: null, attachments: [] })).toHaveLength(140);
  });

  it('names the article of a card sent alone, or the files of a message of files', () => {
    expect(messagePreview({ body: '', card, attachments: [] })).toBe('Article: Getting a refund');
    expect(messagePreview({ body: '', card: null, attachments: [file('IMG 001.webp'), file('invoice.pdf')] })).toBe('📎 IMG 001.webp, 📎 invoice.pdf');
  });

  it('is nothing for an empty message', () => {
    expect(messagePreview({ body: ' ', card: null, attachments: [] })).toBeNull();
  });
});
