/**
 * The catalog of APIs the rules recognise, as data. Rules read it; options extend it.
 * A module entry names the module specifier and the export path below the module object
 * (`''` for the module object itself, which is also its default export).
 */

import type { NamedFunction } from '../util/references.js';

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
  /**
   * Options at a fixed argument position, where a callback may stand instead (`needle.get(url, cb)`):
   * the options then go before the callback.
   */
  | { readonly configAt: number; readonly callbackMayTakeIt: true }
  /** `request(url, options, callback)`, any of them optional: like `node-http`, with no later `setTimeout`. */
  | 'request'
  /** `phin(options)` or `phin(url)`. */
  | 'options-or-url'
  /** A request builder whose deadline is a method of the chain (`superagent.get(url).timeout(ms)`). */
  | 'chain'
  /** Creates a client whose defaults apply to every call made through it (`axios.create`, `got.extend`). */
  | 'instance-factory';

/**
 * What to add when a call has no deadline: a `signal`, `timeout` in ms, got's `timeout.request`,
 * needle's `response_timeout`, or a `.timeout(ms)` call on the request.
 */
export type DeadlineRemedy = 'signal' | 'timeout-ms' | 'timeout-request-ms' | 'response-timeout-ms' | 'timeout-call';

export interface HttpClientEntry {
  readonly client: 'fetch' | 'node-fetch' | 'axios' | 'got' | 'node-http' | 'request' | 'superagent' | 'needle' | 'ky' | 'undici' | 'phin';
  readonly globals?: readonly string[];
  readonly exports?: readonly { readonly from: string; readonly path: string }[];
  readonly shape: HttpCallShape;
  /** Option names (or, for a `chain`, method names) that set a deadline for this call. */
  readonly deadlineOptions: readonly string[];
  /**
   * The client bounds every call by default (ky's 10 s `timeout`, undici's 300 s `headersTimeout` and
   * `bodyTimeout`): a call is reported only when one of `options` is set to one of `disabledBy`.
   */
  readonly defaultDeadline?: { readonly options: readonly string[]; readonly disabledBy: readonly (number | boolean)[] };
  readonly remedy: DeadlineRemedy;
}

const axiosConfigAt1 = ['get', 'delete', 'head', 'options'];
const axiosConfigAt2 = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];
const gotMethods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'stream'];
const gotStreamMethods = ['get', 'post', 'put', 'patch', 'delete', 'head'];
const requestModules = ['request', 'request-promise', 'request-promise-native', 'request-promise-any'];
const requestMethods = ['', 'get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options'];
const superagentMethods = ['', 'get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options'];
const kyMethods = ['', 'get', 'post', 'put', 'patch', 'delete', 'head'];

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
  ].map(([methods, index]): HttpClientEntry => ({
    client: 'axios',
    exports: (methods as string[]).map((method) => ({ from: 'axios', path: method })),
    shape: { configAt: index as number },
    deadlineOptions: ['timeout', 'signal'],
    remedy: 'timeout-ms',
  })),
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
      ...gotStreamMethods.map((method) => ({ from: 'got', path: `stream.${method}` })),
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
  {
    // request and request-promise: no timeout unless `timeout` is set.
    client: 'request',
    exports: requestModules.flatMap((from) => requestMethods.map((path) => ({ from, path }))),
    shape: 'request',
    deadlineOptions: ['timeout'],
    remedy: 'timeout-ms',
  },
  {
    client: 'request',
    exports: requestModules.map((from) => ({ from, path: 'defaults' })),
    shape: 'instance-factory',
    deadlineOptions: ['timeout'],
    remedy: 'timeout-ms',
  },
  {
    // superagent: no timeout unless `.timeout(ms)` is called on the request before it is sent.
    client: 'superagent',
    exports: superagentMethods.map((path) => ({ from: 'superagent', path })),
    shape: 'chain',
    deadlineOptions: ['timeout'],
    remedy: 'timeout-call',
  },
  {
    // needle: `open_timeout` (alias `timeout`, 10 s by default) bounds only connecting; the wait for
    // the response (`response_timeout`) and its transfer (`read_timeout`) are unbounded by default.
    client: 'needle',
    exports: ['get', 'head'].map((path) => ({ from: 'needle', path })),
    shape: { configAt: 1, callbackMayTakeIt: true },
    deadlineOptions: ['response_timeout', 'read_timeout'],
    remedy: 'response-timeout-ms',
  },
  {
    client: 'needle',
    exports: ['post', 'put', 'patch', 'delete'].map((path) => ({ from: 'needle', path })),
    shape: { configAt: 2, callbackMayTakeIt: true },
    deadlineOptions: ['response_timeout', 'read_timeout'],
    remedy: 'response-timeout-ms',
  },
  {
    client: 'needle',
    exports: ['', 'request'].map((path) => ({ from: 'needle', path })),
    shape: { configAt: 3, callbackMayTakeIt: true },
    deadlineOptions: ['response_timeout', 'read_timeout'],
    remedy: 'response-timeout-ms',
  },
  {
    // ky: a 10 s `timeout` by default; `timeout: false` turns it off.
    client: 'ky',
    exports: kyMethods.map((path) => ({ from: 'ky', path })),
    shape: { configAt: 1 },
    deadlineOptions: ['timeout', 'signal'],
    defaultDeadline: { options: ['timeout'], disabledBy: [false] },
    remedy: 'timeout-ms',
  },
  {
    client: 'ky',
    exports: ['create', 'extend'].map((path) => ({ from: 'ky', path })),
    shape: 'instance-factory',
    deadlineOptions: ['timeout', 'signal'],
    defaultDeadline: { options: ['timeout'], disabledBy: [false] },
    remedy: 'timeout-ms',
  },
  {
    // undici's own API: `headersTimeout` and `bodyTimeout` are 300 s by default; `0` turns them off.
    client: 'undici',
    exports: ['request', 'stream'].map((path) => ({ from: 'undici', path })),
    shape: { configAt: 1 },
    deadlineOptions: ['headersTimeout', 'bodyTimeout', 'signal'],
    defaultDeadline: { options: ['headersTimeout', 'bodyTimeout'], disabledBy: [0] },
    remedy: 'timeout-ms',
  },
  {
    // phin: `timeout` is unset (no deadline) by default.
    client: 'phin',
    exports: ['', 'promisified', 'unpromisified'].map((path) => ({ from: 'phin', path })),
    shape: 'options-or-url',
    deadlineOptions: ['timeout'],
    remedy: 'timeout-ms',
  },
  {
    client: 'phin',
    exports: [{ from: 'phin', path: 'defaults' }],
    shape: 'instance-factory',
    deadlineOptions: ['timeout'],
    remedy: 'timeout-ms',
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
  { name: 'Mutex', from: 'async-mutex' },
  { name: 'RateLimit', from: 'async-sema' },
  { name: 'Semaphore', from: 'await-semaphore' },
  { name: 'Mutex', from: 'await-semaphore' },
  { name: 'limitFunction', from: 'p-limit' },
  { name: 'default', from: 'limiter' },
  { name: 'RateLimiter', from: 'limiter' },
];

