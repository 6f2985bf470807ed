/**
 * A flat copy of a string that shares no memory with the text it was cut or built from.
 *
 * V8 keeps a `slice` of a long string as a view that holds its whole parent alive, and a concatenation as a
 * tree of pieces that is flattened only when first searched. Texts an index keeps for the life of the
 * process should be neither: a 2.5 kB snippet window kept as a view retains the whole 50 kB body, and a
 * tree is flattened by the first query that scans it, which then pays for copying every article it
 * touches (on the bench, most of a cold phrase re-rank). A JSON round trip is the portable way to get a
 * fresh, flat string with exactly the same characters (lone surrogates included).
 */
export function flatCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
