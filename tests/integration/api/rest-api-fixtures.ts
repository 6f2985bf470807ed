import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../../core/app.ts';
import type { AccessTokenInput, StaffView } from '../../../core/accounts/index.ts';
import { presentStaff } from '../../../core/accounts/presenters.ts';
import { User, type Role } from '../../../core/models/index.ts';

/** A small help center: an en and a ru FAQ, three English articles (one a draft) and one Russian. */
export async function importSmallHelpCenter(core: Core): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'deflect-api-'));
  await mkdir(path.join(root, 'en/faq'), { recursive: true });
  await mkdir(path.join(root, 'ru/faq'), { recursive: true });
  await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\ntranslation: faq\n');
  await writeFile(path.join(root, 'ru/faq/_collection.yml'), 'title: Вопросы\ntranslation: faq\n');
  await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas\n---\nEach workspace gets 100 GB.\n');
  await writeFile(path.join(root, 'en/faq/billing.md'), '---\ntitle: Billing\n---\nInvoices are monthly.\n');
  await writeFile(path.join(root, 'en/faq/sso.md'), '---\ntitle: Single sign-on\ndraft: true\n---\nComing soon.\n');
  await writeFile(path.join(root, 'ru/faq/quotas.md'), '---\ntitle: Квоты\ntranslation: quotas\n---\n100 ГБ.\n');
  await core.importArticles(root);
}

/** A staff member and, for each scope list given, a token of theirs. */
export async function staffWithTokens(core: Core, email: string, roles: Role[], ...tokens: Array<Omit<AccessTokenInput, 'name'>>): Promise<{ staff: StaffView; tokens: string[] }> {
  const user = await User.create({ email, name: email.split('@')[0]!, passwordHash: null, roles, authorId: null, deactivatedAt: null });
  const staff = presentStaff(user);
  const made: string[] = [];
  for (const [index, input] of tokens.entries()) made.push((await core.accounts.createAccessToken(staff, { name: `token ${index + 1}`, ...input })).token);
  return { staff, tokens: made };
}
