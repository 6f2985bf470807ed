import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hasDirectives, resolveDirectives, type DirectiveContext } from '../../../core/articles/import/directives.ts';

const ARTICLE = 'docs/en/guide/setup/install/install.md';

/** A context over made-up includes and articles; article paths map to `/en/kb/<last segment>`. */
function context(overrides: Partial<DirectiveContext> & { includes?: Record<string, string>; articles?: string[] } = {}): DirectiveContext {
  const { includes = {}, articles = [], ...rest } = overrides;
  return {
    sourcePath: ARTICLE,
    variables: { cloud: 'Acme Cloud', s3: 'Acme Storage' },
    conditions: new Set(['public']),
    readInclude: (path) => includes[path],
    resolveLink: (path) => (articles.includes(path) ? `/en/kb/${path.split('/').pop() ?? ''}` : undefined),
    ...rest,
  };
}

function run(markdown: string, overrides: Parameters<typeof context>[0] = {}): { markdown: string; problems: string[] } {
  return resolveDirectives(markdown, context(overrides));
}

const md = new MarkdownIt({ html: false });

describe('hasDirectives', () => {
  it('spots the dialect and ignores ordinary braces', () => {
    expect(hasDirectives('Hello {var(cloud)}')).toBe(true);
    expect(hasDirectives('{note:warn}\nx\n{/note}')).toBe(true);
    expect(hasDirectives('{tabs}')).toBe(true);
    expect(hasDirectives('Plain text with `${HOME}` and {"a": 1} and {{ value }}.')).toBe(false);
  });
});

describe('headings, variables, conditions', () => {
  it('keeps only the heading text', () => {
    expect(run('# {heading(Billing (overview))[id=billing-about]}\n\nText.').markdown).toBe('# Billing (overview)\n\nText.\n');
  });

  it('substitutes variables and reports unknown ones by name', () => {
    const result = run('Use {var(cloud)} with {var(s3)}; {var(missing)} and {var(missing)}.');
    expect(result.markdown).toBe('Use Acme Cloud with Acme Storage; missing and missing.\n');
    expect(result.problems).toEqual(['unknown variable: missing']);
  });

  it('applies ifdef/ifndef in block, inline and nested form', () => {
    const source = [
      'Start{ifdef(public)}, public{/ifdef}{ifndef(public)}, private{/ifndef}.',
      '{ifdef(private,public)}',
      'Either holds.',
      '{ifdef(onprem)}',
      'Nested hidden.',
      '{/ifdef}',
      '{/ifdef}',
      '{ifndef(onprem, airgap)}Neither holds.{/ifndef}',
      '{ifdef(onprem)}',
      'Hidden block.',
      '{/ifdef}',
      'End.',
    ].join('\n');
    expect(run(source).markdown).toBe('Start, public.\nEither holds.\nNeither holds.\nEnd.\n');
  });

  it('drops conditional table rows without breaking the table', () => {
    const source = '| a | b |\n| - | - |\n{ifdef(onprem)}\n| x | y |\n{/ifdef}\n| 1 | 2 |\n';
    const result = run(source);
    expect(result.markdown).toBe('| a | b |\n| - | - |\n| 1 | 2 |\n');
    expect(md.render(result.markdown)).toContain('<td>1</td>');
  });
});

