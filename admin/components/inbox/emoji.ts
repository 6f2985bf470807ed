/**
 * The composer's emoji: a short curated set that covers what support replies use (greeting, thanks, yes/no,
 * sorry, celebration), each with the name screen readers announce. A full picker library would add tens of
 * kilobytes and thousands of choices nobody needs for this.
 */
export const EMOJI: ReadonlyArray<{ char: string; name: string }> = [
  { char: '🙂', name: 'Slightly smiling face' },
  { char: '😊', name: 'Smiling face with smiling eyes' },
  { char: '😀', name: 'Grinning face' },
  { char: '😉', name: 'Winking face' },
  { char: '😅', name: 'Grinning face with sweat' },
  { char: '🤔', name: 'Thinking face' },
  { char: '😔', name: 'Pensive face' },
  { char: '🙏', name: 'Folded hands' },
  { char: '👋', name: 'Waving hand' },
  { char: '👍', name: 'Thumbs up' },
  { char: '👎', name: 'Thumbs down' },
  { char: '👌', name: 'OK hand' },
  { char: '👏', name: 'Clapping hands' },
  { char: '💪', name: 'Flexed biceps' },
  { char: '❤️', name: 'Red heart' },
  { char: '🎉', name: 'Party popper' },
  { char: '✅', name: 'Check mark button' },
  { char: '❌', name: 'Cross mark' },
  { char: '⚠️', name: 'Warning' },
  { char: '⏳', name: 'Hourglass' },
  { char: '🔒', name: 'Locked' },
  { char: '📎', name: 'Paperclip' },
  { char: '📧', name: 'E-mail' },
  { char: '🚀', name: 'Rocket' },
];
