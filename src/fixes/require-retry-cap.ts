import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { FunctionNode } from '../analysis/lifetimes.js';
import type { EndlessRetryOption } from '../analysis/retries.js';
import { calleeName, isFunctionNode, staticKeyName, variableOf } from '../util/ast.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { appendArguments } from '../util/fix.js';
import { lineIndent, startsLine, unusedName } from './edits.js';

/**
 * Fix builders for require-retry-cap. Each returns `null` when it cannot be sure that its output
 * parses, keeps the comments and only adds the cap.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Whether the statements under `root` end with semicolons (the first one that could, decides; `true` when none). */
export function usesSemicolons(sourceCode: SourceCode, root: TSESTree.Node): boolean {
  const kinds = new Set<string>([
    AST_NODE_TYPES.ExpressionStatement,
    AST_NODE_TYPES.VariableDeclaration,
    AST_NODE_TYPES.ReturnStatement,
    AST_NODE_TYPES.ThrowStatement,
  ]);
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.shift() as TSESTree.Node;
    if (
      kinds.has(node.type) &&
      !(node.type === AST_NODE_TYPES.VariableDeclaration && node.parent.type !== AST_NODE_TYPES.BlockStatement && node.parent.type !== AST_NODE_TYPES.Program)
    ) {
      return sourceCode.getLastToken(node)?.value === ';';
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') pending.push(item as TSESTree.Node);
      }
    }
  }
  return true;
}