describe('includes', () => {
  const includes = {
    'docs/en/guide/setup/_part.md': 'Relative part.\n',
    'docs/en/_includes/_outer.md': 'Outer {var(cloud)}.\n{include(./_inner.md)}\n',
    'docs/en/_includes/_inner.md': 'Inner text.\n',
    'docs/en/_includes/_tagged.md':
      'Intro not wanted.\n{includetag(one)}\nFirst region.\n{/includetag}\n{includetag(two)}\nSecond region.\n{/includetag}\n{includetag(three)}\nThird region.\n{/includetag}\n',
    'docs/en/_includes/_snippets.md':
      '```hcl\n{includetag(net)}\nresource "net" {}\n{/includetag}\n{includetag(vm)}\nresource "vm" {}\n{/includetag}\n```\n',
    'docs/en/_includes/_steps.md': '1. Open the console.\n2. Click **Create**.\n',
    'docs/en/_includes/_loop-a.md': 'A then {include(/en/_includes/_loop-b.md)}',
    'docs/en/_includes/_loop-b.md': 'B then {include(/en/_includes/_loop-a.md)}',
  };

  it('resolves relative, absolute and nested includes, each against its own path', () => {
    const result = run('{include(../_part.md)}\n\n{include(/en/_includes/_outer.md)}\n', { includes });
    expect(result.markdown).toBe('Relative part.\n\nOuter Acme Cloud.\nInner text.\n');
    expect(result.problems).toEqual([]);
  });

  it('keeps only the requested tag regions and always drops the markers', () => {
    const tagged = run('{include(/en/_includes/_tagged.md)[tags=one,three]}', { includes });
    expect(tagged.markdown).toBe('First region.\nThird region.\n');
    const whole = run('{include(/en/_includes/_tagged.md)}', { includes });
    expect(whole.markdown).toBe('Intro not wanted.\nFirst region.\nSecond region.\nThird region.\n');
  });

  it('keeps the code fence around tag regions selected from inside it', () => {
    const result = run('{include(/en/_includes/_snippets.md)[tags=vm]}', { includes });
    expect(result.markdown).toBe('```hcl\nresource "vm" {}\n```\n');
  });

  it('reports tags the include does not define', () => {
    expect(run('{include(/en/_includes/_tagged.md)[tags=four]}', { includes }).problems).toEqual([
      'include tag not found: docs/en/_includes/_tagged.md#four',
    ]);
  });

  it('indents an include to continue a list item', () => {
    const result = run('1. Step:\n\n   {include(/en/_includes/_steps.md)}\n\n2. Next.\n', { includes });
    expect(result.markdown).toBe('1. Step:\n\n   1. Open the console.\n   2. Click **Create**.\n\n2. Next.\n');
    expect(md.render(result.markdown)).toMatch(/<li>\s*<p>Step:<\/p>\s*<ol>/);
  });

  it('reports a missing include and leaves nothing behind', () => {
    const result = run('Before.\n\n{include(/en/_includes/_gone.md)}\n\nAfter.', { includes });
    expect(result.markdown).toBe('Before.\n\nAfter.\n');
    expect(result.problems).toEqual(['include not found: docs/en/_includes/_gone.md']);
  });

  it('stops include cycles', () => {
    const result = run('{include(/en/_includes/_loop-a.md)}', { includes });
    // The inline include leaves the space that preceded it.
    expect(result.markdown).toBe('A then B then \n');
    expect(result.problems).toEqual(['include cycle: docs/en/_includes/_loop-a.md']);
  });

  it('stops include chains deeper than 10', () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 15; i++) chain[`docs/en/_includes/_d${i}.md`] = `d${i} {include(./_d${i + 1}.md)}`;
    const result = run('{include(/en/_includes/_d0.md)}', { includes: chain });
    expect(result.markdown).toBe('d0 d1 d2 d3 d4 d5 d6 d7 d8 d9 \n');
    expect(result.problems).toEqual(['include depth over 10: docs/en/_includes/_d10.md']);
  });
});

describe('links', () => {
  const articles = ['docs/en/guide/setup/billing', 'docs/en/ref/limits', 'docs/en/guide/start'];

  it('resolves relative and absolute article links and keeps anchors', () => {
    const result = run('See {linkto(../billing#pay)[text=billing]} and {linkto(/en/ref/limits)[text=Limits of {var(cloud)}]}.', { articles });
    expect(result.markdown).toBe('See [billing](/en/kb/billing#pay) and [Limits of Acme Cloud](/en/kb/limits).\n');
    expect(result.problems).toEqual([]);
  });

  it('keeps the label of an unknown article as plain text', () => {
    const result = run('Read {linkto(../nowhere#x)[text=the missing page]}.', { articles });
    expect(result.markdown).toBe('Read the missing page.\n');
    expect(result.problems).toEqual(['unknown link: docs/en/guide/setup/nowhere']);
  });

  it('keeps external URLs and same-page anchors, filling %text from the heading', () => {
    const source = '## {heading(Quotas)[id=quotas]}\n\n{linkto(https://example.com/a)[text=Example]}, {linkto(#quotas)[text=%text]}.';
    expect(run(source).markdown).toBe('## Quotas\n\n[Example](https://example.com/a), [Quotas](#quotas).\n');
  });

  it('reads hand-written malformed links leniently', () => {
    const source = 'A {linkto(#part[text=that part]}) and {linkto(/en/ref/limits)[limits]} and {linkto(../billing), plain';
    expect(run(source, { articles }).markdown).toBe('A [that part](#part) and [limits](/en/kb/limits) and [billing](/en/kb/billing), plain\n');
  });

  it('resolves links in an include against the include, then against the article', () => {
    const includes = { 'docs/en/guide/_includes/_x.md': '{linkto(../start)[text=Start]} and {linkto(../billing)[text=Billing]}' };
    const result = run('{include(../../_includes/_x.md)}', { includes, articles });
    expect(result.markdown).toBe('[Start](/en/kb/start) and [Billing](/en/kb/billing)\n');
  });
});

