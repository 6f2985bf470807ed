import { describe, expect, it } from 'vitest';
import { replyText } from '../../../core/chat/email/reply-text.ts';

describe('the text of an email reply', () => {
  it('drops the quoted conversation and the signature (Gmail, English)', () => {
    const mail = 'Thanks, that worked!\r\n\r\nOn Tue, 3 Nov 2026 at 10:00, Acme Help <reply+12-0a1b2c3d4e5f60718293a4b5@help.acme.example> wrote:\r\n> Try resetting the password.\r\n> Olga\r\n\r\n-- \r\nJohn Smith\r\nACME Corp\r\n';
    expect(replyText(mail)).toBe('Thanks, that worked!');
  });

  it('drops a Russian quote header that names our reply address', () => {
    const mail = 'Спасибо, помогло.\nА счёт пришлёте?\n\nВт, 3 нояб. 2026 г. в 10:00, Acme Help <reply+12-0a1b2c3d4e5f60718293a4b5@help.acme.example>:\n> Попробуйте сбросить пароль.\n';
    expect(replyText(mail)).toBe('Спасибо, помогло.\nА счёт пришлёте?');
  });

  it('drops an Outlook "Original Message" block and a phone signature', () => {
    expect(replyText('Fine, thanks\n\n-----Original Message-----\nFrom: Acme\nSent: today\n\nold text')).toBe('Fine, thanks');
    expect(replyText('Yes please.\n\nSent from my iPhone\n\n> On 3 Nov 2026, at 10:00, Olga wrote:\n> hi')).toBe('Yes please.');
  });

  it('keeps a reply that quotes nothing, line breaks and all', () => {
    expect(replyText('First line\n\nSecond paragraph: with a colon')).toBe('First line\n\nSecond paragraph: with a colon');
  });

  it('leaves nothing when the mail is only a quote', () => {
    expect(replyText('> just the quote\n> again\n')).toBe('');
  });
});
