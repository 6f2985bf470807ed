import type { Translate } from '../../../i18n/translate.ts';

/** The strings only the embedded chat shows (the rest are the widget's ChatLabels). */
export interface EmbedLabels {
  /** The host site's identity for this visitor did not verify. */
  identityRefused: string;
  /** The chat server refused the connection for another reason. */
  unavailable: string;
}

/** Server side: the labels in the frame's locale. */
export function embedLabels(t: Translate): EmbedLabels {
  return { identityRefused: t('embed.identityRefused'), unavailable: t('embed.unavailable') };
}