describe('blocks', () => {
  it('turns tabs into bold titles with their content still parsed as lists and code', () => {
    const source = '{tabs}\n{tab(Console)}\n1. Open.\n2. Click.\n{/tab}\n{tab(CLI (bash))}\n```bash\nacme {run}\n```\n{/tab}\n{/tabs}\n';
    const result = run(source);
    expect(result.markdown).toBe('**Console**\n\n1. Open.\n2. Click.\n\n**CLI (bash)**\n\n```bash\nacme {run}\n```\n');
    const html = md.render(result.markdown);
    expect(html).toContain('<strong>CLI (bash)</strong>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<code class="language-bash">acme {run}\n</code>');
  });

  it('turns notes into labelled blockquotes that keep lists and code valid', () => {
    const source = '{note:warn}\nBefore you start:\n\n- back up\n- stop the VM\n\n```sh\nstop {id}\n```\n{/note}';
    const result = run(source);
    expect(result.markdown).toBe('> **Warning:**\n>\n> Before you start:\n>\n> - back up\n> - stop the VM\n>\n> ```sh\n> stop {id}\n> ```\n');
    const html = md.render(result.markdown);
    expect(html).toMatch(/<blockquote>[\s\S]*<ul>[\s\S]*<pre><code class="language-sh">stop \{id\}\n<\/code><\/pre>\s*<\/blockquote>/);
  });

  it('labels notes by kind and by the language of the source', () => {
    const source = '{note:info}A{/note}\n\n{note:warn}B{/note}\n\n{note:err}C{/note}';
    expect(run(source).markdown).toBe('> **Note:**\n>\n> A\n\n> **Warning:**\n>\n> B\n\n> **Important:**\n>\n> C\n');
    const ru = run(source, { sourcePath: 'docs/ru/guide/x/x.md' }).markdown;
    expect(ru).toContain('> **Примечание:**');
    expect(ru).toContain('> **Внимание:**');
    expect(ru).toContain('> **Важно:**');
  });

  it('keeps a note inside a list item', () => {
    const source = '1. Step.\n\n   {note:info}\n\n   Mind the gap.\n\n   {/note}\n\n2. Next.';
    const result = run(source);
    expect(result.markdown).toBe('1. Step.\n\n   > **Note:**\n   >\n   > Mind the gap.\n\n2. Next.\n');
    expect(md.render(result.markdown)).toMatch(/<li>\s*<p>Step.<\/p>\s*<blockquote>/);
  });

  it('turns a cut into a bold summary followed by its content', () => {
    const result = run('{cut(Why is my VM (test) slow?)}\nCheck the flavor.\n{/cut}\n');
    expect(result.markdown).toBe('**Why is my VM (test) slow?**\n\nCheck the flavor.\n');
  });

  it('renders captions after their content with running numbers per counter', () => {
    const source = [
      'See {linkto(#fig-b)[text=figure %number]}.',
      '{caption(Figure {counter(pic)[id=n-a]} — Login)[align=center;id=fig-a;number={const(n-a)}]}',
      '![Login](./assets/login.png){params[noBorder=true; width=80%]}',
      '{/caption}',
      '{caption(Table {counter(table)[id=n-t]} — Sizes)[id=tab-t;number={const(n-t)}]}',
      '{caption(Figure {counter(pic)[id=n-b]} — Logout)[id=fig-b;number={const(n-b)}]}',
      '![Logout](./assets/logout.png)',
      '{/caption}',
    ].join('\n');
    expect(run(source).markdown).toBe(
      [
        'See [figure 2](#fig-b).',
        '',
        '![Login](./assets/login.png)',
        '',
        '*Figure 1 — Login*',
        '',
        '*Table 1 — Sizes*',
        '',
        '![Logout](./assets/logout.png)',
        '',
        '*Figure 2 — Logout*',
        '',
      ].join('\n'),
    );
  });

  it('reports block markers that do not pair up', () => {
    const result = run('Text.\n{/note}\n{cut(Open)}\nBody.');
    expect(result.markdown).toBe('Text.\n\n**Open**\n\nBody.\n');
    expect(result.problems).toEqual(['unmatched {/note}', 'unclosed {cut}']);
  });
});

