/**
 * The catalog of APIs the rules recognise, as data. Rules read it; options extend it.
 * A module entry names the module specifier and the export path below the module object
 * (`''` for the module object itself, which is also its default export).
 */

import type { NamedFunction } from './references.js';

/** How the arguments of an outbound call carry its options. */
export type HttpCallShape =
  /** `fetch(input, init)`: options are the second argument. */
  | 'fetch'
  /** `axios(config)` or `axios(url, config)`. */
  | 'axios'
  /** `got(url, options)` or `got(options)`. */
  | 'got'
  /** `http.request(url, options, callback)`, any of them optional. */
  | 'node-http'
  /** Options at a fixed argument position (`axios.get(url, config)` → 1). */
  | { readonly configAt: number }
  /** Creates a client whose defaults apply to every call made through it (`axios.create`, `got.extend`). */
  | 'instance-factory';

/** What to add when a call has no deadline. */
export type DeadlineRemedy = 'signal' | 'timeout-ms' | 'timeout-request-ms';

export interface HttpClientEntry {
  readonly client: 'fetch' | 'node-fetch' | 'axios' | 'got' | 'node-http';
  readonly globals?: readonly string[];
  readonly exports?: readonly { readonly from: string; readonly path: string }[];
  readonly shape: HttpCallShape;
  /** Option names that set a deadline for this call. */
  readonly deadlineOptions: readonly string[];
  readonly remedy: DeadlineRemedy;
}

const axiosConfigAt1 = ['get', 'delete', 'head', 'options'];
const axiosConfigAt2 = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];
const gotMethods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'stream'];

export const httpClients: readonly HttpClientEntry[] = [
  {
    client: 'fetch',
    globals: ['fetch'],
    exports: [{ from: 'undici', path: 'fetch' }],
    shape: 'fetch',
    deadlineOptions: ['signal'],
    remedy: 'signal',
  },
  {
    // node-fetch v2 also honours its own `timeout` option.
    client: 'node-fetch',
    exports: [{ from: 'node-fetch', path: '' }],
    shape: 'fetch',
    deadlineOptions: ['signal', 'timeout'],
    remedy: 'signal',
  },
  {
    client: 'axios',
    exports: [{ from: 'axios', path: '' }],
    shape: 'axios',
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'timeout-ms',
  },
  {
    client: 'axios',
    exports: [{ from: 'axios', path: 'request' }],
    shape: { configAt: 0 },
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'timeout-ms',
  },
  ...[
    [axiosConfigAt1, 1],
    [axiosConfigAt2, 2],
  ].map(
    ([methods, index]): HttpClientEntry => ({
      client: 'axios',
      exports: (methods as string[]).map((method) => ({ from: 'axios', path: method })),
      shape: { configAt: index as number },
      deadlineOptions: ['timeout', 'signal'],
      remedy: 'timeout-ms',
    }),
  ),
  {
    client: 'axios',
    exports: [{ from: 'axios', path: 'create' }],
    shape: 'instance-factory',
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'timeout-ms',
  },
  {
    client: 'got',
    exports: [
      { from: 'got', path: '' },
      { from: 'got', path: 'got' },
      ...gotMethods.map((method) => ({ from: 'got', path: method })),
      ...gotMethods.map((method) => ({ from: 'got', path: `got.${method}` })),
    ],
    shape: 'got',
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'timeout-request-ms',
  },
  {
    client: 'got',
    exports: [
      { from: 'got', path: 'extend' },
      { from: 'got', path: 'got.extend' },
    ],
    shape: 'instance-factory',
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'timeout-request-ms',
  },
  {
    client: 'node-http',
    exports: ['http', 'https'].flatMap((from) => ['request', 'get'].map((path) => ({ from, path }))),
    shape: 'node-http',
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'signal',
  },
];

/**
 * Functions that bound the time of the promise or callback they are given, so an outbound call made
 * through them has a deadline even without its own timeout option.
 */
export const timeoutWrappers: readonly NamedFunction[] = [
  { name: 'default', from: 'p-timeout' },
  { name: 'timeout', from: 'promise-timeout' },
];

/**
 * Calls that keep the callback they are given and call it again later, many times: event
 * listeners, middleware and routes, intervals, subscriptions, queue consumers.
 */
export const callbackRegistrations: ReadonlySet<string> = new Set([
  'on',
  'addListener',
  'prependListener',
  'addEventListener',
  'use',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'all',
  'head',
  'options',
  'route',
  'handle',
  'register',
  'subscribe',
  'setInterval',
  'process',
  'consume',
  'watch',
  'addHook',
  'hook',
]);

/** Calls that run the callback they are given during the call itself, and keep nothing. */
export const synchronousCallbacks: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'sort',
  'toSorted',
  'from',
  'replace',
  'replaceAll',
]);

/**
 * Functions that read a value they are given and keep no reference to it (`Owner.name` or a bare
 * name): handing a collection to them is not letting it escape.
 */
