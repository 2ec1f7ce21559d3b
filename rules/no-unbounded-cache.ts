import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from '../src/util/eslint-utils.js';

import {
  collectionKindOf,
  judgeCollection,
  type Collection,
  type CollectionVerdict,
  type Growth,
} from '../src/analysis/collections.js';
import { classOfThis, classVariables, describeSite, type ClassNode, type FunctionNode } from '../src/analysis/lifetimes.js';
import { isLongLivedClass } from '../src/analysis/repetition.js';
import { forEachDescendant, isFileScope, isFunctionNode, staticKeyName } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { fixModeSchema, type FixMode } from '../src/util/schemas.js';
import { lruCacheFix, lruObjectFix, queueLimitFix, weakCollectionFix } from '../src/fixes/no-unbounded-cache.js';
import { getTypeInfo, type TypeInfo } from '../src/util/types.js';

export type Options = [
  {
    checkEscaped?: boolean;
    checkQueues?: boolean;
    checkAllClasses?: boolean;
    assumeRepeats?: boolean;
    maxEntries?: number;
    fix?: FixMode;
  },
];

export type MessageIds =
  | 'unboundedCollection'
  | 'unboundedQueue'
  | 'unboundedCollectionAssumed'
  | 'unboundedQueueAssumed'
  | 'suggestWeakCollection'
  | 'suggestLruCache'
  | 'suggestLruCacheForObject'
  | 'suggestQueueLimit';

