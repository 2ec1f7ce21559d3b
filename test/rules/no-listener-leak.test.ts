import rule, { type MessageIds, type Options } from '../../rules/no-listener-leak.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

interface Expected {
  /** The registration's method token, counted from the start: `on`, 2 = the second `on`… */
  readonly method: string;
  readonly occurrence?: number;
  readonly emitter: string;
  readonly event: string;
  readonly fn: string;
  readonly messageId?: MessageIds;
  /** Every suggestion the finding offers, with its exact output. */
  readonly suggestions?: NonNullable<Case['errors'][number]['suggestions']>;
}

/** Strict mode: code the file does not show to run once or to repeat is assumed to run per call. */
const assumeRepeats: Partial<Case> = { options: [{ assumeRepeats: true }] };

/** The method of the registration is found as `.method(` so that `on` inside words is not matched. */
function invalid(code: string, expected: Expected, extra: Partial<Case> = {}): Case {
  const location = at(code, `.${expected.method}(`, expected.occurrence ?? 1);
  return {
    code,
    errors: [
      {
        messageId: expected.messageId ?? 'listenerLeak',
        data: { emitter: expected.emitter, method: expected.method, event: expected.event, fn: expected.fn },
        line: location.line,
        column: location.column + 1,
        endLine: location.line,
        endColumn: location.column + 1 + expected.method.length,
        ...(expected.suggestions ? { suggestions: expected.suggestions } : {}),
      },
    ],
    output: null,
    ...extra,
  };
}

