import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { Collection, Growth } from '../analysis/collections.js';
import { isCallOf, outermostTypeWrapper, skipTypeWrappers, staticKeyName } from '../util/ast.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { appendArguments } from '../util/fix.js';
import { declaredNames, quoteOf, statementIndent } from './edits.js';
import type { TypeInfo } from '../util/types.js';

/**
 * Fix builders for `no-unbounded-cache`: a weak collection for object keys, an LRU cache in place of
 * a Map, a Set or a plain object, and a length check before the pushes of a queue. Each returns
 * `null` when it cannot be sure the rewrite is valid: every use of the collection must be one the
 * replacement has (so nothing iterates it or hands it elsewhere), the creation must be plain
 * (`new Map()`, `new Set()`, `{}`), and any type written for it must be one the replacement accepts.
 */

type Fixes = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
/** The context of the rule asking: its file, and the settings that say whether lru-cache resolves. */
type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

interface Use {
  readonly method: string;
  /** The call, for method uses; `null` for a `.size` read. */
  readonly call: TSESTree.CallExpression | null;
  readonly member: TSESTree.MemberExpression;
}

const LRU_MODULE = 'lru-cache';
const LRU_NAME = 'LRUCache';

/** Names that in service code hold a request, a response, a socket or a connection: objects, never primitives. */
const OBJECT_KEY_NAMES = new Set(['req', 'request', 'res', 'response', 'socket', 'ws', 'conn', 'connection', 'ctx']);
const OBJECT_KEY_PROPERTIES = new Set(['socket', 'connection']);

/** Every use as `coll.method(…)` or `coll.size`, or `null` when one is anything else. */
function methodUses(collection: Collection): Use[] | null {
  const uses: Use[] = [];
  for (const use of collection.uses) {
    const member = use.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use || member.computed) return null;
    const method = ASTUtils.getPropertyName(member);
    if (method === null) return null;
    const call = member.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
      uses.push({ method, call, member });
    } else if (method === 'size') {
      if (call.type === AST_NODE_TYPES.AssignmentExpression && call.left === member) return null;
      if (call.type === AST_NODE_TYPES.UpdateExpression || (call.type === AST_NODE_TYPES.UnaryExpression && call.operator === 'delete')) return null;
      uses.push({ method, call: null, member });
    } else {
      return null;
    }
  }
  return uses;
}

/** `new Map()` / `new Set()` of the global constructor, with no arguments and no comments inside. */
function plainConstructor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
): (TSESTree.NewExpression & { callee: TSESTree.Identifier }) | null {
  const creation = collection.creation;
  if (creation.type !== AST_NODE_TYPES.NewExpression || creation.callee.type !== AST_NODE_TYPES.Identifier) return null;
  if (creation.callee.name !== collection.kind || creation.arguments.length > 0) return null;
  if (sourceCode.getCommentsInside(creation).length > 0) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(creation), creation.callee);
  if (variable && variable.defs.length > 0) return null;
  return creation as TSESTree.NewExpression & { callee: TSESTree.Identifier };
}

/** The type written for the collection, where one is: `const m: Map<K, V> = …`, `cache: Map<K, V> = …`. */
function declaredType(collection: Collection): TSESTree.TypeNode | null | 'none' {
  const declaration = collection.declaration;
  const parent = declaration.parent;
  if (declaration.type === AST_NODE_TYPES.Identifier && parent?.type === AST_NODE_TYPES.VariableDeclarator) {
    return declaration.typeAnnotation?.typeAnnotation ?? 'none';
  }
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.key === declaration) {
    if (parent.declare || parent.definite) return null;
    return parent.typeAnnotation?.typeAnnotation ?? 'none';
  }
  if (declaration.type === AST_NODE_TYPES.MemberExpression && collection.classNode) {
    // `this.cache = new Map()` in a constructor: a field declared for it in the class has the type.
    const name = ASTUtils.getPropertyName(declaration);
    for (const member of collection.classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.computed || member.static) continue;
      const key = member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : staticKeyName(member);
      if (key !== name) continue;
      if (member.value) return null;
      return member.typeAnnotation?.typeAnnotation ?? 'none';
    }
    return 'none';
  }
  return null;
}

/** A written type named `Map` / `Set` (the kind's own), the only one the rewrites rename; `null` for any other. */
function collectionTypeReference(type: TSESTree.TypeNode, kind: string): (TSESTree.TSTypeReference & { typeName: TSESTree.Identifier }) | null {
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || type.typeName.name !== kind) return null;
  return type as TSESTree.TSTypeReference & { typeName: TSESTree.Identifier };
}

/** The names of the type parameters of the declarations around `node` (`<V>` of `createMemo<V>`). */
function typeParametersAround(node: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    const params = (current as { typeParameters?: TSESTree.TSTypeParameterDeclaration }).typeParameters?.params ?? [];
    for (const param of params) names.add(param.name.name);
  }
  return names;
}

