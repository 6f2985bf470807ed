import type { ChatClient, ChatSnapshot } from './chat-client.ts';
import type { ChatStorage } from './chat-storage.ts';
import { playChime } from './chime.ts';

/**
 * Tells a visitor who is not looking that the team replied: the tab title becomes "(2) New message — <title>"
 * for as long as replies are unread (the client counts a reply as read only while the conversation is on
 * screen in a visible tab), and a short chime sounds for each new reply unless the visitor muted it. Loaded
 * with the chat client, so it works even when the panel was never opened on this page.
 */
export function notifyReplies(client: ChatClient, storage: ChatStorage, newMessageTitle: string): () => void {
  const originalTitle = document.title;
  let lastReply = client.snapshot().lastReply?.clientId;

  function update(snapshot: ChatSnapshot): void {
    const title = snapshot.unread > 0 ? `(${snapshot.unread}) ${newMessageTitle} — ${originalTitle}` : originalTitle;
    if (document.title !== title) document.title = title;
    const reply = snapshot.lastReply?.clientId;
    if (!reply || reply === lastReply) return;
    lastReply = reply;
    // Read fresh: the toggle may have been switched in another tab.
    if (snapshot.unread > 0 && !storage.widget().soundMuted) playChime();
  }

  update(client.snapshot());
  return client.subscribe(update);
}
