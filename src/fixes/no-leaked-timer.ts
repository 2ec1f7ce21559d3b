import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../util/eslint-utils.js';

import { isFunctionNode, lookupProperty, skipTypeWrappers, staticKeyName } from '../util/ast.js';
import type { ClassNode, FunctionNode } from '../analysis/lifetimes.js';
import { multilineTokens, quoteOf, startsLine } from './edits.js';
import { isLoopNode } from '../analysis/paths.js';
import { raceOfElement } from '../analysis/races.js';
import { closeMethodOf } from '../analysis/timers.js';

/**
 * Fix builders of `no-leaked-timer`. Each checks everything it needs up front and returns `null`
 * when it cannot be sure of the result; the returned function only writes text. They insert text
 * and never rewrite a range that could hold a comment, except the AbortSignal rewrite, which
 * checks that no comment is in what it removes.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
export type FixBuilder = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

/** Tokens that continue the previous line's expression when a statement starts with them and no `;` ends that line. */
const ASI_HAZARD = new Set(['(', '[', '`', '+', '-', '/', '*', '%', '<', ',', '.', '?', '=', '!']);

/** A dotted name `typeof` can refer to (`setTimeout`, `globalThis.setTimeout`, `timers.setTimeout`). */
const ENTITY_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** TypeScript source, where a `let` assigned in a callback needs a declared type. */
export function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/i.test(filename);
}

function lineIndent(sourceCode: SourceCode, line: number): string {
  return /^\s*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/** Whether the node is the last thing on its line (comments after it allowed). */
function endsLine(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const next = sourceCode.getTokenAfter(node);
  return !next || next.loc.start.line > node.loc.end.line;
}

/** Whether a loop lies between `node` and its ancestor `outer`: code there could run more than once per run of `outer`. */
function loopBetween(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== outer; current = current.parent) {
    if (isLoopNode(current)) return true;
  }
  return false;
}

/**
 * The statement of a block (or of the program) that `node` is evaluated in, with no function, class,
 * loop or `switch` in between: a declaration inserted before it runs exactly once per run of `node`.
 */
function enclosingStatement(node: TSESTree.Node): TSESTree.Statement | null {
  let current: TSESTree.Node = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) return current as TSESTree.Statement;
    if (
      isFunctionNode(parent) ||
      isLoopNode(parent) ||
      parent.type === AST_NODE_TYPES.ClassBody ||
      parent.type === AST_NODE_TYPES.SwitchCase ||
      parent.type === AST_NODE_TYPES.StaticBlock
    ) {
      return null;
    }
  }
  return null;
}

/**
 * Whether `name` can be declared before `statement` of `block`: nothing of that name is in scope
 * there, and the block never mentions it (a mention could be a global the declaration would shadow).
 */
function isFreeName(sourceCode: SourceCode, name: string, statement: TSESTree.Node, block: TSESTree.Node): boolean {
  if (ASTUtils.findVariable(sourceCode.getScope(statement), name)) return false;
  return !sourceCode
    .getTokens(block)
    .some((token) => (token.type === AST_TOKEN_TYPES.Identifier || token.type === AST_TOKEN_TYPES.JSXIdentifier) && token.value === name);
}

function freeName(sourceCode: SourceCode, candidates: readonly string[], statement: TSESTree.Node, block: TSESTree.Node): string | null {
  return candidates.find((name) => isFreeName(sourceCode, name, statement, block)) ?? null;
}

/** Whether `name` at `node` is the runtime's global (no declaration of that name in scope). */
function isGlobalName(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), name);
  return !variable || variable.defs.length === 0;
}

/** Whether the statement ends with `;` (the file's style, for the statements a fix adds next to it). */
function endsWithSemicolon(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return sourceCode.getLastToken(node)?.value === ';';
}

/** The semicolon to end an inserted statement with: the file's style, and always one before a token that would join the lines. */
function semicolonBefore(semicolons: boolean, next: TSESTree.Token | null): string {
  if (semicolons) return ';';
  return next && ASI_HAZARD.has(next.value[0] ?? '') ? ';' : '';
}

/** The call with `.unref()` / `.ref()` chained on it, whose value is the same handle. */
function handleExpression(call: TSESTree.CallExpression): TSESTree.Expression {
  let node: TSESTree.Expression = call;
  for (;;) {
    const member: TSESTree.Node | undefined = node.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return node;
    const name = ASTUtils.getPropertyName(member);
    if ((name !== 'unref' && name !== 'ref') || member.parent.type !== AST_NODE_TYPES.CallExpression || member.parent.callee !== member) return node;
    node = member.parent;
  }
}

interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * Where and what to write to make `statementText` the first statement of a block body (or the first
 * member of a class body): right after the `{`, so that comments at the top of the body stay with
 * what they describe. `null` when the body is not a plain `{ … }`.
 */
function firstInBody(
  sourceCode: SourceCode,
  body: TSESTree.BlockStatement | TSESTree.ClassBody,
  statementText: string,
  semicolons: boolean,
  unit: string,
): Edit | null {
  const open = sourceCode.getFirstToken(body);
  const close = sourceCode.getLastToken(body);
  if (open?.value !== '{' || close?.value !== '}' || open === close) return null;
  const next = sourceCode.getTokenAfter(open, { includeComments: true });
  if (!next) return null;
  if (next === close) {
    // An empty body: `{}` or `{\n}`.
    const ownerIndent = lineIndent(sourceCode, open.loc.start.line);
    return { range: [open.range[1], close.range[0]], text: `\n${ownerIndent}${unit}${statementText}${semicolons ? ';' : ''}\n${ownerIndent}` };
  }
  const nextCode = sourceCode.getTokenAfter(open);
  if (next.loc.start.line === open.loc.end.line) return { range: [open.range[1], open.range[1]], text: ` ${statementText};` };
  const semi = semicolonBefore(semicolons, nextCode && nextCode !== close ? nextCode : null);
  return { range: [open.range[1], open.range[1]], text: `\n${lineIndent(sourceCode, next.loc.start.line)}${statementText}${semi}` };
}

function apply(fixer: TSESLint.RuleFixer, edit: Edit): TSESLint.RuleFix {
  return fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text);
}

/** One level of indentation, as the class indents its members (two spaces when it cannot tell). */
function indentUnit(sourceCode: SourceCode, outer: TSESTree.Node, inner: TSESTree.Node | undefined): string {
  if (!inner) return '  ';
  const outerIndent = lineIndent(sourceCode, outer.loc.start.line);
  const innerIndent = lineIndent(sourceCode, inner.loc.start.line);
  return innerIndent.startsWith(outerIndent) && innerIndent.length > outerIndent.length ? innerIndent.slice(outerIndent.length) : '  ';
}

// ---------------------------------------------------------------------------------------------
// Raced timeouts
// ---------------------------------------------------------------------------------------------

export interface RaceTimer {
  /** The `setTimeout(…)` call. */
  readonly timer: TSESTree.CallExpression;
  /** The `new Promise(executor)` the timer is created in. */
  readonly promise: TSESTree.NewExpression;
  /** The `Promise.race([...])` that has the promise as an element. */
  readonly race: TSESTree.CallExpression;
}

/** The executor's `resolve` / `reject` parameter the identifier refers to, if it is one. */
function settleParameter(sourceCode: SourceCode, identifier: TSESTree.Node, executor: FunctionNode): 'resolve' | 'reject' | null {
  if (identifier.type !== AST_NODE_TYPES.Identifier) return null;
  const index = executor.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === identifier.name);
  if (index !== 0 && index !== 1) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  if (!variable?.defs.some((def) => def.node === executor)) return null;
  return index === 0 ? 'resolve' : 'reject';
}

const ERROR_CONSTRUCTORS = new Set(['Error', 'TypeError', 'RangeError', 'DOMException']);

/** An expression whose evaluation nobody can observe: literals, names, templates of those, a built-in error. */
function isInert(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.every((expression) => isInert(sourceCode, expression));
    case AST_NODE_TYPES.MemberExpression:
      return !value.computed && value.object.type !== AST_NODE_TYPES.Super && isInert(sourceCode, value.object);
    case AST_NODE_TYPES.BinaryExpression:
      return value.left.type !== AST_NODE_TYPES.PrivateIdentifier && isInert(sourceCode, value.left) && isInert(sourceCode, value.right);
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator !== 'delete' && isInert(sourceCode, value.argument);
    case AST_NODE_TYPES.NewExpression:
      return (
        value.callee.type === AST_NODE_TYPES.Identifier &&
        ERROR_CONSTRUCTORS.has(value.callee.name) &&
        isGlobalName(sourceCode, value.callee, value.callee.name) &&
        value.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isInert(sourceCode, argument))
      );
    default:
      return false;
  }
}

