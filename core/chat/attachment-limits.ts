/** Chat attachment limits, in a module of their own so the browser widget can import them without the server code. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
