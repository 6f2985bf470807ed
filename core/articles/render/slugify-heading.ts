/**
 * Heading ids keep letters of any script ("настройка-уведомлений"), so Russian anchors stay readable
 * instead of becoming percent-encoded noise.
 */
export function slugifyHeading(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}
