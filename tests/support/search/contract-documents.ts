import type { SearchDocument } from '../../../search/engine.ts';

const doc = (id: number, locale: string, collectionSlug: string, title: string, body: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  id,
  locale,
  collectionSlug,
  collectionTitle: collectionSlug,
  title,
  headings: [],
  tags: [],
  description: '',
  body,
  url: `/${locale}/${collectionSlug}/${id}`,
  ...extra,
});

/** A small help center every engine must search the same way. */
export const contractDocuments: SearchDocument[] = [
  doc(1, 'en', 'account', 'Reset your password', 'Forgot it? Request a reset link from the sign-in page and choose a new password.', { tags: ['login'] }),
  doc(2, 'en', 'account', 'Turn on two-factor authentication', 'Protect your account with an authenticator app and keep your backup codes safe.'),
  doc(3, 'en', 'billing', 'Download your bills', 'Every month we email a PDF. You can also download past bills from the billing page.'),
  doc(4, 'en', 'billing', 'Change your plan', 'Upgrade or downgrade at any time. Notifications about the plan change are sent to admins.'),
  doc(5, 'en', 'settings', 'Notification settings', 'Choose which notifications you receive by email, push, or in the app.'),
  doc(6, 'en', 'settings', 'Workspace settings', 'Settings that apply to your whole workspace: name, logo, and notification defaults for new members.'),
  doc(7, 'ru', 'settings', 'Настройка уведомлений', 'Выберите, какие уведомления приходят по почте, в push и в приложении.'),
  doc(8, 'ru', 'account', 'Сброс пароля', 'Забыли пароль? Запросите ссылку для сброса на странице входа.'),
  doc(9, 'ru', 'billing', 'Счета и чеки', 'Каждый месяц мы отправляем счёт на почту администратора.'),
  doc(10, 'en', 'troubleshooting', 'Pages load slowly', 'If pages load slowly, password managers and browser extensions are common causes. Notifications may lag too.'),
  doc(11, 'en', 'troubleshooting', 'Email not received', 'Check spam. We send <script>alert("x")</script> from no-reply@acme.example — add it to contacts.'),
];
