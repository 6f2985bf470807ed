/** Who a saved reply is filled in for: the conversation's visitor (often anonymous) and the operator sending it. */
export interface PlaceholderContext {
  visitor: { name: string | null; email: string | null } | undefined;
  operator: { name: string };
}

/** Said instead of the visitor's name when it is unknown: "Hi {{visitor.name}}" reads "Hi there". */
export const UNKNOWN_VISITOR_NAME = 'there';

/**
 * Fills `{{visitor.name}}`, `{{visitor.email}}`, `{{operator.name}}` and `{{operator.first_name}}` into a
 * saved reply (spaces inside the braces and letter case don't matter). Anything else in double braces — a
 * typo, or a blank meant for the operator such as `{{order number}}` — stays as written, and so does an email
 * that is unknown, so the operator sees what still needs filling in before sending.
 */
export function expandPlaceholders(body: string, context: PlaceholderContext): string {
  const name = context.visitor?.name?.trim();
  const values: Record<string, string | undefined> = {
    'visitor.name': name || UNKNOWN_VISITOR_NAME,
    'visitor.email': context.visitor?.email?.trim() || undefined,
    'operator.name': context.operator.name,
    'operator.first_name': context.operator.name.trim().split(/\s+/)[0],
  };
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, key: string) => values[key.toLowerCase()] ?? placeholder);
}