const NOT_OBJECT_TYPES = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.TSUnknownKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSNullKeyword,
  AST_NODE_TYPES.TSVoidKeyword,
]);
const PRIMITIVE_TYPES = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSSymbolKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSTemplateLiteralType,
]);

const PRIMITIVE_TYPE_NAMES = new Set(['string', 'number', 'boolean', 'bigint', 'symbol', 'unique symbol', 'true', 'false', 'never']);
const NULLISH_TYPE_NAMES = new Set(['undefined', 'null', 'void', 'unknown']);

/**
 * What one (non-union) type is, read through the checker's stable API (the numeric type flags
 * change between TypeScript versions).
 */
function typeKind(part: TypeOfNode, types: TypeInfo): 'any' | 'nullish' | 'primitive' | 'typeParameter' | 'object' {
  const name = types.checker.typeToString(part);
  if (name === 'any') return 'any';
  if (NULLISH_TYPE_NAMES.has(name)) return 'nullish';
  const literal = part.isLiteral();
  if (part.isTypeParameter()) return 'typeParameter';
  if (PRIMITIVE_TYPE_NAMES.has(name) || literal || name.startsWith('`')) return 'primitive';
  return 'object';
}

type TypeOfNode = ReturnType<TypeInfo['typeOf']>;

function typeParts(type: TypeOfNode): readonly TypeOfNode[] {
  return type.isUnion() ? type.types : [type];
}

/**
 * A written type argument that `lru-cache`'s `K extends {}` / `V extends {}` accepts: not nullable,
 * not `unknown`, not a bare type parameter; with types, checked on the type itself too.
 */
function acceptsNonNullable(type: TSESTree.TypeNode, typeParameters: ReadonlySet<string>, types: TypeInfo | null): boolean {
  const members = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  for (const member of members) {
    if (NOT_OBJECT_TYPES.has(member.type)) return false;
    if (member.type === AST_NODE_TYPES.TSTypeReference && member.typeName.type === AST_NODE_TYPES.Identifier && typeParameters.has(member.typeName.name)) {
      return false;
    }
  }
  if (!types) return true;
  return typeParts(types.typeOf(type)).every((part) => {
    const kind = typeKind(part, types);
    return kind !== 'nullish' && kind !== 'typeParameter';
  });
}

/** A written key type that cannot be an object (`string`, `'a' | 'b'`). */
function isPrimitiveType(type: TSESTree.TypeNode): boolean {
  const members = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  return members.some((member) => PRIMITIVE_TYPES.has(member.type) || NOT_OBJECT_TYPES.has(member.type));
}

/**
 * A key that is an object: with types, its type when that says anything (not `any`); otherwise its
 * shape — `this`, a new object, or a name that holds a request, response, socket or connection.
 */
function isObjectKey(key: TSESTree.Node, types: TypeInfo | null): boolean {
  const value = skipTypeWrappers(key);
  // `this` is an object; its type is the class's `this` type parameter.
  if (value.type === AST_NODE_TYPES.ThisExpression) return true;
  if (types) {
    const kinds = typeParts(types.typeOf(value)).map((part) => typeKind(part, types));
    if (!kinds.includes('any') && !(kinds.length === 1 && kinds[0] === 'nullish')) return kinds.every((kind) => kind === 'object');
  }
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
      return OBJECT_KEY_NAMES.has(value.name);
    case AST_NODE_TYPES.MemberExpression:
      return !value.computed && OBJECT_KEY_PROPERTIES.has(ASTUtils.getPropertyName(value) ?? '');
    default:
      return false;
  }
}

const WEAK_METHODS: Record<string, ReadonlySet<string>> = {
  Map: new Set(['get', 'set', 'has', 'delete']),
  Set: new Set(['add', 'has', 'delete']),
};

/**
 * `new Map()` → `new WeakMap()` (`Set` → `WeakSet`) when every key added is an object and nothing
 * iterates, sizes or clears the collection (a weak collection can do none of those).
 */
export function weakCollectionFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  types: TypeInfo | null,
): { fix: Fixes; weak: string } | null {
  if (collection.kind !== 'Map' && collection.kind !== 'Set') return null;
  const allowed = WEAK_METHODS[collection.kind];
  const creation = plainConstructor(sourceCode, collection);
  const uses = methodUses(collection);
  if (!creation || !uses || !allowed) return null;
  const growth = uses.filter((use) => use.method === (collection.kind === 'Map' ? 'set' : 'add'));
  if (growth.length === 0 || uses.some((use) => !allowed.has(use.method))) return null;
  for (const use of growth) {
    const key = use.call?.arguments[0];
    if (!key || !isObjectKey(key, types)) return null;
  }
  const declared = declaredType(collection);
  if (declared === null) return null;
  const annotation = declared === 'none' ? null : collectionTypeReference(declared, collection.kind);
  if (declared !== 'none' && !annotation) return null;
  const keyTypes = [creation.typeArguments?.params[0], annotation?.typeArguments?.params[0]];
  if (keyTypes.some((type) => type && isPrimitiveType(type))) return null;
  const weak = `Weak${collection.kind}`;
  if (ASTUtils.findVariable(sourceCode.getScope(creation), weak)?.defs.length) return null;
  return {
    weak,
    fix: (fixer) => [fixer.replaceText(creation.callee, weak), ...(annotation ? [fixer.replaceText(annotation.typeName, weak)] : [])],
  };
}

