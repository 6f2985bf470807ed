import type { MailMessage } from '../../mail/outbox.ts';

/** A chat line as an email shows it. */
export interface MailedLine {
  from: string;
  body: string;
  /** Absolute links of the files the message carried. */
  files: string[];
}

const TEXTS = {
  en: {
    subject: (site: string, id: number) => `Your conversation with ${site} (#${id})`,
    replied: (names: string) => `${names} replied:`,
    team: 'The team',
    you: 'You',
    answer: 'Reply to this email, or continue the chat here:',
    transcriptIntro: (site: string) => `Here is your conversation with ${site}.`,
    transcriptSubject: (site: string, id: number) => `Transcript of your conversation with ${site} (#${id})`,
  },
  ru: {
    subject: (site: string, id: number) => `Ваш разговор с ${site} (№${id})`,
    replied: (names: string) => `${names} ответил(а):`,
    team: 'Поддержка',
    you: 'Вы',
    answer: 'Ответьте на это письмо или продолжите чат здесь:',
    transcriptIntro: (site: string) => `Вот ваш разговор с ${site}.`,
    transcriptSubject: (site: string, id: number) => `Запись вашего разговора с ${site} (№${id})`,
  },
} as const;

/** The visitor's language when we speak it, else English. */
export function mailLanguage(locale: string | null): keyof typeof TEXTS {
  return locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

function lineText(line: MailedLine): string {
  return [line.body, ...line.files].filter(Boolean).join('\n');
}

/** The operators' replies the visitor has not read, with the way back into the chat. One subject per conversation, so mail clients thread them. */
export function unseenRepliesMail(props: { to: string; replyTo: string; locale: string | null; siteName: string; conversationId: number; replies: MailedLine[]; link: string }): MailMessage {
  const t = TEXTS[mailLanguage(props.locale)];
  const names = [...new Set(props.replies.map((r) => r.from))].join(', ');
  return {
    to: props.to,
    replyTo: props.replyTo,
    subject: t.subject(props.siteName, props.conversationId),
    text: [t.replied(names), '', ...props.replies.map(lineText).flatMap((text) => [text, '']), '—', t.answer, props.link].join('\n'),
  };
}

/** The whole conversation as the visitor saw it in the chat (never an internal note). */
export function transcriptMail(props: { to: string; replyTo: string; locale: string | null; siteName: string; conversationId: number; lines: Array<MailedLine & { sender: 'visitor' | 'agent'; at: string }>; link: string }): MailMessage {
  const t = TEXTS[mailLanguage(props.locale)];
  const lines = props.lines.flatMap((line) => [`${line.sender === 'visitor' ? t.you : line.from} (${line.at.slice(0, 16).replace('T', ' ')} UTC):`, lineText(line), '']);
  return {
    to: props.to,
    replyTo: props.replyTo,
    subject: t.transcriptSubject(props.siteName, props.conversationId),
    text: [t.transcriptIntro(props.siteName), '', ...lines, '—', t.answer, props.link].join('\n'),
  };
}

/** The name an operator's reply is signed with in an email: theirs, or "the team". */
export function operatorName(name: string | null, locale: string | null): string {
  return name ?? TEXTS[mailLanguage(locale)].team;
}
