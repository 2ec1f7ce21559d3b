import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { Iteration } from '../analysis/loops.js';
import { isFunctionNode } from '../util/ast.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { lineIndent, startsLine, unusedName, usesSemicolons } from './require-retry-cap.js';

/**
 * Fix builders for no-timer-in-loop. Each returns `null` when it cannot be sure that its output
 * parses and keeps the comments.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

const PROMISE_TIMERS = new Set(['timers/promises', 'node:timers/promises']);

/** The local name of `setTimeout` imported from `node:timers/promises`, when the file has one. */
function importedSleep(sourceCode: SourceCode): string | null {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !PROMISE_TIMERS.has(String(statement.source.value))) continue;
    if (statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (
        specifier.type === AST_NODE_TYPES.ImportSpecifier &&
        specifier.importKind !== 'type' &&
        (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) === 'setTimeout'
      ) {
        return specifier.local.name;
      }
    }
  }
  return null;
}

function isRequireDeclaration(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.some((declarator) => {
    const init = declarator.init;
    return (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require'
    );
  });
}

/**
 * Binds `name` to `setTimeout` of `node:timers/promises`: an import after the last import, or a
 * `require` after the last top-level one in a CommonJS file.
 */
function addSleepBinding(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, name: string, commonJs: boolean): TSESLint.RuleFix | null {
  const body = sourceCode.ast.body;
  const imports = body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const requires = body.filter(isRequireDeclaration);
  const useRequire = imports.length === 0 && (commonJs || requires.length > 0);
  const binding = name === 'setTimeout' ? 'setTimeout' : useRequire ? `setTimeout: ${name}` : `setTimeout as ${name}`;
  const anchor = useRequire ? requires.at(-1) : imports.at(-1);
  const semicolon = anchor ? sourceCode.getLastToken(anchor)?.value === ';' : usesSemicolons(sourceCode, sourceCode.ast);
  const text = useRequire
    ? `const { ${binding} } = require('node:timers/promises')${semicolon ? ';' : ''}`
    : `import { ${binding} } from 'node:timers/promises'${semicolon ? ';' : ''}`;
  if (anchor) return fixer.insertTextAfter(anchor, `\n${text}`);
  // before the first statement that is not a directive ('use strict')
  const first = body.find((statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined));
  if (!first || !startsLine(sourceCode, first)) return null;
  const firstToken = sourceCode.getFirstToken(first);
  if (!firstToken) return null;
  // a statement starting with `(` or `[` after a line without a semicolon would continue it
  const end = !semicolon && /^[([`+\-/]/.test(firstToken.value) ? ';' : '';
  return fixer.insertTextBefore(first, `${text}${end}\n\n`);
}

/**
 * `setTimeout(() => notify(item), ms)` as a statement of a loop in an async function →
 * `await sleep(ms); notify(item)`: each iteration waits for the delay, then does the work.
 * Only for an arrow with no parameters whose body is one expression (or a block of one expression
 * statement), so the code moved out of the callback means the same where it lands.
 */
export function awaitDelay(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  iteration: Iteration,
  commonJs: boolean,
): { name: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | null } | null {
  if (iteration.node.type === AST_NODE_TYPES.CallExpression) return null;
  const statement = call.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  if (!startsLine(sourceCode, statement)) return null;
  let owner: TSESTree.Node | undefined = iteration.node.parent;
  while (owner && !isFunctionNode(owner)) owner = owner.parent;
  if (!owner || !isFunctionNode(owner) || !owner.async) return null;
  const [callback, delay, ...rest] = call.arguments;
  if (rest.length > 0 || callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.async || callback.params.length > 0) return null;
  if (delay && (delay.type === AST_NODE_TYPES.SpreadElement || delay.type === AST_NODE_TYPES.SequenceExpression)) return null;
  if (call.typeArguments || call.optional) return null;
  let work: TSESTree.Node = callback.body;
  if (work.type === AST_NODE_TYPES.BlockStatement) {
    const [only, ...others] = work.body;
    if (others.length > 0 || only?.type !== AST_NODE_TYPES.ExpressionStatement || only.directive !== undefined) return null;
    work = only.expression;
  }
  // the text of the work with the parentheses around it (`() => ({ … })`)
  let start = work.range[0];
  let end = work.range[1];
  for (;;) {
    const before = sourceCode.getTokenBefore({ range: [start, end] } as TSESTree.Node);
    const after = sourceCode.getTokenAfter({ range: [start, end] } as TSESTree.Node);
    if (!before || !after || !ASTUtils.isOpeningParenToken(before) || !ASTUtils.isClosingParenToken(after) || before.range[0] < callback.range[0] || after.range[1] > callback.range[1]) break;
    start = before.range[0];
    end = after.range[1];
  }
  const workText = sourceCode.text.slice(start, end);
  if (/^(function|class|let|async\s+function)\b|^\{/.test(workText)) return null;
  // every comment of the statement must sit in the work that is kept
  const comments = sourceCode.getCommentsInside(statement);
  if (comments.some((comment) => comment.range[0] < start || comment.range[1] > end)) return null;
  const existing = importedSleep(sourceCode);
  const timerName = call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : null;
  let name = existing;
  if (name === null) {
    // the file's only `setTimeout` can become the promise one; otherwise a name of its own
    const mentions = sourceCode.text.match(/(?<![\w$])setTimeout(?![\w$])/g)?.length ?? 0;
    name = timerName === 'setTimeout' && mentions === 1 ? 'setTimeout' : unusedName(sourceCode, ['sleep', 'delay', 'wait']);
  }
  if (name === null) return null;
  const semicolon = usesSemicolons(sourceCode, iteration.body);
  const separator = semicolon || /^[([`+\-/]/.test(workText) ? ';' : '';
  const delayText = delay ? sourceCode.getText(delay) : '';
  const text = `await ${name}(${delayText})${separator}\n${lineIndent(sourceCode, statement)}${workText}${semicolon ? ';' : ''}`;
  const sleepName = name;
  return {
    name,
    fix: (fixer) => {
      const fixes = [fixer.replaceText(statement, text)];
      if (existing === null) {
        const binding = addSleepBinding(fixer, sourceCode, sleepName, commonJs);
        if (!binding) return null;
        fixes.push(binding);
      }
      return fixes;
    },
  };
}