const LRU_METHODS: Record<string, ReadonlySet<string>> = {
  Map: new Set(['get', 'set', 'has', 'delete', 'clear', 'size']),
  Set: new Set(['add', 'has', 'delete', 'clear', 'size']),
};

/** Whether `lru-cache` (10 or later, with its named `LRUCache` export) resolves for this file's program. */
function lruCacheResolves(context: RuleContext, types: TypeInfo): boolean {
  if (types.checker.getAmbientModules().some((symbol) => symbol.getName() === `"${LRU_MODULE}"`)) return true;
  for (let dir = dirname(context.filename); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', LRU_MODULE, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
        return Number.parseInt(version ?? '0', 10) >= 10;
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

/** A value whose type does not matter where it is: discarded, tested for truth, or compared. */
function isTestedOnly(node: TSESTree.Node): boolean {
  let value: TSESTree.Node = node;
  while (value.parent?.type === AST_NODE_TYPES.ChainExpression) value = value.parent;
  const parent = value.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
      return parent.test === value;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void';
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '!==', '==', '!='].includes(parent.operator);
    default:
      return false;
  }
}

type ImportPlan = { readonly kind: 'bound' } | { readonly kind: 'add'; readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix };

function isRequireCall(node: TSESTree.Node | null | undefined): boolean {
  let value = node ? skipTypeWrappers(node) : null;
  if (value?.type === AST_NODE_TYPES.MemberExpression) value = value.object;
  return (
    value?.type === AST_NODE_TYPES.CallExpression &&
    value.callee.type === AST_NODE_TYPES.Identifier &&
    value.callee.name === 'require' &&
    value.arguments.length === 1
  );
}

function isRequireDeclaration(statement: TSESTree.ProgramStatement): boolean {
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length > 0 && statement.declarations.every((d) => isRequireCall(d.init))
  );
}

/** `LRUCache` bound to lru-cache's export already (`import { LRUCache } from 'lru-cache'` or its `require`). */
function isLruBinding(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || !def) return false;
  if (def.type === DefinitionType.ImportBinding) {
    const specifier = def.node;
    const declaration = def.parent as TSESTree.ImportDeclaration | null;
    return (
      specifier.type === AST_NODE_TYPES.ImportSpecifier &&
      (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) === LRU_NAME &&
      declaration?.type === AST_NODE_TYPES.ImportDeclaration &&
      declaration.source.value === LRU_MODULE &&
      declaration.importKind !== 'type' &&
      specifier.importKind !== 'type'
    );
  }
  if (def.type !== DefinitionType.Variable) return false;
  const declarator = def.node;
  const init = declarator.init ? skipTypeWrappers(declarator.init) : null;
  return (
    declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
    init?.type === AST_NODE_TYPES.CallExpression &&
    isRequireCall(init) &&
    init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    init.arguments[0].value === LRU_MODULE &&
    declarator.id.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        !property.computed &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === LRU_NAME &&
        property.value === def.name,
    )
  );
}

/**
 * How `LRUCache` gets in scope where the collection is created: already imported, or an import
 * added after the last import (a `require` after the last `require` in CommonJS), or at the top of
 * the file. `null` when the name means something else there, or the file cannot take an import.
 */
