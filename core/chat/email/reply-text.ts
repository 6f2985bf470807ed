import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

/**
 * The words a person wrote in a reply, without the quoted conversation below it or their signature.
 * email-reply-parser (a port of GitHub's and willdurand's rules) knows the quote headers, `>` quotes and
 * signatures of the common clients in many languages; what it leaves is a quote header it doesn't know,
 * e.g. Gmail's Russian "Вт, 3 нояб. 2026 г. в 10:00, Acme <reply+…>:". Such a header names the address
 * being answered — ours — so a trailing line that mentions the reply address and ends with ":" goes too.
 */
export function replyText(text: string, replyAddressPattern: RegExp = /reply\+\d+-[0-9a-f]+@/i): string {
  const visible = parser.parseReply(text.replace(/\r\n/g, '\n'));
  const lines = visible.trimEnd().split('\n');
  while (lines.length > 0) {
    const last = lines.at(-1)!.trim();
    if (last === '' || (replyAddressPattern.test(last) && last.endsWith(':'))) lines.pop();
    else break;
  }
  return lines.join('\n').trim();
}
