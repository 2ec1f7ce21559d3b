import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { ASTUtils } from '../util/eslint-utils.js';

import type { BoundResource, ResourceFinding, UnreadExit } from '../analysis/resources.js';
import { enclosingFunction, isInside, type FunctionNode } from '../analysis/lifetimes.js';
import { forEachDescendant, isFunctionNode, skipTypeWrappers } from '../util/ast.js';
import type { TypeInfo } from '../util/types.js';
import { declaredNames, multilineTokens } from './edits.js';

/**
 * The remedies of `require-close-on-error`. Each builder returns the text edits of one remedy, or
 * `null` when it cannot be sure the result is valid and does what its message says.
 */

export interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

type SourceCode = Readonly<TSESLint.SourceCode>;
type Statement = TSESTree.ProgramStatement;

// ---------------------------------------------------------------------------------------------
// Layout: whole lines moved, re-indented, with text inside multi-line literals left alone
// ---------------------------------------------------------------------------------------------

function lineStart(sourceCode: SourceCode, line: number): number {
  return sourceCode.getIndexFromLoc({ line, column: 0 });
}

function lineText(sourceCode: SourceCode, line: number): string {
  return sourceCode.lines[line - 1] ?? '';
}

function indentOfLine(sourceCode: SourceCode, line: number): string {
  return /^[ \t]*/.exec(lineText(sourceCode, line))?.[0] ?? '';
}

/** Only spaces and tabs before `node` on its first line. */
function startsLine(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): boolean {
  return /^[ \t]*$/.test(lineText(sourceCode, node.loc.start.line).slice(0, node.loc.start.column));
}

/** Nothing but whitespace and comments that end on the same line after `node` on its last line. */
function endsLine(sourceCode: SourceCode, node: TSESTree.Node, allowComments: boolean): boolean {
  let next = sourceCode.getTokenAfter(node, { includeComments: true });
  while (next && next.loc.start.line === node.loc.end.line) {
    const isComment = next.type === AST_TOKEN_TYPES.Line || next.type === AST_TOKEN_TYPES.Block;
    if (!isComment || !allowComments || next.loc.end.line !== node.loc.end.line) return false;
    next = sourceCode.getTokenAfter(next, { includeComments: true });
  }
  return true;
}

/** The offset where the last line of `node` ends (its trailing comments included, trailing blanks not). */
function endOfLastLine(sourceCode: SourceCode, node: TSESTree.Node): number {
  const line = node.loc.end.line;
  return lineStart(sourceCode, line) + lineText(sourceCode, line).trimEnd().length;
}

/**
 * The lines between `first` and `last` (1-based, inclusive) whose start lies inside a token that
 * spans lines (a template literal, a string with a line continuation, JSX text): indenting them
 * would change the value.
 */
function linesInsideLiterals(sourceCode: SourceCode, first: number, last: number): Set<number> {
  const lines = new Set<number>();
  for (const token of multilineTokens(sourceCode)) {
    if (token.loc.end.line < first) continue;
    if (token.loc.start.line > last) break;
    for (let line = token.loc.start.line + 1; line <= token.loc.end.line; line += 1) lines.add(line);
  }
  // Comments may be re-indented; any other token spanning lines (templates, strings, JSX text) not.
  return lines;
}

interface Layout {
  readonly eol: string;
  /** The lines `first`..`last` with `unit` added in front of each, blank lines emptied. */
  indent(first: number, last: number, unit: string): string;
}