function planImport(sourceCode: Readonly<TSESLint.SourceCode>, creation: TSESTree.Node, sourceType: string | undefined): ImportPlan | null {
  const atCreation = ASTUtils.findVariable(sourceCode.getScope(creation), LRU_NAME);
  if (atCreation) return isLruBinding(atCreation) ? { kind: 'bound' } : null;
  const program = sourceCode.ast;
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return null;
  // A binding of the name in any scope, or a use of a global by that name, would clash with a new one.
  if (declaredNames(sourceCode).has(LRU_NAME)) return null;
  if (globalScope.through.some((ref) => ref.identifier.name === LRU_NAME)) return null;

  const body = program.body;
  const esm = body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration,
  );
  const usesRequire = globalScope.through.some((ref) => ['require', 'module', 'exports'].includes(ref.identifier.name));
  const commonJs = sourceType === 'commonjs' || (!esm && usesRequire);
  if (!commonJs && sourceType === 'script') return null;

  const topStatement = body.find((statement) => statement.range[0] <= creation.range[0] && creation.range[1] <= statement.range[1]);
  const endsWithSemicolon = (statement: TSESTree.Node): boolean => sourceCode.getLastToken(statement)?.value === ';';

  if (!commonJs) {
    const imports = body.filter(
      (statement): statement is TSESTree.ImportDeclaration | TSESTree.TSImportEqualsDeclaration =>
        statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration,
    );
    const last = imports.at(-1);
    if (last) {
      const quote = last.type === AST_NODE_TYPES.ImportDeclaration && last.source.raw.startsWith('"') ? '"' : "'";
      const text = `import { ${LRU_NAME} } from ${quote}${LRU_MODULE}${quote}${endsWithSemicolon(last) ? ';' : ''}`;
      return { kind: 'add', fix: (fixer) => fixer.insertTextAfter(last, `\n${text}`) };
    }
  } else {
    const requires = body.filter((statement) => isRequireDeclaration(statement) && (!topStatement || statement.range[1] <= topStatement.range[0]));
    const last = requires.at(-1);
    if (last) {
      const text = `const { ${LRU_NAME} } = require('${LRU_MODULE}')${endsWithSemicolon(last) ? ';' : ''}`;
      return { kind: 'add', fix: (fixer) => fixer.insertTextAfter(last, `\n${text}`) };
    }
  }
  // At the top, after any directive prologue ('use strict'), before the first code (and decorators).
  let lastDirective: TSESTree.ExpressionStatement | undefined;
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) break;
    lastDirective = statement;
  }
  const firstToken = lastDirective ? sourceCode.getTokenAfter(lastDirective) : sourceCode.ast.tokens[0];
  if (!firstToken) return null;
  const sample = body.find((statement) => statement.type === AST_NODE_TYPES.VariableDeclaration || statement.type === AST_NODE_TYPES.ExpressionStatement);
  const hazard = /^[([`+\-/]/.test(firstToken.value);
  const semicolon = !sample || endsWithSemicolon(sample) || hazard ? ';' : '';
  const text = commonJs ? `const { ${LRU_NAME} } = require('${LRU_MODULE}')${semicolon}` : `import { ${LRU_NAME} } from '${LRU_MODULE}'${semicolon}`;
  if (lastDirective) return { kind: 'add', fix: (fixer) => fixer.insertTextAfter(lastDirective, `\n${text}`) };
  return { kind: 'add', fix: (fixer) => fixer.insertTextBeforeRange(firstToken.range, `${text}\n`) };
}

/**
 * `new Map()` → `new LRUCache({ max })` from lru-cache, adding the import; a `Set` becomes an
 * `LRUCache` of `true` values, its `.add(k)` calls `.set(k, true)`. Every use must be one the cache
 * has (`get`, `set`, `has`, `delete`, `clear`, `size`): its iteration order differs from a Map's.
 */
export function lruCacheFix(context: RuleContext, collection: Collection, types: TypeInfo | null, max: number): Fixes | null {
  const sourceCode = context.sourceCode;
  if (collection.kind !== 'Map' && collection.kind !== 'Set') return null;
  const allowed = LRU_METHODS[collection.kind];
  const creation = plainConstructor(sourceCode, collection);
  const uses = methodUses(collection);
  if (!creation || !uses || !allowed || uses.some((use) => !allowed.has(use.method))) return null;
  const isSet = collection.kind === 'Set';
  for (const use of uses) {
    if (use.method === 'set' && use.call?.arguments.length !== 2) return null;
    if (use.method === 'add') {
      // `.add(k)` becomes `.set(k, true)`, whose result is the cache, not the set: only as a statement.
      let statement: TSESTree.Node | undefined = use.call?.parent;
      if (statement?.type === AST_NODE_TYPES.ChainExpression) statement = statement.parent;
      if (use.call?.arguments.length !== 1 || statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
      if (use.member.property.type !== AST_NODE_TYPES.Identifier || sourceCode.getLastToken(use.call)?.value !== ')') return null;
    }
  }
  const declared = declaredType(collection);
  if (declared === null) return null;
  const annotation = declared === 'none' ? null : collectionTypeReference(declared, collection.kind);
  if (declared !== 'none' && !annotation) return null;

  const typeParameters = typeParametersAround(creation);
  const typeArgumentsText = (node: TSESTree.TSTypeParameterInstantiation | undefined): string | null | undefined => {
    if (!node) return undefined;
    const params = node.params;
    if (params.length !== (isSet ? 1 : 2) || sourceCode.getCommentsInside(node).length > 0) return null;
    if (!params.every((param) => acceptsNonNullable(param, typeParameters, types))) return null;
    return isSet ? `<${sourceCode.getText(params[0])}, true>` : sourceCode.getText(node);
  };
  const creationTypes = typeArgumentsText(creation.typeArguments);
  const annotationTypes = annotation ? typeArgumentsText(annotation.typeArguments) : undefined;
  if (creationTypes === null || annotationTypes === null || (annotation && annotationTypes === undefined)) return null;

  // Without written types TypeScript reads `new LRUCache({ max })` as a cache of `{}`, where
  // `new Map()` held `any`: a value read back may then only be tested, not used.
  if (
    !isSet &&
    creationTypes === undefined &&
    annotationTypes === undefined &&
    !uses.every((use) => use.method !== 'get' || !use.call || isTestedOnly(use.call))
  ) {
    return null;
  }
  if (types && !lruCacheResolves(context, types)) return null;
  const plan = planImport(sourceCode, creation, context.languageOptions.sourceType);
  if (!plan) return null;

  return (fixer) => {
    const fixes: TSESLint.RuleFix[] = [fixer.replaceText(creation, `new ${LRU_NAME}${creationTypes ?? ''}({ max: ${max} })`)];
    if (annotation) fixes.push(fixer.replaceText(annotation, `${LRU_NAME}${annotationTypes ?? ''}`));
    if (plan.kind === 'add') fixes.push(plan.fix(fixer));
    for (const use of uses) {
      if (use.method !== 'add' || !use.call) continue;
      fixes.push(fixer.replaceText(use.member.property, 'set'));
      const added = appendArguments(fixer, sourceCode, use.call, 1, 'true');
      if (added) fixes.push(added);
    }
    return fixes;
  };
}

/** A rewrite of one use of a plain object cache: the edits, as ranges and the text that replaces each. */
interface ObjectEdit {
  readonly range: TSESTree.Range;
  readonly text: string;
}

/** A key the cache can be given in place of the property name: not a comma expression, which `.get(a, b)` would split. */
function isKeyArgument(key: TSESTree.Node): boolean {
  return key.type !== AST_NODE_TYPES.SequenceExpression && key.type !== AST_NODE_TYPES.PrivateIdentifier && key.type !== AST_NODE_TYPES.SpreadElement;
}

/** Where a value is written, called or taken apart: `obj[k] = v`, `obj[k]++`, `obj[k]()`, `[obj[k]] = list`. */
function isWriteOrCall(node: TSESTree.Node): boolean {
  const current = outermostTypeWrapper(node);
  const parent = current.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.left === current;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.RestElement:
    case AST_NODE_TYPES.ArrayPattern:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete';
    case AST_NODE_TYPES.Property:
      return parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left === current;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === current;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === current;
    default:
      return false;
  }
}

/** A written type that has `undefined` in it (or says nothing: `unknown`, `any`, `void`). */
function admitsUndefined(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  const members = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  return members.some((member) =>
    [AST_NODE_TYPES.TSUndefinedKeyword, AST_NODE_TYPES.TSUnknownKeyword, AST_NODE_TYPES.TSAnyKeyword, AST_NODE_TYPES.TSVoidKeyword].includes(member.type),
  );
}

/** The written return type of a function, through `Promise<T>` for an async one. */
function returnedType(fn: TSESTree.Node): TSESTree.TypeNode | undefined {
  if (!isFunctionLike(fn)) return undefined;
  const written = fn.returnType?.typeAnnotation;
  if (!fn.async || !written) return written;
  if (written.type === AST_NODE_TYPES.TSTypeReference && written.typeName.type === AST_NODE_TYPES.Identifier && written.typeName.name === 'Promise') {
    return written.typeArguments?.params[0];
  }
  return undefined;
}

function isFunctionLike(node: TSESTree.Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/**
 * A read `obj[k]` whose value may become `undefined` without changing any type: it is only tested,
 * defaulted (`?? d`, `|| d`), asserted (`!`, `as T`), or returned (or assigned to a variable) where
 * the written type has `undefined` in it; an optional chain on it counts where the whole chain
 * does. With types, also a read whose type has `undefined` already (`noUncheckedIndexedAccess`).
 */
function readMayBeUndefined(read: TSESTree.Node, types: TypeInfo | null): boolean {
  if (types && typeParts(types.typeOf(read)).some((part) => types.checker.typeToString(part) === 'undefined')) return true;
  let node: TSESTree.Node = read;
  for (;;) {
    const parent = node.parent;
    if (!parent) return false;
    if (
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      (parent.type === AST_NODE_TYPES.TSAsExpression && parent.expression === node) ||
      (parent.type === AST_NODE_TYPES.TSTypeAssertion && parent.expression === node)
    ) {
      return true;
    }
    // `obj[k]?.x`: the chain was never `undefined` before; it may be now.
    if (
      (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node)
    ) {
      if (!parent.optional) return false;
      let chain: TSESTree.Node = parent;
      while (chain.parent && chain.parent.type !== AST_NODE_TYPES.ChainExpression) chain = chain.parent;
      if (!chain.parent) return false;
      node = chain.parent;
      continue;
    }
    if (isTestedOnly(node)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression) return parent.left === node && (parent.operator === '??' || parent.operator === '||');
    if (parent.type === AST_NODE_TYPES.ReturnStatement) {
      let fn: TSESTree.Node | undefined = parent.parent;
      while (fn && !isFunctionLike(fn)) fn = fn.parent;
      return fn !== undefined && admitsUndefined(returnedType(fn));
    }
    if (isFunctionLike(parent) && parent.body === node) return admitsUndefined(returnedType(parent));
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
      return parent.id.type === AST_NODE_TYPES.Identifier && admitsUndefined(parent.id.typeAnnotation?.typeAnnotation);
    }
    return false;
  }
}

/** A key the cache finds under the same entry the object did: with types, of the written key type; without, no literal of another. */
function keyFits(key: TSESTree.Node, keyType: 'string' | 'number', types: TypeInfo | null): boolean {
  const value = skipTypeWrappers(key);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value !== keyType) return false;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && keyType !== 'string') return false;
  if (!types) return true;
  return typeParts(types.typeOf(key)).every((part) => {
    const name = types.checker.typeToString(part);
    if (name === 'any' || name === keyType) return true;
    return keyType === 'string' ? part.isStringLiteral() || name.startsWith('`') : part.isNumberLiteral();
  });
}

