import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../core/webhooks/signature.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"e1","type":"reaction.created","createdAt":"2026-11-24T00:00:00.000Z","data":{"score":"sad"}}';
const t = 1_795_000_000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, in the documented header format', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    expect(verifyWebhook(secret, body, signWebhook(secret, body, t), { nowSeconds: t + 299 })).toBe(true);
  });

  it('refuses another secret, a changed body, or a changed timestamp', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhook('whsec_other', body, header, { nowSeconds: t })).toBe(false);
    expect(verifyWebhook(secret, body.replace('sad', 'happy'), header, { nowSeconds: t })).toBe(false);
    expect(verifyWebhook(secret, body, header.replace(`t=${t}`, `t=${t + 1}`), { nowSeconds: t })).toBe(false);
  });

  it('refuses a signature older than the tolerance (a replay)', () => {
    expect(verifyWebhook(secret, body, signWebhook(secret, body, t), { nowSeconds: t + 301 })).toBe(false);
  });

  it('refuses missing or malformed headers without throwing', () => {
    for (const header of [undefined, null, '', 'v1=abc', `t=${t}`, `t=${t},v1=zz`, `t=soon,v1=${'0'.repeat(64)}`]) {
      expect(verifyWebhook(secret, body, header, { nowSeconds: t })).toBe(false);
    }
  });

  it('accepts a header carrying several v1 values when one matches (a receiver mid-rotation)', () => {
    const header = `${signWebhook(secret, body, t)},v1=${'0'.repeat(64)}`;
    expect(verifyWebhook(secret, body, header, { nowSeconds: t })).toBe(true);
  });
});