/**
 * What the timer's callback does when it fires: only settle the raced promise (`reject`, `() =>
 * reject(new Error('timeout'))`, `() => { resolve(); }`), or something else (`null`).
 */
function callbackSettles(sourceCode: SourceCode, { timer, promise }: RaceTimer): 'resolve' | 'reject' | null {
  const executor = promise.arguments[0];
  const callback = timer.arguments[0];
  if (!executor || !isFunctionNode(executor) || !callback) return null;
  if (timer.arguments.slice(2).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement || !isInert(sourceCode, argument))) return null;
  const direct = settleParameter(sourceCode, callback, executor);
  if (direct) return direct;
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return null;
  if (callback.async || callback.generator) return null;
  let call: TSESTree.Node = callback.body;
  if (call.type === AST_NODE_TYPES.BlockStatement) {
    const [only] = call.body;
    if (call.body.length !== 1 || only?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    call = only.expression;
  }
  if (call.type !== AST_NODE_TYPES.CallExpression || call.optional) return null;
  if (!call.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isInert(sourceCode, argument))) return null;
  return settleParameter(sourceCode, call.callee, executor);
}

/**
 * Keeps the race timer's handle and clears it when the race settles:
 *
 *   let timer;
 *   … new Promise((_, reject) => (timer = setTimeout(…))) …
 *   Promise.race([...]).finally(() => clearTimeout(timer))
 *
 * `safe` says whether the timer's callback only settles the raced promise: once the race has
 * settled, that callback can do nothing anyone sees, so clearing the timer changes nothing but
 * the timer's life.
 */
export function clearRaceTimer(sourceCode: SourceCode, filename: string, raced: RaceTimer): { readonly fix: FixBuilder; readonly safe: boolean } | null {
  const { timer, promise, race } = raced;
  const executor = promise.arguments[0];
  if (!executor || !isFunctionNode(executor) || loopBetween(timer, executor)) return null;
  const handle = handleExpression(timer);
  const holder = handle.parent;
  const inArrowBody = holder?.type === AST_NODE_TYPES.ArrowFunctionExpression && holder === executor && holder.body === handle;
  if (holder?.type !== AST_NODE_TYPES.ExpressionStatement && !inArrowBody) return null;
  if (race.parent.type === AST_NODE_TYPES.ChainExpression || race.optional) return null;

  const statement = enclosingStatement(race);
  const block = statement?.parent;
  if (!statement || !block) return null;
  const name = freeName(sourceCode, ['timer', 'raceTimer', 'timeoutTimer'], statement, block);
  if (!name || !isGlobalName(sourceCode, race, 'clearTimeout')) return null;

  let declaration = `let ${name}`;
  if (isTypeScriptFile(filename)) {
    const callee = sourceCode.getText(timer.callee);
    if (!ENTITY_NAME.test(callee)) return null;
    declaration += `: ReturnType<typeof ${callee}> | undefined`;
  }
  const semicolons = endsWithSemicolon(sourceCode, statement);
  const ownLine = startsLine(sourceCode, statement);
  const declarationText = ownLine ? `${declaration}${semicolons ? ';' : ''}\n${lineIndent(sourceCode, statement.loc.start.line)}` : `${declaration}; `;

  const parenthesized = inArrowBody && sourceCode.getTokenBefore(handle)?.value === '(' && sourceCode.getTokenAfter(handle)?.value === ')';
  const safe = callbackSettles(sourceCode, raced) !== null;
  return {
    safe,
    fix: (fixer) => [
      fixer.insertTextBefore(statement, declarationText),
      ...(inArrowBody && !parenthesized
        ? [fixer.insertTextBefore(handle, `(${name} = `), fixer.insertTextAfter(handle, ')')]
        : [fixer.insertTextBefore(handle, `${name} = `)]),
      fixer.insertTextAfter(race, `.finally(() => clearTimeout(${name}))`),
    ],
  };
}

