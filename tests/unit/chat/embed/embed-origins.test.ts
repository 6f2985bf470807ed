import { describe, expect, it } from 'vitest';
import { EMBED_TAG, isHostCommand } from '../../../../site/components/chat/embed/embed-messages.ts';
import { embeddingOrigins, frameAncestorsPolicy } from '../../../../site/components/chat/embed/embedding-origins.ts';

describe('who may embed the chat frame', () => {
  it('reduces the configured URLs to distinct origins and never widens them', () => {
    expect(embeddingOrigins(['https://help.example.com', 'https://app.example.com/dashboard?x=1', 'https://app.example.com', 'file:///tmp/page.html', 'not a url'])).toEqual(['https://help.example.com', 'https://app.example.com']);
  });

  it('lets only those origins frame it', () => {
    expect(frameAncestorsPolicy(['https://help.example.com', 'http://localhost:3000'])).toBe("frame-ancestors 'self' https://help.example.com http://localhost:3000");
    expect(frameAncestorsPolicy([])).toBe("frame-ancestors 'self'");
  });
});

describe('which window messages the frame obeys', () => {
  const parent = { name: 'host page' };
  const self = { name: 'the frame' };
  const allowed = new Set(['https://app.example.com']);
  const commands = { tag: EMBED_TAG, commands: [['open']] };

  it('obeys the embedding page on an allowed origin', () => {
    expect(isHostCommand({ origin: 'https://app.example.com', source: parent, data: commands }, parent, self, allowed)).toBe(true);
  });

  it('ignores other origins, other windows and other formats', () => {
    expect(isHostCommand({ origin: 'https://evil.example', source: parent, data: commands }, parent, self, allowed)).toBe(false);
    // An ad frame or a popup on an allowed page posting at the chat frame.
    expect(isHostCommand({ origin: 'https://app.example.com', source: { name: 'another frame' }, data: commands }, parent, self, allowed)).toBe(false);
    // Opened as a top-level page (no parent): window.parent is the window itself.
    expect(isHostCommand({ origin: 'https://app.example.com', source: self, data: commands }, self, self, allowed)).toBe(false);
    expect(isHostCommand({ origin: 'https://app.example.com', source: parent, data: { commands: [['open']] } }, parent, self, allowed)).toBe(false);
    expect(isHostCommand({ origin: 'https://app.example.com', source: parent, data: { tag: EMBED_TAG, commands: 'open' } }, parent, self, allowed)).toBe(false);
    expect(isHostCommand({ origin: 'https://app.example.com', source: parent, data: null }, parent, self, allowed)).toBe(false);
  });
});
