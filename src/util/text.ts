/** `text` cut to at most `max` characters, ending in `...` when cut: how messages quote source text. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `text` with the characters a regular expression gives a meaning escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern for names that are one of `prefixes`, or start with one followed by an upper-case
 * letter, `_`, `$` or a digit (`close`, `closeServer`, `init_db`), not by more of a word
 * (`closest`, `endpoint`).
 */
export function namePrefixPattern(prefixes: Iterable<string>): RegExp {
  return new RegExp(`^(${[...prefixes].map(escapeRegExp).join('|')})([A-Z_$0-9]|$)`);
}

/** `count` and `noun`, the noun in the plural unless the count is one: `1 file`, `2 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