/** A delay that means the same and can be evaluated earlier outside the executor: numbers and names declared outside it. */
function isMovableDelay(sourceCode: SourceCode, node: TSESTree.Node, executor: FunctionNode): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'number';
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
      return !variable || !variable.defs.some((def) => def.node.range[0] >= executor.range[0] && def.node.range[1] <= executor.range[1]);
    }
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && isMovableDelay(sourceCode, node.object, executor);
    case AST_NODE_TYPES.BinaryExpression:
      return (
        ['*', '+', '-', '/'].includes(node.operator) && isMovableDelay(sourceCode, node.left, executor) && isMovableDelay(sourceCode, node.right, executor)
      );
    case AST_NODE_TYPES.ThisExpression:
      return executor.type === AST_NODE_TYPES.ArrowFunctionExpression;
    default:
      return false;
  }
}

/**
 * Replaces `Promise.race([fetch(url, init), new Promise((_, reject) => setTimeout(() => reject(…), ms))])`
 * with `fetch(url, { …init, signal: AbortSignal.timeout(ms) })`: the request itself is aborted, and
 * no timer of ours is left.
 */
export function abortSignalInsteadOfRace(sourceCode: SourceCode, raced: RaceTimer): FixBuilder | null {
  const { timer, promise, race } = raced;
  const executor = promise.arguments[0];
  if (!executor || !isFunctionNode(executor) || promise.arguments.length !== 1) return null;
  // The executor does nothing but start the timer, and the timer only rejects.
  const handle = handleExpression(timer);
  const onlyTimer =
    executor.body === handle ||
    (executor.body.type === AST_NODE_TYPES.BlockStatement &&
      executor.body.body.length === 1 &&
      executor.body.body[0]?.type === AST_NODE_TYPES.ExpressionStatement &&
      executor.body.body[0].expression === handle);
  if (!onlyTimer || handle !== timer || callbackSettles(sourceCode, raced) !== 'reject') return null;
  const delay = timer.arguments[1];
  if (!delay || timer.arguments.length > 2 || delay.type === AST_NODE_TYPES.SpreadElement || !isMovableDelay(sourceCode, delay, executor)) return null;

  // The race is over the work and the timer, and the work is a call of the global fetch.
  const [array] = race.arguments;
  if (race.arguments.length !== 1 || array?.type !== AST_NODE_TYPES.ArrayExpression || array.elements.length !== 2) return null;
  const work = array.elements.find((element) => element && skipTypeWrappers(element) !== promise);
  if (!work || work.type !== AST_NODE_TYPES.CallExpression || work.optional) return null;
  if (work.callee.type !== AST_NODE_TYPES.Identifier || work.callee.name !== 'fetch' || !isGlobalName(sourceCode, work, 'fetch')) return null;
  if (!isGlobalName(sourceCode, race, 'AbortSignal')) return null;
  const [input, init] = work.arguments;
  if (!input || work.arguments.length > 2 || work.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
  if (init && (init.type !== AST_NODE_TYPES.ObjectExpression || lookupProperty(init, ['signal']).kind !== 'absent')) return null;
  // What goes away must hold no comment.
  if (sourceCode.getCommentsInside(race).some((comment) => comment.range[0] < work.range[0] || comment.range[1] > work.range[1])) return null;
  if (init?.type === AST_NODE_TYPES.ObjectExpression && init.properties.length === 0 && sourceCode.getCommentsInside(init).length > 0) return null;

  const signal = `signal: AbortSignal.timeout(${sourceCode.getText(delay)})`;
  return (fixer) => {
    const fixes = [fixer.removeRange([race.range[0], work.range[0]]), fixer.removeRange([work.range[1], race.range[1]])];
    if (!init) {
      const close = sourceCode.getLastToken(work);
      const before = close && sourceCode.getTokenBefore(close);
      if (before?.value === ',') fixes.push(fixer.insertTextAfter(before, ` { ${signal} }`));
      else fixes.push(fixer.insertTextAfter(input, `, { ${signal} }`));
      return fixes;
    }
    const object = init;
    const last = object.properties.at(-1);
    const closeBrace = sourceCode.getLastToken(object);
    if (!last) {
      fixes.push(fixer.replaceText(object, `{ ${signal} }`));
      return fixes;
    }
    const afterLast = sourceCode.getTokenAfter(last);
    const multiline = closeBrace !== null && last.loc.end.line !== closeBrace.loc.start.line;
    const indent = lineIndent(sourceCode, last.loc.start.line);
    if (afterLast?.value === ',') fixes.push(fixer.insertTextAfter(afterLast, multiline ? `\n${indent}${signal},` : ` ${signal}`));
    else fixes.push(fixer.insertTextAfter(last, multiline ? `,\n${indent}${signal}` : `, ${signal}`));
    return fixes;
  };
}

// ---------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------

/** A member text `clearInterval(…)` can be given as is: `this.timer`, `this.#timer`, `this['timer']`. */
const INSTANCE_TARGET = /^this(\.#?[A-Za-z_$][\w$]*|\[(['"])[^'"\\]*\2\])$/;

/** The body of the class's method `name`: a non-static method or arrow/function field with a block body, when there is exactly one. */
function methodBody(classNode: ClassNode, name: string): TSESTree.BlockStatement | null {
  const bodies = classNode.body.body.flatMap((member) => {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) return [];
    if (member.computed || staticKeyName(member) !== name) return [];
    return [member];
  });
  const withBody = bodies.filter((member) => member.value && isFunctionNode(member.value) && member.value.body?.type === AST_NODE_TYPES.BlockStatement);
  const [member] = withBody;
  if (withBody.length !== 1 || !member || member.static) return null;
  if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method') return null;
  const value = member.value as FunctionNode;
  // A `function` field has its own `this`; an arrow field and a method have the instance.
  if (member.type === AST_NODE_TYPES.PropertyDefinition && value.type !== AST_NODE_TYPES.ArrowFunctionExpression) return null;
  return value.body.type === AST_NODE_TYPES.BlockStatement ? value.body : null;
}

/** Whether the class declares the instance property `name`: a field, an accessor or a constructor's parameter property. */
function declaresProperty(classNode: ClassNode, name: string): boolean {
  return classNode.body.body.some((member) => {
    if (
      (member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
        member.type === AST_NODE_TYPES.AccessorProperty) &&
      !member.static
    ) {
      return !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      return member.value.params.some(
        (param) => param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name,
      );
    }
    return false;
  });
}

/** The type annotation of a property the class declares (as a field or a constructor parameter property), if any. */
function declaredPropertyType(classNode: ClassNode, name: string): TSESTree.TSTypeAnnotation | undefined {
  for (const member of classNode.body.body) {
    if (
      (member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
        member.type === AST_NODE_TYPES.AccessorProperty) &&
      !member.static
    ) {
      if (!member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) return member.typeAnnotation;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
          return param.parameter.typeAnnotation;
        }
      }
    }
  }
  return undefined;
}