/**
 * Mapping functions that run an async function per item with a concurrency of their own: silent
 * when it is finite, a fan-out when it is unlimited (`concurrency: Infinity`, or the default of
 * those whose default is unlimited).
 */
export interface ConcurrencyMapper {
  readonly from: string;
  /** Export path below the module object; `''` for the module (default export) itself. */
  readonly path: string;
  /** Argument index of the collection (or of the task list). */
  readonly items: number;
  /** Argument index of the function run per item; absent when the items are the tasks. */
  readonly mapper?: number;
  /** Where the concurrency is: an options object's `concurrency` at this index, or a number at this index. */
  readonly concurrency: { readonly option: number } | { readonly argument: number };
  /** With no concurrency given, every item runs at once. */
  readonly unlimitedByDefault: boolean;
  /** Values below 1 mean "no limit" too (Bluebird). */
  readonly zeroIsUnlimited?: boolean;
}

const asyncLimitFunctions = [
  'mapLimit',
  'eachLimit',
  'forEachLimit',
  'eachOfLimit',
  'forEachOfLimit',
  'filterLimit',
  'rejectLimit',
  'mapValuesLimit',
  'concatLimit',
  'groupByLimit',
  'detectLimit',
  'someLimit',
  'everyLimit',
];

export const concurrencyMappers: readonly ConcurrencyMapper[] = [
  { from: 'p-map', path: '', items: 0, mapper: 1, concurrency: { option: 2 }, unlimitedByDefault: true },
  { from: 'p-all', path: '', items: 0, concurrency: { option: 1 }, unlimitedByDefault: true },
  { from: 'p-filter', path: '', items: 0, mapper: 1, concurrency: { option: 2 }, unlimitedByDefault: true },
  ...['map', 'filter'].map((path) => ({
    from: 'bluebird',
    path,
    items: 0,
    mapper: 1,
    concurrency: { option: 2 },
    unlimitedByDefault: true,
    zeroIsUnlimited: true,
  })),
  ...['async', 'async-es'].flatMap((from) => [
    ...asyncLimitFunctions.map((path) => ({ from, path, items: 0, mapper: 2, concurrency: { argument: 1 }, unlimitedByDefault: false })),
    { from, path: 'parallelLimit', items: 0, concurrency: { argument: 1 }, unlimitedByDefault: false },
  ]),
];

/** A kind of resource: how it is acquired, and what releases it. */
export interface ResourceEntry {
  readonly kind: 'stream' | 'file-handle' | 'file-descriptor' | 'socket' | 'child-process' | 'websocket' | 'pool-client' | 'response';
  /** Module exports (or globals) whose call or construction acquires it. */
  readonly acquire: readonly { readonly from?: string; readonly global?: string; readonly path: string; readonly construct?: boolean }[];
  /** Module exports that acquire it once wrapped by `util.promisify` (`const openAsync = promisify(fs.open)`). */
  readonly acquirePromisified?: readonly { readonly from: string; readonly path: string }[];
  /** Module exports that pass it to their last argument, a callback `(err, resource) => …` (`fs.open(file, cb)`). */
  readonly acquireByCallback?: readonly { readonly from: string; readonly path: string }[];
  /** Methods on the resource that release it. */
  readonly release: readonly string[];
  /** Module exports that release it when given it as their first argument (`fs.closeSync(fd)`), also promisified. */
  readonly releaseCalls?: readonly { readonly from: string; readonly path: string }[];
  /** Events whose listener means the resource is looked after (`child.on('exit')`, a read stream's `data`). */
  readonly releaseEvents?: readonly string[];
  /** Closes itself once read to the end (`autoClose`), so iterating it (`for await`) releases it. */
  readonly closesWhenConsumed?: boolean;
  /** A destination: `.pipe()` into it does not end it when the source fails or aborts (`req.pipe(fs.createWriteStream(p))`). */
  readonly writable?: boolean;
  /**
   * Its `error` listener does not make up for a release that runs only on success: the resource
   * destroys itself on its own errors, but an exception in the code that uses it leaves it open.
   */
  readonly errorListenerIsNotRelease?: boolean;
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
    writable: true,
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
    kind: 'file-descriptor',
    acquire: [{ from: 'fs', path: 'openSync' }],
    acquirePromisified: [{ from: 'fs', path: 'open' }],
    acquireByCallback: [{ from: 'fs', path: 'open' }],
    release: [],
    releaseCalls: [
      { from: 'fs', path: 'closeSync' },
      { from: 'fs', path: 'close' },
    ],
  },
  {
    kind: 'socket',
    acquire: [
      { from: 'net', path: 'connect' },
      { from: 'net', path: 'createConnection' },
      { from: 'tls', path: 'connect' },
      { from: 'net', path: 'Socket', construct: true },
    ],
    release: ['destroy', 'end', 'resetAndDestroy'],
    errorListenerIsNotRelease: true,
  },
  {
    kind: 'child-process',
    acquire: [
      { from: 'child_process', path: 'spawn' },
      { from: 'child_process', path: 'fork' },
    ],
    release: ['kill', 'disconnect', 'unref'],
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
    errorListenerIsNotRelease: true,
  },
  {
    kind: 'response',
    acquire: [
      { global: 'fetch', path: '' },
      { from: 'undici', path: 'fetch' },
    ],
    release: ['text', 'json', 'arrayBuffer', 'blob', 'formData', 'bytes'],
  },
];

