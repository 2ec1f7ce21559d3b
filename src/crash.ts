// How the scanner reports an error that is not the user's: the stack, and the stack of each cause.
import { inspect } from 'node:util';

const MAX_CAUSES = 8;

/**
 * The full stack of `error`, then `Caused by:` and the stack of each error in its `cause` chain.
 * Not `util.inspect(error)`: ESLint attaches the AST node a rule was visiting, thousands of lines.
 */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined; depth += 1) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : inspect(current);
    lines.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