/** Adds `clearInterval(<target>)` at the start of the class's close method. */
export function clearIntervalInClose(
  sourceCode: SourceCode,
  classNode: ClassNode,
  method: string,
  target: string,
  near: TSESTree.Node,
  typescript: boolean,
): FixBuilder | null {
  if (!INSTANCE_TARGET.test(target)) return null;
  // In TypeScript, `this.x` of a class that does not declare `x` is already an error: add no other.
  const property = /^this\.([A-Za-z_$][\w$]*)$/.exec(target)?.[1];
  if (typescript && property !== undefined && !declaresProperty(classNode, property)) return null;
  const body = methodBody(classNode, method);
  if (!body || !isGlobalName(sourceCode, body, 'clearInterval')) return null;
  const unit = indentUnit(sourceCode, classNode, classNode.body.body[0]);
  const edit = firstInBody(sourceCode, body, `clearInterval(${target})`, endsWithSemicolon(sourceCode, near), unit);
  return edit ? (fixer) => [apply(fixer, edit)] : null;
}

/**
 * Keeps a discarded `setInterval(…)` of a constructor on the instance, in a private field
 * `#interval`, and clears it in the class's close method, or in a new `close()` when the class has
 * none and extends nothing (a parent could have a `close` of its own).
 */
export function keepIntervalOnInstance(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  constructor: FunctionNode,
  classNode: ClassNode,
  method: string | null,
  closeMethods: ReadonlySet<string>,
): { readonly fix: FixBuilder; readonly field: string; readonly method: string; readonly added: boolean } | null {
  const handle = handleExpression(call);
  const statement = handle.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || loopBetween(statement, constructor)) return null;
  if (!isGlobalName(sourceCode, constructor, 'clearInterval')) return null;
  const classText = sourceCode.getText(classNode);
  const field = ['interval', 'intervalTimer', 'housekeepingInterval'].find((name) => !new RegExp(`#${name}(?![\\w$])`).test(classText));
  if (!field) return null;
  const target = `this.#${field}`;
  const members = classNode.body.body;
  const unit = indentUnit(sourceCode, classNode, members[0]);
  const semicolons = endsWithSemicolon(sourceCode, statement);
  const fieldEdit = firstInBody(sourceCode, classNode.body, `#${field}`, semicolons, unit);
  if (!fieldEdit) return null;

  let closeEdit: Edit;
  let closeName: string;
  if (method !== null) {
    const body = methodBody(classNode, method);
    const edit = body && firstInBody(sourceCode, body, `clearInterval(${target})`, semicolons, unit);
    if (!edit) return null;
    closeEdit = edit;
    closeName = method;
  } else {
    const taken = members.some((member) => 'key' in member && !member.computed && staticKeyName(member as TSESTree.MethodDefinition) === 'close');
    const last = members.at(-1);
    if (classNode.superClass || taken || !closeMethods.has('close') || !last) return null;
    // A field with no `;` could join the next line (`get` then a new line starts a getter).
    if (last.type === AST_NODE_TYPES.PropertyDefinition && !endsWithSemicolon(sourceCode, last)) return null;
    if (!endsLine(sourceCode, last)) return null;
    const indent = lineIndent(sourceCode, last.loc.start.line);
    const trailing = sourceCode
      .getCommentsAfter(last)
      .filter((comment) => comment.loc.start.line === last.loc.end.line)
      .at(-1);
    const end = (trailing ?? last).range[1];
    closeEdit = {
      range: [end, end],
      text: `\n\n${indent}close() {\n${indent}${unit}clearInterval(${target})${semicolons ? ';' : ''}\n${indent}}`,
    };
    closeName = 'close';
  }
  return {
    field: target,
    method: closeName,
    added: method === null,
    fix: (fixer) => [apply(fixer, fieldEdit), fixer.insertTextBefore(handle, `${target} = `), apply(fixer, closeEdit)],
  };
}

