import { describe, expect, it } from 'vitest';
import { hotkeyFor, type KeyInput } from '../../../../admin/components/inbox/hotkeys.ts';

const press = (key: string, over: Partial<KeyInput> = {}) => hotkeyFor({ key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', targetEditable: false, ...over });

describe('inbox hotkeys', () => {
  it('maps the documented keys', () => {
    expect(['j', 'k', 'Enter', 'r', 'n', 'i', 'c', 'a', 'Escape', '?'].map((key) => press(key))).toEqual(['next', 'previous', 'compose', 'compose', 'toggleNote', 'insertArticle', 'close', 'assignToMe', 'leaveComposer', 'help']);
    expect(press('x')).toBeNull();
  });

  it('opens the assign/transfer picker with t and the snooze choices with z', () => {
    expect([press('t'), press('z')]).toEqual(['assignOrTransfer', 'snooze']);
    expect(press('t', { targetTag: 'TEXTAREA' })).toBeNull();
  });

  it('leaves typing alone except Escape', () => {
    expect(press('c', { targetTag: 'TEXTAREA' })).toBeNull();
    expect(press('j', { targetTag: 'INPUT' })).toBeNull();
    expect(press('a', { targetTag: 'DIV', targetEditable: true })).toBeNull();
    expect(press('Escape', { targetTag: 'TEXTAREA' })).toBe('leaveComposer');
  });

  it('keeps Enter on buttons and links, and the browser’s own shortcuts', () => {
    expect(press('Enter', { targetTag: 'BUTTON' })).toBeNull();
    expect(press('Enter', { targetTag: 'A' })).toBeNull();
    expect(press('c', { ctrlKey: true })).toBeNull();
    expect(press('r', { metaKey: true })).toBeNull();
  });
});
