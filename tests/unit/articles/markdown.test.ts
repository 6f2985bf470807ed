import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../core/articles/render/markdown.ts';

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const { html } = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4='])('refuses a %s link', (href) => {
    const { html } = renderMarkdown(`[click](${href})`);
    expect(html).not.toMatch(/<a /);
  });

  it('gives h2/h3 prefixed ids that keep Cyrillic letters and lists them in the table of contents', () => {
    const { html, toc } = renderMarkdown('## Настройка уведомлений\n\ntext\n\n### Email `digest`\n\n#### Too deep');
    expect(html).toContain('<h2 id="h-настройка-уведомлений">');
    expect(toc).toEqual([
      { level: 2, id: 'h-настройка-уведомлений', text: 'Настройка уведомлений' },
      { level: 3, id: 'h-email-digest', text: 'Email digest' },
    ]);
  });

  it('renders tables and fenced code in keyboard-scrollable boxes', () => {
    const { html } = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n```json\n{"a": 1}\n```');
    expect(html).toContain('<div class="table-scroll" tabindex="0"><table>');
    expect(html).toContain('<pre tabindex="0"><code class="language-json">');
  });

  it('links bare URLs and marks external links rel="noopener noreferrer nofollow"', () => {
    const { html } = renderMarkdown('See https://status.acme.example and [home](/en).');
    expect(html).toContain('<a href="https://status.acme.example" rel="noopener noreferrer nofollow">');
    expect(html).toContain('<a href="/en">home</a>');
  });

  it('renders a known image responsively with explicit size and lazy loading', () => {
    const { html } = renderMarkdown('![Billing page](/media/abc-960.webp)', {
      image: (src) => (src === '/media/abc-960.webp' ? { width: 1200, height: 600, variantWidths: [480, 960], urlFor: (w) => `/media/abc-${w}.webp` } : undefined),
    });
    expect(html).toContain('srcset="/media/abc-480.webp 480w, /media/abc-960.webp 960w"');
    expect(html).toContain('width="960" height="480"');
    expect(html).toContain('alt="Billing page"');
    expect(html).toContain('loading="lazy"');
  });
});
