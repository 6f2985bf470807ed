import type { SearchDocument, SearchQuery } from '../../../search/engine.ts';
import { tokenize } from '../../../search/text/analyze.ts';
import { seeded } from './corpus-documents.ts';

/** What a bench query is like, so the slow tail can be told apart by shape. */
export const QUERY_SHAPES = ['1–3 letter prefix', 'title word', 'typo', 'title words (1–3)', 'fixed question'] as const;
export type QueryShape = (typeof QUERY_SHAPES)[number];
export interface BenchQuery extends SearchQuery {
  shape: QueryShape;
}

/** Deterministic mix: 1–3 letter prefixes, whole title words, typos, multi-word questions, both locales. */
export function mixedQueries(docs: SearchDocument[], count: number): BenchQuery[] {
  const random = seeded(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const fixed = ['pasword reset', 'notifcations', 'уведомлния', 'настроить уведомления', 'invoice', 'how do i delete my account', 'не приходят письма', 'kubernetes', 'резервное копирование', 'ssh key'];
  const list: BenchQuery[] = [];
  while (list.length < count) {
    const doc = pick(docs);
    const words = tokenize(doc.title).filter((w) => w.length > 3);
    const word = words.length ? pick(words) : 'help';
    const kind = list.length % 5;
    const q =
      kind === 0 ? word.slice(0, 1 + Math.floor(random() * 3))
      : kind === 1 ? word
      : kind === 2 ? typo(word, random)
      : kind === 3 ? words.slice(0, 3).join(' ') || word
      : pick(fixed);
    list.push({ q, locale: doc.locale, limit: 10, offset: 0, shape: QUERY_SHAPES[kind]! });
  }
  return list;
}

function typo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, at) + word.slice(at + 1); // one deleted letter
}