new SteadyStateRuleTester().run('no-listener-leak', rule, {
  valid: [
    // Registrations at module level and in start-up code.
    `process.on('SIGTERM', () => server.close());\nserver.on('error', (err) => log.error(err));`,
    `import { bus } from './bus.js';\nexport function start() {\n  bus.on('order.created', notify);\n}`,
    `import { pool } from './db.js';\nfunction init() {\n  pool.on('error', (err) => log.error(err));\n}\ninit();`,
    `server.once('listening', () => {\n  process.on('SIGINT', () => server.close());\n});`,
    `export default function main() {\n  process.on('unhandledRejection', (err) => log.fatal(err));\n}`,
    // Listeners on objects made in the same call.
    `app.get('/x', (req, res) => {\n  req.on('close', () => log.debug('closed'));\n  res.on('finish', () => metrics.observe(res.statusCode));\n});`,
    `export function upload(path) {\n  const stream = fs.createReadStream(path);\n  stream.on('error', (err) => log.warn(err));\n  return stream;\n}`,
    `wss.on('connection', (socket) => {\n  socket.on('message', (data) => handle(socket, data));\n});`,
    `export function query(sql) {\n  const stream = client.query(new QueryStream(sql));\n  stream.on('pipe', (source) => {\n    stream.on('close', () => source.destroy());\n  });\n  return stream;\n}`,
    // Removed on the way out: by reference, in a close handler, in finally, by the listener itself.
    `import { bus } from './bus.js';\napp.get('/events', (req, res) => {\n  const send = (e) => res.write(e);\n  bus.on('order', send);\n  res.on('close', () => bus.off('order', send));\n});`,
    `import { bus } from './bus.js';\nexport async function waitFor(id) {\n  const onDone = () => {};\n  bus.on('done', onDone);\n  try {\n    await work(id);\n  } finally {\n    bus.removeListener('done', onDone);\n  }\n}`,
    `import { bus } from './bus.js';\nexport function once(name, fn) {\n  bus.on(name, function handler(value) {\n    bus.off(name, handler);\n    fn(value);\n  });\n}`,
    `import { bus } from './bus.js';\nexport function subscribe() {\n  bus.on('x', onX);\n}\nexport function shutdown() {\n  bus.removeAllListeners('x');\n}`,
    // Removed for us: once, signal.
    `const target = new EventTarget();\nexport function watch(signal) {\n  target.addEventListener('change', refresh, { signal });\n}`,
    `const target = new EventTarget();\nexport function next() {\n  target.addEventListener('tick', resolveTick, { once: true });\n}`,
    `import { bus } from './bus.js';\nexport function request(id) {\n  bus.once(\`reply:\${id}\`, (reply) => resolveReply(id, reply));\n}`,
    // node:events helpers take the emitter as an argument.
    `import events from 'node:events';\nexport async function next(bus, signal) {\n  for await (const [e] of events.on(bus, 'tick', { signal })) return e;\n}`,
    `import { once } from 'node:events';\nexport async function ready(server) {\n  await once(server, 'listening');\n}`,
    // Subscription APIs: the caller's listener, or a handle returned to the caller.
    `const emitter = new EventEmitter();\nexport function subscribe(listener) {\n  emitter.on('change', listener);\n  return () => emitter.off('change', listener);\n}`,
    `const instrumentation = new InstrumentationEmitter();\nexport const on = (name, listener) => {\n  return instrumentation.addListener(name, (event) => listener(event));\n};`,
    // The result is handed back: for a custom emitter, an unsubscribe handle.
    `const emitter = new EventEmitter();\nexport const watch = (id) => emitter.prependListener('change', () => refresh(id));`,
    // Emitters we cannot see the lifetime of: parameters, values read from elsewhere.
    `export function attach(emitter, handler) {\n  emitter.on('data', (chunk) => handler(chunk));\n}`,
    `export function track(ctx) {\n  ctx.events.on('end', () => done(ctx));\n}`,
    // Class fields: constructor registration, classes not known to be long-lived.
    `class Worker {\n  constructor(queue) {\n    this.queue = queue;\n    this.queue.on('job', (job) => this.run(job));\n  }\n}\nexport const worker = new Worker(queue);`,
    `export class Connection {\n  constructor(socket) {\n    this.socket = socket;\n  }\n  write(data) {\n    this.socket.on('drain', () => this.flush());\n  }\n}`,
    // A constructor subscribing process events: how many instances there are is not known here.
    `export class Pool {\n  constructor() {\n    process.on('exit', () => this.close());\n  }\n}`,
    // Not an emitter call at all.
    `export function f(x) {\n  x.on;\n  on('x', handler);\n}`,

    // Code the file does not show to repeat (an exported helper, a public method) is not reported
    // unless the rule is told to assume it repeats.
    `import { bus } from './bus.js';\nexport function track(job) {\n  bus.on('cancel', () => job.abort());\n}`,
    `class OrderService {\n  async place(order) {\n    this.bus.on('payment.failed', () => this.cancel(order.id));\n  }\n}\nexport const orders = new OrderService();`,

    // Code that runs once, even when unknown code is assumed to repeat: entry points, start-up and
    // set-up functions by name (and what only they call), shutdown paths, constructors of singletons.
    {
      code: `export default function cli() {\n  process.on('SIGTERM', () => process.exit(0));\n  process.stdin.on('data', (line) => handle(line));\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `import { bus } from './bus.js';\nexport function startWorkers(pool) {\n  bus.on('job', (job) => pool.run(job));\n}\nexport async function bootServer() {\n  bus.on('reload', () => reload());\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `const Server = {};\nServer.setupHttpListeners = async () => {\n  process.on('SIGINT', () => Server.stop());\n  bus.on('config', (c) => Server.reconfigure(c));\n};`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `import { bus } from './bus.js';\nfunction wireMetrics() {\n  bus.on('request', (r) => metrics.observe(r));\n}\nexport function loadPlugins() {\n  wireMetrics();\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `import { bus } from './bus.js';\nexport async function shutdown() {\n  bus.on('drained', () => log.info('drained'));\n  await Promise.race([flush(), sleep(5000)]);\n  process.exit(0);\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `(async () => {\n  process.on('unhandledRejection', (err) => log.fatal(err));\n})();`,
      options: [{ assumeRepeats: true }],
    },
    // A constructor of a class the file makes once, and the callbacks inside it.
    {
      code: `import { bus } from './bus.js';\nclass Indexer {\n  constructor() {\n    ['post', 'page'].forEach((type) => bus.on(type, (doc) => this.index(doc)));\n  }\n  index(doc) {}\n}\nexport const indexer = new Indexer();`,
      options: [{ assumeRepeats: true }],
    },
    // A method only the class calls (`_name` by convention), called only from a start-up method.
    {
      code: `import { bus } from './bus.js';\nexport class RecordServer {\n  run() {\n    this._trackRecords();\n  }\n  _trackRecords() {\n    bus.on('postRecord', (session) => this.index(session));\n  }\n  index(session) {}\n}`,
      options: [{ assumeRepeats: true }],
    },
    // A short helper script: its top-level connect callback runs once.
    {
      code: `import net from 'node:net';\nconst socket = net.connect(7070, () => {\n  process.stdin.on('data', (data) => socket.write(data));\n  socket.on('data', (data) => process.stdout.write(data));\n});`,
      options: [{ assumeRepeats: true }],
    },
    // An emitter made in the same call that listens to it, even when stored on a long-lived object.
    {
      code: `const S = {};\nexport function listen(app, port) {\n  S.server = http.createServer(app);\n  S.server.on('error', (err) => log.error(err));\n  S.server.listen(port);\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `const state = {};\nsetInterval(() => {\n  state.socket = net.connect(port);\n  state.socket.on('error', (err) => log.warn(err));\n}, 5000);`,
      options: [{ assumeRepeats: true }],
    },
    // A one-shot lifecycle event's listener runs as often as the code that added it.
    {
      code: `import { bus } from './bus.js';\nserver.on('listening', () => {\n  bus.on('broadcast', (m) => server.publish(m));\n});`,
      options: [{ assumeRepeats: true }],
    },

    // The caller's signal: removed when the call settles, a signal of the call's own, a result bound
    // to the signal, a function that runs until the abort, a promise only the abort settles.
    `export async function fetchJson(url, { signal } = {}) {\n  const controller = new AbortController();\n  const onAbort = () => controller.abort();\n  signal?.addEventListener('abort', onAbort);\n  try {\n    const res = await fetch(url, { signal: controller.signal });\n    return await res.json();\n  } finally {\n    signal?.removeEventListener('abort', onAbort);\n  }\n}`,
    `export async function fetchJson(url, { signal } = {}) {\n  const controller = new AbortController();\n  signal?.addEventListener('abort', () => controller.abort(), { signal: controller.signal });\n  try {\n    return await (await fetch(url, { signal: controller.signal })).json();\n  } finally {\n    controller.abort();\n  }\n}`,
    {
      code: `export async function openFeed(url, signal) {\n  const ws = await openSocket(url);\n  signal.addEventListener('abort', () => ws.close());\n  return ws;\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export async function work(signal) {\n  const controller = new AbortController();\n  signal.addEventListener('abort', () => controller.abort());\n  while (!signal.aborted) await tick(controller.signal);\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export function untilAborted(signal) {\n  return new Promise((resolve) => signal.addEventListener('abort', resolve));\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export function link(signal, controller) {\n  signal.addEventListener('abort', () => controller.abort());\n}`,
      options: [{ assumeRepeats: true }],
    },
    `import events from 'node:events';\nexport async function executeJob(job, signal) {\n  const controller = new AbortController();\n  const disposable = events.addAbortListener(signal, () => controller.abort());\n  try {\n    await job.run(controller.signal);\n  } finally {\n    disposable[Symbol.dispose]();\n  }\n}`,
    `export function fetchWithTimeout(url, { signal, timeout = 10_000 } = {}) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), timeout);\n  const onAbort = () => controller.abort();\n  signal?.addEventListener('abort', onAbort);\n  return fetch(url, { signal: controller.signal }).finally(() => {\n    clearTimeout(timer);\n    signal?.removeEventListener('abort', onAbort);\n  });\n}`,
    `const inflight = new Set();\nexport async function track(id, signal) {\n  inflight.add(id);\n  signal.addEventListener('abort', () => inflight.delete(id));\n  await work(id);\n}`,
    `async function main(signal) {\n  const controller = new AbortController();\n  signal.addEventListener('abort', () => controller.abort());\n  await serve(controller.signal);\n}\nmain(shutdown.signal);`,

    // Sockets: the request's own events, removed when the response ends, once per socket, an event
    // stream that holds its connection, an upgraded socket, a pooled client checked out once.
    `app.get('/report', (req, res) => {\n  req.on('close', () => metrics.decrement('open'));\n  res.json(buildReport());\n});`,
    `app.get('/report', (req, res) => {\n  const onClose = () => metrics.decrement('open');\n  req.socket.on('close', onClose);\n  res.on('finish', () => req.socket.off('close', onClose));\n  res.json(buildReport());\n});`,
    `const tracked = new WeakSet();\napp.get('/report', (req, res) => {\n  if (!tracked.has(req.socket)) {\n    tracked.add(req.socket);\n    req.socket.on('close', () => metrics.decrement('open'));\n  }\n  res.json(buildReport());\n});`,
    `app.get('/events', (req, res) => {\n  res.writeHead(200, { 'content-type': 'text/event-stream' });\n  req.socket.on('close', () => metrics.decrement('streams'));\n});`,
    `server.on('upgrade', (req, socket, head) => {\n  req.socket.on('error', (err) => log.warn(err));\n});`,
    `app.get('/report', (req, res) => {\n  req.socket.once('drain', () => res.end());\n});`,
    `async function main() {\n  const client = await pool.connect();\n  client.on('notification', (n) => handle(n));\n}\nmain();`,
    `export function get(url) {\n  const request = https.request(url);\n  request.on('socket', (socket) => {\n    if (socket.connecting) socket.once('connect', () => log.debug('connected'));\n  });\n  request.end();\n}`,
    `export function parse(response) {\n  response.socket.on('data', (chunk) => frames.push(chunk));\n}`,

    // process: a flag the registration sets, calls that are alternatives, calls from different commands.
    {
      code: `let installed = false;\nclass Store {\n  constructor() {\n    if (!installed) {\n      installed = true;\n      process.on('exit', () => Store.flushAll());\n    }\n  }\n}\nexport const users = new Store();\nexport const orders = new Store();`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `let registered = false;\nexport function enableCrashLog() {\n  if (registered) return;\n  registered = true;\n  process.on('uncaughtException', (err) => log.fatal(err));\n}\nenableCrashLog();\nenableCrashLog();`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `function attachSignalHandlers(server) {\n  for (const signal of ['SIGINT', 'SIGTERM']) {\n    process.once(signal, () => server.close());\n  }\n}\nattachSignalHandlers(server);`,
      options: [{ checkOnce: true }],
    },
    `function start(role) {\n  process.on('SIGTERM', () => stop(role));\n}\nif (cluster.isPrimary) start('primary');\nelse start('worker');`,
    `function run(file) {\n  process.on('SIGINT', () => process.exit(0));\n  spawn(file);\n}\nprogram.command('dev').action((file) => run(file));\nprogram.command('start').action((file) => run(file));`,

    // Handler evidence: the same handlers that remove what they add, a registration that is not a route,
    // a plugin-level listener that runs once.
    `import { bus } from './bus.js';\nfunction stream(ctx) {\n  const send = (order) => ctx.res.write(order);\n  bus.on('order', send);\n  ctx.res.on('close', () => bus.off('order', send));\n}\napp.get('/orders', [authenticate, stream]);`,
    `import { bus } from './bus.js';\nconst KEY = 'orders';\nexport const loaded = cache.get(KEY, (ctx) => {\n  bus.on('order', (order) => ctx.push(order));\n});`,
    `fastify.register(async (app) => {\n  const subscriber = new Redis();\n  subscriber.on('error', (err) => app.log.error(err));\n  app.get('/feed', async (request, reply) => reply.send(await subscriber.get('feed')));\n});`,
  ],
  invalid: [
    // Server-sent events subscribing each response to a module-level bus.
    invalid(
      `import { bus } from './bus.js';
app.get('/events', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  bus.on('order.updated', (order) => res.write(\`data: \${JSON.stringify(order)}\\n\\n\`));
});`,
      {
        method: 'on',
        occurrence: 1,
        emitter: 'bus',
        event: "'order.updated'",
        fn: 'the handler passed to app.get',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'bus.off', where: 'when `res` closes' },
            output: `import { bus } from './bus.js';
app.get('/events', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const onOrderUpdated = (order) => res.write(\`data: \${JSON.stringify(order)}\\n\\n\`);
  bus.on('order.updated', onOrderUpdated);
  res.on('close', () => bus.off('order.updated', onOrderUpdated));
});`,
          },
        ],
      },
    ),
    // A WebSocket handler listening to a shared pub/sub with a named listener that is never removed.
    invalid(
      `const pubsub = new EventEmitter();
wss.on('connection', (socket) => {
  const forward = (message) => socket.send(message);
  pubsub.on('broadcast', forward);
});`,
      {
        method: 'on',
        occurrence: 2,
        emitter: 'pubsub',
        event: "'broadcast'",
        fn: "the callback passed to wss.on('connection')",
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'pubsub.off', where: 'when `socket` closes' },
            output: `const pubsub = new EventEmitter();
wss.on('connection', (socket) => {
  const forward = (message) => socket.send(message);
  pubsub.on('broadcast', forward);
  socket.on('close', () => pubsub.off('broadcast', forward));
});`,
          },
        ],
      },
    ),
    // A per-job listener on a long-lived queue client: a BullMQ worker's processor runs per job.
    invalid(
      `const events = new QueueEvents('orders');
new Worker('orders', async (job) => {
  events.addListener('failed', ({ jobId }) => {
    if (jobId === job.id) metrics.increment('order.failed');
  });
  await handle(job);
});`,
      {
        method: 'addListener',
        emitter: 'events',
        event: "'failed'",
        fn: 'the callback passed to new Worker',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'events.removeListener', where: 'in a `finally` around the rest of the function' },
            output: `const events = new QueueEvents('orders');
new Worker('orders', async (job) => {
  const onFailed = ({ jobId }) => {
    if (jobId === job.id) metrics.increment('order.failed');
  };
  events.addListener('failed', onFailed);
  try {
    await handle(job);
  } finally {
    events.removeListener('failed', onFailed);
  }
});`,
          },
        ],
      },
    ),
    // Signal handlers installed by a request handler.
    invalid(
      `router.get('/stream', (req, res) => {
  process.on('SIGTERM', () => res.end());
});`,
      {
        method: 'on',
        occurrence: 1,
        emitter: 'process',
        event: "'SIGTERM'",
        fn: 'the handler passed to router.get',
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `router.get('/stream', (req, res) => {
  process.once('SIGTERM', () => res.end());
});`,
          },
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'process.off', where: 'when `res` closes' },
            output: `router.get('/stream', (req, res) => {
  const onSIGTERM = () => res.end();
  process.on('SIGTERM', onSIGTERM);
  res.on('close', () => process.off('SIGTERM', onSIGTERM));
});`,
          },
        ],
      },
    ),
    // A socket's 'data' events, an interval, a worker loop and a self-rescheduling poller repeat.
    invalid(
      `import { bus } from './bus.js';
export function attach(socket) {
  socket.on('data', (chunk) => {
    bus.on('ack', () => socket.write(chunk));
  });
}`,
      { method: 'on', occurrence: 2, emitter: 'bus', event: "'ack'", fn: "the callback passed to socket.on('data')" },
    ),
    invalid(
      `import { bus } from './bus.js';
setInterval(() => {
  bus.on('metrics', (m) => report(m));
}, 10_000);`,
      { method: 'on', emitter: 'bus', event: "'metrics'", fn: 'the callback passed to setInterval' },
    ),
    invalid(
      `import { bus } from './bus.js';
async function main() {
  while (true) {
    const job = await queue.next();
    bus.on('cancel', () => job.abort());
    await job.run();
  }
}
main();`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'cancel'",
        fn: "async function 'main'",
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `import { bus } from './bus.js';
async function main() {
  while (true) {
    const job = await queue.next();
    bus.once('cancel', () => job.abort());
    await job.run();
  }
}
main();`,
          },
        ],
      },
    ),
    invalid(
      `import { bus } from './bus.js';
function poll() {
  bus.on('stop', () => clearTimeout(timer));
  const timer = setTimeout(poll, 1000);
}
poll();`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'stop'",
        fn: "function 'poll'",
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `import { bus } from './bus.js';
function poll() {
  bus.once('stop', () => clearTimeout(timer));
  const timer = setTimeout(poll, 1000);
}
poll();`,
          },
        ],
      },
    ),
    // One hop through the file's call graph: a helper called from a route handler.
    invalid(
      `import { bus } from './bus.js';
function subscribe(res) {
  bus.on('order.updated', (order) => res.write(JSON.stringify(order)));
}
app.get('/orders/stream', (req, res) => subscribe(res));`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'order.updated'",
        fn: "function 'subscribe'",
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'bus.off', where: 'when `res` closes' },
            output: `import { bus } from './bus.js';
function subscribe(res) {
  const onOrderUpdated = (order) => res.write(JSON.stringify(order));
  bus.on('order.updated', onOrderUpdated);
  res.on('close', () => bus.off('order.updated', onOrderUpdated));
}
app.get('/orders/stream', (req, res) => subscribe(res));`,
          },
        ],
      },
    ),
    // A class the file instantiates per connection: its constructor runs per connection.
    invalid(
      `import { bus } from './bus.js';
class Session {
  constructor(socket) {
    bus.on('broadcast', (message) => socket.send(message));
  }
}
wss.on('connection', (socket) => new Session(socket));`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'broadcast'",
        fn: "the constructor of class 'Session'",
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'bus.off', where: 'when `socket` closes' },
            output: `import { bus } from './bus.js';
class Session {
  constructor(socket) {
    const onBroadcast = (message) => socket.send(message);
    bus.on('broadcast', onBroadcast);
    socket.on('close', () => bus.off('broadcast', onBroadcast));
  }
}
wss.on('connection', (socket) => new Session(socket));`,
          },
        ],
      },
    ),
    // Handlers by signature and by export: (req, res) and a file-based router's GET.
    invalid(
      `import { bus } from './bus.js';
export default function handler(req, res) {
  bus.on('done', () => res.end());
}`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'done'",
        fn: "function 'handler'",
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `import { bus } from './bus.js';
export default function handler(req, res) {
  bus.once('done', () => res.end());
}`,
          },
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'bus.off', where: 'when `res` closes' },
            output: `import { bus } from './bus.js';
export default function handler(req, res) {
  const onDone = () => res.end();
  bus.on('done', onDone);
  res.on('close', () => bus.off('done', onDone));
}`,
          },
        ],
      },
    ),
    {
      ...invalid(
        `import { bus } from './bus.js';
export async function GET(request: Request): Promise<Response> {
  const stream = new TransformStream();
  bus.on('tick', () => void stream.writable.getWriter().write('tick'));
  return new Response(stream.readable);
}`,
        { method: 'on', emitter: 'bus', event: "'tick'", fn: "async function 'GET'" },
      ),
      ts: true,
    },

    // Strict: no evidence either way in the file; assumed to run per call.
    invalid(
      `const events = new QueueEvents('orders');
export async function processJob(job) {
  events.addListener('failed', ({ jobId }) => {
    if (jobId === job.id) metrics.increment('order.failed');
  });
  await handle(job);
}`,
      {
        method: 'addListener',
        emitter: 'events',
        event: "'failed'",
        fn: "async function 'processJob'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'events.removeListener', where: 'in a `finally` around the rest of the function' },
            output: `const events = new QueueEvents('orders');
export async function processJob(job) {
  const onFailed = ({ jobId }) => {
    if (jobId === job.id) metrics.increment('order.failed');
  };
  events.addListener('failed', onFailed);
  try {
    await handle(job);
  } finally {
    events.removeListener('failed', onFailed);
  }
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    // Every server made by a factory adds a SIGTERM handler to the process.
    invalid(
      `export function createServer(handler) {
  const server = http.createServer(handler);
  process.on('SIGTERM', () => server.close());
  return server;
}`,
      {
        method: 'on',
        emitter: 'process',
        event: "'SIGTERM'",
        fn: "function 'createServer'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `export function createServer(handler) {
  const server = http.createServer(handler);
  process.once('SIGTERM', () => server.close());
  return server;
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    // prependListener and addEventListener count too.
    invalid(
      `const controller = new AbortController();
export function track(request) {
  controller.signal.addEventListener('abort', () => request.cancel());
}`,
      {
        method: 'addEventListener',
        emitter: 'controller.signal',
        event: "'abort'",
        fn: "function 'track'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: '{ once: true }' },
            output: `const controller = new AbortController();
export function track(request) {
  controller.signal.addEventListener('abort', () => request.cancel(), { once: true });
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    invalid(
      `const emitter = new EventEmitter();
export const watch = (id) => {
  emitter.prependListener('change', () => refresh(id));
};`,
      { method: 'prependListener', emitter: 'emitter', event: "'change'", fn: "the arrow function assigned to 'watch'", messageId: 'listenerLeakAssumed' },
      assumeRepeats,
    ),
    // A factory's emitter, subscribed from the function it returns.
    invalid(
      `export function createStore() {
  const changes = new EventEmitter();
  return {
    subscribeLogger() {
      changes.on('change', (entry) => log.info(entry));
    },
  };
}`,
      { method: 'on', emitter: 'changes', event: "'change'", fn: "method 'subscribeLogger'", messageId: 'listenerLeakAssumed' },
      assumeRepeats,
    ),
    // A field of a singleton service, subscribed per call.
    invalid(
      `class OrderService {
  constructor(bus) {
    this.bus = bus;
  }
  async place(order) {
    this.bus.on('payment.failed', () => this.cancel(order.id));
    await this.repo.insert(order);
  }
}
export const orders = new OrderService(bus);`,
      {
        method: 'on',
        emitter: 'this.bus',
        event: "'payment.failed'",
        fn: "async method 'place'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `class OrderService {
  constructor(bus) {
    this.bus = bus;
  }
  async place(order) {
    this.bus.once('payment.failed', () => this.cancel(order.id));
    await this.repo.insert(order);
  }
}
export const orders = new OrderService(bus);`,
          },
        ],
      },
      assumeRepeats,
    ),
    // A removal of another listener does not remove this one.
    invalid(
      `import { bus } from './bus.js';
export function handle(socket) {
  const onUpdate = (u) => socket.send(u);
  bus.on('update', onUpdate);
  bus.off('update', somethingElse);
}`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'update'",
        fn: "function 'handle'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'bus.off', where: 'when `socket` closes' },
            output: `import { bus } from './bus.js';
export function handle(socket) {
  const onUpdate = (u) => socket.send(u);
  bus.on('update', onUpdate);
  socket.on('close', () => bus.off('update', onUpdate));
  bus.off('update', somethingElse);
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    // once() per call, in strict mode.
    invalid(
      `import { bus } from './bus.js';
export function request(id) {
  bus.once(\`reply:\${id}\`, (reply) => resolveReply(id, reply));
}`,
      { method: 'once', emitter: 'bus', event: '`reply:${id}`', fn: "function 'request'", messageId: 'listenerLeakAssumed' },
      { options: [{ checkOnce: true, assumeRepeats: true }] },
    ),
    invalid(
      `import { bus } from './bus.js';
app.post('/rpc', (req, res) => {
  bus.once(\`reply:\${req.body.id}\`, (reply) => res.json(reply));
});`,
      { method: 'once', emitter: 'bus', event: '`reply:${req.body.id}`', fn: 'the handler passed to app.post' },
      { options: [{ checkOnce: true }] },
    ),
    {
      ...invalid(
        `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export function subscribe(res: { write(s: string): void }): void {
  bus.on('tick', (n: number) => res.write(String(n)));
}`,
        { method: 'on', occurrence: 1, emitter: 'bus', event: "'tick'", fn: "function 'subscribe'", messageId: 'listenerLeakAssumed' },
        assumeRepeats,
      ),
      ts: true,
    },

    // Remedies. A finally that ends the work: the listener is removed there.
    invalid(
      `import { bus } from './bus.js';
app.post('/jobs', async (req, res) => {
  const onProgress = (p) => res.write(String(p));
  bus.on('progress', onProgress);
  try {
    await executeJob(req.body);
  } finally {
    res.end();
  }
});`,
      {
        method: 'on',
        emitter: 'bus',
        event: "'progress'",
        fn: 'the handler passed to app.post',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'bus.off', where: 'in the `finally`' },
            output: `import { bus } from './bus.js';
app.post('/jobs', async (req, res) => {
  const onProgress = (p) => res.write(String(p));
  bus.on('progress', onProgress);
  try {
    await executeJob(req.body);
  } finally {
    bus.off('progress', onProgress);
    res.end();
  }
});`,
          },
        ],
      },
    ),
    // With checkOnce, once() is reported too: only the removal is offered.
    invalid(
      `router.get('/stream', (req, res) => {
  process.on('SIGTERM', () => res.end());
});`,
      {
        method: 'on',
        occurrence: 1,
        emitter: 'process',
        event: "'SIGTERM'",
        fn: 'the handler passed to router.get',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'process.off', where: 'when `res` closes' },
            output: `router.get('/stream', (req, res) => {
  const onSIGTERM = () => res.end();
  process.on('SIGTERM', onSIGTERM);
  res.on('close', () => process.off('SIGTERM', onSIGTERM));
});`,
          },
        ],
      },
      { options: [{ checkOnce: true }] },
    ),
    // No remedy: a capture flag the removal would have to repeat, a listener that is reassigned.
    invalid(
      `const target = new EventTarget();
app.get('/watch', (req, res) => {
  target.addEventListener('change', () => res.write('changed'), { capture: true });
});`,
      { method: 'addEventListener', emitter: 'target', event: "'change'", fn: 'the handler passed to app.get' },
    ),
    invalid(
      `import { bus } from './bus.js';
app.get('/feed', (req, res) => {
  let send = (item) => res.write(item);
  if (req.query.json) send = (item) => res.write(JSON.stringify(item));
  bus.on('item', send);
});`,
      { method: 'on', emitter: 'bus', event: "'item'", fn: 'the handler passed to app.get' },
    ),

    // The caller's AbortSignal: a listener per call, kept after the call settles. `{ once: true }` does not help.
    invalid(
      `export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}`,
      { method: 'addEventListener', emitter: 'signal', event: "'abort'", fn: "function 'sleep'", messageId: 'signalListenerLeak' },
    ),
    invalid(
      `export async function fetchJson(url, options = {}) {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort());
  const res = await fetch(url, { signal: controller.signal });
  return res.json();
}`,
      { method: 'addEventListener', emitter: 'options.signal', event: "'abort'", fn: "async function 'fetchJson'", messageId: 'signalListenerLeak' },
    ),
    invalid(
      `export function query(sql, { signal } = {}) {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort);
    db.query(sql, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}`,
      { method: 'addEventListener', emitter: 'signal', event: "'abort'", fn: "function 'query'", messageId: 'signalListenerLeak' },
    ),
    invalid(
      `import events from 'node:events';
export async function executeJob(job, signal) {
  const controller = new AbortController();
  events.addAbortListener(signal, () => controller.abort());
  await job.run(controller.signal);
}`,
      { method: 'addAbortListener', emitter: 'events', event: 'signal', fn: "async function 'executeJob'", messageId: 'signalListenerLeak' },
    ),
    invalid(
      `export function fetchWithTimeout(url, { signal, timeout = 10_000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  signal?.addEventListener('abort', () => controller.abort());
  return fetch(url, { signal: controller.signal }).finally(() => clearTimeout(timer));
}`,
      { method: 'addEventListener', emitter: 'signal', event: "'abort'", fn: "function 'fetchWithTimeout'", messageId: 'signalListenerLeak' },
    ),
    // Strict: the listener touches state the file cannot show is the call's own.
    invalid(
      `const inflight = new Set();
export async function track(id, signal) {
  inflight.add(id);
  signal.addEventListener('abort', () => inflight.delete(id));
  await work(id);
}`,
      {
        method: 'addEventListener',
        emitter: 'signal',
        event: "'abort'",
        fn: "async function 'track'",
        messageId: 'signalListenerLeak',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'signal.removeEventListener', where: 'in a `finally` around the rest of the function' },
            output: `const inflight = new Set();
export async function track(id, signal) {
  inflight.add(id);
  const onAbort = () => inflight.delete(id);
  signal.addEventListener('abort', onAbort);
  try {
    await work(id);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
          },
        ],
      },
      assumeRepeats,
    ),

    // Sockets and connections that outlive the request: with keep-alive a socket serves many requests.
    invalid(
      `app.get('/report', (req, res) => {
  req.socket.on('close', () => metrics.decrement('open'));
  res.json(buildReport());
});`,
      {
        method: 'on',
        emitter: 'req.socket',
        event: "'close'",
        fn: 'the handler passed to app.get',
        messageId: 'connectionListenerLeak',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'req.socket.off', where: 'when `res` closes' },
            output: `app.get('/report', (req, res) => {
  const onClose = () => metrics.decrement('open');
  req.socket.on('close', onClose);
  res.on('close', () => req.socket.off('close', onClose));
  res.json(buildReport());
});`,
          },
        ],
      },
    ),
    invalid(
      `export function handler(req, res) {
  const { socket } = req;
  socket.on('timeout', () => res.end());
  res.end(render(req.url));
}`,
      {
        method: 'on',
        emitter: 'socket',
        event: "'timeout'",
        fn: "function 'handler'",
        messageId: 'connectionListenerLeak',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'socket.off', where: 'when `res` closes' },
            output: `export function handler(req, res) {
  const { socket } = req;
  const onTimeout = () => res.end();
  socket.on('timeout', onTimeout);
  res.on('close', () => socket.off('timeout', onTimeout));
  res.end(render(req.url));
}`,
          },
        ],
      },
    ),
    invalid(
      `app.get('/report', (req, res) => {
  req.socket.once('close', () => metrics.decrement('open'));
  res.json(buildReport());
});`,
      { method: 'once', emitter: 'req.socket', event: "'close'", fn: 'the handler passed to app.get', messageId: 'connectionListenerLeak' },
    ),
    invalid(
      `app.get('/users', async (req, res) => {
  const client = await pool.connect();
  client.on('error', (err) => log.error(err));
  try {
    res.json(await client.query('select * from users'));
  } finally {
    client.release();
  }
});`,
      {
        method: 'on',
        emitter: 'client',
        event: "'error'",
        fn: 'the handler passed to app.get',
        messageId: 'connectionListenerLeak',
        suggestions: [
          {
            messageId: 'suggestRemoveListener',
            data: { removal: 'client.off', where: 'in the `finally`' },
            output: `app.get('/users', async (req, res) => {
  const client = await pool.connect();
  const onError = (err) => log.error(err);
  client.on('error', onError);
  try {
    res.json(await client.query('select * from users'));
  } finally {
    client.off('error', onError);
    client.release();
  }
});`,
          },
        ],
      },
    ),
    invalid(
      `app.get('/users', (req, res) => {
  pool.getConnection((err, connection) => {
    connection.on('error', (e) => log.warn(e));
    connection.query('select 1', (e, rows) => {
      connection.release();
      res.json(rows);
    });
  });
});`,
      {
        method: 'on',
        occurrence: 1,
        emitter: 'connection',
        event: "'error'",
        fn: 'the callback passed to pool.getConnection',
        messageId: 'connectionListenerLeak',
      },
    ),
    invalid(
      `function get(url) {
  return new Promise((resolve, reject) => {
    const request = https.request(url, resolve);
    request.on('socket', (socket) => {
      socket.on('timeout', () => request.destroy());
    });
    request.end();
  });
}
app.get('/proxy', async (req, res) => res.json(await get(req.query.url)));`,
      {
        method: 'on',
        occurrence: 2,
        emitter: 'socket',
        event: "'timeout'",
        fn: "the callback passed to request.on('socket')",
        messageId: 'connectionListenerLeak',
      },
    ),

    // process from code the file runs more than once.
    invalid(
      `export function watchAll(files) {
  for (const file of files) {
    process.on('exit', () => fs.unlinkSync(file + '.lock'));
  }
}
watchAll(lockFiles);`,
      { method: 'on', emitter: 'process', event: "'exit'", fn: "function 'watchAll'" },
    ),
    invalid(
      `class Store {
  constructor() {
    process.on('exit', () => this.flush());
  }
  flush() {}
}
export const users = new Store();
export const orders = new Store();`,
      { method: 'on', emitter: 'process', event: "'exit'", fn: "the constructor of class 'Store'" },
    ),
    invalid(
      `function start() {
  process.on('uncaughtException', (err) => log.error(err));
  const child = spawn('worker');
  child.on('exit', () => setTimeout(start, 1000));
}
start();`,
      { method: 'on', emitter: 'process', event: "'uncaughtException'", fn: "function 'start'" },
    ),
    invalid(
      `class Server {
  start() {
    process.on('SIGTERM', () => this.stop());
  }
  stop() {}
  restart() {
    this.stop();
    this.start();
  }
}
const server = new Server();
server.start();`,
      { method: 'on', emitter: 'process', event: "'SIGTERM'", fn: "method 'start'" },
    ),
    // Strict: the file cannot show these run once.
    invalid(
      `export class Pool {
  constructor() {
    process.on('exit', () => this.close());
  }
  close() {}
}`,
      {
        method: 'on',
        emitter: 'process',
        event: "'exit'",
        fn: "the constructor of class 'Pool'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `export class Pool {
  constructor() {
    process.once('exit', () => this.close());
  }
  close() {}
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    invalid(
      `module.exports = (server) => {
  process.on('SIGTERM', () => server.close());
};`,
      {
        method: 'on',
        emitter: 'process',
        event: "'SIGTERM'",
        fn: "the arrow function assigned to 'module.exports'",
        messageId: 'listenerLeakAssumed',
        suggestions: [
          {
            messageId: 'suggestOnce',
            data: { replacement: 'once' },
            output: `module.exports = (server) => {
  process.once('SIGTERM', () => server.close());
};`,
          },
        ],
      },
      assumeRepeats,
    ),

    // Handler evidence through middleware arrays, spread chains, const paths and plugin-local clients.
    invalid(
      `import { bus } from './bus.js';
function stream(ctx) {
  bus.on('order', (order) => ctx.res.write(order));
}
app.get('/orders', [authenticate, stream]);`,
      { method: 'on', emitter: 'bus', event: "'order'", fn: "function 'stream'" },
    ),
    invalid(
      `import { bus } from './bus.js';
app.use([authenticate, function (ctx) {
  bus.on('order', (order) => ctx.res.write(order));
}]);`,
      { method: 'on', emitter: 'bus', event: "'order'", fn: 'an anonymous function' },
    ),
    invalid(
      `import { bus } from './bus.js';
const stream = (ctx) => {
  bus.on('order', (order) => ctx.res.write(order));
};
const chain = [authenticate, stream];
router.get('/orders', ...chain);`,
      { method: 'on', emitter: 'bus', event: "'order'", fn: "the arrow function assigned to 'stream'" },
    ),
    invalid(
      `import { bus } from './bus.js';
const ORDERS = '/orders';
router.get(ORDERS, async (ctx) => {
  bus.on('order', (order) => ctx.res.write(order));
});`,
      { method: 'on', emitter: 'bus', event: "'order'", fn: 'the handler passed to router.get' },
    ),
    invalid(
      `fastify.register(async (app) => {
  const subscriber = new Redis();
  app.get('/feed', async (request, reply) => {
    subscriber.on('message', (channel, message) => reply.raw.write(message));
  });
});`,
      { method: 'on', emitter: 'subscriber', event: "'message'", fn: 'the handler passed to app.get' },
    ),
  ],
});