/** Pool clients, recognised by the call that checks them out of a pool (`await pool.connect()`). */
export const poolCheckouts: readonly { readonly method: string; readonly release: readonly string[] }[] = [
  { method: 'connect', release: ['release'] },
  { method: 'getConnection', release: ['release', 'destroy'] },
  { method: 'acquire', release: ['release', 'destroy'] },
];

/**
 * Evidence that code repeats: the APIs a file registers per-request, per-message, per-connection,
 * per-job and per-tick code with. A function passed to one of these runs again and again.
 */
export type RepeatEvidence = 'route' | 'server' | 'listener' | 'consumer' | 'interval' | 'resolver' | 'loop' | 'recursion' | 'per-item-class';

export interface RepeatingRegistration {
  /** The method (`app.get`, `queue.process`) or function (`setInterval`) name. */
  readonly name: string;
  readonly evidence: RepeatEvidence;
  /**
   * Which function arguments repeat: any (`app.use(fn)`, `setInterval(fn)`), those after a route
   * path (`router.get('/x', fn)`), those after literal names and counts (`bot.command('start', fn)`,
   * `queue.process('mail', 5, fn)`), those after an event that is not a one-shot lifecycle event
   * (`socket.on('data', fn)`), or none (only `handlerKeys`).
   */
  readonly arguments: 'any' | 'after-path' | 'after-name' | 'after-event' | 'none';
  /** Keys of an options-object argument whose function values repeat (`route({ handler })`, `run({ eachMessage })`). */
  readonly handlerKeys?: readonly string[];
  /** Only as `new Name(…)` (`new Worker('q', fn)`). */
  readonly construct?: boolean;
}

const routeVerbs = ['get', 'post', 'put', 'delete', 'patch', 'all', 'head', 'options'];

export const repeatingRegistrations: readonly RepeatingRegistration[] = [
  // express, koa-router, fastify, hapi, restify
  ...routeVerbs.map((name): RepeatingRegistration => ({ name, evidence: 'route', arguments: 'after-path', handlerKeys: ['handler'] })),
  { name: 'use', evidence: 'route', arguments: 'any' },
  { name: 'route', evidence: 'route', arguments: 'after-path', handlerKeys: ['handler'] },
  { name: 'addHook', evidence: 'route', arguments: 'after-name' },
  // Telegram / chat bots, IPC
  { name: 'command', evidence: 'route', arguments: 'after-name' },
  { name: 'hears', evidence: 'route', arguments: 'after-name' },
  { name: 'handle', evidence: 'route', arguments: 'after-name' },
  // http / https / net / tls / http2 servers
  { name: 'createServer', evidence: 'server', arguments: 'any' },
  { name: 'createSecureServer', evidence: 'server', arguments: 'any' },
  // emitters, sockets, streams, watchers
  ...['on', 'addListener', 'prependListener', 'addEventListener'].map((name): RepeatingRegistration => ({
    name,
    evidence: 'listener',
    arguments: 'after-event',
  })),
  { name: 'watch', evidence: 'listener', arguments: 'any' },
  { name: 'subscribe', evidence: 'consumer', arguments: 'any' },
  // queue consumers: BullMQ / bull, amqplib, kafkajs, sqs-consumer, agenda
  { name: 'Worker', evidence: 'consumer', arguments: 'any', construct: true },
  { name: 'process', evidence: 'consumer', arguments: 'after-name' },
  { name: 'consume', evidence: 'consumer', arguments: 'any' },
  { name: 'run', evidence: 'consumer', arguments: 'none', handlerKeys: ['eachMessage', 'eachBatch'] },
  { name: 'create', evidence: 'consumer', arguments: 'none', handlerKeys: ['handleMessage', 'handleMessageBatch'] },
  { name: 'define', evidence: 'consumer', arguments: 'after-name' },
  // intervals and schedulers
  { name: 'setInterval', evidence: 'interval', arguments: 'any' },
  { name: 'schedule', evidence: 'interval', arguments: 'any' },
  { name: 'scheduleJob', evidence: 'interval', arguments: 'any' },
  { name: 'CronJob', evidence: 'interval', arguments: 'any', construct: true, handlerKeys: ['onTick'] },
];

/** Events that fire once (or once per emitter) in a normal life: listeners to them do not repeat with traffic. */
export const oneShotEvents: ReadonlySet<string> = new Set([
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
  'SIGBREAK',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'warning',
  'close',
  'end',
  'finish',
  'error',
  'listening',
  'ready',
  'open',
  'abort',
  'timeout',
  'spawn',
  'online',
  'shutdown',
]);

/** Method decorators that make a method a request, message, event or scheduled-job handler (NestJS, routing-controllers, type-graphql). */
export const handlerDecorators: ReadonlySet<string> = new Set([
  'Get',
  'Post',
  'Put',
  'Delete',
  'Patch',
  'All',
  'Head',
  'Options',
  'MessagePattern',
  'EventPattern',
  'SubscribeMessage',
  'OnEvent',
  'Process',
  'Cron',
  'Interval',
  'Query',
  'Mutation',
  'Subscription',
  'ResolveField',
  'FieldResolver',
]);

/** Class decorators of dependency-injection containers that make one instance for the process. */
export const singletonDecorators: ReadonlySet<string> = new Set([
  'Injectable',
  'Service',
  'Controller',
  'Singleton',
  'Module',
  'Resolver',
  'Component',
  'Provide',
  'Processor',
]);

/** Parameter names of an HTTP handler, `(req, res)` / `(request, reply)`: the function runs per request. */
export const handlerParameters: { readonly request: ReadonlySet<string>; readonly response: ReadonlySet<string> } = {
  request: new Set(['req', 'request']),
  response: new Set(['res', 'response', 'reply']),
};

/** Names of exported route handlers of file-based routers (Next.js `export async function GET(request)`). */
export const routeHandlerExports: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Functions that run once in a process's life, by name: entry points, start-up and set-up steps,
 * shutdown steps. A name matches when it is one of these or starts with one followed by an
 * upper-case letter, `_` or a digit (`startWorkers`, `setupHttpListeners`, `init_db`).
 */
