import type { ChatClient } from './chat-client.ts';
import type { ChatLabels } from './labels.ts';

/** What the launcher hands the panel it loads on demand. */
export interface PanelProps {
  client: ChatClient;
  labels: ChatLabels;
  locale: string;
  open: boolean;
  /** Move focus into the panel (the visitor opened it), as opposed to a reload restoring it. */
  focusOnOpen: boolean;
  onclose: () => void;
  /** Text a host page put in the composer (`Deflect('prefill', text)`); a new object each time it is given. */
  prefill?: { text: string } | undefined;
  /** A problem to show at the top (e.g. an expired chat email link). */
  notice?: string | undefined;
  /** Back to the widget's home (search and articles), labelled `homeLabel`; no button when absent. */
  onhome?: (() => void) | undefined;
  homeLabel?: string | undefined;
}