/**
 * In a `(req, res)` handler, keeps a discarded interval's handle and clears it when the response
 * closes: `const interval = setInterval(…); res.on('close', () => clearInterval(interval));`.
 */
export function clearIntervalOnResponseClose(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  fn: FunctionNode,
): { readonly fix: FixBuilder; readonly emitter: string } | null {
  const [request, response] = fn.params;
  if (request?.type !== AST_NODE_TYPES.Identifier || response?.type !== AST_NODE_TYPES.Identifier) return null;
  if (!/^req(uest)?$/.test(request.name) || !/^res(ponse)?$/.test(response.name)) return null;
  const handle = handleExpression(call);
  const statement = handle.parent;
  const block = statement?.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || block?.type !== AST_NODE_TYPES.BlockStatement || loopBetween(statement, fn)) return null;
  // `res` there is still the handler's parameter, and the timers are the globals.
  const variable = ASTUtils.findVariable(sourceCode.getScope(statement), response.name);
  if (!variable?.defs.some((def) => def.node === fn)) return null;
  if (variable.references.some((ref) => ref.isWrite())) return null;
  if (!isGlobalName(sourceCode, statement, 'clearInterval')) return null;
  const name = freeName(sourceCode, ['interval', 'keepAliveInterval', 'intervalTimer'], statement, block);
  if (!name || !startsLine(sourceCode, statement) || !endsLine(sourceCode, statement)) return null;
  const semicolons = endsWithSemicolon(sourceCode, statement);
  const next = sourceCode.getTokenAfter(statement);
  const quote = quoteOf(sourceCode);
  const listener = `${response.name}.on(${quote}close${quote}, () => clearInterval(${name}))`;
  const text = `\n${lineIndent(sourceCode, statement.loc.start.line)}${listener}${semicolonBefore(semicolons, next && next.value !== '}' ? next : null)}`;
  // After a comment that ends the statement's line, which stays with the statement.
  const trailing = sourceCode
    .getCommentsAfter(statement)
    .filter((comment) => comment.loc.start.line === statement.loc.end.line)
    .at(-1);
  const after = trailing ?? statement;
  return {
    emitter: response.name,
    fix: (fixer) => [fixer.insertTextBefore(handle, `const ${name} = `), fixer.insertTextAfterRange([after.range[0], after.range[1]], text)],
  };
}

// ---------------------------------------------------------------------------------------------
// Slots armed again
// ---------------------------------------------------------------------------------------------