/** How lines of `range` can be moved: `null` when the text has line breaks this cannot reproduce. */
function layoutOf(sourceCode: SourceCode, range: readonly [number, number]): Layout | null {
  const text = sourceCode.text.slice(range[0], range[1]);
  if (/[\u2028\u2029]/.test(text) || /\r(?!\n)/.test(text)) return null;
  const crlf = text.includes('\r\n');
  if (crlf && /(?<!\r)\n/.test(text)) return null;
  const eol = crlf ? '\r\n' : '\n';
  const firstLine = sourceCode.getLocFromIndex(range[0]).line;
  const lastLine = sourceCode.getLocFromIndex(range[1]).line;
  const literal = linesInsideLiterals(sourceCode, firstLine, lastLine);
  return {
    eol,
    indent(first, last, unit) {
      const out: string[] = [];
      for (let line = first; line <= last; line += 1) {
        const current = lineText(sourceCode, line);
        if (literal.has(line)) out.push(current);
        else out.push(current.trim() === '' ? '' : `${unit}${current}`);
      }
      return out.join(eol);
    },
  };
}

/** One level of indentation below the block that holds `statement`. */
function indentUnit(sourceCode: SourceCode, statement: TSESTree.Node): string {
  const own = indentOfLine(sourceCode, statement.loc.start.line);
  const block = statement.parent;
  if (block?.type === AST_NODE_TYPES.BlockStatement) {
    const outer = indentOfLine(sourceCode, block.loc.start.line);
    if (own.startsWith(outer) && own.length > outer.length) return own.slice(outer.length);
  }
  for (const line of sourceCode.lines) {
    const leading = /^[ \t]+(?=\S)/.exec(line)?.[0];
    if (leading) return leading.startsWith('\t') ? '\t' : leading.length <= 8 ? leading : '  ';
  }
  return '  ';
}

function endsWithSemicolon(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return sourceCode.getLastToken(node)?.value === ';';
}

// ---------------------------------------------------------------------------------------------
// Scope checks
// ---------------------------------------------------------------------------------------------

/** Statements that make a file an ES module. */
const MODULE_STATEMENTS = new Set<string>([
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.ExportDefaultDeclaration,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.TSImportEqualsDeclaration,
  AST_NODE_TYPES.TSExportAssignment,
]);

/** Statements that cannot move into a block: module syntax, and TypeScript declarations whose names would leave scope. */
const TYPE_ONLY_OR_MODULE_STATEMENTS = new Set<string>([
  ...MODULE_STATEMENTS,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSEnumDeclaration,
  AST_NODE_TYPES.TSModuleDeclaration,
  AST_NODE_TYPES.TSDeclareFunction,
]);

/**
 * Whether every name the statements declare (block-scoped: `const`, `let`, `class`, `function`) is
 * used only inside `inside` and not inside `except`: what wrapping them in a block keeps valid.
 */
function declarationsStayInside(
  sourceCode: SourceCode,
  statements: readonly Statement[],
  inside: readonly [number, number],
  except: TSESTree.Node | null,
): boolean {
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind === 'var') continue;
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      for (const ref of variable.references) {
        const [start, end] = ref.identifier.range;
        if (start < inside[0] || end > inside[1]) return false;
        if (except && isInside(ref.identifier, except)) return false;
      }
    }
  }
  return true;
}

/** Whether `root` contains a reference to `variable`. */
function mentions(variable: TSESLint.Scope.Variable, root: TSESTree.Node): boolean {
  return variable.references.some((ref) => isInside(ref.identifier, root));
}

/** The `return` statements of `fn` (not of functions nested in it) among and inside the given statements. */
function returnsOf(sourceCode: SourceCode, statements: readonly Statement[], fn: FunctionNode | null): TSESTree.ReturnStatement[] {
  const found: TSESTree.ReturnStatement[] = [];
  const visit = (node: TSESTree.Node): boolean => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(node) === fn) found.push(node);
    return !isFunctionNode(node);
  };
  for (const statement of statements) {
    if (visit(statement)) forEachDescendant(statement, sourceCode.visitorKeys, visit);
  }
  return found;
}

/** The statement a release call makes up: `x.close();` or `await x.close();`. */
function releaseStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  const parent = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent.parent : call.parent;
  if (parent?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const callee = call.callee;
  // `closeFile(fd)`, a promisified `fs.close`
  if (callee.type === AST_NODE_TYPES.Identifier) return parent;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
  return parent;
}

