/** The one place that spells the one-time links staff receive, for the mails and the admin pages alike. */

export function joinUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/admin/join?token=${encodeURIComponent(token)}`;
}

export function resetUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/admin/reset?token=${encodeURIComponent(token)}`;
}