/**
 * Adds `clearTimeout(<slot>)` (or `clearInterval`) on a line of its own before the statement that
 * arms the slot again: `this.timer = setTimeout(…)` becomes `clearTimeout(this.timer); this.timer =
 * setTimeout(…)`. Only for an assignment that is a statement of its own in a block, with the global
 * clear function.
 */
export function clearBeforeRearm(
  sourceCode: SourceCode,
  assignment: TSESTree.AssignmentExpression,
  clear: 'clearTimeout' | 'clearInterval',
  target: string,
  slot: { readonly classNode: ClassNode | null; readonly variable: TSESLint.Scope.Variable | null },
  typescript: boolean,
): FixBuilder | null {
  const statement = assignment.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== assignment) return null;
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program && block.type !== AST_NODE_TYPES.SwitchCase) return null;
  if (!/^(this\.#?)?[A-Za-z_$][\w$]*$/.test(target) || !isGlobalName(sourceCode, statement, clear)) return null;
  if (!startsLine(sourceCode, statement)) return null;
  let argument = target;
  if (typescript) {
    // In TypeScript, reading a slot the class does not declare, or a `let` with no type, is an
    // error already: add no other.
    const property = /^this\.([A-Za-z_$][\w$]*)$/.exec(target)?.[1];
    if (slot.classNode && property !== undefined && !declaresProperty(slot.classNode, property)) return null;
    const declarator = slot.variable?.defs[0]?.node;
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && !declarator.id.typeAnnotation) return null;
    // Node's clear functions take `undefined` but not `null`: a slot declared `Timeout | null` is
    // passed as `slot ?? undefined`.
    const annotation =
      declarator?.type === AST_NODE_TYPES.VariableDeclarator
        ? declarator.id.typeAnnotation
        : slot.classNode && property !== undefined
          ? declaredPropertyType(slot.classNode, property)
          : undefined;
    if (annotation && /\bnull\b/.test(sourceCode.getText(annotation))) argument = `${target} ?? undefined`;
  }
  const semicolons = endsWithSemicolon(sourceCode, statement);
  // Both it and the statement after it start with a name or `this`: no line can join another.
  const text = `${clear}(${argument})${semicolons ? ';' : ''}\n${lineIndent(sourceCode, statement.loc.start.line)}`;
  return (fixer) => [fixer.insertTextBefore(statement, text)];
}

// ---------------------------------------------------------------------------------------------
// Manual deadlines
// ---------------------------------------------------------------------------------------------

/**
 * Clears a deadline timer once the rest of the function has run: the statements after the one that
 * starts the timer go into `try { … } finally { clearTimeout(deadline); }`, and a discarded handle is
 * kept in a `const` first. Only in a function's own body, with statements after the timer and none
 * that a block would change (a function or class declaration, whose hoisting a block would scope),
 * and no multi-line token (a template) that re-indenting would change.
 */
export function clearDeadlineInFinally(sourceCode: SourceCode, call: TSESTree.CallExpression): FixBuilder | null {
  const handle = handleExpression(call);
  const holder = handle.parent;
  let statement: TSESTree.Node;
  let name: string | null;
  let declare = false;
  if (holder?.type === AST_NODE_TYPES.ExpressionStatement) {
    statement = holder;
    declare = true;
    name = null;
  } else if (
    holder?.type === AST_NODE_TYPES.VariableDeclarator &&
    holder.init === handle &&
    holder.id.type === AST_NODE_TYPES.Identifier &&
    holder.parent.declarations.length === 1
  ) {
    statement = holder.parent;
    name = holder.id.name;
  } else {
    return null;
  }
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement || !block.parent || !isFunctionNode(block.parent)) return null;
  const rest = block.body.slice(block.body.indexOf(statement) + 1);
  const first = rest[0];
  const last = rest.at(-1);
  if (!first || !last) return null;
  if (rest.some((node) => node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration)) return null;
  if (!startsLine(sourceCode, statement) || !startsLine(sourceCode, first) || !endsLine(sourceCode, last)) return null;
  if (multilineTokens(sourceCode).some((token) => token.range[0] >= first.range[0] && token.range[1] <= last.range[1])) return null;
  if (!isGlobalName(sourceCode, statement, 'clearTimeout')) return null;
  if (declare) {
    name = freeName(sourceCode, ['deadline', 'deadlineTimer', 'abortTimer'], statement, block);
    if (!name) return null;
  }
  const indent = lineIndent(sourceCode, first.loc.start.line);
  const fnIndent = lineIndent(sourceCode, block.parent.loc.start.line);
  const unit = indent.startsWith(fnIndent) && indent.length > fnIndent.length ? indent.slice(fnIndent.length) : '  ';
  const semicolons = endsWithSemicolon(sourceCode, statement);
  const body = sourceCode.text
    .slice(first.range[0], last.range[1])
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line : `${unit}${line}`))
    .join('\n');
  const text = `try {\n${indent}${unit}${body}\n${indent}} finally {\n${indent}${unit}clearTimeout(${name})${semicolons ? ';' : ''}\n${indent}}`;
  const declared = name;
  return (fixer) => [
    ...(declare ? [fixer.insertTextBefore(handle, `const ${declared} = `)] : []),
    fixer.replaceTextRange([first.range[0], last.range[1]], text),
  ];
}