// ---------------------------------------------------------------------------------------------
// Move the release into a `finally`
// ---------------------------------------------------------------------------------------------

/** Resources whose acquisition returns them at once (no promise to await first). */
const SYNCHRONOUS_RESOURCES = new Set(['stream', 'socket', 'child-process', 'websocket', 'file-descriptor']);

export interface FinallyRemedy {
  /**
   * `fix`: the code between acquisition and release is wrapped in `try`, the release moved to its
   * `finally`, and nothing else changes on the success path. `suggestFinally`: the same edit, but an
   * early `return` in between still uses the resource. `suggestFinallyRest`: names declared in
   * between are used after the release, so the `try` runs to the end of the block.
   */
  readonly kind: 'fix' | 'suggestFinally' | 'suggestFinallyRest';
  readonly edits: readonly Edit[];
}

export function moveReleaseIntoFinally(sourceCode: SourceCode, finding: Extract<ResourceFinding, { kind: 'releasedOnlyOnSuccess' }>): FinallyRemedy | null {
  const { declarator, variable, releases } = finding;
  const [call] = releases;
  if (!call || releases.length !== 1) return null;
  if (!finding.awaited && !SYNCHRONOUS_RESOURCES.has(finding.resource)) return null;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return null;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return null;
  const block = declaration.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program) return null;
  const list = block.body as readonly Statement[];
  const release = releaseStatement(call);
  if (!release) return null;
  const declarationIndex = list.indexOf(declaration);
  const releaseIndex = list.indexOf(release);
  if (declarationIndex < 0 || releaseIndex <= declarationIndex + 1) return null;
  const between = list.slice(declarationIndex + 1, releaseIndex);
  const after = list.slice(releaseIndex + 1);
  const first = between[0];
  const lastBetween = between.at(-1);
  if (!first || !lastBetween) return null;
  if ([...between, ...after].some((statement) => TYPE_ONLY_OR_MODULE_STATEMENTS.has(statement.type))) return null;
  if (!startsLine(sourceCode, declaration) || !startsLine(sourceCode, first) || !startsLine(sourceCode, release)) return null;
  if (!endsLine(sourceCode, release, true) || sourceCode.getCommentsInside(release).length > 0) return null;

  const fn = enclosingFunction(declaration);
  const indent = indentOfLine(sourceCode, declaration.loc.start.line);
  const unit = indentUnit(sourceCode, declaration);
  const inner = `${indent}${unit}`;
  const releaseText = sourceCode.text.slice(release.range[0], endOfLastLine(sourceCode, release));

  // Names the `try` block declares must stay inside it: the release in its `finally` cannot see them.
  const untilRelease: [number, number] = [first.range[0], lastBetween.range[1]];
  const rest = !declarationsStayInside(sourceCode, between, untilRelease, null);
  const wholeRange: [number, number] = [first.range[0], (after.at(-1) ?? release).range[1]];
  if (rest && !declarationsStayInside(sourceCode, [...between, ...after], wholeRange, release)) return null;

  // Comments on their own lines above the first statement move with it.
  const leading = sourceCode.getCommentsBefore(first).find((comment) => comment.loc.start.line > declaration.loc.end.line);
  if (leading && !startsLine(sourceCode, leading)) return null;
  const firstLine = (leading ?? first).loc.start.line;
  const start = lineStart(sourceCode, firstLine);
  // An early return that hands back something still using the resource (a pending query) would see it released.
  const returnsUsingIt = returnsOf(sourceCode, rest ? [...between, ...after] : between, fn).some(
    (exit) => exit.argument !== null && exit.argument.type !== AST_NODE_TYPES.AwaitExpression && mentions(variable, exit.argument),
  );
  if (!rest) {
    const end = endOfLastLine(sourceCode, release);
    const layout = layoutOf(sourceCode, [start, end]);
    if (!layout) return null;
    const { eol } = layout;
    const moved = layout.indent(firstLine, release.loc.start.line - 1, unit).replace(/(?:\r?\n)+$/, '');
    const releaseLines = layout.indent(release.loc.start.line, release.loc.end.line, unit).trimStart();
    const text = `${indent}try {${eol}${moved}${eol}${indent}} finally {${eol}${inner}${releaseLines}${eol}${indent}}`;
    return { kind: returnsUsingIt ? 'suggestFinally' : 'fix', edits: [{ range: [start, end], text }] };
  }

  // The rest of the block goes into the `try`, so the names it declares stay in scope. Code after the
  // release that still uses the resource (`await once(out, 'finish')`) would now run before it.
  if (returnsUsingIt || after.some((statement) => mentions(variable, statement))) return null;
  const last = after.at(-1);
  if (last && !endsLine(sourceCode, last, true)) return null;
  const end = last ? endOfLastLine(sourceCode, last) : endOfLastLine(sourceCode, release);
  const layout = layoutOf(sourceCode, [start, end]);
  if (!layout) return null;
  const { eol } = layout;
  const before = layout.indent(firstLine, release.loc.start.line - 1, unit).replace(/(?:\r?\n)+$/, '');
  const following = last ? layout.indent(release.loc.end.line + 1, last.loc.end.line, unit).replace(/^(?:\r?\n)+/, '') : '';
  if (release.loc.start.line !== release.loc.end.line) return null;
  const body = following === '' ? before : `${before}${eol}${following}`;
  const text = `${indent}try {${eol}${body}${eol}${indent}} finally {${eol}${inner}${releaseText}${eol}${indent}}`;
  return { kind: 'suggestFinallyRest', edits: [{ range: [start, end], text }] };
}

