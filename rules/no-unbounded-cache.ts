import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CollectionCandidates, judgeCollection, type CollectionVerdict, type Growth, type WeakRemoval } from '../src/analysis/collections.js';
import { describeSite } from '../src/analysis/lifetimes.js';
import { mergeListeners } from '../src/analysis/paths.js';
import { createRule } from '../src/util/create-rule.js';
import { fileMemberExpressions } from '../src/util/file-nodes.js';
import { fixModeSchema, type FixMode } from '../src/util/schemas.js';
import { lruCacheFix, lruObjectFix, pairedDeleteFix, queueLimitFix, weakCollectionFix } from '../src/fixes/no-unbounded-cache.js';
import { getTypeInfo, type TypeInfo } from '../src/util/types.js';
import { truncate } from '../src/util/text.js';

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
  | 'removalDoesNotBound'
  | 'unpairedRemoval'
  | 'suggestWeakCollection'
  | 'suggestLruCache'
  | 'suggestLruCacheForObject'
  | 'suggestQueueLimit'
  | 'suggestPairedDelete';

/** Why a removal the rule considered does not bound the collection, for the message. */
const REMOVAL_REASONS: Readonly<Record<WeakRemoval['reason'], string>> = {
  'keeps-key': 'it empties the entry but keeps the key',
  lazy: 'it runs only when the same key is read again and found stale, so keys never read again stay',
  rare: 'it runs only on the failure path, so every success leaves its entry',
  'other-key': 'it removes a different key than the one added',
};

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-cache',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived Maps, Sets, arrays and objects that grow per call and are never evicted',
      recommended: 'recommended',
      failureMode: 'memory-drift',
      strictOptions: { checkQueues: true, assumeRepeats: true, checkAllClasses: true },
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
            description: 'Also report collections that leave the file (exported, returned, passed to another function), whose eviction may happen elsewhere.',
          },
          checkAllClasses: {
            type: 'boolean',
            description:
              'Also report instance fields of classes the file does not show to be short-lived, when a public method adds keys derived from its arguments. ' +
              'By default only instances made once at module level, DI singletons and static fields are long-lived.',
          },
          checkQueues: {
            type: 'boolean',
            description: 'Also report long-lived arrays used as queues (pushed per call, shifted by a consumer) when no producer checks the length.',
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
            '`suggest` offers the `LRUCache` rewrite as an editor suggestion; `autofix` lets `--fix` apply it, for teams that depend on lru-cache and have ' +
              'settled on `maxEntries`.',
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
        '`{{name}}` grows on each call ({{operation}} in {{fn}}, assumed to run per call) and is never evicted; bound it (LRU/TTL cache), delete entries, ' +
        'or use a WeakMap.',
      unboundedQueueAssumed:
        'Queue `{{name}}` grows on each call ({{operation}} in {{fn}}, assumed to run per call) with no length check; cap it or apply backpressure.',
      removalDoesNotBound:
        '`{{name}}` grows on each call ({{operation}} in {{fn}}{{assumed}}) and {{removal}} does not bound it: {{reason}}; delete each entry when it is ' +
        'done, or bound it (LRU/TTL cache).',
      unpairedRemoval:
        '`{{name}}` gains an entry in {{add}} ({{operation}}) that {{remove}} never removes, so every pair of calls leaves one behind; delete the entry in ' +
        '{{remove}}.',
      suggestWeakCollection: 'Use a `{{weak}}` (changes behaviour: an entry goes when its key object is collected; a primitive key throws).',
      suggestLruCache:
        'Bound it with `new LRUCache({ max: {{max}} })` from lru-cache (changes behaviour: adds a dependency; evicts the least recently used entries).',
      suggestLruCacheForObject:
        'Make `{{name}}` a `new LRUCache({ max: {{max}} })` used with get/set/has/delete (changes behaviour: adds the lru-cache dependency; evicts least ' +
        'recently used entries).',
      suggestPairedDelete: 'Delete the entry in {{remove}} with `{{text}}` (changes behaviour: {{remove}} now removes what {{add}} added).',
      suggestQueueLimit:
        'Throw before {{operation}} when `{{name}}` holds {{max}} entries (changes behaviour: once {{max}} entries wait, adding another throws instead of ' +
        'queueing it).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const types = (): TypeInfo | null => getTypeInfo(context);

    // Member collections live in classes: a file whose text has no `class` needs no member listeners
    // (the member expressions are collected once for every rule that reads them).
    const members = sourceCode.text.includes('class') ? fileMemberExpressions(sourceCode) : null;
    const candidates = new CollectionCandidates(sourceCode, members?.nodes ?? []);
    const classListeners: TSESLint.RuleListener = members
      ? {
          ...members.listeners,
          PropertyDefinition: (node) => candidates.property(node),
          'MethodDefinition[kind="constructor"]': (node: TSESTree.MethodDefinition) => candidates.constructorMethod(node),
          ObjectPattern: (node) => candidates.pattern(node),
        }
      : {};
    return mergeListeners(classListeners, {
      VariableDeclarator: (node) => candidates.variable(node),
      'Program:exit'() {
        const found = candidates.finish({ checkAllClasses: options.checkAllClasses, checkEscaped: options.checkEscaped });
        for (const collection of found)
          report(judgeCollection(sourceCode, collection, types, { assumeRepeats: options.assumeRepeats, checkEscaped: options.checkEscaped }));
      },
    });

    function describeOperation(growth: Growth): string {
      if (growth.operation === 'assign') return '`Object.assign()`';
      if (growth.operation !== 'index') return `\`.${growth.operation}()\``;
      return `\`${truncate(sourceCode.getText(growth.node).replace(/\s+/g, ' '), 40)} = …\``;
    }

    function shortText(node: TSESTree.Node): string {
      return `\`${truncate(sourceCode.getText(node).replace(/\s+/g, ' '), 40)}\``;
    }

    function report(verdict: CollectionVerdict): void {
      const { collection, growth, unpaired, weakRemoval } = verdict;
      // judgeCollection already drops an escaped collection unless checkEscaped
      if (verdict.shrinks || verdict.sizeChecked) return;
      const queue = verdict.dequeued;
      if (unpaired && !queue) {
        const add = describeSite(unpaired.add, sourceCode);
        const remove = describeSite(unpaired.remove, sourceCode);
        const paired = pairedDeleteFix(sourceCode, collection, unpaired.growth, unpaired.add, unpaired.remove);
        context.report({
          node: collection.declaration,
          messageId: 'unpairedRemoval',
          data: { name: collection.name, operation: describeOperation(unpaired.growth), add, remove },
          ...(paired ? { suggest: [{ messageId: 'suggestPairedDelete', data: { text: paired.text, add, remove }, fix: paired.fix }] } : {}),
        });
        return;
      }
      const first = growth[0];
      if (!first) return;
      if (weakRemoval && !queue) {
        // A cache cannot hold the `undefined` / `null` written in place of a delete: no cache rewrite then.
        const { autofix, suggest } = weakRemoval.reason === 'keeps-key' ? { autofix: null, suggest: [] } : remedies(verdict, first, false);
        context.report({
          ...(autofix ? { fix: autofix } : {}),
          ...(suggest.length > 0 ? { suggest } : {}),
          node: collection.declaration,
          messageId: 'removalDoesNotBound',
          data: {
            name: collection.name,
            operation: describeOperation(first),
            fn: describeSite(first.fn, sourceCode),
            assumed: first.assumed ? ', assumed to run per call' : '',
            removal: shortText(weakRemoval.node),
            reason: REMOVAL_REASONS[weakRemoval.reason],
          },
        });
        return;
      }
      if (queue && !options.checkQueues) return;
      const { autofix, suggest } = remedies(verdict, first, queue);
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

    /** The bounded-cache, weak-collection and queue-limit remedies for a finding. */
    function remedies(
      verdict: CollectionVerdict,
      first: Growth,
      queue: boolean,
    ): { autofix: TSESLint.ReportFixFunction | null; suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] } {
      const { collection, growth } = verdict;
      const typeInfo = types();
      const max = options.maxEntries;
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
      return { autofix, suggest };
    }
  },
});