/** The key and value types written for a plain object cache: `Record<K, V>` or `{ [key: K]: V }`, K `string` or `number`. */
function objectCacheTypes(
  sourceCode: Readonly<TSESLint.SourceCode>,
  type: TSESTree.TypeNode,
): { key: TSESTree.TypeNode; value: TSESTree.TypeNode; keyType: 'string' | 'number' } | null {
  let key: TSESTree.TypeNode | undefined;
  let value: TSESTree.TypeNode | undefined;
  if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Record') {
    // A `Record` of the file's own is not the global one.
    if (ASTUtils.findVariable(sourceCode.getScope(type), 'Record')?.defs.length) return null;
    [key, value] = type.typeArguments?.params.length === 2 ? type.typeArguments.params : [];
  } else if (type.type === AST_NODE_TYPES.TSTypeLiteral && type.members.length === 1) {
    const signature = type.members[0];
    if (signature?.type !== AST_NODE_TYPES.TSIndexSignature || signature.readonly || signature.static || signature.parameters.length !== 1) return null;
    const parameter = signature.parameters[0];
    key = parameter?.type === AST_NODE_TYPES.Identifier ? parameter.typeAnnotation?.typeAnnotation : undefined;
    value = signature.typeAnnotation?.typeAnnotation;
  }
  if (!key || !value) return null;
  const keyType = key.type === AST_NODE_TYPES.TSStringKeyword ? 'string' : key.type === AST_NODE_TYPES.TSNumberKeyword ? 'number' : null;
  return keyType ? { key, value, keyType } : null;
}