/** A statement starting with this token would continue the line before it when there is no semicolon. */
function isAsiHazard(token: TSESTree.Token | null): boolean {
  return token !== null && /^[([`+\-/]/.test(token.value);
}

/**
 * Inserts `statement` (its text without the final semicolon) as the first statement of a block,
 * on its own line when the block's statements are on their own lines.
 */
export function insertFirstStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  block: TSESTree.BlockStatement,
  statement: string,
  semicolon: boolean,
  indentUnit: string,
): TSESLint.RuleFix | null {
  const open = sourceCode.getFirstToken(block);
  const close = sourceCode.getLastToken(block);
  if (open?.value !== '{' || close?.value !== '}') return null;
  const first = block.body[0];
  if (!first) {
    if (sourceCode.getCommentsInside(block).length > 0) return null;
    if (open.loc.start.line === close.loc.start.line) return fixer.replaceTextRange([open.range[1], close.range[0]], ` ${statement}; `);
    const indent = lineIndent(sourceCode, close);
    return fixer.replaceTextRange([open.range[1], close.range[0]], `\n${indent}${indentUnit}${statement}${semicolon ? ';' : ''}\n${indent}`);
  }
  const firstToken = sourceCode.getFirstToken(first);
  if (!firstToken) return null;
  if (!startsLine(sourceCode, first)) return fixer.insertTextBefore(first, `${statement}; `);
  const end = semicolon || isAsiHazard(firstToken) ? ';' : '';
  return fixer.insertTextBefore(first, `${statement}${end}\n${lineIndent(sourceCode, first)}`);
}

/** The indentation one level adds, judged from a block's first statement; two spaces when it cannot tell. */
export function indentUnitOf(sourceCode: SourceCode, block: TSESTree.BlockStatement, owner: TSESTree.Node): string {
  const first = block.body[0];
  if (first && startsLine(sourceCode, first)) {
    const inner = lineIndent(sourceCode, first);
    const outer = lineIndent(sourceCode, owner);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return '  ';
}

/** The catch's parameter name, or the name and the fix that adds one (`catch {` → `catch (error) {`). */
function catchParameter(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  handler: TSESTree.CatchClause,
  taken: readonly string[],
): { name: string; fix: TSESLint.RuleFix | null } | null {
  if (handler.param) return handler.param.type === AST_NODE_TYPES.Identifier ? { name: handler.param.name, fix: null } : null;
  const keyword = sourceCode.getFirstToken(handler);
  if (keyword?.value !== 'catch') return null;
  const name = unusedName(
    sourceCode,
    ['error', 'err', 'retryError'].filter((candidate) => !taken.includes(candidate)),
  );
  if (name === null) return null;
  return { name, fix: fixer.insertTextAfter(keyword, ` (${name})`) };
}

const LIST_PARENTS = new Set<string>([AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.Program, AST_NODE_TYPES.StaticBlock, AST_NODE_TYPES.SwitchCase]);

/**
 * `while (true) { try { return await op() } catch { await sleep() } }` → a counter declared before
 * the loop and `if (++attempt > max) throw err` first in the catch: the error reaches the caller
 * after `max` retries.
 */
export function capRetryLoop(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement,
  attempt: TSESTree.TryStatement,
  maxRetries: number,
): TSESLint.RuleFix[] | null {
  const handler = attempt.handler;
  if (!handler) return null;
  const statement = loop.parent.type === AST_NODE_TYPES.LabeledStatement ? loop.parent : loop;
  if (!LIST_PARENTS.has(statement.parent?.type ?? '') || !startsLine(sourceCode, statement)) return null;
  const counter = unusedName(sourceCode, ['attempt', 'attempts', 'retryAttempt']);
  if (counter === null) return null;
  const param = catchParameter(fixer, sourceCode, handler, [counter]);
  if (!param) return null;
  const semicolon = usesSemicolons(sourceCode, loop.body);
  const unit = indentUnitOf(sourceCode, handler.body, handler);
  const check = insertFirstStatement(fixer, sourceCode, handler.body, `if (++${counter} > ${maxRetries}) throw ${param.name}`, semicolon, unit);
  if (!check) return null;
  const declaration = fixer.insertTextBefore(statement, `let ${counter} = 0${semicolon ? ';' : ''}\n${lineIndent(sourceCode, statement)}`);
  return [declaration, ...(param.fix ? [param.fix] : []), check];
}

/** The catch clause `call` sits in, directly (no function in between), or `null`. */
function catchOf(call: TSESTree.Node, fn: FunctionNode): TSESTree.CatchClause | null {
  for (let child: TSESTree.Node = call, parent = call.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return null;
    if (parent.type === AST_NODE_TYPES.CatchClause && parent.body === child) return parent;
  }
  return null;
}

function isPlainCall(node: TSESTree.Node | undefined, maxArguments: number): boolean {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.arguments.length <= maxArguments &&
    !node.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)
  );
}

/** Every use of the function in the file is a call with at most `count` arguments (or an export). */
function onlyCalledWithin(sourceCode: SourceCode, fn: FunctionNode, count: number): boolean {
  const parent = fn.parent;
  const id =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id
      : parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id
        : fn.type === AST_NODE_TYPES.FunctionExpression
          ? fn.id
          : null;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    const name = staticKeyName(parent);
    const classBody = parent.parent;
    if (name === null || parent.kind !== 'method') return false;
    // overloads or a second member of that name
    if (classBody.body.some((member) => member !== parent && 'key' in member && staticKeyName(member as TSESTree.MethodDefinition) === name)) return false;
    let ok = true;
    const visit = (node: TSESTree.Node): void => {
      if (!ok) return;
      if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && ASTUtils.getPropertyName(node) === name) {
        if (!(node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node && isPlainCall(node.parent, count))) ok = false;
      }
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
        }
      }
    };
    visit(sourceCode.ast);
    return ok;
  }
  if (!id) return false;
  const variable = variableOf(sourceCode, id);
  if (!variable) return false;
  // TypeScript overloads declare the name more than once
  if (variable.defs.length !== 1) return false;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    const siblings =
      fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration ? fn.parent.parent : fn.parent;
    const statements = 'body' in siblings && Array.isArray(siblings.body) ? (siblings.body as TSESTree.Node[]) : [];
    const declares = (node: TSESTree.Node): boolean => {
      const inner = node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration ? node.declaration : node;
      return inner?.type === AST_NODE_TYPES.TSDeclareFunction && inner.id?.name === id.name;
    };
    if (statements.some(declares)) return false;
  }
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const use = ref.identifier;
    if (use.parent?.type === AST_NODE_TYPES.ExportSpecifier) return true;
    return use.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use && isPlainCall(use.parent, count);
  });
}

/** The token that closes the parameter list. */
function closingParen(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Token | null {
  const last = fn.params.at(-1);
  if (last) {
    let token = sourceCode.getTokenAfter(last);
    if (token && ASTUtils.isCommaToken(token)) token = sourceCode.getTokenAfter(token);
    return token && ASTUtils.isClosingParenToken(token) ? token : null;
  }
  const after = fn.typeParameters ?? (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression ? fn.id : null);
  const open = after ? sourceCode.getTokenAfter(after) : sourceCode.getFirstToken(fn, { filter: ASTUtils.isOpeningParenToken });
  if (!open || !ASTUtils.isOpeningParenToken(open)) return null;
  const close = sourceCode.getTokenAfter(open);
  return close && ASTUtils.isClosingParenToken(close) ? close : null;
}

/**
 * An `attempt = 0` parameter after the others and `attempt + 1` passed on by each retrying call:
 * only when every use of the function in the file is a call that passes no more than its
 * parameters (so no caller fills the new one), and the function neither collects its arguments
 * (a rest parameter, `arguments`) nor declares a `this` parameter or parameter properties.
 */
function addAttemptParameter(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  fn: FunctionNode,
  calls: readonly TSESTree.CallExpression[],
): { counter: string; fixes: TSESLint.RuleFix[] } | null {
  const params = fn.params;
  if (params.some((param) => param.type === AST_NODE_TYPES.RestElement || param.type === AST_NODE_TYPES.TSParameterProperty)) return null;
  if (params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === 'this')) return null;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && /\barguments\b/.test(sourceCode.getText(fn.body))) return null;
  if (
    fn.type === AST_NODE_TYPES.ArrowFunctionExpression &&
    params.length === 1 &&
    !ASTUtils.isOpeningParenToken(sourceCode.getTokenBefore(params[0] as TSESTree.Node) ?? ({} as TSESTree.Token))
  ) {
    return null;
  }
  if (calls.some((call) => !isPlainCall(call, params.length))) return null;
  if (!onlyCalledWithin(sourceCode, fn, params.length)) return null;
  const counter = unusedName(sourceCode, ['attempt', 'retryAttempt']);
  const close = closingParen(sourceCode, fn);
  if (counter === null || !close) return null;
  const fixes: TSESLint.RuleFix[] = [];
  const before = sourceCode.getTokenBefore(close);
  const parameterText = params.length === 0 ? `${counter} = 0` : before && ASTUtils.isCommaToken(before) ? ` ${counter} = 0` : `, ${counter} = 0`;
  fixes.push(fixer.insertTextBefore(close, parameterText));
  for (const call of calls) {
    const fix = appendArguments(fixer, sourceCode, call, params.length, `${counter} + 1`);
    if (!fix) return null;
    fixes.push(fix);
  }
  return { counter, fixes };
}

/**
 * `catch (err) { return retry(job) }` → an `attempt = 0` parameter, `retry(job, attempt + 1)` and
 * `if (attempt >= max) throw err` first in the catch: the error reaches the caller after `max` retries.
 */
export function capRecursiveRetry(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  fn: FunctionNode,
  calls: readonly TSESTree.CallExpression[],
  maxRetries: number,
): TSESLint.RuleFix[] | null {
  const catches = new Set<TSESTree.CatchClause>();
  for (const call of calls) {
    const handler = catchOf(call, fn);
    if (!handler) return null;
    catches.add(handler);
  }
  const added = addAttemptParameter(fixer, sourceCode, fn, calls);
  if (!added) return null;
  const { counter, fixes } = added;
  const semicolon = usesSemicolons(sourceCode, fn.body);
  for (const handler of catches) {
    const param = catchParameter(fixer, sourceCode, handler, [counter]);
    if (!param) return null;
    if (param.fix) fixes.push(param.fix);
    const unit = indentUnitOf(sourceCode, handler.body, handler);
    const check = insertFirstStatement(fixer, sourceCode, handler.body, `if (${counter} >= ${maxRetries}) throw ${param.name}`, semicolon, unit);
    if (!check) return null;
    fixes.push(check);
  }
  return fixes;
}

/** Callbacks that only delay the call they hold: the retry still runs, later. */
const DELAYING_CALLS = new Set(['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask']);

/**
 * The rejection handler a retrying call sits in — `promise.catch((err) => …)` or the second argument
 * of `.then()`, reached from the call through delaying callbacks only (`setTimeout(() => retry())`) —
 * when the promise that handler returns is dropped: the `.catch()` / `.then()` call is a statement
 * of `fn` itself (or `void` one), so an error thrown from the handler is handled by nobody.
 */
function droppedRejectionHandler(call: TSESTree.CallExpression, fn: FunctionNode): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  let handler: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null = null;
  for (let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (!isFunctionNode(child)) continue;
    if (handler) return null;
    if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee === child || child.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    const name = calleeName(parent);
    if (DELAYING_CALLS.has(name ?? '') && parent.arguments[0] === child) continue;
    const rejects = (name === 'catch' && parent.arguments.length === 1) || (name === 'then' && parent.arguments.length === 2 && parent.arguments[1] === child);
    if (!rejects || parent.callee.type !== AST_NODE_TYPES.MemberExpression || parent.optional || parent.callee.optional) return null;
    let statement: TSESTree.Node = parent.parent;
    if (statement.type === AST_NODE_TYPES.UnaryExpression && statement.operator === 'void') statement = statement.parent;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    handler = child;
  }
  return handler;
}

/**
 * `.catch((err) => { …; setTimeout(() => connect(), 5000) })` in a statement of `connect` → an
 * `attempt = 0` parameter, `connect(attempt + 1)` and `if (attempt >= max) throw err` first in the
 * handler (given a parameter when it has none). The promise the handler returns is dropped, so the error it throws after `max` retries
 * is an unhandled rejection: it ends the process (Node ≥ 15), as a worker whose dependency stays
 * down should end, for its supervisor to restart it.
 */
export function capRejectedRetry(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  fn: FunctionNode,
  calls: readonly TSESTree.CallExpression[],
  maxRetries: number,
  typescript: boolean,
): TSESLint.RuleFix[] | null {
  const handlers = new Set<TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression>();
  for (const call of calls) {
    const handler = droppedRejectionHandler(call, fn);
    if (!handler || handler.body.type !== AST_NODE_TYPES.BlockStatement) return null;
    handlers.add(handler);
  }
  const added = addAttemptParameter(fixer, sourceCode, fn, calls);
  if (!added) return null;
  const { counter, fixes } = added;
  const semicolon = usesSemicolons(sourceCode, fn.body);
  for (const handler of handlers) {
    const [param] = handler.params;
    let name: string;
    if (param?.type === AST_NODE_TYPES.Identifier) {
      name = param.name;
    } else if (param === undefined) {
      // `() => {` → `(error) => {`, `(error: unknown) => {` in TypeScript (a rejection reason is anything)
      const open = sourceCode.getFirstToken(handler, { filter: ASTUtils.isOpeningParenToken });
      const close = open && sourceCode.getTokenAfter(open);
      const chosen = unusedName(
        sourceCode,
        ['error', 'err', 'retryError'].filter((candidate) => candidate !== counter),
      );
      if (!open || !close || !ASTUtils.isClosingParenToken(close) || chosen === null) return null;
      name = chosen;
      fixes.push(fixer.insertTextAfter(open, typescript ? `${name}: unknown` : name));
    } else {
      return null;
    }
    const body = handler.body as TSESTree.BlockStatement;
    const unit = indentUnitOf(sourceCode, body, handler);
    const check = insertFirstStatement(fixer, sourceCode, body, `if (${counter} >= ${maxRetries}) throw ${name}`, semicolon, unit);
    if (!check) return null;
    fixes.push(check);
  }
  return fixes;
}

/**
 * `retries: Infinity` → `retries: 5`; `forever: true` → `retries: 5`, or `forever: false` when the
 * options already give `retries`.
 */
export function finiteRetries(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, finding: EndlessRetryOption, maxRetries: number): TSESLint.RuleFix | null {
  const { property, countedBy } = finding;
  if (property.shorthand || property.method || property.kind !== 'init' || property.computed) return null;
  if (sourceCode.getCommentsInside(property).length > 0) return null;
  if (finding.kind === 'count') return fixer.replaceText(property.value, String(maxRetries));
  // a flag: the count it overrides takes its place, or, beside one, it is turned off
  const object = property.parent;
  if (countedBy === null || object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const counted = object.properties.some((other) => other.type === AST_NODE_TYPES.Property && staticKeyName(other) === countedBy);
  if (object.properties.some((other) => other.type === AST_NODE_TYPES.SpreadElement)) return null;
  return counted ? fixer.replaceText(property.value, 'false') : fixer.replaceText(property, `${countedBy}: ${maxRetries}`);
}

/**
 * `if (res.status === 401) { await refresh(); return this.send(msg) }` → an `attempt = 0` parameter,
 * `this.send(msg, attempt + 1)` and `if (res.status === 401 && attempt < max)`: after `max` retries the
 * response takes the path after the branch, as any other response does.
 */
export function capStatusRetry(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  fn: FunctionNode,
  calls: readonly TSESTree.CallExpression[],
  branches: readonly TSESTree.IfStatement[],
  maxRetries: number,
): TSESLint.RuleFix[] | null {
  if (branches.length === 0) return null;
  const added = addAttemptParameter(fixer, sourceCode, fn, calls);
  if (!added) return null;
  const { counter, fixes } = added;
  for (const branch of new Set(branches)) {
    const test = branch.test;
    const needsParens =
      test.type === AST_NODE_TYPES.LogicalExpression
        ? test.operator !== '&&'
        : ![
            AST_NODE_TYPES.BinaryExpression,
            AST_NODE_TYPES.UnaryExpression,
            AST_NODE_TYPES.CallExpression,
            AST_NODE_TYPES.MemberExpression,
            AST_NODE_TYPES.Identifier,
          ].includes(test.type);
    if (sourceCode.getCommentsInside(test).length > 0) return null;
    if (needsParens) fixes.push(fixer.insertTextBefore(test, '('), fixer.insertTextAfter(test, `) && ${counter} < ${maxRetries}`));
    else fixes.push(fixer.insertTextAfter(test, ` && ${counter} < ${maxRetries}`));
  }
  return fixes;
}