// ---------------------------------------------------------------------------------------------
// `await using`
// ---------------------------------------------------------------------------------------------

/** Whether types say the value has a `[Symbol.asyncDispose]()` method; `null` when they cannot tell. */
function hasAsyncDispose(types: TypeInfo, node: TSESTree.Node): boolean | null {
  const type = types.typeOf(node);
  // any / unknown: nothing to go by
  if ((type.flags & (1 | 2)) !== 0) return null;
  return types.checker.getPropertiesOfType(type).some((property) => String(property.escapedName).startsWith('__@asyncDispose'));
}

/**
 * `const handle = await open(f)` → `await using handle = await open(f)`, removing its `close()`
 * statements. Only for a file handle (which closes on `Symbol.asyncDispose`) used by awaited method
 * calls in the same async function: nothing may still need it after its block ends.
 */
export function declareWithAwaitUsing(
  sourceCode: SourceCode,
  finding: BoundResource & { readonly resource: string; readonly releases?: readonly TSESTree.CallExpression[] },
  types: TypeInfo | null,
): Edit[] | null {
  if (finding.resource !== 'file-handle' || !finding.awaited) return null;
  const { declarator, variable } = finding;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1 || declaration.declare) return null;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return null;
  if (declaration.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  const fn = enclosingFunction(declaration);
  if (!fn?.async) return null;
  const keyword = sourceCode.getFirstToken(declaration);
  if (!keyword || keyword.value !== declaration.kind) return null;

  const releases = new Set<TSESTree.Node>(finding.releases ?? []);
  for (const ref of variable.references) {
    if (ref.init) continue;
    if (ref.isWrite()) return null;
    const use = ref.identifier;
    if (enclosingFunction(use) !== fn) return null;
    const member = use.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== use || member.optional) return null;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return null;
    if (releases.has(call)) continue;
    // Awaited where it is called: done with the handle before the block can end.
    if (call.parent.type !== AST_NODE_TYPES.AwaitExpression) return null;
  }
  if (types && hasAsyncDispose(types, declarator.id) === false) return null;

  const edits: Edit[] = [{ range: keyword.range, text: 'await using' }];
  for (const call of releases as Set<TSESTree.CallExpression>) {
    const statement = releaseStatement(call);
    if (!statement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
    if (!startsLine(sourceCode, statement) || !endsLine(sourceCode, statement, false) || sourceCode.getCommentsInside(statement).length > 0) return null;
    const nextLine = statement.loc.end.line + 1;
    if (nextLine > sourceCode.lines.length) return null;
    edits.push({ range: [lineStart(sourceCode, statement.loc.start.line), lineStart(sourceCode, nextLine)], text: '' });
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------
// `.pipe()` chains → `pipeline`
// ---------------------------------------------------------------------------------------------

/** Parameters through which callback code reports errors to its caller. */
const ERROR_CALLBACKS = new Set(['next', 'reject', 'callback', 'cb', 'done']);

export interface PipelineRemedy {
  readonly kind: 'suggestPipelineAwait' | 'suggestPipelineCallback';
  /** The callback errors go to (`suggestPipelineCallback`). */
  readonly callback: string;
  readonly edits: readonly Edit[];
}

function isRequireCall(node: TSESTree.Node | null | undefined): node is TSESTree.CallExpression {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  );
}

function isRequireDeclaration(statement: TSESTree.Node): statement is TSESTree.VariableDeclaration {
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length > 0 &&
    statement.declarations.every((declarator) => {
      const init = declarator.init && skipTypeWrappers(declarator.init);
      return isRequireCall(init) || (init?.type === AST_NODE_TYPES.MemberExpression && isRequireCall(init.object));
    })
  );
}