export const onceNamePrefixes: readonly string[] = [
  'main',
  'cli',
  'run',
  'start',
  'boot',
  'bootstrap',
  'setup',
  'setUp',
  'init',
  'initialize',
  'initialise',
  'load',
  'register',
  'configure',
  'install',
  'connect',
  'listen',
  'mount',
  'prepare',
  'stop',
  'shutdown',
  'teardown',
  'terminate',
  'dispose',
  'close',
  'destroy',
  'quit',
  'exit',
  'cleanup',
  'gracefulShutdown',
];

/**
 * Modules that ask a person for input at a terminal. A file that imports one is interactive
 * command-line code: a call there that hangs is in front of someone who can interrupt it.
 * Matched against the import specifier's last path segment (`../tools/prompt` counts).
 */
export const interactivePromptModules: ReadonlySet<string> = new Set([
  'prompt',
  'prompts',
  'promptly',
  'inquirer',
  'enquirer',
  'readline-sync',
  '@inquirer/prompts',
  '@clack/prompts',
]);

// ---------------------------------------------------------------------------------------------
// Connection pools and HTTP agents (no-unbounded-pool)
// ---------------------------------------------------------------------------------------------

/** An option that caps how many connections a pool or an HTTP agent opens at once. */
export interface ConnectionLimitOption {
  readonly name: string;
  /** Values the library takes to mean "no limit" (`0` for mysql's `connectionLimit`, `null` for undici's `connections`). */
  readonly unlimited: readonly (number | null)[];
}

/** A connection-string parameter that sets the pool size (`?maxPoolSize=0`). */
export interface ConnectionStringLimit {
  readonly name: string;
  readonly unlimited: readonly number[];
  /** The argument that holds the connection string. */
  readonly at: number;
}

/** A constructor or factory of a connection pool or an HTTP agent, and the options that cap its connections. */
export interface ConnectionPoolEntry {
  readonly exports: readonly { readonly from: string; readonly path: string }[];
  /** `new Pool(…)` rather than `createPool(…)`. */
  readonly construct: boolean;
  /** The argument that holds the options. */
  readonly optionsAt: number;
  /** The object below the options that holds the limits (`pool` for knex's `pool: { max }`). */
  readonly within?: string;
  /** Options that each cap the connections: one finite value bounds the pool. */
  readonly limits: readonly ConnectionLimitOption[];
  /**
   * What no limit at all means: the library's default is finite (`bounded`); the default is no
   * limit, which matters for an agent that keeps its sockets open (`keep-alive`); or the default is
   * no limit, and is common and often intended (`unlimited`, reported only when asked for).
   */
  readonly whenAbsent: 'bounded' | 'keep-alive' | 'unlimited';
  /** For `keep-alive`: the option that keeps sockets open between requests, and whether it is on when the options do not say. */
  readonly keepAlive?: { readonly option: string; readonly byDefault: boolean };
  /** Options that take over how connections are made (undici's `factory`): with one, the limits are not the options' to give. */
  readonly delegates?: readonly string[];
  readonly connectionString?: ConnectionStringLimit;
}

/** Node's `http.Agent`: `maxSockets` of `0` or `null` falls back to the default, `Infinity`. */
const agentLimits: readonly ConnectionLimitOption[] = [
  { name: 'maxSockets', unlimited: [0, null, Infinity] },
  { name: 'maxTotalSockets', unlimited: [Infinity] },
];

const mongoPoolSize: readonly ConnectionLimitOption[] = [{ name: 'maxPoolSize', unlimited: [0] }];
const mongoConnectionString: ConnectionStringLimit = { name: 'maxPoolSize', unlimited: [0], at: 0 };

export const connectionPools: readonly ConnectionPoolEntry[] = [
  {
    exports: [
      { from: 'http', path: 'Agent' },
      { from: 'https', path: 'Agent' },
    ],
    construct: true,
    optionsAt: 0,
    limits: agentLimits,
    whenAbsent: 'keep-alive',
    keepAlive: { option: 'keepAlive', byDefault: false },
  },
  {
    // agentkeepalive's agents extend Node's and keep sockets alive unless told not to.
    exports: [
      { from: 'agentkeepalive', path: '' },
      { from: 'agentkeepalive', path: 'HttpAgent' },
      { from: 'agentkeepalive', path: 'HttpsAgent' },
    ],
    construct: true,
    optionsAt: 0,
    limits: agentLimits,
    whenAbsent: 'keep-alive',
    keepAlive: { option: 'keepAlive', byDefault: true },
  },
  {
    exports: [{ from: 'undici', path: 'Agent' }],
    construct: true,
    optionsAt: 0,
    limits: [{ name: 'connections', unlimited: [0, null, Infinity] }],
    whenAbsent: 'unlimited',
    delegates: ['factory'],
  },
  {
    exports: [
      { from: 'undici', path: 'Pool' },
      { from: 'undici', path: 'BalancedPool' },
    ],
    construct: true,
    optionsAt: 1,
    limits: [{ name: 'connections', unlimited: [0, null, Infinity] }],
    whenAbsent: 'unlimited',
    delegates: ['factory'],
  },
  {
    // `connectionLimit: 0` turns mysql's and mysql2's limit off (their default is 10); `null` is read as 0.
    exports: ['mysql', 'mysql2', 'mysql2/promise'].map((from) => ({ from, path: 'createPool' })),
    construct: false,
    optionsAt: 0,
    limits: [{ name: 'connectionLimit', unlimited: [0, null, Infinity] }],
    whenAbsent: 'bounded',
  },
  {
    exports: [{ from: 'mongodb', path: 'MongoClient' }],
    construct: true,
    optionsAt: 1,
    limits: mongoPoolSize,
    whenAbsent: 'bounded',
    connectionString: mongoConnectionString,
  },
  {
    exports: [
      { from: 'mongodb', path: 'MongoClient.connect' },
      { from: 'mongoose', path: 'connect' },
      { from: 'mongoose', path: 'createConnection' },
    ],
    construct: false,
    optionsAt: 1,
    limits: mongoPoolSize,
    whenAbsent: 'bounded',
    connectionString: mongoConnectionString,
  },
  {
    exports: [
      { from: 'knex', path: '' },
      { from: 'knex', path: 'knex' },
    ],
    construct: false,
    optionsAt: 0,
    within: 'pool',
    limits: [{ name: 'max', unlimited: [Infinity] }],
    whenAbsent: 'bounded',
  },
  {
    exports: [
      { from: 'pg', path: 'Pool' },
      { from: 'pg-pool', path: '' },
    ],
    construct: true,
    optionsAt: 0,
    limits: [{ name: 'max', unlimited: [Infinity] }],
    whenAbsent: 'bounded',
  },
];

