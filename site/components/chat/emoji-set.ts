/**
 * The composer's curated emoji: the forty a support chat actually uses, each with its name in the widget's
 * languages for screen readers. A picker library would ship thousands of emoji and their names, while a
 * visitor's own keyboard already offers every emoji; this grid is for the quick 👍 and 🙏.
 */
const EMOJI: ReadonlyArray<readonly [emoji: string, en: string, ru: string]> = [
  ['😀', 'grinning face', 'широкая улыбка'],
  ['😊', 'smiling face', 'улыбка'],
  ['😂', 'tears of joy', 'слёзы радости'],
  ['🙂', 'slight smile', 'лёгкая улыбка'],
  ['😉', 'wink', 'подмигивание'],
  ['😍', 'heart eyes', 'влюблённые глаза'],
  ['🤔', 'thinking face', 'задумчивость'],
  ['😅', 'nervous laugh', 'нервный смех'],
  ['😐', 'neutral face', 'безразличие'],
  ['😕', 'confused face', 'растерянность'],
  ['😞', 'disappointed face', 'разочарование'],
  ['😢', 'crying face', 'слеза'],
  ['😡', 'angry face', 'злость'],
  ['😮', 'surprised face', 'удивление'],
  ['🙄', 'eye roll', 'закатанные глаза'],
  ['😴', 'sleeping face', 'сон'],
  ['👍', 'thumbs up', 'палец вверх'],
  ['👎', 'thumbs down', 'палец вниз'],
  ['👏', 'clapping hands', 'аплодисменты'],
  ['🙏', 'thank you', 'спасибо'],
  ['👋', 'waving hand', 'привет'],
  ['👌', 'OK hand', 'всё в порядке'],
  ['🤝', 'handshake', 'рукопожатие'],
  ['💪', 'flexed biceps', 'сила'],
  ['❤️', 'red heart', 'сердце'],
  ['🔥', 'fire', 'огонь'],
  ['✨', 'sparkles', 'блёстки'],
  ['🎉', 'party popper', 'праздник'],
  ['✅', 'check mark', 'галочка'],
  ['❌', 'cross mark', 'крестик'],
  ['⚠️', 'warning', 'внимание'],
  ['❓', 'question mark', 'вопрос'],
  ['💡', 'light bulb', 'идея'],
  ['⏳', 'hourglass', 'песочные часы'],
  ['📎', 'paperclip', 'скрепка'],
  ['📷', 'camera', 'камера'],
  ['💳', 'credit card', 'банковская карта'],
  ['📦', 'package', 'посылка'],
  ['🚀', 'rocket', 'ракета'],
  ['☕', 'hot beverage', 'кофе'],
];

/** The emoji with their names in the page's language (English unless it is Russian). */
export function emojiFor(locale: string): Array<{ emoji: string; name: string }> {
  const russian = locale.toLowerCase().startsWith('ru');
  return EMOJI.map(([emoji, en, ru]) => ({ emoji, name: russian ? ru : en }));
}
