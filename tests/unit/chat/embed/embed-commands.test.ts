import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../site/components/chat/embed/embed-commands.ts';

const hash = 'a'.repeat(64);

describe('commands a host page gives the chat', () => {
  it('accepts the documented commands', () => {
    expect(parseCommand(['open'])).toEqual({ ok: true, command: { name: 'open' } });
    expect(parseCommand(['close'])).toEqual({ ok: true, command: { name: 'close' } });
    expect(parseCommand(['logout'])).toEqual({ ok: true, command: { name: 'logout' } });
    expect(parseCommand(['prefill', 'My invoice is wrong'])).toEqual({ ok: true, command: { name: 'prefill', text: 'My invoice is wrong' } });
    expect(parseCommand(['identify', { userId: 'u-42', userHash: hash, name: 'Ann', email: 'ann@example.com' }])).toEqual({
      ok: true,
      command: { name: 'identify', identity: { userId: 'u-42', userHash: hash, name: 'Ann', email: 'ann@example.com' } },
    });
    expect(parseCommand(['identify', { jwt: 'header.payload.signature' }])).toEqual({ ok: true, command: { name: 'identify', identity: { jwt: 'header.payload.signature' } } });
    // The loader's own report of the host page.
    expect(parseCommand(['page', { url: 'https://app.example.com/billing', referrer: '' }])).toEqual({ ok: true, command: { name: 'page', url: 'https://app.example.com/billing', referrer: '' } });
  });

  it('names the field at fault in a bad identity, for the host developer', () => {
    expect(parseCommand(['identify', { userId: 'u-42', userHash: 'not-a-hash' }])).toEqual({ ok: false, message: 'identify: userHash: user_hash: a hex HMAC-SHA256 (pass { userId, userHash } or { jwt })' });
    expect(parseCommand(['identify', { userHash: hash }])).toMatchObject({ ok: false, message: expect.stringMatching(/^identify: userId: the user’s id as a string /) });
    expect(parseCommand(['identify', { jwt: 42 }])).toMatchObject({ ok: false, message: expect.stringMatching(/^identify: jwt: the signed token as a string /) });
    expect(parseCommand(['identify'])).toMatchObject({ ok: false, message: expect.stringMatching(/^identify: identity: /) });
    expect(parseCommand(['identify', { userId: 'u-42', userHash: hash, email: 'ann at example' }])).toMatchObject({ ok: false, message: expect.stringMatching(/^identify: email: not an email address /) });
  });

  it('refuses anything else with a reason', () => {
    expect(parseCommand(['prefill', 42])).toMatchObject({ ok: false, message: expect.stringMatching(/^prefill: /) });
    expect(parseCommand(['prefill', 'x'.repeat(5001)])).toEqual({ ok: false, message: 'prefill: value: at most 5,000 characters' });
    expect(parseCommand(['page', { url: 'javascript:alert(1)', referrer: '' }])).toEqual({ ok: false, message: 'page: url: an http(s) address' });
    expect(parseCommand(['page', 'https://app.example.com/'])).toMatchObject({ ok: false, message: expect.stringMatching(/^page: /) });
    expect(parseCommand(['shutdown'])).toEqual({ ok: false, message: 'unknown command "shutdown"' });
    expect(parseCommand('open')).toEqual({ ok: false, message: 'a command is Deflect(name, ...arguments)' });
    expect(parseCommand([])).toEqual({ ok: false, message: 'a command is Deflect(name, ...arguments)' });
  });
});