// ---------------------------------------------------------------------------------------------
// HTTP servers and their timeouts (no-disabled-server-timeouts)
// ---------------------------------------------------------------------------------------------

/** What a server timeout bounds: the time a client may take, or stay idle, before it is cut off. */
export type ServerTimeoutLimit = 'inactivity' | 'request' | 'headers' | 'keep-alive';

export interface ServerTimeoutSetting {
  /** The property, method or option name (`requestTimeout`, `setTimeout`, `connectionTimeout`). */
  readonly name: string;
  readonly limit: ServerTimeoutLimit;
  /** The default, in ms, when it is finite: leaving the setting out restores it. */
  readonly defaultMs?: number;
  /** `0` is read as "not set" and replaced by the default (Fastify's `keepAliveTimeout`): it turns nothing off. */
  readonly zeroMeansDefault?: boolean;
}

/**
 * What a value made by a server factory is: a Node HTTP(S) server, an HTTP/2 server, a Fastify
 * instance, or an application whose `listen()` returns a Node HTTP server (express, koa, connect).
 */
export type ServerKind = 'http-server' | 'http2-server' | 'fastify' | 'app';

export interface ServerFactoryEntry {
  readonly kind: ServerKind;
  readonly exports: readonly { readonly from: string; readonly path: string; readonly construct?: boolean }[];
  /** The timeout options its options object (the first argument, when it is an object) takes. */
  readonly options: readonly ServerTimeoutSetting[];
}

const nodeHttpTimeouts: readonly ServerTimeoutSetting[] = [
  { name: 'requestTimeout', limit: 'request', defaultMs: 300_000 },
  { name: 'headersTimeout', limit: 'headers', defaultMs: 60_000 },
  { name: 'keepAliveTimeout', limit: 'keep-alive', defaultMs: 5_000 },
];

export const serverFactories: readonly ServerFactoryEntry[] = [
  {
    kind: 'http-server',
    exports: ['http', 'https'].flatMap((from) => [
      { from, path: 'createServer' },
      { from, path: 'Server' },
      { from, path: 'Server', construct: true },
    ]),
    options: nodeHttpTimeouts,
  },
  {
    kind: 'http2-server',
    exports: [
      { from: 'http2', path: 'createServer' },
      { from: 'http2', path: 'createSecureServer' },
    ],
    options: [],
  },
  {
    kind: 'fastify',
    exports: [
      { from: 'fastify', path: '' },
      { from: 'fastify', path: 'fastify' },
      { from: 'fastify', path: 'default' },
    ],
    options: [
      { name: 'connectionTimeout', limit: 'inactivity' },
      { name: 'requestTimeout', limit: 'request' },
      // Fastify reads `keepAliveTimeout || 72000`.
      { name: 'keepAliveTimeout', limit: 'keep-alive', defaultMs: 72_000, zeroMeansDefault: true },
    ],
  },
  {
    kind: 'app',
    exports: [
      { from: 'express', path: '' },
      { from: 'connect', path: '' },
      { from: 'koa', path: '', construct: true },
      { from: 'koa', path: 'default', construct: true },
    ],
    options: [],
  },
];

/** Timeouts set on a server object after it is made, as properties (`server.x = v`) or methods (`server.setTimeout(v)`). */
export const serverTimeoutMembers: Readonly<
  Record<'http-server' | 'http2-server', { readonly properties: readonly ServerTimeoutSetting[]; readonly methods: readonly ServerTimeoutSetting[] }>
> = {
  'http-server': {
    properties: [{ name: 'timeout', limit: 'inactivity' }, ...nodeHttpTimeouts],
    methods: [{ name: 'setTimeout', limit: 'inactivity' }],
  },
  'http2-server': {
    properties: [{ name: 'timeout', limit: 'inactivity' }],
    methods: [{ name: 'setTimeout', limit: 'inactivity' }],
  },
};

/**
 * Timeout properties only an HTTP server has: set to `0` on a receiver whose origin the file does not
 * show, they are judged under the rule's `assumeServers` option. (`timeout` is not one: sockets,
 * requests and many clients have it too.)
 */
export const serverOnlyTimeoutProperties: readonly ServerTimeoutSetting[] = nodeHttpTimeouts;

/**
 * How a receiver of unknown origin must be named (its identifier, or the last property of a member
 * chain, case-insensitively ending with one of these) to be assumed a server: `server`,
 * `httpServer`, `this._server`, `srv`. Configuration objects (`options.requestTimeout = 0`) are not.
 */
export const assumedServerNameSuffixes: readonly string[] = ['server', 'srv'];

/** Methods of a server that return the server itself, so a chain (`createServer(app).listen(port)`) is still the server. */
export const serverSelfReturningMethods: ReadonlySet<string> = new Set([
  'listen',
  'setTimeout',
  'on',
  'once',
  'addListener',
  'prependListener',
  'off',
  'removeListener',
  'ref',
  'unref',
]);

/** Functions that take a server as their first argument and return it, enhanced (graceful-stop helpers). */
export const serverWrappers: readonly { readonly from: string; readonly path: string }[] = [
  { from: 'stoppable', path: '' },
  { from: 'http-shutdown', path: '' },
];

/** The method of an application (express, koa, connect) that starts and returns its Node HTTP server. */
export const appListenMethod = 'listen';

/** The property of a Fastify instance that holds its Node HTTP server. */
export const fastifyServerProperty = 'server';

// ---------------------------------------------------------------------------------------------
// Termination signals, closing and draining (no-abrupt-shutdown)
// ---------------------------------------------------------------------------------------------