/**
 * A plain object used as a cache (`const cache: Record<string, V> = {}`) → `new LRUCache<string, V>({ max })`,
 * with every use rewritten: `obj[k] = v` → `obj.set(k, v)`, a read `obj[k]` → `obj.get(k)`, `delete obj[k]` →
 * `obj.delete(k)`, `k in obj` / `Object.hasOwn(obj, k)` / `obj.hasOwnProperty(k)` → `obj.has(k)`. Every
 * reference to the variable in the file must be one of those, with a computed key; a read must be one whose
 * value may turn `undefined` (a miss) without changing any type.
 */
export function lruObjectFix(context: RuleContext, collection: Collection, types: TypeInfo | null, max: number): Fixes | null {
  const sourceCode = context.sourceCode;
  const declaration = collection.declaration;
  const creation = collection.creation;
  const declarator = declaration.parent;
  if (collection.kind !== 'object' || declaration.type !== AST_NODE_TYPES.Identifier || declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  if (declarator.init !== creation || creation.type !== AST_NODE_TYPES.ObjectExpression || creation.properties.length > 0) return null;
  if (sourceCode.getCommentsInside(declarator).length > 0) return null;

  const annotation = declaration.typeAnnotation;
  const written = annotation ? objectCacheTypes(sourceCode, annotation.typeAnnotation) : null;
  if (annotation && !written) return null;
  if (written && !acceptsNonNullable(written.value, typeParametersAround(creation), types)) return null;

  const name = declaration.name;
  const edits: ObjectEdit[] = [];
  const keys: TSESTree.Node[] = [];
  const token = (node: TSESTree.Node | TSESTree.Token | null | undefined, value: string): node is TSESTree.Token =>
    node !== null && node !== undefined && 'value' in node && node.value === value;

  for (const use of collection.uses) {
    if (use.type !== AST_NODE_TYPES.Identifier) return null;
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use && !parent.optional) {
      if (!parent.computed) {
        // obj.hasOwnProperty(k) → obj.has(k)
        const call = parent.parent;
        if (ASTUtils.getPropertyName(parent) !== 'hasOwnProperty' || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || call.optional)
          return null;
        const [key] = call.arguments;
        if (call.arguments.length !== 1 || !key || !isKeyArgument(key)) return null;
        keys.push(key);
        edits.push({ range: parent.property.range, text: 'has' });
        continue;
      }
      const key = parent.property;
      const open = sourceCode.getTokenAfter(use);
      const close = sourceCode.getLastToken(parent);
      if (!isKeyArgument(key) || !token(open, '[') || !token(close, ']')) return null;
      keys.push(key);
      const outer = parent.parent;
      if (outer.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) {
        // obj[k] = v, as a statement: its result (v) is not used.
        if (outer.operator !== '=' || outer.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
        const equals = sourceCode.getTokenAfter(parent);
        const value = equals && sourceCode.getTokenAfter(equals);
        if (!token(equals, '=') || !value) return null;
        edits.push(
          { range: open.range, text: '.set(' },
          { range: [close.range[0], value.range[0]], text: ', ' },
          { range: [outer.range[1], outer.range[1]], text: ')' },
        );
      } else if (outer.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') {
        // delete obj[k], as a statement: `delete` says true where `.delete()` says whether it was there.
        const keyword = sourceCode.getFirstToken(outer);
        if (outer.parent.type !== AST_NODE_TYPES.ExpressionStatement || !keyword || sourceCode.getTokenAfter(keyword) !== sourceCode.getFirstToken(use))
          return null;
        edits.push({ range: [keyword.range[0], use.range[0]], text: '' }, { range: open.range, text: '.delete(' }, { range: close.range, text: ')' });
      } else {
        if (isWriteOrCall(parent)) return null;
        if (written ? !readMayBeUndefined(parent, types) : !isTestedOnly(parent)) return null;
        edits.push({ range: open.range, text: '.get(' }, { range: close.range, text: ')' });
      }
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'in' && parent.right === use) {
      // k in obj → obj.has(k)
      const operator = sourceCode.getTokenBefore(use);
      const keyEnd = operator && sourceCode.getTokenBefore(operator);
      if (!token(operator, 'in') || !keyEnd || !isKeyArgument(parent.left)) return null;
      keys.push(parent.left);
      edits.push({ range: [parent.range[0], parent.range[0]], text: `${name}.has(` }, { range: [keyEnd.range[1], parent.range[1]], text: ')' });
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === use && isCallOf(parent, 'Object', 'hasOwn') && !parent.optional) {
      // Object.hasOwn(obj, k) → obj.has(k)
      const key = parent.arguments[1];
      const callee = parent.callee;
      if (parent.arguments.length !== 2 || !key || !isKeyArgument(key) || callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional) return null;
      if (callee.object.type !== AST_NODE_TYPES.Identifier || ASTUtils.findVariable(sourceCode.getScope(parent), callee.object)?.defs.length) return null;
      const comma = sourceCode.getTokenAfter(use);
      const keyStart = comma && sourceCode.getTokenAfter(comma);
      const last = sourceCode.getLastToken(parent);
      let keyEnd = last && sourceCode.getTokenBefore(last);
      if (token(keyEnd, ',')) keyEnd = sourceCode.getTokenBefore(keyEnd);
      if (!token(comma, ',') || !keyStart || !keyEnd || !token(last, ')')) return null;
      keys.push(key);
      edits.push({ range: [parent.range[0], keyStart.range[0]], text: `${name}.has(` }, { range: [keyEnd.range[1], parent.range[1]], text: ')' });
      continue;
    }
    return null;
  }
  if (written && !keys.every((key) => keyFits(key, written.keyType, types))) return null;
  // Nothing a comment says may sit where text is replaced.
  const comments = sourceCode.getAllComments();
  if (edits.some((edit) => comments.some((comment) => comment.range[0] < edit.range[1] && edit.range[0] < comment.range[1]))) return null;

  if (types && !lruCacheResolves(context, types)) return null;
  const plan = planImport(sourceCode, creation, context.languageOptions.sourceType);
  if (!plan) return null;
  const typeArguments = written ? `<${sourceCode.getText(written.key)}, ${sourceCode.getText(written.value)}>` : '';

  return (fixer) => [
    fixer.replaceText(creation, `new ${LRU_NAME}${typeArguments}({ max: ${max} })`),
    ...(annotation ? [fixer.removeRange([declaration.range[0] + name.length, annotation.range[1]])] : []),
    ...(plan.kind === 'add' ? [plan.fix(fixer)] : []),
    ...edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
  ];
}

/** The statement that grows a queue, when it is one of its block: `queue.push(item);`, `queue[queue.length] = item;`. */
function growthStatement(growth: Growth): { statement: TSESTree.ExpressionStatement; target: TSESTree.Node } | null {
  const member = growth.node;
  if (member.type !== AST_NODE_TYPES.MemberExpression) return null;
  const outer = member.parent;
  let expression: TSESTree.Node;
  if (outer.type === AST_NODE_TYPES.CallExpression && outer.callee === member && !outer.optional && !member.optional) {
    // One entry per call, so that the cap is the number of entries.
    if (outer.arguments.length !== 1 || outer.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return null;
    expression = outer;
  } else if (outer.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member && outer.operator === '=') {
    expression = outer;
  } else {
    return null;
  }
  const statement = expression.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  return { statement, target: member.object };
}

/**
 * A length check before each push of a queue that no producer bounds:
 * `if (queue.length >= max) { throw new Error('queue is full'); }`. It throws rather than returns:
 * a throw reaches the caller (the handler answers with an error, the consumer nacks the message),
 * and it type-checks in any function, where a `return` would quietly drop the entry and give a
 * function that returns a value nothing to return.
 */
export function queueLimitFix(sourceCode: Readonly<TSESLint.SourceCode>, collection: Collection, growth: readonly Growth[], max: number): Fixes | null {
  if (collection.kind !== 'array' || growth.length === 0) return null;
  const label = collection.name.replace(/^this\./, '');
  if (!/^[\w$.#]+$/.test(label)) return null;
  const quote = quoteOf(sourceCode);
  const inserts: { at: number; text: string }[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const site of growth) {
    const found = growthStatement(site);
    if (!found) return null;
    const { statement, target } = found;
    if (seen.has(statement)) continue;
    seen.add(statement);
    const scope = sourceCode.getScope(statement);
    if (ASTUtils.findVariable(scope, 'Error')?.defs.length) return null;
    if (sourceCode.getCommentsInside(target).length > 0) return null;
    // Above the comments on the lines just before the statement, which speak of it.
    let anchor: TSESTree.Node | TSESTree.Comment = statement;
    for (const comment of sourceCode.getCommentsBefore(statement).reverse()) {
      if (comment.loc.end.line !== anchor.loc.start.line - 1 || statementIndent(sourceCode, comment) === null) break;
      anchor = comment;
    }
    const indent = statementIndent(sourceCode, anchor);
    const open = sourceCode.getFirstToken(statement.parent);
    if (indent === null || !open) return null;
    const outerIndent = /^[ \t]*/.exec(sourceCode.lines[open.loc.start.line - 1] ?? '')?.[0] ?? '';
    const unit =
      indent.startsWith(outerIndent) && indent.length > outerIndent.length ? indent.slice(outerIndent.length) : indent.startsWith('\t') ? '\t' : '  ';
    const semicolon = sourceCode.getLastToken(statement)?.value === ';' ? ';' : '';
    const thrown = `throw new Error(${quote}${label} is full${quote})${semicolon}`;
    const check = `if (${sourceCode.getText(target)}.length >= ${max}) {\n${indent}${unit}${thrown}\n${indent}}\n${indent}`;
    inserts.push({ at: anchor.range[0], text: check });
  }
  return (fixer) => inserts.map(({ at, text }) => fixer.insertTextBeforeRange([at, at], text));
}

/**
 * For an adding operation whose counterpart leaves the entry behind: a delete of the same key at the
 * start of the counterpart (`this.handlers.delete(topic);`), when the key is a parameter of the add
 * and the counterpart takes a parameter of the same name. `null` otherwise.
 */
export function pairedDeleteFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  collection: Collection,
  growth: Growth,
  add: TSESTree.Node,
  remove: TSESTree.Node,
): { readonly text: string; readonly fix: Fixes } | null {
  const addFn = functionOf(add);
  const removeFn = functionOf(remove);
  if (!addFn || removeFn?.body?.type !== AST_NODE_TYPES.BlockStatement) return null;
  // The growth node is the member `coll.set` / `coll[k]`; the call or the assignment is its parent.
  const member = growth.node;
  const site = member.type === AST_NODE_TYPES.MemberExpression ? member.parent : member;
  let target: TSESTree.Node;
  let key: TSESTree.Node | undefined;
  if (
    (collection.kind === 'Map' || collection.kind === 'Set') &&
    site.type === AST_NODE_TYPES.CallExpression &&
    site.callee.type === AST_NODE_TYPES.MemberExpression
  ) {
    target = site.callee.object;
    key = site.arguments[0];
  } else if (collection.kind === 'object' && site.type === AST_NODE_TYPES.AssignmentExpression && site.left.type === AST_NODE_TYPES.MemberExpression) {
    target = site.left.object;
    key = site.left.property;
  } else {
    return null;
  }
  if (key?.type !== AST_NODE_TYPES.Identifier) return null;
  const name = key.name;
  const isParam = (fn: TSESTree.FunctionLike): boolean => fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name);
  if (!isParam(addFn) || !isParam(removeFn)) return null;
  const first = removeFn.body.body[0];
  const indent = first ? statementIndent(sourceCode, first) : null;
  if (!first || indent === null) return null;
  const ref = sourceCode.getText(target);
  const text = collection.kind === 'object' ? `delete ${ref}[${name}];` : `${ref}.delete(${name});`;
  return { text, fix: (fixer) => [fixer.insertTextBefore(first, `${text}\n${indent}`)] };
}

function functionOf(node: TSESTree.Node): TSESTree.FunctionLike | null {
  const value = node.type === AST_NODE_TYPES.MethodDefinition || node.type === AST_NODE_TYPES.PropertyDefinition ? node.value : node;
  if (!value) return null;
  return value.type === AST_NODE_TYPES.FunctionExpression ||
    value.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    value.type === AST_NODE_TYPES.FunctionDeclaration
    ? value
    : null;
}