function moduleMatches(specifier: unknown, module: string): boolean {
  return specifier === module || specifier === module.replace(/^node:/, '');
}

/** Whether `variable` is `name` imported (or required) from `module`. */
function isBindingFrom(variable: TSESLint.Scope.Variable, name: string, module: string): boolean {
  const [def] = variable.defs;
  if (!def || variable.defs.length !== 1) return false;
  if (def.type === DefinitionType.ImportBinding) {
    const specifier = def.node;
    const declaration = def.parent;
    return (
      specifier.type === AST_NODE_TYPES.ImportSpecifier &&
      declaration.type === AST_NODE_TYPES.ImportDeclaration &&
      declaration.importKind !== 'type' &&
      specifier.importKind !== 'type' &&
      (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) === name &&
      moduleMatches(declaration.source.value, module)
    );
  }
  if (def.type !== DefinitionType.Variable) return false;
  const init = def.node.init && skipTypeWrappers(def.node.init);
  return (
    def.node.id.type === AST_NODE_TYPES.ObjectPattern &&
    isRequireCall(init) &&
    moduleMatches(init.arguments[0]?.type === AST_NODE_TYPES.Literal ? init.arguments[0].value : null, module) &&
    def.node.id.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        !property.computed &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === name &&
        property.value === def.name,
    )
  );
}

/**
 * The edit that brings `name` from `module` into scope at `site`: none when it is already imported
 * there, an `import` after the last import (a `require` after the last `require` in CommonJS, or at
 * the top of the file). `null` when the name means something else anywhere in the file.
 */