/** The signals a supervisor (Kubernetes, systemd, Docker, a terminal) sends to ask a process to stop. */
export const terminationSignals: ReadonlySet<string> = new Set(['SIGTERM', 'SIGINT', 'SIGHUP']);

/** `process` methods that register a signal handler. */
export const signalRegistrationMethods: readonly string[] = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'];

/** `process` methods that end the process at once (`kill` only when it targets `process.pid`). */
export const processExitMethods: readonly string[] = ['exit', 'abort', 'reallyExit', 'kill'];

/**
 * Method names that end an object's life. An interval an object holds must be cleared in one of
 * them (the default of `no-leaked-timer`'s `closeMethods`), and calling one on each of a set of
 * things is closing them, not fanning work out.
 */
export const lifecycleEndMethods: readonly string[] = ['close', 'stop', 'dispose', 'destroy', 'shutdown', 'end', 'disconnect', 'quit', 'terminate'];

/** Calls that let go of one thing: ending its life, or `unref()`, `abort()`, `cancel()`, `kill()`. */
export const releaseMethods: readonly string[] = [...lifecycleEndMethods, 'unref', 'abort', 'cancel', 'kill'];

/**
 * Functions that tear down what the process opened (`close`, `stopWorkers`, `drainQueue`,
 * `flush_logs`), by name prefix (see `namePrefixPattern`): work they fan out is bounded by what
 * is open.
 */
export const teardownNamePrefixes: readonly string[] = [...lifecycleEndMethods, 'drain', 'teardown', 'tearDown', 'cleanup', 'cleanUp', 'flush'];

/** Names a receiver is known as a pool by (`pool`, `dbPool`, `this.pgPool`), case aside. */
export const poolNamePattern = /pool/i;

/** The names an error-first callback's error parameter goes by, and a failure test reads (`if (err)`). */
export const errorParameterNames: ReadonlySet<string> = new Set(['err', 'error', 'e']);

/** Names of values that carry a failure: the error parameter's names, `ex`, `exception`, `failure`, `reason`, and anything ending in `Error`. */
export const failureNamePattern = new RegExp(`^(${[...errorParameterNames, 'ex', 'exception', 'failure', 'reason'].join('|')})$|Error$`);

/**
 * Method and function names that close or drain something: servers, workers, queues, pools,
 * clients, loggers. A name matches when it is one of these or starts with one followed by an
 * upper-case letter, `_`, `$` or a digit (`closeServer`, `stopWorkers`, `flushLogs`, `$disconnect`
 * once its `$` is dropped). A name ending in `Sync` (`flushSync`, `closeSync`) finishes before it
 * returns.
 */
export const closeMethodPrefixes: readonly string[] = [
  'close',
  'end',
  'quit',
  'disconnect',
  'stop',
  'shutdown',
  'destroy',
  'drain',
  'flush',
  'terminate',
  'dispose',
  'teardown',
  'tearDown',
  'cleanup',
  'cleanUp',
  'graceful',
  'unsubscribe',
  'waitFor',
];

/**
 * Functions whose awaited result is only a pause, not a drain (`await sleep(1000)`): names of
 * callees, and `setTimeout` of `timers/promises`.
 */
export const sleepFunctions: ReadonlySet<string> = new Set(['sleep', 'delay', 'wait', 'pause', 'setTimeout', 'setTimeoutPromise', 'timeout']);

/** Calls that run the callback they are given soon, without waiting for anything: an exit there is as abrupt as one in place. */
export const immediateCallbacks: ReadonlySet<string> = new Set(['setImmediate', 'nextTick', 'queueMicrotask']);

/** Timer calls: an exit in their callback is a grace-period backstop when the handler closes something too. */
export const graceTimers: ReadonlySet<string> = new Set(['setTimeout']);

/**
 * Shutdown libraries: a file that imports one hands its signals to the library, which closes
 * servers and waits for work in flight before it exits.
 */
export const shutdownModules: readonly string[] = [
  '@godaddy/terminus',
  'http-terminator',
  'lightship',
  'close-with-grace',
  'http-graceful-shutdown',
  'stoppable',
  'exit-hook',
  'async-exit-hook',
  'node-graceful-shutdown',
  '@nestjs/terminus',
];

/**
 * Modules whose use makes a file part of a service (an HTTP server, a queue worker, a pool, a
 * broker or database client): a signal handler there stops work in flight. Without one of these,
 * a `.listen()` call, or a close in the handler itself, the file is taken for a script.
 */
export const serviceModules: ReadonlySet<string> = new Set([
  'express',
  'fastify',
  'koa',
  '@koa/router',
  '@hapi/hapi',
  'hapi',
  'restify',
  'polka',
  'hono',
  '@hono/node-server',
  '@nestjs/core',
  '@nestjs/common',
  '@apollo/server',
  'apollo-server',
  'graphql-yoga',
  '@grpc/grpc-js',
  'ws',
  'socket.io',
  'bullmq',
  'bull',
  'bee-queue',
  'agenda',
  'amqplib',
  'amqp-connection-manager',
  'kafkajs',
  'sqs-consumer',
  'nats',
  'mqtt',
  'pg',
  'pg-pool',
  'mysql',
  'mysql2',
  'mariadb',
  'mongodb',
  'mongoose',
  'ioredis',
  'redis',
  'knex',
  'sequelize',
  'typeorm',
  '@prisma/client',
  'better-sqlite3',
  'sqlite3',
]);

/** Method names that start a server: a file that calls one runs a service. */
export const serverStartMethods: ReadonlySet<string> = new Set(['listen', 'createServer', 'createSecureServer']);

// ---------------------------------------------------------------------------------------------
// Metrics and their labels (no-unbounded-metric-labels)
// ---------------------------------------------------------------------------------------------

/** The metrics library a metric object belongs to: it decides which argument of which method holds the labels. */
export type MetricFamily = 'prom-client' | 'opentelemetry';

/**
 * An export that makes metric objects: a prom-client metric (`new Counter(…)`, or one looked up in
 * a registry), an OpenTelemetry meter (`metrics.getMeter(…)`), or a meter provider whose
 * `getMeter` gives one.
 */
