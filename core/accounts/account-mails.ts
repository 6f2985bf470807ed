import type { Transaction } from 'sequelize';
import type { MailMessage } from '../mail/outbox.ts';
import { Settings } from '../models/index.ts';

/** The help center's name as the emails sign it, read in the transaction that queues the mail. */
export async function siteNameFor(transaction: Transaction): Promise<string> {
  return (await Settings.findByPk(1, { transaction }))?.siteName ?? 'Deflect';
}

/** The emails of staff accounts, as plain text: the link is what matters, and it must survive any client. */

export function passwordResetMail(props: { to: string; name: string; siteName: string; link: string }): MailMessage {
  return {
    to: props.to,
    subject: `Reset your password for ${props.siteName} admin`,
    text: [
      `Hello ${props.name},`,
      '',
      `someone, hopefully you, asked to reset the password of your ${props.siteName} admin account (${props.to}).`,
      'Choose a new password here. The link works once, within 1 hour:',
      '',
      props.link,
      '',
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

export function invitationMail(props: { to: string; invitedBy: string; roles: string[]; siteName: string; link: string }): MailMessage {
  return {
    to: props.to,
    subject: `You are invited to ${props.siteName} admin`,
    text: [
      'Hello,',
      '',
      `${props.invitedBy} invited you to ${props.siteName} admin as ${props.roles.join(', ')}.`,
      'Create your account here. The link works once, within 7 days:',
      '',
      props.link,
    ].join('\n'),
  };
}
