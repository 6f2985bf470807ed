import { describe, expect, it } from 'vitest';
import { invitationText } from '../../../site/components/chat/invitation-text.ts';

const labels = { aboutArticle: 'Статья: {title}', aboutSearch: 'Ваш поиск: «{query}»', promptArticle: 'Что вы искали?', promptSearch: 'Мы поможем.' };

describe('what the panel says about an invitation', () => {
  it('names the article by title, or by id when the island gave none', () => {
    expect(invitationText({ origin: { kind: 'article', articleId: 9, reaction: 'sad' }, title: 'Сброс пароля' }, labels)).toEqual({ about: 'Статья: Сброс пароля', prompt: 'Что вы искали?' });
    expect(invitationText({ origin: { kind: 'article', articleId: 9 } }, labels).about).toBe('Статья: #9');
  });

  it('quotes the search as typed, `$&` and slots included', () => {
    expect(invitationText({ origin: { kind: 'search', query: 'cost $& {title}' } }, labels)).toEqual({ about: 'Ваш поиск: «cost $& {title}»', prompt: 'Мы поможем.' });
  });
});