describe('images, formulas, HTML, leftovers', () => {
  it('drops image params, drops embedded OpenAPI specs, keeps relative images', () => {
    const result = run('![Scheme](./assets/a.png){params[width=50%]}\n\n![{swagger}](./assets/api.json)\n\n![Icon](../assets/i.svg "inline")');
    expect(result.markdown).toBe('![Scheme](./assets/a.png)\n\n![Icon](../assets/i.svg "inline")\n');
    expect(result.problems).toEqual(['embedded OpenAPI spec not shown']);
  });

  it('keeps formulas verbatim as code', () => {
    expect(run('{formula}\nN = 2^{k}-1\n{/formula}').markdown).toBe('```\nN = 2^{k}-1\n```\n');
    expect(run('Here {formula}x^{2}{/formula} grows.').markdown).toBe('Here ` x^{2} ` grows.\n');
  });

  it('leaves raw HTML alone but drops HTML comments', () => {
    const result = run('Line<br>break <span>{var(cloud)}</span>\n<!-- draft {cut(Old)} -->\n| a |\n| - |');
    expect(result.markdown).toBe('Line<br>break <span>Acme Cloud</span>\n\n| a |\n| - |\n');
  });

  it('strips unknown directives, keeping their readable argument, and reports them once', () => {
    const result = run('{badge(New)} feature {/badge} and {badge(Old)} {widget[x=1]} {alert(open');
    expect(result.markdown).toBe('New feature  and Old  open\n');
    expect(result.problems).toEqual(['unsupported directive: badge', 'unsupported directive: widget', 'unsupported directive: alert']);
  });

  it('keeps literal braces in prose that are not directives', () => {
    expect(run('Template: /v1/{project_id}/items and {"k": 1}.').markdown).toBe('Template: /v1/{project_id}/items and {"k": 1}.\n');
  });
});

describe('code is never touched', () => {
  it('leaves fenced blocks with backticks or tildes, at any indent, untouched', () => {
    const source = [
      '{var(cloud)}',
      '```yaml',
      'name: {var(cloud)}',
      '{ifdef(onprem)}',
      '```',
      '~~~',
      '{include(/en/x.md)} {/note}',
      '~~~',
      '- item',
      '',
      '    ```',
      '    {tabs}{tab(x)}',
      '    ```',
    ].join('\n');
    const result = run(source);
    expect(result.markdown).toBe(`Acme Cloud\n${source.split('\n').slice(1).join('\n')}\n`);
    expect(result.problems).toEqual([]);
  });

  it('leaves inline code spans untouched, including spans across a line break', () => {
    const result = run('Run `echo {var(cloud)}` or ``a `{note:info}` b`` then `x {ifdef(a)}\ny` on {var(cloud)}.');
    expect(result.markdown).toBe('Run `echo {var(cloud)}` or ``a `{note:info}` b`` then `x {ifdef(a)}\ny` on Acme Cloud.\n');
  });

  it('ends a fence left open when its list item ends', () => {
    const source = '1. Config:\n\n   ```yaml\n   key: {value}\n\n2. Use {var(cloud)}.';
    expect(run(source).markdown).toBe('1. Config:\n\n   ```yaml\n   key: {value}\n\n2. Use Acme Cloud.\n');
  });

  it('keeps code inside notes and tabs byte for byte', () => {
    const source = '{tabs}\n{tab(A)}\n{note:info}\n```\n  {var(cloud)}\n\n  end\n```\n{/note}\n{/tab}\n{/tabs}';
    expect(run(source).markdown).toBe('**A**\n\n> **Note:**\n>\n> ```\n>   {var(cloud)}\n> \n>   end\n> ```\n');
  });
});

// ---------------------------------------------------------------------------------------------
// The evaluation corpus (CC BY-SA, read at run time and never copied here).
// ---------------------------------------------------------------------------------------------

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const AUX = `${CORPUS}_aux/vk-cs-docs-public/`;

interface CorpusArticle {
  id: string;
  lang: 'en' | 'ru';
  sourcePath: string;
  collection: string;
  body: string;
}

