import { QueryTypes, type Sequelize } from 'sequelize';
import type { Logger } from '../logger.ts';
import type { AttachmentStore } from './attachment-store.ts';

/** A file uploaded into the composer and not sent within a day was abandoned (a closed tab, a removed draft). */
export const UNSENT_ATTACHMENT_MAX_AGE_MS = 24 * 60 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Deletes files uploaded into a conversation but never sent with a message, older than `maxAgeMs`: otherwise
 * every abandoned upload (up to 10 MB) would stay on disk for good. The rows go first, in one statement — a
 * message claiming one of them meanwhile either wins (the row is then sent and kept) or is refused as it would
 * be for any unknown file — then their files. Returns how many were deleted.
 */
export async function sweepUnsentAttachments(sequelize: Sequelize, store: AttachmentStore, maxAgeMs = UNSENT_ATTACHMENT_MAX_AGE_MS): Promise<number> {
  const rows = await sequelize.query<{ id: string }>(
    `DELETE FROM chat_attachments WHERE message_id IS NULL AND created_at < now() - :maxAgeMs * interval '1 millisecond' RETURNING id`,
    { replacements: { maxAgeMs }, type: QueryTypes.SELECT },
  );
  for (const { id } of rows) await store.remove(id);
  return rows.length;
}

/** Runs the sweep hourly in the process that runs the mail worker (one per deployment is enough; more are harmless). */
export function startUnsentAttachmentSweeper(sequelize: Sequelize, store: AttachmentStore, logger: Logger): { stop(): void } {
  const sweep = () =>
    sweepUnsentAttachments(sequelize, store).then(
      (count) => count > 0 && logger.info({ count }, 'deleted chat files that were uploaded but never sent'),
      (error: unknown) => logger.warn({ err: error }, 'could not delete unsent chat files; trying again in an hour'),
    );
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
