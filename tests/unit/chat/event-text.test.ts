import { describe, expect, it } from 'vitest';
import { eventText } from '../../../site/components/chat/event-text.ts';
import { chatLabels } from '../../../site/components/chat/labels.ts';
import { createTranslator } from '../../../site/i18n/translate.ts';

const russian = chatLabels(createTranslator('ru'), 'ru').events;
const english = chatLabels(createTranslator('en'), 'en').events;

describe('timeline events as the visitor reads them', () => {
  it('says who answers, in the page’s language, without who assigned whom or how', () => {
    expect(eventText(russian, { type: 'assigned', name: 'Ольга' }, 'Assigned to Ольга (round robin, Billing)')).toBe('Вам отвечает Ольга');
    expect(eventText(english, { type: 'assigned', name: 'Olga' }, 'Transferred to Olga by Bob')).toBe('Olga joined the conversation');
    expect(eventText(russian, { type: 'team' }, 'Moved to the Billing queue by Bob')).toBe('Разговор передан команде');
  });

  it('words closing, reopening, the visitor’s rating and the answer bot’s outcome', () => {
    expect(eventText(russian, { type: 'closed' }, 'Closed by Bob')).toBe('Разговор закрыт');
    expect(eventText(russian, { type: 'reopened' }, 'Reopened by Bob')).toBe('Разговор снова открыт');
    expect(eventText(russian, { type: 'rated', score: 'happy' }, 'Visitor rated 😃: спасибо')).toBe('Вы оценили разговор: 😃');
    expect(eventText(russian, { type: 'bot_helped' }, 'Resolved by an article the answer bot offered')).toBe('Вопрос решён статьёй');
    expect(eventText(english, { type: 'bot_escalated' }, 'The visitor still needs help: passed to the team')).toBe('Passed to the team: a person will answer');
  });

  it('shows the stored text of an event from before events carried their kind', () => {
    expect(eventText(russian, null, 'Assigned to Olga by Bob')).toBe('Assigned to Olga by Bob');
  });

  it('keeps a name with braces or $ signs as it is', () => {
    expect(eventText(english, { type: 'assigned', name: 'Ann {name} $&' }, '')).toBe('Ann {name} $& joined the conversation');
  });
});