function memberName(member: TSESTree.MemberExpression): string | null {
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  return member.computed ? null : ASTUtils.getPropertyName(member);
}

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-cache',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived Maps, Sets, arrays and objects that grow per call and are never evicted',
      recommended: 'recommended',
      failureMode: 'memory-drift',
      strictOptions: { checkQueues: true, assumeRepeats: true },
      fixOptions: { fix: 'autofix' },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkEscaped: {
            type: 'boolean',
            description:
              'Also report collections that leave the file (exported, returned, passed to another function), whose eviction may happen elsewhere.',
          },
          checkAllClasses: {
            type: 'boolean',
            description:
              'Treat every class instance as long-lived. By default only instances made once at module level, DI singletons (`@Injectable()`, `@Service()`, …) and static fields are.',
          },
          checkQueues: {
            type: 'boolean',
            description:
              'Also report long-lived arrays used as queues (pushed per call, shifted by a consumer) when no producer checks the length.',
          },
          assumeRepeats: {
            type: 'boolean',
            description:
              'Also report growth in code the file does not show to repeat or to run once (an exported helper, a public method), assuming it runs per call.',
          },
          maxEntries: {
            type: 'integer',
            minimum: 1,
            description: 'The `max` of the `LRUCache` the bounded-cache suggestions (or fix) write, and the length at which the queue-limit suggestion throws.',
          },
          fix: fixModeSchema(
            '`suggest` offers the `LRUCache` rewrite as an editor suggestion; `autofix` lets `--fix` apply it, for teams that depend on lru-cache and have settled on `maxEntries`.',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkEscaped: false, checkQueues: false, checkAllClasses: false, assumeRepeats: false, maxEntries: 1000, fix: 'suggest' }],
    messages: {
      unboundedCollection:
        '`{{name}}` grows on each call ({{operation}} in {{fn}}) and is never evicted; bound it (LRU/TTL cache), delete entries when done, or use a WeakMap.',
      unboundedQueue:
        'Queue `{{name}}` grows on each call ({{operation}} in {{fn}}) with no length check; cap it (reject or drop when full) or apply backpressure.',
      unboundedCollectionAssumed:
        '`{{name}}` grows on each call ({{operation}} in {{fn}}, assumed to run per call) and is never evicted; bound it (LRU/TTL cache), delete entries, or use a WeakMap.',
      unboundedQueueAssumed:
        'Queue `{{name}}` grows on each call ({{operation}} in {{fn}}, assumed to run per call) with no length check; cap it or apply backpressure.',
      suggestWeakCollection:
        'Use a `{{weak}}` (changes behaviour: an entry goes when its key object is collected; a primitive key throws).',
      suggestLruCache:
        'Bound it with `new LRUCache({ max: {{max}} })` from lru-cache (changes behaviour: adds a dependency; evicts the least recently used entries).',
      suggestLruCacheForObject:
        'Make `{{name}}` a `new LRUCache({ max: {{max}} })` used with get/set/has/delete (changes behaviour: adds the lru-cache dependency; evicts least recently used entries).',
      suggestQueueLimit:
        'Throw before {{operation}} when `{{name}}` holds {{max}} entries (changes behaviour: once {{max}} entries wait, adding another throws instead of queueing it).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const collections: Collection[] = [];
    /** Instance and static member candidates, by class then name. */
    const members = new Map<ClassNode, Map<string, { decl: Omit<Collection, 'uses'>; isStatic: boolean }>>();
    const thisUses = new Map<ClassNode, Map<string, TSESTree.Node[]>>();

    /** `this.x` uses of a class by member name, gathered only for classes that have candidates. */
    function thisUsesOf(classNode: ClassNode): ReadonlyMap<string, TSESTree.Node[]> {
      let byName = thisUses.get(classNode);
      if (byName) return byName;
      const found = new Map<string, TSESTree.Node[]>();
      forEachDescendant(classNode.body, sourceCode.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
        const name = memberName(node);
        if (name === null || classOfThis(node.object) !== classNode) return;
        const list = found.get(name);
        if (list) list.push(node);
        else found.set(name, [node]);
      });
      byName = found;
      thisUses.set(classNode, byName);
      return byName;
    }
    const types = (): TypeInfo | null => getTypeInfo(context);

    function addMember(classNode: ClassNode, name: string, decl: Omit<Collection, 'uses'>, isStatic: boolean): void {
      let byName = members.get(classNode);
      if (!byName) {
        byName = new Map();
        members.set(classNode, byName);
      }
      if (!byName.has(name)) byName.set(name, { decl, isStatic });
    }

    function className(classNode: ClassNode): string {
      return classNode.id?.name ?? 'this';
    }

    return {
      VariableDeclarator(node) {
        if (!node.init || node.id.type !== AST_NODE_TYPES.Identifier) return;
        const kind = collectionKindOf(node.init);
        if (!kind) return;
        const [variable] = sourceCode.getDeclaredVariables(node);
        if (!variable) return;
        const scope = variable.scope.variableScope;
        let owner: FunctionNode | null;
        if (isFileScope(scope)) owner = null;
        else if (scope.type === ScopeType.function && isFunctionNode(scope.block)) owner = scope.block;
        else return;
        if (variable.defs.some((def) => def.type !== DefinitionType.Variable)) return;
        const exported = node.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
        const uses: TSESTree.Node[] = variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier);
        collections.push({
          kind,
          name: node.id.name,
          declaration: node.id,
          creation: node.init,
          owner,
          classNode: null,
          perInstance: false,
          uses: exported ? [...uses, node.parent.parent] : uses,
        });
      },
      PropertyDefinition(node) {
        if (!node.value || node.computed && staticKeyName(node) === null) return;
        const kind = collectionKindOf(node.value);
        if (!kind) return;
        const key = node.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.key.name}` : staticKeyName(node);
        if (key === null) return;
        const classNode = node.parent.parent;
        addMember(
          classNode,
          key,
          {
            kind,
            name: node.static ? `${className(classNode)}.${key}` : `this.${key}`,
            declaration: node.key,
            creation: node.value,
            owner: null,
            classNode,
            perInstance: !node.static,
          },
          node.static,
        );
      },
      'MethodDefinition[kind="constructor"]'(node: TSESTree.MethodDefinition) {
        // this.x = new Map() directly in the constructor declares a member collection.
        const classNode = node.parent.parent;
        for (const statement of node.value.body?.body ?? []) {
          if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
          const assignment = statement.expression;
          if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') continue;
          const target = assignment.left;
          if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.ThisExpression) continue;
          const name = memberName(target);
          const kind = collectionKindOf(assignment.right);
          if (name === null || !kind) continue;
          addMember(
            classNode,
            name,
            { kind, name: `this.${name}`, declaration: target, creation: assignment.right, owner: null, classNode, perInstance: true },
            false,
          );
        }
      },
      'Program:exit'() {
        for (const [classNode, byName] of members) {
          for (const [name, { decl, isStatic }] of byName) {
            if (!isStatic && !options.checkAllClasses && !isLongLivedClass(sourceCode, classNode)) continue;
            const ownUses = (thisUsesOf(classNode).get(name) ?? []).filter((use) => use !== decl.declaration);
            const uses = isStatic ? [...ownUses, ...staticUses(classNode, name)] : ownUses;
            const candidate: Collection = { ...decl, uses };
            if (!isStatic && !name.startsWith('#') && usedOutsideClass(name, uses.length, decl.declaration)) {
              // `client.cache.clear()` elsewhere in the file: eviction may happen there.
              if (!options.checkEscaped) continue;
            }
            collections.push(candidate);
          }
        }
        for (const collection of collections) report(judgeCollection(sourceCode, collection, types, { assumeRepeats: options.assumeRepeats ?? false }));
      },
    };

    /** `Registry.instances` for a static member `instances`. */
    function staticUses(classNode: ClassNode, name: string): TSESTree.Node[] {
      return classVariables(sourceCode, classNode).flatMap((variable) =>
        variable.references.flatMap((ref) => {
          const member = ref.identifier.parent;
          return member?.type === AST_NODE_TYPES.MemberExpression && member.object === ref.identifier && memberName(member) === name
            ? [member]
            : [];
        }),
      );
    }

    /** More `.name` accesses in the file than the class's own `this.name` uses and declaration. */
    function usedOutsideClass(name: string, thisUseCount: number, declaration: TSESTree.Node): boolean {
      const text = sourceCode.text;
      let count = 0;
      for (let index = text.indexOf(`.${name}`); index >= 0; index = text.indexOf(`.${name}`, index + 1)) {
        const next = text[index + name.length + 1] ?? '';
        if (!/[\w$]/.test(next)) count += 1;
      }
      const declaredWithThis = declaration.type === AST_NODE_TYPES.MemberExpression ? 1 : 0;
      return count > thisUseCount + declaredWithThis;
    }

    function describeOperation(growth: Growth): string {
      if (growth.operation === 'assign') return '`Object.assign()`';
      if (growth.operation !== 'index') return `\`.${growth.operation}()\``;
      const text = sourceCode.getText(growth.node).replace(/\s+/g, ' ');
      return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text} = …\``;
    }

    function report(verdict: CollectionVerdict): void {
      const { collection, growth } = verdict;
      const first = growth[0];
      if (!first || verdict.shrinks || verdict.sizeChecked) return;
      if (verdict.escapes && !options.checkEscaped) return;
      const queue = verdict.dequeued;
      if (queue && !options.checkQueues) return;
      const typeInfo = types();
      const max = options.maxEntries ?? 1000;
      const weak = queue ? null : weakCollectionFix(sourceCode, collection, typeInfo);
      // Keys that are objects go with their objects; only other keys need a cap.
      const lru = queue || weak ? null : lruCacheFix(context, collection, typeInfo, max);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (weak) suggest.push({ messageId: 'suggestWeakCollection', data: { weak: weak.weak }, fix: weak.fix });
      const autofix = lru && options.fix === 'autofix' ? lru : null;
      if (lru && !autofix) suggest.push({ messageId: 'suggestLruCache', data: { max }, fix: lru });
      // An object's rewrite touches every read and write of it (and how keys compare): always a suggestion.
      const lruObject = queue ? null : lruObjectFix(context, collection, typeInfo, max);
      if (lruObject) suggest.push({ messageId: 'suggestLruCacheForObject', data: { name: collection.name, max }, fix: lruObject });
      const limit = queue ? queueLimitFix(sourceCode, collection, growth, max) : null;
      if (limit) suggest.push({ messageId: 'suggestQueueLimit', data: { name: collection.name, operation: describeOperation(first), max }, fix: limit });
      context.report({
        ...(autofix ? { fix: autofix } : {}),
        ...(suggest.length > 0 ? { suggest } : {}),
        node: collection.declaration,
        messageId: queue ? (first.assumed ? 'unboundedQueueAssumed' : 'unboundedQueue') : first.assumed ? 'unboundedCollectionAssumed' : 'unboundedCollection',
        data: {
          name: collection.name,
          operation: describeOperation(first),
          fn: describeSite(first.fn, sourceCode),
        },
      });
    }
  },
});