export interface MetricApiEntry {
  readonly family: MetricFamily;
  readonly role: 'metric' | 'meter' | 'meter-provider';
  readonly kind: 'construct' | 'call';
  readonly exports: readonly { readonly from: string; readonly path: string }[];
}

const promClientModules = ['prom-client'];
const otelApiModules = ['@opentelemetry/api', '@opentelemetry/api-metrics'];

export const metricApis: readonly MetricApiEntry[] = [
  {
    family: 'prom-client',
    role: 'metric',
    kind: 'construct',
    exports: promClientModules.flatMap((from) => ['Counter', 'Gauge', 'Histogram', 'Summary'].map((path) => ({ from, path }))),
  },
  {
    family: 'prom-client',
    role: 'metric',
    kind: 'call',
    exports: promClientModules.map((from) => ({ from, path: 'register.getSingleMetric' })),
  },
  { family: 'opentelemetry', role: 'meter', kind: 'call', exports: otelApiModules.map((from) => ({ from, path: 'metrics.getMeter' })) },
  {
    family: 'opentelemetry',
    role: 'meter-provider',
    kind: 'call',
    exports: otelApiModules.map((from) => ({ from, path: 'metrics.getMeterProvider' })),
  },
  { family: 'opentelemetry', role: 'meter-provider', kind: 'construct', exports: [{ from: '@opentelemetry/sdk-metrics', path: 'MeterProvider' }] },
];

/** The method of a meter provider that gives a meter. */
export const meterFromProvider = 'getMeter';

/** Methods of an OpenTelemetry meter that create an instrument. */
export const otelInstrumentFactories: ReadonlySet<string> = new Set([
  'createCounter',
  'createUpDownCounter',
  'createHistogram',
  'createGauge',
  'createObservableGauge',
  'createObservableCounter',
  'createObservableUpDownCounter',
]);

/**
 * Where each metric method takes its labels. `object` is an argument that is a label set when it is
 * an object (`inc({ route }, 1)`, not `inc(1)`); `values` means every argument is a label value, or
 * the only argument is a label set (`labels('GET', '200')`, `labels({ method })`).
 */
export type LabelArgument = { readonly at: number; readonly form: 'object' } | { readonly form: 'values' };

export const metricLabelMethods: Readonly<Record<MetricFamily, Readonly<Record<string, LabelArgument>>>> = {
  'prom-client': {
    inc: { at: 0, form: 'object' },
    dec: { at: 0, form: 'object' },
    set: { at: 0, form: 'object' },
    observe: { at: 0, form: 'object' },
    startTimer: { at: 0, form: 'object' },
    labels: { form: 'values' },
  },
  opentelemetry: {
    add: { at: 1, form: 'object' },
    record: { at: 1, form: 'object' },
  },
};

/** The prom-client method that returns a function which ends the timer, taking labels as its first argument. */
export const promTimerMethod = 'startTimer';

/** The prom-client method that returns the metric for one label combination (`labels(…).inc()`). */
export const promChildMethod = 'labels';

/** The prom-client constructor option a metric's `this` is bound to in (`collect() { this.set(…) }`). */
export const promCollectOption = 'collect';

/** The prom-client constructor option that names the labels, in the order `labels(…)` takes their values. */
export const promLabelNamesOption = 'labelNames';

/** OpenTelemetry observable instruments: `addCallback((result) => result.observe(value, attributes))`. */
export const otelObservableCallback = { method: 'addCallback', observe: 'observe', attributesAt: 1 } as const;

/** `meter.addBatchObservableCallback((batch) => batch.observe(instrument, value, attributes), [...])`. */
export const otelBatchObservableCallback = { method: 'addBatchObservableCallback', observe: 'observe', attributesAt: 2 } as const;

/**
 * Parameter names that hold an incoming request: Express and Node's `req`, Fastify's `request`,
 * Koa's `ctx`. The name alone is the evidence, so it must be a parameter, not any variable.
 */
export const requestParameterNames: ReadonlySet<string> = new Set(['req', 'request', 'ctx']);

/** Properties that lead from a framework's request object to the same request (`ctx.request.url`, `request.raw.url`). */
export const requestAliasProperties: ReadonlySet<string> = new Set(['request', 'req', 'raw']);

/** Request properties that hold the raw URL or path: one value per distinct path. */
export const requestRawPathProperties: ReadonlySet<string> = new Set(['url', 'originalUrl', 'path', 'href', 'querystring', 'search']);

/** Request properties whose fields the client chooses: `req.query.*`, `req.params.*`, `req.headers[…]`. */
export const requestClientFields: ReadonlySet<string> = new Set(['query', 'params', 'headers']);

/** Request properties whose value the client or its network chooses. */
export const requestClientValues: ReadonlySet<string> = new Set(['ip', 'ips']);

/** Request properties that hold the request's own id (`req.id` with pino-http, Fastify's `request.id`). */
export const requestIdProperties: ReadonlySet<string> = new Set(['id']);

/** Request methods that read a header (`req.get('user-agent')`, `ctx.get(…)`, `req.header(…)`). */
export const requestHeaderGetters: ReadonlySet<string> = new Set(['get', 'header', 'getHeader']);

/**
 * Names of values with one value per user, session or entity. Compared without case, `_` or `-`
 * (`userId`, `user_id`, `USER_ID` are one name).
 */
export const unboundedIdNames: readonly string[] = [
  'userId',
  'email',
  'userEmail',
  'tenantId',
  'sessionId',
  'requestId',
  'correlationId',
  'traceId',
  'spanId',
  'orderId',
  'customerId',
  'accountId',
];

/** Objects whose `.id` is an unbounded id (`user.id`, `ctx.state.session.id`). */
export const idOwnerNames: ReadonlySet<string> = new Set(['user', 'session', 'order', 'tenant', 'customer', 'account', 'trace', 'span']);

/** Error properties that hold free text. */
export const errorTextProperties: ReadonlySet<string> = new Set(['message', 'stack']);

/** Names a caught error goes by (besides a `catch` clause's parameter, whatever its name): an error parameter's names, and `ex`, `exc`, `exception`. */
export const errorVariableNames: ReadonlySet<string> = new Set([...errorParameterNames, 'ex', 'exc', 'exception']);

