import type { EnqueuedTask, Meilisearch, Task } from 'meilisearch';

/** A Meilisearch task that ended in `failed` or `canceled`: writes are asynchronous, so this is how they fail. */
export class MeilisearchTaskError extends Error {
  override name = 'MeilisearchTaskError';
  /** Meilisearch's error code (`index_not_found`, `invalid_document_id`…), when it gave one. */
  readonly code: string | undefined;
  readonly task: Task;

  constructor(task: Task) {
    const what = `Meilisearch task ${task.uid} (${task.type}${task.indexUid ? ` on ${task.indexUid}` : ''}) ${task.status}`;
    super(task.error ? `${what}: ${task.error.message}` : what);
    this.code = task.error?.code;
    this.task = task;
  }
}

/** Throws `MeilisearchTaskError` for the first task that did not succeed. */
export function assertSucceeded(tasks: readonly Task[]): void {
  const failed = tasks.find((task) => task.status !== 'succeeded');
  if (failed) throw new MeilisearchTaskError(failed);
}

/**
 * Waits until every task is processed and checks that each one succeeded. The client resolves
 * `waitForTasks` even for failed tasks (failure is only in `status`/`error`), hence the explicit check.
 */
export async function waitForSuccess(
  client: Meilisearch,
  enqueued: readonly EnqueuedTask[],
  timeoutMs: number,
): Promise<Task[]> {
  if (enqueued.length === 0) return [];
  // The timeout applies to each task in turn; large batches on a slow server need more than the 5 s default.
  const tasks = await client.tasks.waitForTasks(enqueued, { timeout: timeoutMs });
  assertSucceeded(tasks);
  return tasks;
}
