import type { EventBus } from './events.ts';
import { Locale, Settings } from './models/index.ts';
import type { WidgetMode } from './widget/widget-modes.ts';

export interface LocaleView {
  code: string;
  name: string;
}

/** Site-wide settings as pages use them. */
export interface SiteSettings {
  siteName: string;
  logoUrl: string | null;
  accentColor: string;
  defaultLocale: string;
  locales: LocaleView[];
  /** How the widget offers the chat (see widget/widget-modes.ts). */
  widgetMode: WidgetMode;
}

/** Reads settings once and keeps them until a `settings.changed` event. */
export class SettingsReader {
  #current: Promise<SiteSettings> | undefined;

  constructor(events: EventBus) {
    events.on('settings.changed', () => {
      this.#current = undefined;
    });
  }

  get(): Promise<SiteSettings> {
    this.#current ??= this.#load();
    this.#current.catch(() => {
      this.#current = undefined;
    });
    return this.#current;
  }

  async #load(): Promise<SiteSettings> {
    const [settings, locales] = await Promise.all([Settings.findByPk(1, { rejectOnEmpty: true }), Locale.findAll({ order: [['position', 'ASC']] })]);
    return {
      siteName: settings.siteName,
      logoUrl: settings.logoUrl,
      accentColor: settings.accentColor,
      defaultLocale: settings.defaultLocale,
      widgetMode: settings.widgetMode,
      locales: locales.map((locale) => ({ code: locale.code, name: locale.name })),
    };
  }
}
