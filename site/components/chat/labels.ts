import type { Translate } from '../../i18n/translate.ts';
import { pluralTemplates, type PluralTemplates } from '../search/labels.ts';

/** Every string the chat widget shows, localized on the server and passed as a prop (no dictionary shipped). */
export interface ChatLabels {
  open: string;
  /** "{count} unread replies", per plural category. */
  unread: PluralTemplates;
  title: string;
  close: string;
  back: string;
  conversations: string;
  noConversations: string;
  startNew: string;
  /** "Conversation of {date}". */
  conversationOf: string;
  closedConversation: string;
  intro: string;
  messages: string;
  message: string;
  send: string;
  you: string;
  team: string;
  /** "{name} is typing…". */
  typing: string;
  pending: string;
  sent: string;
  seen: string;
  failed: string;
  retry: string;
  offline: string;
  /** "New message from {name}: {body}" for screen readers. */
  newMessage: string;
  /** An article card from the team, and its reader inside the panel. */
  article: { label: string; read: string; newTab: string; back: string; loading: string; failed: string };
  /** Articles matching the first message while it is typed (SuggestedArticles); `found`: "{count} articles may answer…". */
  suggestions: { heading: string; found: PluralTemplates };
  /** The answer bot's messages and its two buttons (BotAnswer). */
  bot: { name: string; question: string; helped: string; needHelp: string; thanks: string; passed: string; failed: string; offered: string };
  /** Timeline events in the visitor's words (event-text.ts): "{name} joined the conversation", "You rated … {face}". */
  events: { assigned: string; team: string; closed: string; reopened: string; rated: string; botHelped: string; botEscalated: string };
  /** Sending files, emoji, the sound toggle and the tab title (see ChatPanel, reply-notifier.ts). */
  attach: string;
  attachAfterStart: string;
  dropFiles: string;
  /** "At most {max} files per message." */
  tooManyFiles: string;
  /** "Uploading {name}: {percent}%". */
  uploading: string;
  uploadFailed: string;
  /** "Remove {name}". */
  removeFile: string;
  filesToSend: string;
  emoji: string;
  emojiList: string;
  sound: string;
  newMessageTitle: string;
  /** "How was the conversation?" after an operator closed it (RatingPrompt). */
  rating: { question: string; sad: string; neutral: string; happy: string; comment: string; send: string; thanks: string };
  /** A conversation opened from an article that did not help or a search that found nothing (open-chat.ts). */
  promptArticle: string;
  promptSearch: string;
  /** "About: {title}", "Your search: “{query}”". */
  aboutArticle: string;
  aboutSearch: string;
  resumeFailed: string;
  /** "We're away — {backAt}": the team is closed; `{backAt}` from formatBackAt (team-notice.ts). */
  teamAway: string;
  /** The optional address for chat emails and "Email me this conversation" (EmailOptions). `{email}` filled in. */
  email: { label: string; hint: string; prompt: string; save: string; saved: string; invalid: string; failed: string; transcript: string; transcriptSent: string; transcriptNeedsEmail: string; transcriptLimited: string };
}

/** Server side: the labels in the page's locale. */
export function chatLabels(t: Translate, locale: string): ChatLabels {
  return {
    open: t('chat.open'),
    unread: pluralTemplates((count) => t('chat.unread', { count }), locale),
    title: t('chat.title'),
    close: t('chat.close'),
    back: t('chat.back'),
    conversations: t('chat.conversations'),
    noConversations: t('chat.noConversations'),
    startNew: t('chat.startNew'),
    conversationOf: t('chat.conversationOf', { date: '{date}' }),
    closedConversation: t('chat.closedConversation'),
    intro: t('chat.intro'),
    messages: t('chat.messages'),
    message: t('chat.message'),
    send: t('chat.send'),
    you: t('chat.you'),
    team: t('chat.team'),
    typing: t('chat.typing', { name: '{name}' }),
    pending: t('chat.pending'),
    sent: t('chat.sent'),
    seen: t('chat.seen'),
    failed: t('chat.failed'),
    retry: t('chat.retry'),
    offline: t('chat.offline'),
    newMessage: t('chat.newMessage', { name: '{name}', body: '{body}' }),
    article: {
      label: t('chat.article.label'),
      read: t('chat.article.read'),
      newTab: t('chat.article.newTab'),
      back: t('chat.article.back'),
      loading: t('chat.article.loading'),
      failed: t('chat.article.failed'),
    },
    suggestions: { heading: t('chat.suggestions.heading'), found: pluralTemplates((count) => t('chat.suggestions.found', { count }), locale) },
    bot: {
      name: t('chat.bot.name'),
      question: t('chat.bot.question'),
      helped: t('chat.bot.helped'),
      needHelp: t('chat.bot.needHelp'),
      thanks: t('chat.bot.thanks'),
      passed: t('chat.bot.passed'),
      failed: t('chat.bot.failed'),
      offered: t('chat.bot.offered'),
    },
    events: {
      assigned: t('chat.event.assigned', { name: '{name}' }),
      team: t('chat.event.team'),
      closed: t('chat.event.closed'),
      reopened: t('chat.event.reopened'),
      rated: t('chat.event.rated', { face: '{face}' }),
      botHelped: t('chat.event.botHelped'),
      botEscalated: t('chat.event.botEscalated'),
    },
    attach: t('chat.attach'),
    attachAfterStart: t('chat.attachAfterStart'),
    dropFiles: t('chat.dropFiles'),
    tooManyFiles: t('chat.tooManyFiles', { max: '{max}' }),
    uploading: t('chat.uploading', { name: '{name}', percent: '{percent}' }),
    uploadFailed: t('chat.uploadFailed'),
    removeFile: t('chat.removeFile', { name: '{name}' }),
    filesToSend: t('chat.filesToSend'),
    emoji: t('chat.emoji'),
    emojiList: t('chat.emojiList'),
    sound: t('chat.sound'),
    newMessageTitle: t('chat.newMessageTitle'),
    rating: {
      question: t('chat.rateQuestion'),
      sad: t('chat.rateSad'),
      neutral: t('chat.rateNeutral'),
      happy: t('chat.rateHappy'),
      comment: t('chat.rateComment'),
      send: t('chat.rateSend'),
      thanks: t('chat.rateThanks'),
    },
    promptArticle: t('chat.promptArticle'),
    promptSearch: t('chat.promptSearch'),
    aboutArticle: t('chat.aboutArticle', { title: '{title}' }),
    aboutSearch: t('chat.aboutSearch', { query: '{query}' }),
    resumeFailed: t('chat.resumeFailed'),
    teamAway: t('chat.teamAway', { backAt: '{backAt}' }),
    email: {
      label: t('chat.email.label'),
      hint: t('chat.email.hint'),
      prompt: t('chat.email.prompt'),
      save: t('chat.email.save'),
      saved: t('chat.email.saved', { email: '{email}' }),
      invalid: t('chat.email.invalid'),
      failed: t('chat.email.failed'),
      transcript: t('chat.email.transcript'),
      transcriptSent: t('chat.email.transcriptSent', { email: '{email}' }),
      transcriptNeedsEmail: t('chat.email.transcriptNeedsEmail'),
      transcriptLimited: t('chat.email.transcriptLimited'),
    },
  };
}

/** Browser side: fills `{name}`-style slots (a replacer function, so `$&` in a message stays literal). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}
