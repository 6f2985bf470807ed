/** A webhook change the domain refuses (no such endpoint, a retry of a delivery that did not fail): shown as is. */
export class WebhookRefusedError extends Error {
  override name = 'WebhookRefusedError';
}
