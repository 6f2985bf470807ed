import { z } from 'zod';
import { scheduleSchema } from '../hours/index.ts';
import { ASSIGNMENT_STRATEGIES } from '../models/index.ts';

const id = z.coerce.number().int().positive();

/** A team's settings as the admin form sends them; the schedule is checked by the one clock's schema. */
export const teamFieldsSchema = z.object({
  name: z.string().trim().min(1, 'write a name').max(100, 'use at most 100 characters'),
  strategy: z.enum(ASSIGNMENT_STRATEGIES, 'choose manual or round robin'),
  capacity: z.coerce.number('write a number').int('write a whole number').min(1, 'at least 1').max(100, 'at most 100'),
  staffedGraceMinutes: z.coerce.number('write a number').int('write a whole number').min(0, 'at least 0').max(1440, 'at most 1440 (a day)'),
  /** null: always open. */
  schedule: scheduleSchema.nullable(),
  /** The answer bot offers articles before a person is told (default off). */
  answerBot: z.boolean().default(false),
});
export type TeamFields = z.infer<typeof teamFieldsSchema>;

/** The operators of a team: any number, each an active operator (checked against the database). */
export const teamMembersSchema = z.array(id).max(500, 'at most 500 members');

/** Collection id → team id, or null for "the default team". */
export const collectionTeamsSchema = z.array(z.object({ collectionId: id, teamId: id.nullable() })).max(2000);
export type CollectionTeam = z.infer<typeof collectionTeamsSchema>[number];
