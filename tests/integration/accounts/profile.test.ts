import { access, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { StaffView } from '../../../core/accounts/index.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { Author, User } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

const square = (background: string) => sharp({ create: { width: 300, height: 300, channels: 3, background } }).png().toBuffer();

describe('a staff member’s profile', () => {
  let core: Core;
  let root: string;
  let admin: StaffView;
  let maria: StaffView;
  const byline = async () => (await core.helpCenter.article('en', 'faq', 'quotas'))?.article.author;
  const mediaFile = (url: string) => path.join(core.mediaDir, path.basename(url));

  beforeAll(async () => {
    core = await createTestCore();
    root = await mkdtemp(path.join(os.tmpdir(), 'deflect-profile-'));
    await mkdir(path.join(root, 'images'));
    await mkdir(path.join(root, 'en/faq'), { recursive: true });
    await writeFile(path.join(root, 'images/maria.png'), await square('#2255aa'));
    await writeFile(path.join(root, 'images/ivan.png'), await square('#aa5522'));
    await writeFile(path.join(root, 'authors.yml'), '- email: maria@acme.example\n  name: Maria Lopez\n  avatar: images/maria.png\n- email: ivan@acme.example\n  name: Ivan Petrov\n');
    await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\n');
    await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas\nauthor: maria@acme.example\n---\nEach workspace gets 100 GB.\n');
    expect((await core.importArticles(root)).problems).toEqual([]);
    admin = await core.accounts.createFirstAdmin((await core.accounts.issueSetupToken())!, { name: 'Ada', email: 'ada@acme.example', password: 'a long passphrase' });
    maria = await core.accounts.acceptInvite(await core.accounts.invite(admin, { email: 'maria@acme.example', roles: ['author'] }), { name: 'Maria', password: 'maria writes docs' });
  });
  afterAll(() => core.close());

  it('an imported author who joins starts with the avatar of their byline', async () => {
    const author = await Author.findOne({ where: { email: 'maria@acme.example' }, rejectOnEmpty: true });
    expect(author.avatarUrl).toMatch(/^\/media\/[a-f0-9]{32}-192\.webp$/);
    expect(maria.avatarUrl).toBe(author.avatarUrl);
    expect(admin.avatarUrl).toBeNull();
  });

  it('stores a new avatar as WebP without its metadata, and the linked author’s byline follows at once', async () => {
    expect(await byline()).toEqual({ name: 'Maria Lopez', avatarUrl: maria.avatarUrl });
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#cc3333' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Secret Corp', Artist: 'Maria at home' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const updated = await core.accounts.updateProfile(maria, { name: 'María López' }, photo);
    expect(updated.avatarUrl).toMatch(/^\/media\/[a-f0-9]{32}-192\.webp$/);
    expect(updated.avatarUrl).not.toBe(maria.avatarUrl);
    const stored = await sharp(mediaFile(updated.avatarUrl!)).metadata();
    expect(stored).toMatchObject({ format: 'webp', width: 192, height: 144 });
    expect(stored.exif).toBeUndefined();
    await access(mediaFile(updated.avatarUrl!.replace('-192.', '-96.')));

    expect(await User.findByPk(maria.id)).toMatchObject({ name: 'María López', avatarUrl: updated.avatarUrl });
    expect(await byline()).toEqual({ name: 'María López', avatarUrl: updated.avatarUrl });
    expect((await core.accounts.resolveSession((await core.accounts.startSession(updated)).token))?.avatarUrl).toBe(updated.avatarUrl);
    expect((await listAudit({ action: 'user.profile', limit: 5, offset: 0 })).entries.map((e) => [e.actor, e.summary])).toEqual([['maria@acme.example', 'maria@acme.example changed their name and avatar']]);
    maria = updated;
  });

  it('refuses a file that is not an image, over 10 MB or over 40 megapixels, and keeps the previous avatar and name', async () => {
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const attempts: Array<[Buffer, RegExp]> = [
      [Buffer.from('this is a text file named avatar.png\n'), /not an image that can be read/],
      [Buffer.alloc(10 * 1024 * 1024 + 1, 1), /larger than 10 MB/],
      [huge, /larger than 40 megapixels/],
    ];
    for (const [bytes, message] of attempts) {
      await expect(core.accounts.updateProfile(maria, { name: 'Somebody else' }, bytes)).rejects.toMatchObject({ name: 'ImageRejectedError', message: expect.stringMatching(message) });
    }
    expect(await User.findByPk(maria.id)).toMatchObject({ name: 'María López', avatarUrl: maria.avatarUrl });
    expect(await byline()).toEqual({ name: 'María López', avatarUrl: maria.avatarUrl });
    expect((await listAudit({ action: 'user.profile', limit: 5, offset: 0 })).total).toBe(1);
  });

  it('changes the name alone and keeps the avatar; staff without an author have no byline to update', async () => {
    const renamed = await core.accounts.updateProfile(maria, { name: 'Maria L.' });
    expect(renamed.avatarUrl).toBe(maria.avatarUrl);
    expect(await byline()).toEqual({ name: 'Maria L.', avatarUrl: maria.avatarUrl });
    const ada = await core.accounts.updateProfile(admin, { name: 'Ada Lovelace' }, await square('#118844'));
    expect(ada.avatarUrl).toMatch(/-192\.webp$/);
    expect(await Author.count({ where: { name: 'Ada Lovelace' } })).toBe(0);
  });

  it('the next import leaves a linked author’s name and avatar to their profile, and still updates the others', async () => {
    await writeFile(path.join(root, 'authors.yml'), '- email: maria@acme.example\n  name: Maria Lopez\n  avatar: images/maria.png\n- email: ivan@acme.example\n  name: Ivan P.\n  avatar: images/ivan.png\n');
    expect((await core.importArticles(root)).problems).toEqual([]);
    expect(await Author.findOne({ where: { email: 'maria@acme.example' } })).toMatchObject({ name: 'Maria L.', avatarUrl: maria.avatarUrl });
    expect(await Author.findOne({ where: { email: 'ivan@acme.example' } })).toMatchObject({ name: 'Ivan P.', avatarUrl: expect.stringMatching(/-192\.webp$/) });
  });
});