export const escapeFreeCalls: ReadonlySet<string> = new Set([
  'JSON.stringify',
  'Array.from',
  'Array.isArray',
  'Object.keys',
  'Object.values',
  'Object.entries',
  'Object.freeze',
  'structuredClone',
  'String',
  'Number',
  'Boolean',
  'console.log',
  'console.info',
  'console.warn',
  'console.error',
  'console.debug',
  'console.dir',
  'console.table',
  'inspect',
  'isDeepStrictEqual',
  'deepEqual',
  'equal',
  'strictEqual',
]);

export interface BoundedCacheEntry {
  /** The class name as exported. */
  readonly name: string;
  /** The module it comes from. */
  readonly from: string;
}

/** Caches that bound themselves (size limit, TTL): never reported, whatever they extend. */
export const boundedCaches: readonly BoundedCacheEntry[] = [
  { name: 'LRUCache', from: 'lru-cache' },
  { name: 'default', from: 'lru-cache' },
  { name: 'default', from: 'quick-lru' },
  { name: 'LRUMap', from: 'mnemonist' },
  { name: 'LRUCache', from: 'mnemonist' },
  { name: 'default', from: 'mnemonist/lru-map' },
  { name: 'default', from: 'mnemonist/lru-cache' },
  { name: 'TTLCache', from: '@isaacs/ttlcache' },
  { name: 'default', from: '@isaacs/ttlcache' },
  { name: 'default', from: 'node-cache' },
  { name: 'default', from: 'keyv' },
  { name: 'LRUCache', from: 'tiny-lru' },
  { name: 'lru', from: 'tiny-lru' },
];

/**
 * Concurrency limiters: factories whose result bounds the work it is given (`const limit =
 * pLimit(8); items.map((x) => limit(() => work(x)))`), and mapping functions that take a
 * concurrency (`pMap(items, fn, { concurrency: 8 })`).
 */
export const concurrencyLimiters: readonly NamedFunction[] = [
  { name: 'default', from: 'p-limit' },
  { name: 'pLimit', from: 'p-limit' },
  { name: 'default', from: 'p-queue' },
  { name: 'default', from: 'p-throttle' },
  { name: 'default', from: 'bottleneck' },
  { name: 'Sema', from: 'async-sema' },
  { name: 'Semaphore', from: 'async-mutex' },
  { name: 'default', from: 'limiter' },
];

/** A kind of resource: how it is acquired, and what releases it. */
export interface ResourceEntry {
  readonly kind: 'stream' | 'file-handle' | 'socket' | 'child-process' | 'websocket' | 'pool-client' | 'response';
  /** Module exports (or globals) whose call or construction acquires it. */
  readonly acquire: readonly { readonly from?: string; readonly global?: string; readonly path: string; readonly construct?: boolean }[];
  /** Methods on the resource that release it. */
  readonly release: readonly string[];
  /** Events whose listener means the resource is looked after (`child.on('exit')`, a read stream's `data`). */
  readonly releaseEvents?: readonly string[];
  /** Closes itself once read to the end (`autoClose`), so iterating it (`for await`) releases it. */
  readonly closesWhenConsumed?: boolean;
}

export const resources: readonly ResourceEntry[] = [
  {
    kind: 'stream',
    acquire: [{ from: 'fs', path: 'createReadStream' }],
    release: ['destroy', 'close'],
    releaseEvents: ['data', 'end', 'readable', 'close'],
    closesWhenConsumed: true,
  },
  {
    kind: 'stream',
    acquire: [{ from: 'fs', path: 'createWriteStream' }],
    release: ['destroy', 'close', 'end'],
  },
  {
    kind: 'file-handle',
    acquire: [
      { from: 'fs/promises', path: 'open' },
      { from: 'fs', path: 'promises.open' },
    ],
    release: ['close'],
  },
  {
    kind: 'socket',
    acquire: [
      { from: 'net', path: 'connect' },
      { from: 'net', path: 'createConnection' },
      { from: 'tls', path: 'connect' },
    ],
    release: ['destroy', 'end', 'resetAndDestroy'],
  },
  {
    kind: 'child-process',
    acquire: [
      { from: 'child_process', path: 'spawn' },
      { from: 'child_process', path: 'fork' },
    ],
    release: ['kill', 'disconnect'],
    releaseEvents: ['exit', 'close'],
  },
  {
    kind: 'websocket',
    acquire: [
      { global: 'WebSocket', path: '', construct: true },
      { from: 'ws', path: '', construct: true },
      { from: 'ws', path: 'WebSocket', construct: true },
    ],
    release: ['close', 'terminate'],
  },
  {
    kind: 'response',
    acquire: [{ global: 'fetch', path: '' }, { from: 'undici', path: 'fetch' }],
    release: ['text', 'json', 'arrayBuffer', 'blob', 'formData', 'bytes'],
  },
];

/** Pool clients, recognised by the call that checks them out of a pool (`await pool.connect()`). */
export const poolCheckouts: readonly { readonly method: string; readonly release: readonly string[] }[] = [
  { method: 'connect', release: ['release'] },
  { method: 'getConnection', release: ['release', 'destroy'] },
  { method: 'acquire', release: ['release', 'destroy'] },
];