function loadCorpus(): CorpusArticle[] {
  const articles: CorpusArticle[] = [];
  for (const lang of ['en', 'ru'] as const) {
    for (const name of readdirSync(`${CORPUS}${lang}`).filter((file) => file.endsWith('.md'))) {
      const text = readFileSync(`${CORPUS}${lang}/${name}`, 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      if (!match?.[1]) throw new Error(`no front matter in ${lang}/${name}`);
      const meta = parseYaml(match[1]) as { source_path: string; collection: string };
      articles.push({ id: `${lang}/${name}`, lang, sourcePath: meta.source_path, collection: meta.collection, body: text.slice(match[0].length) });
    }
  }
  return articles;
}

/** `en/<collection>--<rest>.md` → `/en/<collection>/<rest>`, reachable by the article's folder or file path. */
function linkTable(articles: CorpusArticle[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const article of articles) {
    const slug = article.id.slice(3, -3).slice(article.collection.length + 2) || 'index';
    const url = `/${article.lang}/${article.collection}/${slug}`;
    table.set(article.sourcePath.replace(/\.md$/, ''), url);
    table.set(article.sourcePath.replace(/\/[^/]+$/, ''), url);
  }
  return table;
}

/**
 * Directive syntax a reader could still see. Bare `{word}` is only flagged for the dialect's own bare
 * names: the corpus explains literal braces in prose (grok's `%{COMBINEDAPACHELOG}`, `{word}{variant}`
 * pronunciation markup), which must stay.
 */
const LEFTOVER = /\{\/?[a-z][\w-]*[(:[]|\{\/[a-z][\w-]*\}|\{(?:tabs|formula|swagger)\}/i;

describe.skipIf(!existsSync(`${CORPUS}en`))('corpus', () => {
  it('converts all 1,004 articles without leaving directive syntax outside code', () => {
    const articles = loadCorpus();
    expect(articles).toHaveLength(1004);
    const variables = JSON.parse(readFileSync(`${AUX}variables.json`, 'utf8')) as Record<'en' | 'ru', Record<string, string>>;
    const links = linkTable(articles);
    const readInclude = (path: string): string | undefined => {
      try {
        return readFileSync(`${AUX}${path}`, 'utf8');
      } catch {
        return undefined;
      }
    };

    const outputs = new Map<string, string>();
    const kinds = new Map<string, number>();
    const leftovers: string[] = [];
    let filesWithProblems = 0;
    let filesWithOtherProblems = 0;
    let problemCount = 0;
    for (const article of articles) {
      const result = resolveDirectives(article.body, {
        sourcePath: article.sourcePath,
        variables: variables[article.lang],
        conditions: new Set(['public']),
        readInclude,
        resolveLink: (path) => links.get(path),
      });
      outputs.set(article.id, result.markdown);
      problemCount += result.problems.length;
      if (result.problems.length > 0) filesWithProblems++;
      // Links to pages outside this 502-page sample are expected to be unknown.
      if (result.problems.some((problem) => !problem.startsWith('unknown link:'))) filesWithOtherProblems++;
      for (const problem of result.problems) {
        const kind = problem.split(':')[0] ?? problem;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      // What a reader sees: markdown-it's HTML without <pre>/<code> contents.
      const visible = md.render(result.markdown).replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
      const leftover = LEFTOVER.exec(visible);
      if (leftover) leftovers.push(`${article.id}: ${visible.slice(Math.max(0, leftover.index - 30), leftover.index + 40)}`);
    }

    const top = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log(
      `corpus: ${articles.length} files, ${filesWithProblems} with problems (${filesWithOtherProblems} beyond unknown links), ${problemCount} problems`,
    );
    console.log(`top problem kinds: ${top.map(([kind, count]) => `${kind} ×${count}`).join(', ')}`);

    expect(leftovers).toEqual([]);
    expect(filesWithOtherProblems).toBeLessThanOrEqual(15);
    expect(filesWithProblems).toBeLessThanOrEqual(260);

    // A FAQ question written as a cut title is indexed text: it must appear as a bold paragraph.
    const faq = articles.find((article) => article.id === 'en/access-iam--faq.md');
    const question = /\{cut\(([^)]*)\)\}/.exec(faq?.body ?? '')?.[1];
    expect(question).toBeTruthy();
    expect(outputs.get('en/access-iam--faq.md')).toContain(`**${question ?? ''}**`);

    // A tagged include: the first line of the `new-host` region of the shared SSH warning is spliced in.
    const include = readInclude('docs/en/_includes/_ssh-warning.md') ?? '';
    const region = /\{includetag\(new-host\)\}\n([^\n]+)/.exec(include)?.[1];
    expect(region).toBeTruthy();
    expect(outputs.get('en/computing-iaas--instructions--vm--vm-connect--vm-connect-nix.md')).toContain(region ?? '');
  }, 60_000); // a thousand real articles: seconds on a quiet machine, more on a busy CI runner
});