/** What a leaked-timer report offers: a fix, suggestions, or neither. */
export interface TimerRemedies<MessageId extends string> {
  readonly fix?: TSESLint.ReportFixFunction;
  readonly suggest?: TSESLint.SuggestionReportDescriptor<MessageId>[];
}

/** A raced timeout whose handle is dropped: clear it when the race settles, or let `fetch` time itself out. */
export function raceRemedies(
  sourceCode: SourceCode,
  filename: string,
  call: TSESTree.CallExpression,
  promise: TSESTree.NewExpression,
  races: readonly TSESTree.CallExpression[],
): TimerRemedies<'suggestClearTimer' | 'suggestAbortSignal'> {
  const race = raceOfElement(promise, races);
  if (!race) return {};
  const raced = { timer: call, promise, race };
  const clear = clearRaceTimer(sourceCode, filename, raced);
  const signal = abortSignalInsteadOfRace(sourceCode, raced);
  const suggest: TSESLint.SuggestionReportDescriptor<'suggestClearTimer' | 'suggestAbortSignal'>[] = [];
  if (clear && !clear.safe) suggest.push({ messageId: 'suggestClearTimer', fix: clear.fix });
  if (signal) suggest.push({ messageId: 'suggestAbortSignal', fix: signal });
  return { ...(clear?.safe ? { fix: clear.fix } : {}), ...(suggest.length > 0 ? { suggest } : {}) };
}

/** A discarded interval: keep it on the instance and clear it on close, or clear it when the response closes. */
export function intervalRemedies(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  fn: FunctionNode,
  closeMethods: ReadonlySet<string>,
): TimerRemedies<'suggestAddClose' | 'suggestKeepOnInstance' | 'suggestClearOnResponseClose'> {
  const owner = fn.parent;
  if (owner?.type === AST_NODE_TYPES.MethodDefinition && owner.kind === 'constructor' && owner.value === fn) {
    const classNode = owner.parent.parent;
    const kept = keepIntervalOnInstance(sourceCode, call, fn, classNode, closeMethodOf(classNode, closeMethods), closeMethods);
    if (!kept) return {};
    const data = { field: kept.field, method: kept.method };
    return { suggest: [{ messageId: kept.added ? 'suggestAddClose' : 'suggestKeepOnInstance', data, fix: kept.fix }] };
  }
  const onClose = clearIntervalOnResponseClose(sourceCode, call, fn);
  return onClose ? { suggest: [{ messageId: 'suggestClearOnResponseClose', data: { emitter: onClose.emitter }, fix: onClose.fix }] } : {};
}

/** An interval a closable object starts in its constructor: keep it on the instance and clear it in `method`. */
export function intervalOnCloseRemedies(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  fn: FunctionNode,
  classNode: ClassNode,
  method: string,
  closeMethods: ReadonlySet<string>,
): TimerRemedies<'suggestKeepOnInstance'> {
  // A field assigned outside the constructor would need a declared type in TypeScript and none
  // in JavaScript: only a constructor's interval gets the suggestion.
  const owner = fn.parent;
  if (owner.type !== AST_NODE_TYPES.MethodDefinition || owner.kind !== 'constructor') return {};
  const kept = keepIntervalOnInstance(sourceCode, call, fn, classNode, method, closeMethods);
  return kept ? { suggest: [{ messageId: 'suggestKeepOnInstance', data: { field: kept.field, method: kept.method }, fix: kept.fix }] } : {};
}
