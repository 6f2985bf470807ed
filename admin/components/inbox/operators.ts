import type { InboxRow, Presence } from '../../../core/chat/index.ts';

/** An operator as `presence:list` lists them (active accounts that may use the inbox). */
export interface Operator {
  userId: number;
  name: string;
  presence: Presence;
}

/**
 * Names of staff by id, from the operators' presence list and from the owners the inbox list named (which
 * covers an owner deactivated since). Live updates carry only `assigneeId`: this is how they get a name.
 */
export function staffNames(operators: readonly Operator[], rows: readonly Pick<InboxRow, 'assigneeId' | 'assigneeName'>[]): Record<number, string> {
  const names: Record<number, string> = {};
  for (const row of rows) if (row.assigneeId !== null && row.assigneeName) names[row.assigneeId] = row.assigneeName;
  for (const operator of operators) names[operator.userId] = operator.name;
  return names;
}

/** Who owns a conversation, in words: "Unassigned", "You", or the owner's name. */
export function assigneeLabel(assigneeId: number | null, names: Record<number, string>, me: number): string {
  if (assigneeId === null) return 'Unassigned';
  if (assigneeId === me) return 'You';
  return names[assigneeId] ?? `Operator #${assigneeId}`;
}