function importNamed(sourceCode: SourceCode, site: TSESTree.Node, name: string, module: string, sourceType: string | undefined): Edit[] | null {
  const atSite = ASTUtils.findVariable(sourceCode.getScope(site), name);
  if (atSite) return isBindingFrom(atSite, name, module) ? [] : null;
  const scopeManager = sourceCode.scopeManager;
  const globalScope = scopeManager?.globalScope;
  if (!scopeManager || !globalScope) return null;
  if (declaredNames(sourceCode).has(name)) return null;
  if (globalScope.through.some((ref) => ref.identifier.name === name)) return null;

  const body = sourceCode.ast.body;
  const esm = body.some((statement) => MODULE_STATEMENTS.has(statement.type));
  const usesRequire = globalScope.through.some((ref) => ['require', 'module', 'exports'].includes(ref.identifier.name));
  const commonJs = sourceType === 'commonjs' || (!esm && usesRequire);
  if (!commonJs && sourceType === 'script') return null;
  const statementText = (semicolon: boolean, quote: string): string =>
    commonJs
      ? `const { ${name} } = require(${quote}${module}${quote})${semicolon ? ';' : ''}`
      : `import { ${name} } from ${quote}${module}${quote}${semicolon ? ';' : ''}`;
  const hazard = (token: TSESTree.Token | null): boolean => token !== null && /^[([`+\-/]/.test(token.value);

  const anchors = commonJs
    ? body.filter((statement) => isRequireDeclaration(statement) && statement.range[1] <= site.range[0])
    : body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration);
  const anchor = anchors.at(-1);
  if (anchor) {
    if (!endsLine(sourceCode, anchor, true)) return null;
    const source =
      anchor.type === AST_NODE_TYPES.ImportDeclaration
        ? anchor.source.raw
        : (sourceCode.getTokens(anchor).find((token) => token.type === AST_TOKEN_TYPES.String)?.value ?? "'");
    const quote = source.startsWith('"') ? '"' : "'";
    const semicolon = endsWithSemicolon(sourceCode, anchor) || hazard(sourceCode.getTokenAfter(anchor));
    const at = endOfLastLine(sourceCode, anchor);
    const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
    return [{ range: [at, at], text: `${eol}${statementText(semicolon, quote)}` }];
  }
  // At the top, after any directive prologue.
  const first = body.find((statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined));
  if (!first || !startsLine(sourceCode, first)) return null;
  const sample = body.find((statement) => statement.type === AST_NODE_TYPES.VariableDeclaration || statement.type === AST_NODE_TYPES.ExpressionStatement);
  const semicolon = !sample || endsWithSemicolon(sourceCode, sample) || hazard(sourceCode.getFirstToken(first));
  const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
  return [{ range: [first.range[0], first.range[0]], text: `${statementText(semicolon, "'")}${eol}` }];
}

/**
 * `a.pipe(b).pipe(c);` → `await pipeline(a, b, c);` from `node:stream/promises` in an async
 * function, or `pipeline(a, b, c).catch(next);` in callback code whose function takes an error
 * callback (`next`, `reject`, `callback`, `cb`, `done`): only errors reach it, as with a `pipeline`
 * callback that ignores success, and no callback parameter needs a type.
 */
export function pipeChainToPipeline(
  sourceCode: SourceCode,
  finding: Extract<ResourceFinding, { kind: 'pipeWithoutErrorHandling' | 'pipeIntoWithoutErrorHandling' }>,
  sourceType: string | undefined,
): PipelineRemedy | null {
  let member: TSESTree.MemberExpression = finding.pipe;
  const parts: TSESTree.Node[] = [member.object];
  let call: TSESTree.CallExpression | null = null;
  for (;;) {
    const next = member.parent;
    if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== member || next.optional || next.typeArguments) return null;
    if (member.computed || member.optional || ASTUtils.getPropertyName(member) !== 'pipe') return null;
    const [destination] = next.arguments;
    if (!destination || next.arguments.length !== 1 || destination.type === AST_NODE_TYPES.SpreadElement) return null;
    parts.push(destination);
    call = next;
    const outer = next.parent;
    if (outer.type !== AST_NODE_TYPES.MemberExpression || outer.object !== next || ASTUtils.getPropertyName(outer) !== 'pipe') break;
    member = outer;
  }
  const statement = call.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== call) return null;
  if (sourceCode.getCommentsInside(call).length > 0) return null;
  if (parts.some((part) => part.type === AST_NODE_TYPES.SequenceExpression)) return null;
  const args = parts.map((part) => sourceCode.getText(part)).join(', ');

  const fn = enclosingFunction(statement);
  if (!fn) return null;
  if (fn.async) {
    const imports = importNamed(sourceCode, statement, 'pipeline', 'node:stream/promises', sourceType);
    if (!imports) return null;
    return { kind: 'suggestPipelineAwait', callback: '', edits: [{ range: call.range, text: `await pipeline(${args})` }, ...imports] };
  }
  // The error callback of this function, or of one it is nested in (`fs.access(src, (err) => …)` inside `compress(src, dest, callback)`).
  let callback: TSESTree.Identifier | undefined;
  for (let current: FunctionNode | null = fn; current && !callback; current = enclosingFunction(current)) {
    callback = [...current.params]
      .reverse()
      .find((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier && ERROR_CALLBACKS.has(param.name));
  }
  if (!callback) return null;
  const atSite = ASTUtils.findVariable(sourceCode.getScope(statement), callback.name);
  if (atSite?.defs[0]?.name !== callback) return null;
  const imports = importNamed(sourceCode, statement, 'pipeline', 'node:stream/promises', sourceType);
  if (!imports) return null;
  return {
    kind: 'suggestPipelineCallback',
    callback: callback.name,
    edits: [{ range: call.range, text: `pipeline(${args}).catch(${callback.name})` }, ...imports],
  };
}

// ---------------------------------------------------------------------------------------------
// Unread bodies → `await res.body?.cancel()`
// ---------------------------------------------------------------------------------------------

/** What code may do with a response and still have its body cancelled: read its head, or read the body. */
const RESPONSE_MEMBERS = new Set([
  'status',
  'statusText',
  'ok',
  'headers',
  'url',
  'redirected',
  'type',
  'body',
  'bodyUsed',
  'text',
  'json',
  'arrayBuffer',
  'blob',
  'formData',
  'bytes',
]);

export interface CancelRemedy {
  /** Where the cancel goes: before each exit that leaves the body unread, or right after the call. */
  readonly where: 'exits' | 'after-call' | 'discarded';
  readonly code: string;
  readonly edits: readonly Edit[];
}

/** `statementText` inserted before `exit`, wrapping the exit in a block where it is not in a statement list. */
function insertBefore(sourceCode: SourceCode, exit: UnreadExit['node'], statementText: string): Edit | null {
  const parent = exit.parent;
  if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
    if (startsLine(sourceCode, exit)) {
      const semicolon = endsWithSemicolon(sourceCode, exit) ? ';' : '';
      const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
      return { range: [exit.range[0], exit.range[0]], text: `${statementText}${semicolon}${eol}${indentOfLine(sourceCode, exit.loc.start.line)}` };
    }
    return { range: [exit.range[0], exit.range[0]], text: `${statementText}; ` };
  }
  // `if (!res.ok) return null;` → `if (!res.ok) { await res.body?.cancel(); return null; }`; in a
  // `case`, a block too, so that the cancel is seen before the exit of that case.
  const isBody =
    (parent.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(exit)) ||
    (parent.type === AST_NODE_TYPES.IfStatement && (parent.consequent === exit || parent.alternate === exit)) ||
    ((parent.type === AST_NODE_TYPES.ForStatement ||
      parent.type === AST_NODE_TYPES.ForInStatement ||
      parent.type === AST_NODE_TYPES.ForOfStatement ||
      parent.type === AST_NODE_TYPES.WhileStatement ||
      parent.type === AST_NODE_TYPES.DoWhileStatement ||
      parent.type === AST_NODE_TYPES.LabeledStatement) &&
      parent.body === exit);
  if (!isBody) return null;
  const before = sourceCode.getTokenBefore(exit, { includeComments: true });
  if (parent.type !== AST_NODE_TYPES.SwitchCase && before && before.loc.end.line < exit.loc.start.line && startsLine(sourceCode, exit)) {
    // On its own line below the `if (…)`: braces in the usual layout.
    if (before.type === AST_TOKEN_TYPES.Line || before.type === AST_TOKEN_TYPES.Block) return null;
    const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
    const indent = indentOfLine(sourceCode, exit.loc.start.line);
    const semicolon = endsWithSemicolon(sourceCode, exit) ? ';' : '';
    const close = `${eol}${indentOfLine(sourceCode, before.loc.start.line)}}`;
    const text = ` {${eol}${indent}${statementText}${semicolon}${eol}${indent}${sourceCode.getText(exit)}${close}`;
    return { range: [before.range[1], exit.range[1]], text };
  }
  return { range: exit.range, text: `{ ${statementText}; ${sourceCode.getText(exit)} }` };
}

export function cancelUnreadBody(
  sourceCode: SourceCode,
  finding: Extract<ResourceFinding, { kind: 'bodyNotConsumed' | 'errorBodyNotConsumed' }>,
  checkErrorBodies: boolean,
): CancelRemedy | null {
  const bound = finding.bound;
  if (!bound) {
    // `await fetch(url);` → `await (await fetch(url)).body?.cancel();`
    const awaited = finding.node.parent;
    if (awaited?.type !== AST_NODE_TYPES.AwaitExpression || awaited.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    if (!enclosingFunction(awaited)?.async) return null;
    const code = `await (${sourceCode.getText(awaited)}).body?.cancel()`;
    return { where: 'discarded', code, edits: [{ range: awaited.range, text: code }] };
  }
  const { declarator, variable } = bound;
  const name = declarator.id.name;
  const fn = enclosingFunction(declarator);
  if (!fn?.async) return null;
  for (const ref of variable.references) {
    if (ref.init) continue;
    if (ref.isWrite() || enclosingFunction(ref.identifier) !== fn) return null;
    const member = ref.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) return null;
    if (!RESPONSE_MEMBERS.has(ASTUtils.getPropertyName(member) ?? '')) return null;
  }
  const code = `await ${name}.body?.cancel()`;

  if (!finding.readSomewhere) {
    // Nothing reads it: cancel it as soon as it arrives; its status and headers stay readable.
    const declaration = declarator.parent;
    if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return null;
    const list = declaration.parent;
    if (list.type !== AST_NODE_TYPES.BlockStatement && list.type !== AST_NODE_TYPES.Program) return null;
    if (!startsLine(sourceCode, declaration) || !endsLine(sourceCode, declaration, true)) return null;
    const at = endOfLastLine(sourceCode, declaration);
    const semicolon = endsWithSemicolon(sourceCode, declaration) ? ';' : '';
    const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
    return {
      where: 'after-call',
      code,
      edits: [{ range: [at, at], text: `${eol}${indentOfLine(sourceCode, declaration.loc.start.line)}${code}${semicolon}` }],
    };
  }

  const wanted = finding.kind === 'errorBodyNotConsumed' ? ['error'] : checkErrorBodies ? ['success', 'error'] : ['success'];
  const exits = finding.exits.filter((exit) => wanted.includes(exit.status));
  // A cancel before an exit that another path reaches with the body read would fail there; one
  // before an exit outside the name's block, or before its declaration (a loop's next turn), cannot see it.
  const scope = variable.scope.block;
  const seen = (exit: TSESTree.Node): boolean => exit.range[0] >= declarator.range[1] && exit.range[1] <= scope.range[1] && exit.range[0] >= scope.range[0];
  if (exits.length === 0 || exits.some((exit) => exit.readOnAnotherPath || !seen(exit.node))) return null;
  const edits: Edit[] = [];
  for (const exit of exits) {
    const edit = insertBefore(sourceCode, exit.node, code);
    if (!edit) return null;
    edits.push(edit);
  }
  // Nested exits (an exit inside another's argument cannot happen: both are statements) never overlap.
  return { where: 'exits', code, edits };
}
