import { EMBED_TAG, isHostCommand, type EmbedEvent } from './embed-messages.ts';

/**
 * The frame's side of the window messages with the page that embeds it. Commands are taken only from the
 * parent window on an allowed origin (see isHostCommand); events go only to that origin — the one the first
 * accepted commands came from — never to `*`.
 */
export function connectToHost(allowedOrigins: readonly string[], onCommands: (commands: unknown[]) => void) {
  const allowed = new Set(allowedOrigins);
  const embedded = window.parent !== window;
  let hostOrigin: string | undefined;

  const onMessage = (event: MessageEvent) => {
    if (!isHostCommand(event, window.parent, window, allowed)) return;
    // The embedding page does not change while the frame lives: one origin, fixed by its first message.
    hostOrigin ??= event.origin;
    if (event.origin === hostOrigin) onCommands(event.data.commands);
  };
  addEventListener('message', onMessage);

  return {
    /**
     * Tells the loader the frame listens. The host's origin is not known yet, so the message goes to each
     * allowed origin: the browser delivers it only to the one the parent really has.
     */
    announce(title: string): void {
      if (!embedded) return;
      for (const origin of allowed) window.parent.postMessage({ tag: EMBED_TAG, event: 'ready', data: { title } }, origin);
    },
    send(message: EmbedEvent): void {
      if (embedded && hostOrigin) window.parent.postMessage({ tag: EMBED_TAG, ...message }, hostOrigin);
    },
    close: () => removeEventListener('message', onMessage),
  };
}
