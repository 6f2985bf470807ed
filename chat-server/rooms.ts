/** Room names, in one place: who receives what. */
export const rooms = {
  /** Every socket of one visitor (all tabs): their conversations' messages, minus notes. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Every operator's socket: the inbox's realtime feed. */
  agents: 'agents',
  /** Every socket of one staff member: to disconnect them at sign-out. */
  staff: (userId: number) => `staff:${userId}`,
} as const;
