/** A query a customer might type and the article (collection/slug) that answers it. */
export interface RelevanceCase {
  q: string;
  locale: 'en' | 'ru';
  expected: string;
}

const en = (q: string, expected: string): RelevanceCase => ({ q, locale: 'en', expected });
const ru = (q: string, expected: string): RelevanceCase => ({ q, locale: 'ru', expected });

/** Typos, word forms, half-typed last words, synonyms and whole questions, over articles/. */
export const relevanceCases: RelevanceCase[] = [
  en('reset password', 'account/reset-password'),
  en('pasword reset', 'account/reset-password'),
  en('forgot my password', 'account/reset-password'),
  en('reset pass', 'account/reset-password'),
  en('2fa', 'account/two-factor-authentication'),
  en('two factor authentication', 'account/two-factor-authentication'),
  en('authenticator app backup codes', 'account/two-factor-authentication'),
  en('change email address', 'account/change-email'),
  en('delete my account', 'account/delete-account'),
  en('sign in with google', 'account/sign-in-with-google-sso'),
  en('invoice', 'billing/invoices'),
  en('download receipt', 'billing/invoices'),
  en('refund', 'billing/refunds'),
  en('money back', 'billing/refunds'),
  en('upgrade plan', 'billing/change-plan'),
  en('vat', 'billing/vat-and-taxes'),
  en('credit card', 'billing/payment-methods'),
  en('cancel subscription', 'billing/cancel-subscription'),
  en('notifcations', 'settings/notifications'),
  en('email notifications', 'settings/notifications'),
  en('time zone', 'settings/language-and-time-zone'),
  en('dark mode', 'settings/appearance'),
  en('permissions', 'settings/roles-and-permissions'),
  en('slack', 'integrations/slack'),
  en('githb', 'integrations/github'),
  en('webhook signature', 'integrations/webhooks'),
  en('google calendar', 'integrations/google-calendar'),
  en('keyboard shortcuts', 'getting-started/keyboard-shortcuts'),
  en('invite team members', 'getting-started/invite-team'),
  en("can't log in", 'troubleshooting/cant-sign-in'),
  en('app is slow', 'troubleshooting/sync-and-performance'),
  en('error code', 'troubleshooting/error-codes'),
  en('iphone app crashes', 'troubleshooting/mobile-app-crashes'),
  ru('настроить уведомления', 'settings/notifications'),
  ru('уведомлени', 'settings/notifications'),
  ru('сбросить пароль', 'account/reset-password'),
  ru('забыл пароль', 'account/reset-password'),
  ru('двухфакторная аутентификация', 'account/two-factor-authentication'),
  ru('счета', 'billing/invoices'),
  ru('вернуть деньги', 'billing/refunds'),
  ru('сменить тариф', 'billing/change-plan'),
  ru('часовой пояс', 'settings/language-and-time-zone'),
  ru('подключить слак', 'integrations/slack'),
  ru('вебхуки', 'integrations/webhooks'),
  ru('не могу войти', 'troubleshooting/cant-sign-in'),
  ru('не приходят письма', 'troubleshooting/email-not-received'),
  ru('приложение тормозит', 'troubleshooting/sync-and-performance'),
  ru('горячие клавиши', 'getting-started/keyboard-shortcuts'),
  ru('пригласить команду', 'getting-started/invite-team'),
  ru('удалить аккаунт', 'account/delete-account'),
];
