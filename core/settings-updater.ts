import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { recordAudit, type AuditActor } from './audit/audit-log.ts';
import { AVATAR_WIDTHS, mediaUrl, processImage } from './articles/images.ts';
import type { EventBus } from './events.ts';
import { Locale, Settings } from './models/index.ts';
import { WIDGET_MODES } from './widget/widget-modes.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast of white text on the colour: the header, buttons and links rely on it. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export const brandingSchema = z.object({
  siteName: z.string().trim().min(1, 'enter a name').max(120),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'use a colour like #4f46e5')
    .refine((hex) => contrastWithWhite(hex) >= 4.5, 'too light: white text on it would be hard to read (needs 4.5:1); choose a darker colour'),
  defaultLocale: z.string().min(2).max(8),
  /** Left out (older callers, the API): the mode stays as it is. */
  widgetMode: z.enum(WIDGET_MODES, { error: 'choose one of the widget modes' }).optional(),
});
export type Branding = z.infer<typeof brandingSchema>;

export interface SettingsUpdate {
  sequelize: Sequelize;
  events: EventBus;
  actor: AuditActor;
  branding: Branding;
  /** A new logo image (any format sharp reads), or undefined to keep the current one. */
  logo?: Buffer;
  mediaDir: string;
}

/**
 * Changes branding, the default locale and the widget's mode. The site shows it on the next request everywhere: the change
 * commits with its audit entry, then `settings.changed` clears every instance's caches.
 */
export default async function settingsUpdater({ sequelize, events, actor, branding, logo, mediaDir }: SettingsUpdate): Promise<void> {
  if (!(await Locale.findByPk(branding.defaultLocale))) throw new z.ZodError([{ code: 'custom', path: ['defaultLocale'], message: 'unknown locale', input: branding.defaultLocale }]);
  const image = logo ? await processImage(logo, mediaDir, AVATAR_WIDTHS) : undefined;
  await sequelize.transaction(async (transaction) => {
    const settings = await Settings.findByPk(1, { rejectOnEmpty: true, transaction, lock: transaction.LOCK.UPDATE });
    const given = Object.fromEntries(Object.entries(branding).filter(([, value]) => value !== undefined)) as Partial<Branding>;
    const changed = (Object.keys(given) as Array<keyof Branding>).filter((key) => settings[key] !== given[key]);
    if (image) changed.push('logoUrl' as keyof Branding);
    await settings.update({ ...given, ...(image ? { logoUrl: mediaUrl(image.hash, image.variantWidths.at(-1)!) } : {}) }, { transaction });
    if (changed.length > 0) await recordAudit({ actor, action: 'settings.update', target: { type: 'settings', id: 1 }, summary: `Changed ${changed.join(', ')}` }, transaction);
  });
  events.emit('settings.changed', {});
}
