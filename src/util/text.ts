/** `text` cut to at most `max` characters, ending in `...` when cut: how messages quote source text. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
