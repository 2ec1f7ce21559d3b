/**
 * The 1-based line/column range of the `occurrence`-th (1-based; `'last'` for the last) appearance of `needle` in `code`,
 * for writing exact report locations without counting columns by hand.
 */
export function at(code: string, needle: string, occurrence: number | 'last' = 1): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  if (occurrence === 'last') {
    index = code.lastIndexOf(needle);
    if (index < 0) throw new Error(`"${needle}" does not occur in:\n${code}`);
    occurrence = 0;
  }
  for (let seen = 0; seen < occurrence; seen += 1) {
    index = code.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times in:\n${code}`);
  }
  const position = (offset: number): { line: number; column: number } => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  };
  const start = position(index);
  const end = position(index + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