/**
 * Whether a name says it holds an error object, whose text (`message`, `stack`) is free: one of
 * {@link errorVariableNames}, or a name ending in `Error` / `Err` after a lower-case letter
 * (`dbError`, `lastErr`, `TypeError`). Narrower than {@link failureNamePattern}, which also takes a
 * rejection's `reason` or a `failure` flag as a failure to test: either may be a short code.
 */
export function isErrorObjectName(name: string): boolean {
  return errorVariableNames.has(name) || /[a-z](?:Error|Err)$/.test(name);
}

/** String (and split-array) methods whose result is as unbounded as the string they are called on. */
export const labelPassThroughMethods: ReadonlySet<string> = new Set([
  'replace',
  'replaceAll',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'substr',
  'split',
  'concat',
  'padStart',
  'padEnd',
  'normalize',
  'at',
  'join',
  'shift',
  'pop',
  'toString',
  'valueOf',
]);

/** Global functions whose result is as unbounded as their argument. */
export const labelPassThroughGlobals: ReadonlySet<string> = new Set(['String', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent']);

/** Properties of a `URL` (or `url.parse` result) that carry the path or the whole URL. */
export const urlPathProperties: ReadonlySet<string> = new Set(['pathname', 'href', 'search', 'path']);

/** `url.parse` from Node's `url` module, whose result carries the path of the URL it is given. */
export const urlParseExports: readonly { readonly from: string; readonly path: string }[] = [{ from: 'url', path: 'parse' }];

/**
 * The route template of each framework, which a suggestion puts in place of a raw path: `{{request}}`
 * is the request parameter. A framework applies when the file imports one of its modules.
 */
export interface RouteTemplateEntry {
  readonly framework: 'express' | 'fastify' | 'koa';
  readonly modules: readonly string[];
  readonly template: string;
}

export const routeTemplates: readonly RouteTemplateEntry[] = [
  { framework: 'fastify', modules: ['fastify'], template: '{{request}}.routeOptions.url' },
  { framework: 'koa', modules: ['@koa/router', 'koa-router'], template: '{{request}}._matchedRoute' },
  { framework: 'express', modules: ['express'], template: '{{request}}.route?.path' },
];

/** The label value a suggestion gives requests that matched no route. */
export const unmatchedRouteLabel = 'unmatched';

// ---------------------------------------------------------------------------------------------
// Retry libraries (require-retry-cap)
// ---------------------------------------------------------------------------------------------

/** An option that caps a retry policy, and the values its library documents as "no cap" besides an endless count. */
export interface RetryLimitOption {
  /** Dotted path in the options object: `retries`, `retry.limit`. */
  readonly path: string;
  /** Values the library documents as unlimited (`-1` for NATS' `maxReconnectAttempts`); `Infinity` and huge counts always are. */
  readonly unlimited?: readonly number[];
}

/** A retry library's entry point, where its options are, and what in them makes it retry forever. */
export interface RetryLibraryEntry {
  readonly from: string;
  /** Export path below the module object (`''` for the module itself). */
  readonly path: string;
  /** Argument positions that may hold the options object (`promise-retry` takes it first or second). */
  readonly optionsAt: readonly number[];
  readonly limits: readonly RetryLimitOption[];
  /** Boolean options that, set to `true`, retry forever whatever the count says. */
  readonly forever?: readonly string[];
}

export const retryLibraries: readonly RetryLibraryEntry[] = [
  { from: 'p-retry', path: '', optionsAt: [1], limits: [{ path: 'retries' }], forever: ['forever'] },
  // async-retry and promise-retry hand their options to `retry`, which knows `forever`
  { from: 'async-retry', path: '', optionsAt: [1], limits: [{ path: 'retries' }], forever: ['forever'] },
  { from: 'promise-retry', path: '', optionsAt: [0, 1], limits: [{ path: 'retries' }], forever: ['forever'] },
  { from: 'retry', path: 'operation', optionsAt: [0], limits: [{ path: 'retries' }], forever: ['forever'] },
  { from: 'retry', path: 'timeouts', optionsAt: [0], limits: [{ path: 'retries' }], forever: ['forever'] },
  { from: 'axios-retry', path: '', optionsAt: [1], limits: [{ path: 'retries' }] },
  { from: 'cockatiel', path: 'retry', optionsAt: [1], limits: [{ path: 'maxAttempts' }] },
  { from: 'got', path: '', optionsAt: [1], limits: [{ path: 'retry.limit' }, { path: 'retry' }] },
  { from: 'got', path: 'extend', optionsAt: [0], limits: [{ path: 'retry.limit' }, { path: 'retry' }] },
  { from: 'exponential-backoff', path: 'backOff', optionsAt: [1], limits: [{ path: 'numOfAttempts' }] },
  { from: 'async', path: 'retry', optionsAt: [0], limits: [{ path: 'times' }] },
  { from: 'async', path: 'retryable', optionsAt: [0], limits: [{ path: 'times' }] },
  // NATS documents `maxReconnectAttempts: -1` as "never give up"
  { from: 'nats', path: 'connect', optionsAt: [0], limits: [{ path: 'maxReconnectAttempts', unlimited: [-1] }] },
];

/**
 * Option names that cap retries in any library or hand-written client (`{ retries }`, `{ maxAttempts }`),
 * reported when they are statically endless (`Infinity`), whoever reads them.
 */
export const retryCountOptions: ReadonlySet<string> = new Set(['retries', 'maxRetries', 'maxAttempts', 'retryLimit', 'attempts']);

/** Option objects nested under these keys cap retries with `limit` (got, ky: `retry: { limit }`). */
export const retryPolicyKeys: ReadonlySet<string> = new Set(['retry']);

/**
 * Options of node-retry (used by p-retry, async-retry, promise-retry): next to one of them, `forever: true`
 * means retrying forever. Alone it may mean something else (request's `forever` keeps sockets alive).
 */
export const retryForeverCompanions: ReadonlySet<string> = new Set(['retries', 'factor', 'minTimeout', 'maxTimeout', 'randomize', 'maxRetryTime']);
