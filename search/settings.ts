import type { SearchSettings } from './engine.ts';

/**
 * Default synonyms and stop words of the help center. Synonym groups are equivalents: a query word from a
 * group also matches the others. Stop words are dropped from queries (never from documents), except when
 * they are the only words typed.
 */
export const defaultSearchSettings: SearchSettings = {
  synonyms: {
    en: [
      ['invoice', 'bill', 'receipt'],
      ['sign in', 'log in', 'login', 'signin'],
      ['sign up', 'register', 'signup'],
      ['2fa', 'two-factor', 'mfa', 'otp'],
      ['password', 'passcode'],
      ['delete', 'remove'],
      ['refund', 'money back', 'chargeback'],
      ['workspace', 'organization'],
      ['email', 'e-mail', 'mail'],
      ['cancel', 'unsubscribe'],
    ],
    ru: [
      ['счет', 'инвойс', 'чек', 'квитанция'],
      ['войти', 'вход', 'логин', 'авторизация'],
      ['регистрация', 'зарегистрироваться'],
      ['2fa', 'двухфакторная', 'двухэтапная', 'mfa'],
      ['удалить', 'удаление', 'стереть'],
      ['возврат', 'вернуть деньги'],
      ['почта', 'email', 'e-mail', 'письмо'],
      ['пароль', 'password'],
    ],
  },
  stopWords: {
    en: ['a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'and', 'or', 'is', 'are', 'do', 'does', 'i', 'my', 'me', 'how', 'can', 'what', 'with', 'it', 'be'],
    ru: ['и', 'в', 'во', 'на', 'с', 'со', 'по', 'к', 'ко', 'о', 'об', 'у', 'за', 'из', 'как', 'что', 'я', 'мне', 'мой', 'это', 'ли', 'не', 'а', 'для'],
  },
};
