import rule, { type MessageIds, type Options } from '../../rules/no-unbounded-cache.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

interface Expected {
  /** Text of the reported declaration (first occurrence in the code). */
  readonly at: string;
  readonly name: string;
  readonly operation: string;
  readonly fn: string;
  readonly messageId?: MessageIds;
  /** Every suggestion the finding offers, with its exact output. */
  readonly suggestions?: NonNullable<Case['errors'][number]['suggestions']>;
}

/** Strict mode: code the file does not show to run once or to repeat is assumed to run per call. */
const assumeRepeats: Partial<Case> = { options: [{ assumeRepeats: true }] };

function invalid(code: string, expected: Expected, extra: Partial<Case> = {}): Case {
  return {
    code,
    errors: [
      {
        messageId: expected.messageId ?? 'unboundedCollection',
        data: { name: expected.name, operation: expected.operation, fn: expected.fn },
        ...at(code, expected.at),
        ...(expected.suggestions ? { suggestions: expected.suggestions } : {}),
      },
    ],
    output: null,
    ...extra,
  };
}

const ESM_LRU = "import { LRUCache } from 'lru-cache';\n";
const CJS_LRU = "const { LRUCache } = require('lru-cache');\n";

/** `invalid()` for a finding whose one suggestion is the bounded cache, written by `edits` of the code. */
function invalidLru(code: string, expected: Expected, edits: readonly (readonly [string, string])[], importLine = ESM_LRU, extra: Partial<Case> = {}): Case {
  return invalid(code, { ...expected, suggestions: [lruSuggestion(code, edits, importLine)] }, extra);
}

/** The bounded-cache suggestion: the import, the creation rewritten (and `.add(x)` become `.set(x, true)` for a Set). */
function lruSuggestion(
  code: string,
  edits: readonly (readonly [string, string])[],
  importLine = ESM_LRU,
): NonNullable<Case['errors'][number]['suggestions']>[number] {
  let output = code;
  for (const [from, to] of edits) output = output.replace(from, to);
  return { messageId: 'suggestLruCache', data: { max: 1000 }, output: importLine + output };
}

const REASON = {
  keepsKey: 'it empties the entry but keeps the key',
  lazy: 'it runs only when the same key is read again and found stale, so keys never read again stay',
  rare: 'it runs only on the failure path, so every success leaves its entry',
  otherKey: 'it removes a different key than the one added',
} as const;

interface RemovalExpected {
  readonly at: string;
  readonly name: string;
  readonly operation: string;
  readonly fn: string;
  readonly removal: string;
  readonly reason: string;
  readonly assumed?: boolean;
  readonly suggestions?: Expected['suggestions'];
}

/** A removal the rule considered and rejected, named in the message with the reason. */
function weakRemoval(code: string, expected: RemovalExpected, extra: Partial<Case> = {}): Case {
  const { at: needle, assumed, suggestions, ...data } = expected;
  return {
    code,
    errors: [
      {
        messageId: 'removalDoesNotBound',
        data: { ...data, assumed: assumed ? ', assumed to run per call' : '' },
        ...at(code, needle),
        ...(suggestions ? { suggestions } : {}),
      },
    ],
    output: null,
    ...extra,
  };
}

/** An adding operation whose counterpart leaves the entry behind. */
function unpaired(
  code: string,
  expected: { at: string; name: string; operation: string; add: string; remove: string; suggestions?: Expected['suggestions'] },
  extra: Partial<Case> = {},
): Case {
  const { at: needle, suggestions, ...data } = expected;
  return { code, errors: [{ messageId: 'unpairedRemoval', data, ...at(code, needle), ...(suggestions ? { suggestions } : {}) }], output: null, ...extra };
}

new SteadyStateRuleTester().run('no-unbounded-cache', rule, {
  valid: [
    // Weak collections and bounded caches.
    `const metadata = new WeakMap();\nexport function tag(req, value) {\n  metadata.set(req, value);\n}`,
    `const seen = new WeakSet();\nexport function mark(obj) {\n  seen.add(obj);\n}`,
    `import { LRUCache } from 'lru-cache';\nconst cache = new LRUCache({ max: 500 });\nexport function remember(k, v) {\n  cache.set(k, v);\n}`,
    // Filled at start-up only.
    `const routes = new Map();\nroutes.set('/health', health);\nroutes.set('/ready', ready);`,
    `const byCode = {};\nfor (const country of COUNTRIES) byCode[country.code] = country;`,
    `const normalized = {};\nObject.keys(services).forEach((key) => {\n  normalized[key.toLowerCase()] = services[key];\n});`,
    `const handlers = new Map();\nfunction init() {\n  for (const h of loadHandlers()) handlers.set(h.name, h);\n}\ninit();`,
    `const plugins = [];\n(async () => {\n  for (const name of config.plugins) plugins.push(await import(name));\n})();`,
    // Local to one call.
    `export function dedupe(items) {\n  const seen = new Set();\n  const out = [];\n  for (const item of items) {\n    if (!seen.has(item.id)) {\n      seen.add(item.id);\n      out.push(item);\n    }\n  }\n  return out;\n}`,
    `export function countByStatus(orders) {\n  const counts = new Map();\n  orders.forEach((order) => counts.set(order.status, (counts.get(order.status) ?? 0) + 1));\n  return Object.fromEntries(counts);\n}`,
    `export async function readAll(stream) {\n  const chunks = [];\n  await new Promise((resolve) => {\n    stream.on('data', (chunk) => chunks.push(chunk));\n    stream.on('end', resolve);\n  });\n  return Buffer.concat(chunks);\n}`,
    // Bounded key domains.
    `const stats = new Map();\nexport function hit() {\n  stats.set('hits', (stats.get('hits') ?? 0) + 1);\n}`,
    `const counters = new Map();\nexport function record(ok) {\n  counters.set(ok ? Outcome.Success : Outcome.Failure, Date.now());\n}`,
    `const warned = new Set();\nconst CODE = 'DEP0001';\nexport function check() {\n  warned.add(CODE);\n}`,
    `const counts = new Map();\nfunction bump(kind) {\n  counts.set(kind, (counts.get(kind) ?? 0) + 1);\n}\nexport const onHit = () => bump('hit');\nexport const onMiss = () => bump('miss');`,
    // Evicted: deleted when the owner ends, cleared, size-guarded, truncated, reassigned.
    `const sessions = new Map();\nwss.on('connection', (socket, req) => {\n  sessions.set(req.headers['x-session'], socket);\n  socket.on('close', () => sessions.delete(req.headers['x-session']));\n});`,
    `const cache = new Map();\nexport function put(key, value) {\n  if (cache.size >= 1000) cache.delete(cache.keys().next().value);\n  cache.set(key, value);\n}`,
    `const pending = [];\nexport function enqueue(job) {\n  if (pending.length >= MAX_PENDING) throw new Error('queue full');\n  pending.push(job);\n}`,
    `const dns = new Map();\nexport const resolve = (host) => dns.set(host, lookup(host));\nsetInterval(() => dns.clear(), 60_000).unref();`,
    `let buffer = [];\nexport function log(line) {\n  buffer.push(line);\n}\nexport function flush() {\n  const batch = buffer;\n  buffer = [];\n  return send(batch);\n}`,
    `const recent = [];\nexport function add(sample) {\n  recent.push(sample);\n  if (recent.length > 100) recent.splice(0, recent.length - 100);\n}`,
    `const lines = [];\nexport function write(line) {\n  lines.push(line);\n}\nexport function reset() {\n  lines.length = 0;\n}`,
    `const ring = new Array(64);\nlet next = 0;\nexport function record(value) {\n  ring[next] = value;\n  next = (next + 1) % ring.length;\n}`,
    // The queue variant is only reported with checkQueues.
    `const jobs = [];\nexport function enqueue(job) {\n  jobs.push(job);\n}\nexport function take() {\n  return jobs.shift();\n}`,
    // Escapes: eviction may happen where it goes.
    `export const registry = new Map();\nexport function register(name, factory) {\n  registry.set(name, factory);\n}`,
    `const cache = new Map();\nstartEviction(cache, { ttlMs: 60_000 });\nexport const put = (k, v) => cache.set(k, v);`,
    `const cache = new Map();\nmodule.exports = { cache, put: (k, v) => cache.set(k, v) };`,
    `export function createStore() {\n  const items = new Map();\n  return { items, add: (k, v) => items.set(k, v) };\n}`,
    // Idioms that bound the key set: warn-once, registries, overwrites of existing keys.
    `const warned = new Set();\nexport function warnOnce(code, message) {\n  if (warned.has(code)) return;\n  warned.add(code);\n  process.emitWarning(message, { code });\n}`,
    `const deprecated = {};\nexport function check(option) {\n  if (!deprecated[option]) {\n    deprecated[option] = true;\n    console.warn(\`\${option} is deprecated\`);\n  }\n}`,
    `const resolvers = {};\nexport function registerResolver(scheme, resolver) {\n  resolvers[scheme] = resolver;\n}`,
    `const overrides = Object.create(null);\nexport const handler = {\n  set(target, prop, value) {\n    if (prop in overrides) overrides[prop] = value;\n    return true;\n  },\n};`,
    // Keys that are property names of a proxied object.
    `export function shared(context) {
  const modules = new Map();
  return new Proxy(context, {
    set: (target, prop, value) => {
      modules.set(prop, value);
      return true;
    },
  });
}`,
    // Not a map: a record with fixed fields.
    `const totals = { ok: 0, failed: 0 };\nexport function count(result) {\n  totals[result] += 1;\n}`,
    // Members: per-instance objects (not known to be long-lived), constructor-only growth.
    `export class QueryBuilder {\n  clauses = [];\n  where(clause) {\n    this.clauses.push(clause);\n    return this;\n  }\n}`,
    `class Config {\n  values = new Map();\n  constructor(entries) {\n    for (const [k, v] of entries) this.values.set(k, v);\n  }\n}\nexport const config = new Config(Object.entries(process.env));`,
    `class Cache {\n  entries = new Map();\n  put(k, v) {\n    this.entries.set(k, v);\n  }\n  expire(k) {\n    this.entries.delete(k);\n  }\n}\nexport const cache = new Cache();`,
    `class Pool {\n  idle = [];\n  release(conn) {\n    this.idle.push(conn);\n  }\n  get all() {\n    return this.idle;\n  }\n}\nexport const pool = new Pool();`,
    // TypeScript: private fields, literal-union keys.
    {
      code: `class Metrics {\n  #byRoute = new Map<string, number>();\n  observe(route: string) {\n    if (this.#byRoute.size > 500) return;\n    this.#byRoute.set(route, Date.now());\n  }\n}\nexport const metrics = new Metrics();`,
      ts: true,
    },
    { code: `enum Kind { A, B }\nconst seen = new Set<Kind>();\nexport function mark(k: Kind) {\n  seen.add(Kind.A);\n}`, ts: true },

    // Code the file does not show to repeat (an exported helper, a public method) is not reported
    // unless the rule is told to assume it repeats.
    `const sessions = {};\nexport function login(user, token) {\n  sessions[token] = { user, at: Date.now() };\n}`,

    // Finite key domains, even when unknown code is assumed to repeat: keys from a literal list or a
    // \`const\` array, the keys of a literal object, a parameter every call passes a literal.
    {
      code: `const SECTIONS = ['header', 'body', 'footer'];\nconst rendered = {};\napp.get('/page', (req, res) => {\n  SECTIONS.forEach((section) => {\n    rendered[section] = render(section, req.query);\n  });\n  res.send(Object.values(rendered).join(''));\n});`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `const certs = new Map();\nexport function reload() {\n  [false, 'imap', 'pop3', 'api'].forEach((type) => {\n    certs.set(type || 'default', readCert(type));\n  });\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `const DEFAULTS = { timeout: 1000, retries: 3 };\nconst effective = new Map();\nexport function apply(overrides) {\n  for (const key of Object.keys(DEFAULTS)) effective.set(key, overrides[key] ?? DEFAULTS[key]);\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `class Stats {\n  #counts = new Map();\n  #bump(kind) {\n    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);\n  }\n  hit() {\n    this.#bump('hit');\n  }\n  miss() {\n    this.#bump('miss');\n  }\n}\nexport const stats = new Stats();`,
      options: [{ assumeRepeats: true }],
    },
    // Keys taken from the collection itself overwrite entries that are there.
    {
      code: `class SubchannelPool {\n  pool = Object.create(null);\n  sweep() {\n    for (const target in this.pool) this.pool[target] = this.pool[target].filter((s) => s.inUse());\n  }\n  start() {\n    setInterval(() => this.sweep(), 10_000).unref();\n  }\n}\nexport const pool = new SubchannelPool();`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `const scores = new Map();\nsetInterval(() => {\n  for (const [player, score] of scores) scores.set(player, score * 0.9);\n  for (const player of scores.keys()) scores.set(player, Math.round(scores.get(player)));\n}, 60_000);`,
      options: [{ assumeRepeats: true }],
    },
    // Registries filled by add…/register… during start-up.
    {
      code: `const routes = new Map();\nfunction addRoute(path, handler) {\n  routes.set(path, handler);\n}\nexport function setupRoutes(plugins) {\n  for (const plugin of plugins) addRoute(plugin.path, plugin.handler);\n}`,
      options: [{ assumeRepeats: true }],
    },
    // One-time fills over a set fixed at start-up: a store per configured name, loaded by init().
    {
      code: `const stores = {};\nfunction storeFor(name) {\n  if (!stores[name]) stores[name] = openStore(name);\n  return stores[name];\n}\nexport function init(config) {\n  for (const name of config.stores) storeFor(name);\n}`,
      options: [{ assumeRepeats: true }],
    },
    // Errors reported once per distinct message.
    {
      code: `const reported = new Set();\nlogger.on('log', (entry) => {\n  try {\n    sink.write(entry);\n  } catch (err) {\n    if (!reported.has(err.message)) {\n      console.error('cannot write log entry', err.message);\n      reported.add(err.message);\n    }\n  }\n});`,
      options: [{ assumeRepeats: true }],
    },
    // Collections that do not outlive one call: a factory's closure used and dropped per request, a
    // local array filled by stream callbacks during one call, state of ESLint's per-file create().
    {
      code: `function makeDeduper() {\n  const seen = new Set();\n  return (item) => {\n    if (seen.has(item.id)) return false;\n    seen.add(item.id);\n    return true;\n  };\n}\napp.post('/import', (req, res) => {\n  res.json(req.body.items.filter(makeDeduper()));\n});`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `app.post('/upload', async (req, res) => {\n  const body = await new Promise((resolve, reject) => {\n    const chunks = [];\n    req.on('data', (chunk) => chunks.push(chunk));\n    req.on('end', () => resolve(Buffer.concat(chunks)));\n    req.on('error', reject);\n  });\n  res.json({ size: body.length });\n});`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export function readLines(stream) {\n  return new Promise((resolve) => {\n    const lines = [];\n    stream.on('data', (line) => lines.push(line));\n    stream.on('end', () => resolve(lines));\n  });\n}`,
      options: [{ assumeRepeats: true }],
    },
    `module.exports = {\n  meta: { type: 'problem' },\n  create(context) {\n    const seen = new Set();\n    return {\n      Identifier(node) {\n        seen.add(node.name);\n      },\n    };\n  },\n};`,
    // A listener removed when the call is done pins its collection only for that call.
    {
      code: `import { bus } from './bus.js';\napp.get('/scan', (req, res) => {\n  const found = new Map();\n  const listener = (device) => found.set(device.id, device);\n  bus.on('device', listener);\n  setTimeout(() => {\n    bus.removeListener('device', listener);\n    res.json([...found.values()]);\n  }, 2000);\n});`,
      options: [{ assumeRepeats: true }],
    },
    // A factory reached only through a memoising accessor runs once.
    {
      code: `const counters = [];\nfunction createMetrics() {\n  counters.push(new Counter('requests'));\n  return { requests: counters[0] };\n}\nconst cache = {};\nconst getMetrics = () => (cache.metrics ??= createMetrics());\napp.get('/', (req, res) => {\n  getMetrics().requests.inc();\n  res.end();\n});`,
      options: [{ assumeRepeats: true }],
    },
    // A start-up function's local collection filled by a listener.
    {
      code: `import { server } from './server.js';\nexport function setupErrorLog() {\n  const errors = [];\n  server.on('error', (err) => errors.push(err));\n  return () => errors.slice(-10);\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export function setupServer(server) {\n  const errors = [];\n  server.on('error', (err) => errors.push(err));\n}`,
      options: [{ assumeRepeats: true }],
    },
    /** The correct version of each shape above. */
    // A local class or an import named Map / Set is not the built-in.
    `class Map {\n  set() {}\n}\nconst cache = new Map();\napp.get('/x', (req, res) => {\n  cache.set(req.query.id, 1);\n  res.end();\n});`,
    `import { Set } from './bounded-set.js';\nconst seen = new Set();\napp.post('/hook', (req, res) => {\n  seen.add(req.body.id);\n  res.end();\n});`,
    // Real removal: delete, delete operator, splice.
    `const cache = new Map();\napp.get('/items/:id', async (req, res) => {\n  cache.set(req.params.id, await load(req.params.id));\n  res.json(cache.get(req.params.id));\n});\napp.delete('/items/:id', (req, res) => {\n  cache.delete(req.params.id);\n  res.end();\n});`,
    `const sessions = {};\napp.post('/login', (req, res) => {\n  sessions[req.body.token] = req.body.user;\n  res.end();\n});\napp.post('/logout', (req, res) => {\n  delete sessions[req.body.token];\n  res.end();\n});`,
    `const sockets = [];\nwss.on('connection', (socket) => {\n  sockets.push(socket);\n  socket.on('close', () => {\n    sockets.splice(sockets.indexOf(socket), 1);\n  });\n});`,
    // Lazy expiry with a sweep; an empty entry removed when its last element goes.
    `const TTL = 60_000;\nconst tokens = new Map();\napp.get('/token/:user', async (req, res) => {\n  const entry = tokens.get(req.params.user);\n  if (entry && entry.expiresAt < Date.now()) tokens.delete(req.params.user);\n  const token = await issue(req.params.user);\n  tokens.set(req.params.user, { token, expiresAt: Date.now() + TTL });\n  res.json(token);\n});\nsetInterval(() => {\n  for (const [user, entry] of tokens) if (entry.expiresAt < Date.now()) tokens.delete(user);\n}, TTL).unref();`,
    `const waiters = new Map();\nwss.on('connection', (socket) => {\n  socket.on('message', (msg) => {\n    const list = waiters.get(msg.room) ?? [];\n    list.push(socket);\n    waiters.set(msg.room, list);\n  });\n  socket.on('close', () => {\n    for (const room of socket.rooms) {\n      const list = waiters.get(room);\n      if (list.length <= 1) waiters.delete(room);\n    }\n  });\n});`,
    // Removed when the call settles, whichever way.
    `const inflight = new Map();\napp.get('/quote/:sku', async (req, res) => {\n  const quote = fetchQuote(req.params.sku);\n  inflight.set(req.params.sku, quote);\n  try {\n    res.json(await quote);\n  } finally {\n    inflight.delete(req.params.sku);\n  }\n});`,
    `const pending = new Map();\nchannel.consume('rpc', (msg) => {\n  const id = msg.properties.correlationId;\n  pending.set(id, Date.now());\n  reply(msg).finally(() => pending.delete(id));\n});`,
    // The same key removed.
    `const clients = new Map();\nwss.on('connection', (socket) => {\n  clients.set(socket.id, socket);\n  socket.on('close', () => clients.delete(socket.id));\n});`,
    `const carts = new Map();\napp.post('/cart/:id', (req, res) => {\n  carts.set(String(req.params.id), req.body);\n  res.end();\n});\napp.delete('/cart/:id', (req, res) => {\n  carts.delete(String(req.params.id));\n  res.end();\n});`,
    // Paired operations whose removing half removes (directly, through a helper, or from the entry).
    `export class EventBus {\n  handlers = new Map();\n  subscribe(topic, handler) {\n    this.handlers.set(topic, handler);\n  }\n  unsubscribe(topic) {\n    this.handlers.delete(topic);\n  }\n}`,
    `export class Pipes {\n  pipes = new Map();\n  registerPipe(event, handler) {\n    if (!this.pipes.has(event)) this.pipes.set(event, []);\n    this.pipes.get(event).push(handler);\n  }\n  unregisterPipe(event, handler) {\n    const handlers = this.pipes.get(event);\n    handlers.splice(handlers.indexOf(handler), 1);\n  }\n}`,
    `const watchers = new Set();\nexport function watch(listener) {\n  watchers.add(listener);\n}\nexport function unwatch(listener) {\n  watchers.delete(listener);\n}`,
    `export class Connection {\n  static live = new Set();\n  connect(url) {\n    this.url = url;\n    Connection.live.add(this);\n  }\n  destroy() {\n    Connection.live.delete(this);\n  }\n}`,
    `export class Hub {\n  clients = new Map();\n  addClient(client) {\n    this.clients.set(client.id, client);\n  }\n  removeClient(client) {\n    this.clients.delete(client.id);\n  }\n}`,
    `export class Emitter {\n  listeners = [];\n  on(event, fn) {\n    this.listeners.push({ event, fn });\n  }\n  off(event, fn) {\n    this.listeners = this.listeners.filter((l) => l.event !== event || l.fn !== fn);\n  }\n}`,
    `export class SubscriberGroup {\n  channels = new Map();\n  addChannels(slot, channels) {\n    this.channels.set(slot, (this.channels.get(slot) ?? []).concat(channels));\n  }\n  removeChannels(slot, channels) {\n    const current = this.channels.get(slot) ?? [];\n    this.channels.set(slot, current.filter((c) => !channels.includes(c)));\n  }\n}`,
    `const subscribers = new Set();\nexport function subscribe(listener) {\n  subscribers.add(listener);\n  return () => subscribers.delete(listener);\n}`,
    // A variable of the adding operation itself lives for one call.
    `export class AccessStore {\n  async addAccess(users) {\n    const errors = [];\n    await save(users).catch(() => errors.push('unknown users: ' + users.join()));\n    if (errors.length) throw new Error(errors.join());\n  }\n  destroy() {}\n}`,
    `const handlers = {};\nexport function registerHandler(context, path, callback) {\n  handlers[context] ??= {};\n  handlers[context][path] = callback;\n  return () => {\n    delete handlers[context][path];\n  };\n}`,
    // A returned function that takes arguments is not a disposer.
    `const peers = new Map();\nexport function connect(url, socket) {\n  peers.set(url, socket);\n  return (message) => socket.send(message);\n}`,
    // A bare \`add\` / \`remove\` is too general to pair.
    `export class Bag {\n  items = new Map();\n  add(key, item) {\n    this.items.set(key, item);\n  }\n  remove(key) {\n    return this.items.get(key);\n  }\n}`,
    // A teardown of the whole object does not pair with its own per-instance fields; no counterpart, no pair.
    `export class Socket {\n  handlers = new Map();\n  subscribe(topic, handler) {\n    this.handlers.set(topic, handler);\n  }\n  destroy() {\n    this.closed = true;\n  }\n}`,
    `export class EventBus {\n  handlers = new Map();\n  subscribe(topic, handler) {\n    this.handlers.set(topic, handler);\n  }\n}`,
    // Long-lived, but the growth is only in code the file does not show to repeat (reported with assumeRepeats).
    `class Registry {\n  static #byTenant = new Map();\n  static remember(tenant, config) {\n    Registry.#byTenant.set(tenant, config);\n  }\n}\nexport default Registry;`,
    `class Client {\n  seen = new Set();\n  mark(id) {\n    this.seen.add(id);\n  }\n}\nmodule.exports = new Client();`,
    // Instances made per request die with the request, whatever the options.
    {
      code: `class Collector {\n  items = new Map();\n  add(key, value) {\n    this.items.set(key, value);\n  }\n}\napp.post('/batch', (req, res) => {\n  const collector = new Collector();\n  for (const item of req.body) collector.add(item.id, item);\n  res.json(collector.items.size);\n});`,
      options: [{ checkAllClasses: true, assumeRepeats: true }],
    },
    // Loops that end: a `while (true)` left by `break` or `return`, a `for await` over a stream.
    `export async function fetchAll(client) {\n  const ids = new Set();\n  let cursor;\n  while (true) {\n    const page = await client.list({ cursor });\n    for (const item of page.items) ids.add(item.id);\n    if (!page.next) break;\n    cursor = page.next;\n  }\n  return ids.size;\n}`,
    `export async function collect(stream) {\n  const chunks = [];\n  for await (const chunk of stream) {\n    chunks.push(chunk);\n  }\n  return Buffer.concat(chunks);\n}`,
    {
      code: `export async function readBody(req) {\n  const chunks = [];\n  for await (const chunk of req) chunks.push(chunk);\n  return Buffer.concat(chunks);\n}`,
      options: [{ assumeRepeats: true }],
    },
    `export function startSampler(probe) {\n  const samples = [];\n  setInterval(() => {\n    samples.push(probe.read());\n    if (samples.length > 60) samples.shift();\n  }, 1_000);\n}`,
    // Strict, mirror: a private method, or growth not taken from the arguments.
    {
      code: `export class SessionStore {\n  sessions = new Map();\n  #save(id, session) {\n    this.sessions.set(id, session);\n  }\n}`,
      options: [{ checkAllClasses: true, assumeRepeats: true }],
    },
    {
      code: `export class Clock {\n  ticks = [];\n  tick() {\n    this.ticks.push(Date.now());\n  }\n}`,
      options: [{ checkAllClasses: true, assumeRepeats: true }],
    },
    // An instance that hands itself to what it creates may be cleaned up there (`connection.close()` deletes itself).
    {
      code: `export class ImapServer {\n  connections = new Set();\n  accept(socket) {\n    const connection = new ImapConnection(this, socket);\n    this.connections.add(connection);\n  }\n}`,
      options: [{ checkAllClasses: true, assumeRepeats: true }],
    },
    // Strict, mirror: public fields of data objects (a result's rows, an error's labels) are their data, not state.
    {
      code: `export class Result {\n  rows = [];\n  addRow(row) {\n    this.rows.push(row);\n  }\n}`,
      options: [{ checkAllClasses: true, assumeRepeats: true }],
    },
    {
      code: `export class QueryError extends Error {\n  #labels = new Set();\n  addLabel(label) {\n    this.#labels.add(label);\n  }\n}`,
      options: [{ checkAllClasses: true, assumeRepeats: true }],
    },
    // Evicted outside the class through a quoted key or a destructured property: silent unless checkEscaped.
    `class PriceService {\n  cache = new Map();\n  async price(req, res) {\n    this.cache.set(req.params.sku, await lookup(req.params.sku));\n  }\n}\nexport const service = new PriceService();\napp.get('/price/:sku', (req, res) => service.price(req, res));\napp.post('/flush', () => service['cache'].clear());`,
    `class PriceService {\n  cache = new Map();\n  async price(req, res) {\n    this.cache.set(req.params.sku, await lookup(req.params.sku));\n  }\n}\nexport const service = new PriceService();\napp.get('/price/:sku', (req, res) => service.price(req, res));\nexport function flush() {\n  const { cache } = service;\n  cache.clear();\n}`,
    // Evicted outside the class (`service.cache.clear()`): silent unless checkEscaped.
    `class PriceService {\n  cache = new Map();\n  async price(req, res) {\n    this.cache.set(req.params.sku, await lookup(req.params.sku));\n    res.json(this.cache.get(req.params.sku));\n  }\n}\nexport const service = new PriceService();\napp.get('/price/:sku', (req, res) => service.price(req, res));\napp.post('/flush', (req, res) => {\n  service.cache.clear();\n  res.end();\n});`,
    `class PriceService {\n  cache = new Map();\n  async price(req, res) {\n    this.cache.set(req.params.sku, await lookup(req.params.sku));\n    res.json(this.cache.get(req.params.sku));\n  }\n}\nexport const service = new PriceService();\napp.get('/price/:sku', (req, res) => service.price(req, res));\napp.post('/flush', (req, res) => {\n  const { cache } = service;\n  cache.clear();\n  res.end();\n});`,
  ],
  invalid: [
    // Express middleware memoising per user id: `(req, res)` is a request handler.
    invalid(
      `const profileCache = new Map();

export async function loadProfile(req, res) {
  const cached = profileCache.get(req.params.userId);
  if (cached) return res.json(cached);
  const profile = await db.profiles.findById(req.params.userId);
  profileCache.set(req.params.userId, profile);
  res.json(profile);
}`,
      { at: 'profileCache', name: 'profileCache', operation: '`.set()`', fn: "async function 'loadProfile'" },
    ),
    // A per-tenant rate limiter built by a middleware factory: the returned handler runs per request.
    invalid(
      `export function rateLimiter({ windowMs, max }) {
  const hits = new Map();
  return (req, res, next) => {
    const now = Date.now();
    const recent = (hits.get(req.tenantId) ?? []).filter((at) => now - at < windowMs);
    recent.push(now);
    hits.set(req.tenantId, recent);
    if (recent.length > max) return res.status(429).end();
    next();
  };
}`,
      { at: 'hits', name: 'hits', operation: '`.set()`', fn: "the arrow function returned by 'rateLimiter'" },
    ),
    // An audit array appended to by a route, never truncated.
    invalid(
      `const auditLog = [];
app.post('/orders', async (req, res) => {
  auditLog.push({ user: req.user.id, at: Date.now(), body: req.body });
  res.status(201).json(await createOrder(req.body));
});`,
      { at: 'auditLog', name: 'auditLog', operation: '`.push()`', fn: 'the handler passed to app.post' },
    ),
    // Samples collected by an interval, and ids collected by a listener.
    invalid(
      `const latencies = [];
setInterval(() => {
  latencies.push(monitor.sample());
}, 1000);`,
      { at: 'latencies', name: 'latencies', operation: '`.push()`', fn: 'the callback passed to setInterval' },
    ),
    invalid(
      `const seenJobs = new Set();
queue.on('completed', (job) => {
  seenJobs.add(job.id);
});`,
      {
        at: 'seenJobs',
        name: 'seenJobs',
        operation: '`.add()`',
        fn: "the callback passed to queue.on('completed')",
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const seenJobs = new LRUCache({ max: 1000 });
queue.on('completed', (job) => {
  seenJobs.set(job.id, true);
});`,
          },
        ],
      },
    ),
    // A socket's 'data' events, a worker loop, a recursive poller.
    invalid(
      `const peers = new Map();
export function attach(socket) {
  socket.on('data', (frame) => {
    const { peerId, address } = JSON.parse(frame);
    peers.set(peerId, address);
  });
}`,
      {
        at: 'peers',
        name: 'peers',
        operation: '`.set()`',
        fn: "the callback passed to socket.on('data')",
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const peers = new LRUCache({ max: 1000 });
export function attach(socket) {
  socket.on('data', (frame) => {
    const { peerId, address } = JSON.parse(frame);
    peers.set(peerId, address);
  });
}`,
          },
        ],
      },
    ),
    invalid(
      `const handled = new Set();
async function main() {
  for (;;) {
    const message = await queue.receive();
    if (handled.has(message.id)) continue;
    handled.add(message.id);
    await process(message);
  }
}
main();`,
      {
        at: 'handled',
        name: 'handled',
        operation: '`.add()`',
        fn: "async function 'main'",
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const handled = new LRUCache({ max: 1000 });
async function main() {
  for (;;) {
    const message = await queue.receive();
    if (handled.has(message.id)) continue;
    handled.set(message.id, true);
    await process(message);
  }
}
main();`,
          },
        ],
      },
    ),
    invalid(
      `const seenCursors = [];
async function pollFeed(cursor) {
  const page = await feed.read(cursor);
  seenCursors.push(page.cursor);
  setTimeout(() => pollFeed(page.cursor), 1000);
}
pollFeed(null);`,
      { at: 'seenCursors', name: 'seenCursors', operation: '`.push()`', fn: "async function 'pollFeed'" },
    ),
    // One hop through the file's call graph: a helper called from a route handler.
    invalid(
      `const profiles = new Map();
async function loadProfile(id) {
  if (!profiles.has(id)) profiles.set(id, await db.profiles.findById(id));
  return profiles.get(id);
}
router.get('/users/:id', async (req, res) => {
  res.json(await loadProfile(req.params.id));
});`,
      { at: 'profiles', name: 'profiles', operation: '`.set()`', fn: "async function 'loadProfile'" },
    ),
    // A class the file instantiates per connection registers every instance in a module-level set.
    invalid(
      `const sessions = new Set();
class Session {
  constructor(socket) {
    this.socket = socket;
    sessions.add(this);
  }
}
wss.on('connection', (socket) => new Session(socket));`,
      {
        at: 'sessions',
        name: 'sessions',
        operation: '`.add()`',
        fn: "the constructor of class 'Session'",
        suggestions: [
          {
            messageId: 'suggestWeakCollection',
            data: { weak: 'WeakSet' },
            output: `const sessions = new WeakSet();
class Session {
  constructor(socket) {
    this.socket = socket;
    sessions.add(this);
  }
}
wss.on('connection', (socket) => new Session(socket));`,
          },
        ],
      },
    ),
    // Queue consumers and GraphQL resolvers run per message and per query.
    invalid(
      `const deliveries = {};
await channel.consume('mail', (msg) => {
  deliveries[msg.properties.messageId] = Date.now();
  channel.ack(msg);
});`,
      {
        at: 'deliveries',
        name: 'deliveries',
        operation: '`deliveries[msg.properties.messageId] = …`',
        fn: 'the handler passed to channel.consume',
        suggestions: [
          {
            messageId: 'suggestLruCacheForObject',
            data: { name: 'deliveries', max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const deliveries = new LRUCache({ max: 1000 });
await channel.consume('mail', (msg) => {
  deliveries.set(msg.properties.messageId, Date.now());
  channel.ack(msg);
});`,
          },
        ],
      },
    ),
    invalid(
      `const offsets = new Map();
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    offsets.set(\`\${partition}:\${message.key}\`, message.offset);
  },
});`,
      {
        at: 'offsets',
        name: 'offsets',
        operation: '`.set()`',
        fn: "async method 'eachMessage'",
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const offsets = new LRUCache({ max: 1000 });
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    offsets.set(\`\${partition}:\${message.key}\`, message.offset);
  },
});`,
          },
        ],
      },
    ),
    invalid(
      `const viewed = new Map();
export const resolvers = {
  Query: {
    product(_parent, { id }) {
      viewed.set(id, Date.now());
      return products.find(id);
    },
  },
};`,
      {
        at: 'viewed',
        name: 'viewed',
        operation: '`.set()`',
        fn: "method 'product'",
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const viewed = new LRUCache({ max: 1000 });
export const resolvers = {
  Query: {
    product(_parent, { id }) {
      viewed.set(id, Date.now());
      return products.find(id);
    },
  },
};`,
          },
        ],
      },
    ),
    // A factory's product kept at module level and used by a route: its method runs per request.
    invalid(
      `function createMemo(load) {
  const entries = new Map();
  return {
    async get(key) {
      if (!entries.has(key)) entries.set(key, await load(key));
      return entries.get(key);
    },
  };
}
const settings = createMemo((tenant) => db.settings.find(tenant));
app.get('/settings', async (req, res) => res.json(await settings.get(req.query.tenant)));`,
      { at: 'entries', name: 'entries', operation: '`.set()`', fn: "async method 'get'" },
    ),

    // Strict: no evidence either way in the file; assumed to run per call.
    // createCache()-style module: the methods of the returned object outlive the factory.
    invalid(
      `export function createCache(load) {
  const entries = new Map();
  return {
    async get(key) {
      if (!entries.has(key)) entries.set(key, await load(key));
      return entries.get(key);
    },
  };
}`,
      { at: 'entries', name: 'entries', operation: '`.set()`', fn: "async method 'get'", messageId: 'unboundedCollectionAssumed' },
      assumeRepeats,
    ),
    // An object used as a map, and Object.create(null).
    invalid(
      `const sessions = {};
export function login(user, token) {
  sessions[token] = { user, at: Date.now() };
}`,
      {
        at: 'sessions',
        name: 'sessions',
        operation: '`sessions[token] = …`',
        fn: "function 'login'",
        messageId: 'unboundedCollectionAssumed',
        suggestions: [
          {
            messageId: 'suggestLruCacheForObject',
            data: { name: 'sessions', max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const sessions = new LRUCache({ max: 1000 });
export function login(user, token) {
  sessions.set(token, { user, at: Date.now() });
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    invalid(
      `const byTenant = Object.create(null);
export const remember = (tenantId, settings) => {
  (byTenant[tenantId] ??= []).push(settings);
};`,
      {
        at: 'byTenant',
        name: 'byTenant',
        operation: '`byTenant[tenantId] = …`',
        fn: "the arrow function assigned to 'remember'",
        messageId: 'unboundedCollectionAssumed',
      },
      assumeRepeats,
    ),
    invalid(
      `const registry = {};
export function add(name, handler) {
  Object.assign(registry, { [name]: handler });
}`,
      { at: 'registry', name: 'registry', operation: '`Object.assign()`', fn: "function 'add'", messageId: 'unboundedCollectionAssumed' },
      assumeRepeats,
    ),
    // A class-based client cache on a module-level singleton.
    invalid(
      `class PricingClient {
  cache = new Map();
  async price(sku) {
    if (!this.cache.has(sku)) this.cache.set(sku, await fetchPrice(sku));
    return this.cache.get(sku);
  }
}
export const pricing = new PricingClient();`,
      { at: 'cache', name: 'this.cache', operation: '`.set()`', fn: "async method 'price'", messageId: 'unboundedCollectionAssumed' },
      assumeRepeats,
    ),
    invalid(
      `class Deduper {
  constructor() {
    this.seen = new Set();
  }
  accept(message) {
    if (this.seen.has(message.id)) return false;
    this.seen.add(message.id);
    return true;
  }
}
export default new Deduper();`,
      {
        at: 'this.seen',
        name: 'this.seen',
        operation: '`.add()`',
        fn: "method 'accept'",
        messageId: 'unboundedCollectionAssumed',
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
class Deduper {
  constructor() {
    this.seen = new LRUCache({ max: 1000 });
  }
  accept(message) {
    if (this.seen.has(message.id)) return false;
    this.seen.set(message.id, true);
    return true;
  }
}
export default new Deduper();`,
          },
        ],
      },
      assumeRepeats,
    ),
    // A static registry grows with every instance.
    invalid(
      `export class Connection {
  static open = new Set();
  constructor(socket) {
    this.socket = socket;
    Connection.open.add(this);
  }
}`,
      {
        at: 'open',
        name: 'Connection.open',
        operation: '`.add()`',
        fn: "the constructor of class 'Connection'",
        messageId: 'unboundedCollectionAssumed',
        suggestions: [
          {
            messageId: 'suggestWeakCollection',
            data: { weak: 'WeakSet' },
            output: `export class Connection {
  static open = new WeakSet();
  constructor(socket) {
    this.socket = socket;
    Connection.open.add(this);
  }
}`,
          },
        ],
      },
      assumeRepeats,
    ),
    // DI singletons.
    {
      ...invalid(
        `@Injectable()
export class UsersService {
  private readonly byEmail = new Map<string, User>();
  async findByEmail(email: string): Promise<User> {
    const user = this.byEmail.get(email) ?? (await this.repo.findOne({ email }));
    this.byEmail.set(email, user);
    return user;
  }
}`,
        {
          at: 'byEmail',
          name: 'this.byEmail',
          operation: '`.set()`',
          fn: "async method 'findByEmail'",
          messageId: 'unboundedCollectionAssumed',
          suggestions: [
            {
              messageId: 'suggestLruCache',
              data: { max: 1000 },
              output: `import { LRUCache } from 'lru-cache';
@Injectable()
export class UsersService {
  private readonly byEmail = new LRUCache<string, User>({ max: 1000 });
  async findByEmail(email: string): Promise<User> {
    const user = this.byEmail.get(email) ?? (await this.repo.findOne({ email }));
    this.byEmail.set(email, user);
    return user;
  }
}`,
            },
          ],
        },
        assumeRepeats,
      ),
      ts: true,
    },
    // Without types the key is open; with types it is a literal union (see the typed-valid case).
    {
      ...invalid(
        `type Outcome = 'ok' | 'error' | 'timeout';
const counts = new Map<Outcome, number>();
export function record(outcome: Outcome) {
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
}`,
        {
          at: 'counts',
          name: 'counts',
          operation: '`.set()`',
          fn: "function 'record'",
          messageId: 'unboundedCollectionAssumed',
          suggestions: [
            {
              messageId: 'suggestLruCache',
              data: { max: 1000 },
              output: `import { LRUCache } from 'lru-cache';
type Outcome = 'ok' | 'error' | 'timeout';
const counts = new LRUCache<Outcome, number>({ max: 1000 });
export function record(outcome: Outcome) {
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
}`,
            },
          ],
        },
        assumeRepeats,
      ),
      ts: true,
      typedValid: true,
    },
    // Options: queues, escaped collections, every class.
    invalid(
      `const jobs = [];
export function enqueue(job) {
  jobs.push(job);
}
export async function work() {
  while (jobs.length > 0) await run(jobs.shift());
}`,
      {
        at: 'jobs',
        name: 'jobs',
        operation: '`.push()`',
        fn: "function 'enqueue'",
        messageId: 'unboundedQueueAssumed',
        suggestions: [
          {
            messageId: 'suggestQueueLimit',
            data: { name: 'jobs', operation: '`.push()`', max: 1000 },
            output: `const jobs = [];
export function enqueue(job) {
  if (jobs.length >= 1000) {
    throw new Error('jobs is full');
  }
  jobs.push(job);
}
export async function work() {
  while (jobs.length > 0) await run(jobs.shift());
}`,
          },
        ],
      },
      { options: [{ checkQueues: true, assumeRepeats: true }] },
    ),
    invalid(
      `const jobs = [];
app.post('/jobs', (req, res) => {
  jobs.push(req.body);
  res.status(202).end();
});
setInterval(() => {
  const job = jobs.shift();
  if (job) void run(job);
}, 100);`,
      {
        at: 'jobs',
        name: 'jobs',
        operation: '`.push()`',
        fn: 'the handler passed to app.post',
        messageId: 'unboundedQueue',
        suggestions: [
          {
            messageId: 'suggestQueueLimit',
            data: { name: 'jobs', operation: '`.push()`', max: 1000 },
            output: `const jobs = [];
app.post('/jobs', (req, res) => {
  if (jobs.length >= 1000) {
    throw new Error('jobs is full');
  }
  jobs.push(req.body);
  res.status(202).end();
});
setInterval(() => {
  const job = jobs.shift();
  if (job) void run(job);
}, 100);`,
          },
        ],
      },
      { options: [{ checkQueues: true }] },
    ),
    invalid(
      `export const tokens = new Map();
export function issue(userId) {
  const token = randomUUID();
  tokens.set(token, userId);
  return token;
}`,
      { at: 'tokens', name: 'tokens', operation: '`.set()`', fn: "function 'issue'", messageId: 'unboundedCollectionAssumed' },
      { options: [{ checkEscaped: true, assumeRepeats: true }] },
    ),
    invalid(
      `export class Tracker {
  events = [];
  track(event) {
    this.events.push(event);
  }
}`,
      { at: 'events', name: 'this.events', operation: '`.push()`', fn: "method 'track'", messageId: 'unboundedCollectionAssumed' },
      { options: [{ checkAllClasses: true, assumeRepeats: true }] },
    ),

    // Remedies. Keys that are requests: a WeakMap, whose entries go with their request.
    invalid(
      `const timings = new Map();
app.use((req, res, next) => {
  timings.set(req, Date.now());
  next();
});
app.use((req, res, next) => {
  if (timings.has(req)) log.debug(Date.now() - timings.get(req));
  next();
});`,
      {
        at: 'timings',
        name: 'timings',
        operation: '`.set()`',
        fn: 'the handler passed to app.use',
        suggestions: [
          {
            messageId: 'suggestWeakCollection',
            data: { weak: 'WeakMap' },
            output: `const timings = new WeakMap();
app.use((req, res, next) => {
  timings.set(req, Date.now());
  next();
});
app.use((req, res, next) => {
  if (timings.has(req)) log.debug(Date.now() - timings.get(req));
  next();
});`,
          },
        ],
      },
    ),
    // Request keys, but the map is sized: a WeakMap cannot be, an LRU cache of 1000 entries can.
    invalid(
      `const inFlight = new Map();
app.use((req, res, next) => {
  inFlight.set(req, Date.now());
  next();
});
app.get('/load', (req, res) => res.json({ inFlight: inFlight.size }));`,
      {
        at: 'inFlight',
        name: 'inFlight',
        operation: '`.set()`',
        fn: 'the handler passed to app.use',
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const inFlight = new LRUCache({ max: 1000 });
app.use((req, res, next) => {
  inFlight.set(req, Date.now());
  next();
});
app.get('/load', (req, res) => res.json({ inFlight: inFlight.size }));`,
          },
        ],
      },
    ),
    // Iterated: neither a weak collection nor an LRU cache keeps its meaning; reported, no remedy.
    invalid(
      `const clients = new Map();
app.get('/join', (req, res) => {
  clients.set(req.query.id, res);
});
export function broadcast(message) {
  for (const res of clients.values()) res.write(message);
}`,
      { at: 'clients', name: 'clients', operation: '`.set()`', fn: 'the handler passed to app.get' },
    ),
    // Typed values: the LRU cache keeps the Map's type arguments.
    {
      ...invalid(
        `interface Profile {
  name: string;
}
const profiles = new Map<string, Profile>();
app.get('/users/:id', async (req: { params: { id: string } }, res: { json(p: Profile): void }) => {
  const cached = profiles.get(req.params.id);
  if (cached) return res.json(cached);
  const profile: Profile = await load(req.params.id);
  profiles.set(req.params.id, profile);
  res.json(profile);
});`,
        {
          at: 'profiles',
          name: 'profiles',
          operation: '`.set()`',
          fn: 'the handler passed to app.get',
          suggestions: [
            {
              messageId: 'suggestLruCache',
              data: { max: 1000 },
              output: `import { LRUCache } from 'lru-cache';
interface Profile {
  name: string;
}
const profiles = new LRUCache<string, Profile>({ max: 1000 });
app.get('/users/:id', async (req: { params: { id: string } }, res: { json(p: Profile): void }) => {
  const cached = profiles.get(req.params.id);
  if (cached) return res.json(cached);
  const profile: Profile = await load(req.params.id);
  profiles.set(req.params.id, profile);
  res.json(profile);
});`,
            },
          ],
        },
      ),
      ts: true,
    },
    // A value type that may be undefined is not one an LRU cache can hold: no remedy.
    {
      ...invalid(
        `const lastSeen = new Map<string, number | undefined>();
app.get('/ping', (req: { query: { id: string } }) => {
  lastSeen.set(req.query.id, Date.now());
});`,
        { at: 'lastSeen', name: 'lastSeen', operation: '`.set()`', fn: 'the handler passed to app.get' },
      ),
      ts: true,
    },
    // CommonJS: the cache comes in with a require, after the file's last one.
    invalid(
      `'use strict';
const express = require('express');
const seen = new Set();
const app = express();
app.post('/events', (req, res) => {
  seen.add(req.body.id);
  res.end();
});
module.exports = app;`,
      {
        at: 'seen',
        name: 'seen',
        operation: '`.add()`',
        fn: 'the handler passed to app.post',
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `'use strict';
const express = require('express');
const { LRUCache } = require('lru-cache');
const seen = new LRUCache({ max: 1000 });
const app = express();
app.post('/events', (req, res) => {
  seen.set(req.body.id, true);
  res.end();
});
module.exports = app;`,
          },
        ],
      },
    ),
    // An LRUCache imported already is used as it is; a name taken by something else stops the remedy.
    invalid(
      `import { LRUCache } from 'lru-cache';
const tokens = new Set();
app.post('/login', (req, res) => {
  tokens.add(req.body.token);
  res.end();
});`,
      {
        at: 'tokens',
        name: 'tokens',
        operation: '`.add()`',
        fn: 'the handler passed to app.post',
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output: `import { LRUCache } from 'lru-cache';
const tokens = new LRUCache({ max: 1000 });
app.post('/login', (req, res) => {
  tokens.set(req.body.token, true);
  res.end();
});`,
          },
        ],
      },
    ),
    invalid(
      `const LRUCache = createCacheClass();
const tokens = new Set();
app.post('/login', (req, res) => {
  tokens.add(req.body.token);
  res.end();
});`,
      { at: 'tokens', name: 'tokens', operation: '`.add()`', fn: 'the handler passed to app.post' },
    ),
    // The team's cap, and `fix: 'autofix'`: --fix puts the LRU cache in.
    invalid(
      `import express from 'express';
const seen = new Set();
express().post('/events', (req, res) => {
  seen.add(req.body.id);
  res.end();
});`,
      { at: 'seen', name: 'seen', operation: '`.add()`', fn: 'the handler passed to express().post' },
      {
        options: [{ maxEntries: 500, fix: 'autofix' }],
        output: `import express from 'express';
import { LRUCache } from 'lru-cache';
const seen = new LRUCache({ max: 500 });
express().post('/events', (req, res) => {
  seen.set(req.body.id, true);
  res.end();
});`,
      },
    ),
    // A plain object as a cache becomes an LRUCache, every read and write of it rewritten.
    {
      ...invalid(
        `interface TenantSettings {
  plan: string;
}
const tenantSettings: Record<string, TenantSettings> = {};
bus.on('tenant.updated', (settings: TenantSettings & { tenantId: string }) => {
  tenantSettings[settings.tenantId] = settings;
});
export function cachedSettings(tenantId: string): TenantSettings | undefined {
  return tenantSettings[tenantId];
}
export function planOf(tenantId: string): string {
  if (!(tenantId in tenantSettings)) return 'free';
  return tenantSettings[tenantId]?.plan ?? 'free';
}`,
        {
          at: 'tenantSettings: Record<string, TenantSettings>',
          name: 'tenantSettings',
          operation: '`tenantSettings[settings.tenantId] = …`',
          fn: "the callback passed to bus.on('tenant.updated')",
          suggestions: [
            {
              messageId: 'suggestLruCacheForObject',
              data: { name: 'tenantSettings', max: 1000 },
              output: `import { LRUCache } from 'lru-cache';
interface TenantSettings {
  plan: string;
}
const tenantSettings = new LRUCache<string, TenantSettings>({ max: 1000 });
bus.on('tenant.updated', (settings: TenantSettings & { tenantId: string }) => {
  tenantSettings.set(settings.tenantId, settings);
});
export function cachedSettings(tenantId: string): TenantSettings | undefined {
  return tenantSettings.get(tenantId);
}
export function planOf(tenantId: string): string {
  if (!(tenantSettings.has(tenantId))) return 'free';
  return tenantSettings.get(tenantId)?.plan ?? 'free';
}`,
            },
          ],
        },
      ),
      ts: true,
    },
    // An index signature with number keys; Object.hasOwn and hasOwnProperty become has, the cap is the team's.
    // (Handing the object to Object.hasOwn counts as passing it elsewhere: reported with checkEscaped.)
    {
      ...invalid(
        `import express from 'express';
const app = express();
const prices: { [sku: number]: number } = {};
app.get('/price/:sku', async (req, res) => {
  const sku = Number(req.params.sku);
  if (!Object.hasOwn(prices, sku)) prices[sku] = await lookupPrice(sku);
  res.json({ sku, price: prices[sku] ?? null, cached: prices.hasOwnProperty(sku) });
});`,
        {
          at: 'prices: { [sku: number]: number }',
          name: 'prices',
          operation: '`prices[sku] = …`',
          fn: 'the handler passed to app.get',
          suggestions: [
            {
              messageId: 'suggestLruCacheForObject',
              data: { name: 'prices', max: 50 },
              output: `import express from 'express';
import { LRUCache } from 'lru-cache';
const app = express();
const prices = new LRUCache<number, number>({ max: 50 });
app.get('/price/:sku', async (req, res) => {
  const sku = Number(req.params.sku);
  if (!prices.has(sku)) prices.set(sku, await lookupPrice(sku));
  res.json({ sku, price: prices.get(sku) ?? null, cached: prices.has(sku) });
});`,
            },
          ],
        },
        { options: [{ maxEntries: 50, checkEscaped: true }] },
      ),
      ts: true,
    },
    // CommonJS, without a written type: reads may only be tested (TypeScript would type them `{}`).
    invalid(
      `const express = require('express');
const seen = {};
express().post('/hooks', (req, res) => {
  if (seen[req.body.id]) return res.status(200).end();
  seen[req.body.id] = true;
  res.status(202).end();
});`,
      {
        at: 'seen',
        name: 'seen',
        operation: '`seen[req.body.id] = …`',
        fn: 'the handler passed to express().post',
        suggestions: [
          {
            messageId: 'suggestLruCacheForObject',
            data: { name: 'seen', max: 1000 },
            output: `const express = require('express');
const { LRUCache } = require('lru-cache');
const seen = new LRUCache({ max: 1000 });
express().post('/hooks', (req, res) => {
  if (seen.get(req.body.id)) return res.status(200).end();
  seen.set(req.body.id, true);
  res.status(202).end();
});`,
          },
        ],
      },
    ),
    // Objects the rewrite would change: no suggestion.
    ...[
      // Fixed property names next to the computed ones, and a read used as a value without a written type.
      `const stats = {};\napp.get('/hit', (req, res) => {\n  stats[req.query.page] = Date.now();\n  stats.last = req.query.page;\n  res.end();\n});`,
      `const views = {};\napp.get('/view', (req, res) => {\n  views[req.query.page] = Date.now();\n  res.json(views[req.query.page]);\n});`,
      // Iterated, counted, compound-assigned, or stored with its result used.
      `const hits = {};\napp.get('/hit', (req, res) => {\n  hits[req.query.page] = Date.now();\n  res.json(Object.keys(hits).length);\n});`,
      `const hits = {};\napp.get('/hit', (req, res) => {\n  for (const page in hits) console.log(page);\n  hits[req.query.page] = 1;\n  res.end();\n});`,
      `const hits = {};\napp.get('/hit', (req, res) => {\n  hits[req.query.page] ||= 0;\n  res.end();\n});`,
      `const hits = {};\napp.get('/hit', (req, res) => {\n  res.json((hits[req.query.page] = Date.now()));\n});`,
      // A comment in the rewritten text.
      `const hits = {};\napp.get('/hit', (req, res) => {\n  hits[req.query.page] /* when */ = Date.now();\n  res.end();\n});`,
    ].map((code) => {
      const name = /^const (\w+)/.exec(code)?.[1] ?? '';
      return invalid(code, { at: name, name, operation: `\`${name}[req.query.page] = …\``, fn: 'the handler passed to app.get' });
    }),
    ...[
      // A read whose type would gain `undefined`; a value type the cache cannot hold; a key type it does not take apart.
      `interface Page { title: string }\nconst pages: Record<string, Page> = {};\napp.get('/page', (req, res) => {\n  pages[req.query.id] = load(req.query.id);\n  const page: Page = pages[req.query.id];\n  res.send(page.title);\n});`,
      `interface Page { title: string }\nconst pages: Record<string, Page | undefined> = {};\napp.get('/page', (req, res) => {\n  pages[req.query.id] = load(req.query.id);\n  res.end();\n});`,
      `type PageId = string;\ninterface Page { title: string }\nconst pages: Record<PageId, Page> = {};\napp.get('/page', (req, res) => {\n  pages[req.query.id] = load(req.query.id);\n  res.end();\n});`,
      `interface Page { title: string }\nconst pages: Record<string, Page> = {};\napp.get('/page', (req, res) => {\n  pages['home'] = load(req.query.id);\n  pages[req.query.id] = load(req.query.id);\n  res.json(pages[1] ?? null);\n});`,
      `interface Page { title: string }\nconst pages: Record<string, /* by id */ Page> = {};\napp.get('/page', (req, res) => {\n  pages[req.query.id] = load(req.query.id);\n  res.end();\n});`,
    ].map((code) => ({
      ...invalid(code, {
        at: /pages: [^=]+(?= =)/.exec(code)?.[0] ?? '',
        name: 'pages',
        operation: '`pages[req.query.id] = …`',
        fn: 'the handler passed to app.get',
      }),
      ts: true,
    })),
    // A queue in a singleton service class, written without semicolons.
    {
      ...invalid(
        `class Mailer {
  private outbox: string[] = []

  send(message: string): void {
    // Picked up by the flush timer.
    this.outbox.push(message)
  }

  flush(): void {
    const next = this.outbox.shift()
    if (next) transport.deliver(next)
  }
}
export const mailer = new Mailer()
app.post('/mail', (req, res) => {
  mailer.send(req.body.message)
  res.end()
})`,
        {
          at: 'outbox',
          name: 'this.outbox',
          operation: '`.push()`',
          fn: "method 'send'",
          messageId: 'unboundedQueue',
          suggestions: [
            {
              messageId: 'suggestQueueLimit',
              data: { name: 'this.outbox', operation: '`.push()`', max: 1000 },
              output: `class Mailer {
  private outbox: string[] = []

  send(message: string): void {
    if (this.outbox.length >= 1000) {
      throw new Error('outbox is full')
    }
    // Picked up by the flush timer.
    this.outbox.push(message)
  }

  flush(): void {
    const next = this.outbox.shift()
    if (next) transport.deliver(next)
  }
}
export const mailer = new Mailer()
app.post('/mail', (req, res) => {
  mailer.send(req.body.message)
  res.end()
})`,
            },
          ],
        },
        { options: [{ checkQueues: true }] },
      ),
      ts: true,
    },
    // A push that is not a statement of its own block, or that adds several entries: no suggestion.
    ...[
      `const jobs = [];\napp.post('/jobs', (req, res) => {\n  if (req.body) jobs.push(req.body);\n  res.end();\n});\nsetInterval(() => run(jobs.shift()), 100);`,
      `const jobs = [];\napp.post('/jobs', (req, res) => {\n  res.json({ position: jobs.push(req.body) });\n});\nsetInterval(() => run(jobs.shift()), 100);`,
      `const jobs = [];\napp.post('/jobs', (req, res) => {\n  jobs.push(...req.body.jobs);\n  res.end();\n});\nsetInterval(() => run(jobs.shift()), 100);`,
    ].map((code) =>
      invalid(
        code,
        { at: 'jobs', name: 'jobs', operation: '`.push()`', fn: 'the handler passed to app.post', messageId: 'unboundedQueue' },
        { options: [{ checkQueues: true }] },
      ),
    ),
    /** Shapes of eviction that evicts nothing, paired operations, and what lives long by construction. */
    // Writing `undefined` or `null` keeps the key: it is not eviction.
    weakRemoval(
      `const cache = new Map();
app.get('/items/:id', async (req, res) => {
  cache.set(req.params.id, await load(req.params.id));
  res.json(cache.get(req.params.id));
});
app.delete('/items/:id', (req, res) => {
  cache.set(req.params.id, undefined);
  res.end();
});`,
      {
        at: 'cache',
        name: 'cache',
        operation: '`.set()`',
        fn: 'the handler passed to app.get',
        removal: '`cache.set(req.params.id, undefined)`',
        reason: REASON.keepsKey,
      },
    ),
    weakRemoval(
      `const NONE = null;
const sessions = {};
app.post('/login', (req, res) => {
  sessions[req.body.token] = req.body.user;
  res.end();
});
app.post('/logout', (req, res) => {
  sessions[req.body.token] = NONE;
  res.end();
});`,
      {
        at: 'sessions',
        name: 'sessions',
        operation: '`sessions[req.body.token] = …`',
        fn: 'the handler passed to app.post',
        removal: '`sessions[req.body.token] = NONE`',
        reason: REASON.keepsKey,
      },
    ),
    weakRemoval(
      `const sockets = [];
wss.on('connection', (socket) => {
  const slot = sockets.push(socket) - 1;
  socket.on('close', () => {
    sockets[slot] = undefined;
  });
});`,
      {
        at: 'sockets',
        name: 'sockets',
        operation: '`.push()`',
        fn: "the callback passed to wss.on('connection')",
        removal: '`sockets[slot] = undefined`',
        reason: REASON.keepsKey,
      },
    ),
    // Lazy expiry with no sweep: a key never read again stays.
    weakRemoval(
      `const TTL = 60_000;
const tokens = new Map();
app.get('/token/:user', async (req, res) => {
  const entry = tokens.get(req.params.user);
  if (entry && entry.expiresAt < Date.now()) {
    tokens.delete(req.params.user);
  } else if (entry) {
    return res.json(entry.token);
  }
  const token = await issue(req.params.user);
  tokens.set(req.params.user, { token, expiresAt: Date.now() + TTL });
  res.json(token);
});`,
      {
        at: 'tokens',
        name: 'tokens',
        operation: '`.set()`',
        fn: 'the handler passed to app.get',
        removal: '`tokens.delete(req.params.user)`',
        reason: REASON.lazy,
      },
    ),
    weakRemoval(
      `const seen = {};
queue.process(async (job) => {
  const key = job.data.dedupeKey;
  if (seen[key] && Date.now() - seen[key].at > 3_600_000) delete seen[key];
  if (seen[key]) return;
  seen[key] = { at: Date.now() };
  await handle(job);
});`,
      { at: 'seen', name: 'seen', operation: '`seen[key] = …`', fn: 'the handler passed to queue.process', removal: '`delete seen[key]`', reason: REASON.lazy },
    ),
    // A delete on the failure path only: every success stays.
    weakRemoval(
      `const inflight = new Map();
app.get('/quote/:sku', (req, res) => {
  let quote = inflight.get(req.params.sku);
  if (!quote) {
    quote = fetchQuote(req.params.sku);
    inflight.set(req.params.sku, quote);
    quote.catch(() => inflight.delete(req.params.sku));
  }
  quote.then((q) => res.json(q), () => res.status(502).end());
});`,
      {
        at: 'inflight',
        name: 'inflight',
        operation: '`.set()`',
        fn: 'the handler passed to app.get',
        removal: '`inflight.delete(req.params.sku)`',
        reason: REASON.rare,
      },
    ),
    weakRemoval(
      `const pending = new Map();
channel.consume('rpc', async (msg) => {
  const id = msg.properties.correlationId;
  pending.set(id, Date.now());
  try {
    await reply(msg);
  } catch (err) {
    pending.delete(id);
    throw err;
  }
});`,
      {
        at: 'pending',
        name: 'pending',
        operation: '`.set()`',
        fn: 'the handler passed to channel.consume',
        removal: '`pending.delete(id)`',
        reason: REASON.rare,
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output:
              "import { LRUCache } from 'lru-cache';\nconst pending = new LRUCache({ max: 1000 });\nchannel.consume('rpc', async (msg) => {\n  const id = msg.properties.correlationId;\n  pending.set(id, Date.now());\n  try {\n    await reply(msg);\n  } catch (err) {\n    pending.delete(id);\n    throw err;\n  }\n});",
          },
        ],
      },
    ),
    // A delete of a different key than the one added.
    weakRemoval(
      `const clients = new Map();
wss.on('connection', (socket) => {
  clients.set(socket.id, socket);
  socket.on('close', () => clients.delete(socket));
});`,
      {
        at: 'clients',
        name: 'clients',
        operation: '`.set()`',
        fn: "the callback passed to wss.on('connection')",
        removal: '`clients.delete(socket)`',
        reason: REASON.otherKey,
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output:
              "import { LRUCache } from 'lru-cache';\nconst clients = new LRUCache({ max: 1000 });\nwss.on('connection', (socket) => {\n  clients.set(socket.id, socket);\n  socket.on('close', () => clients.delete(socket));\n});",
          },
        ],
      },
    ),
    weakRemoval(
      `const carts = new Map();
app.post('/cart/:id', (req, res) => {
  carts.set(String(req.params.id), req.body);
  res.end();
});
app.delete('/cart/:id', (req, res) => {
  carts.delete(req.params.id);
  res.end();
});`,
      {
        at: 'carts',
        name: 'carts',
        operation: '`.set()`',
        fn: 'the handler passed to app.post',
        removal: '`carts.delete(req.params.id)`',
        reason: REASON.otherKey,
        suggestions: [
          {
            messageId: 'suggestLruCache',
            data: { max: 1000 },
            output:
              "import { LRUCache } from 'lru-cache';\nconst carts = new LRUCache({ max: 1000 });\napp.post('/cart/:id', (req, res) => {\n  carts.set(String(req.params.id), req.body);\n  res.end();\n});\napp.delete('/cart/:id', (req, res) => {\n  carts.delete(req.params.id);\n  res.end();\n});",
          },
        ],
      },
    ),
    // Paired operations: the removing half does not remove.
    unpaired(
      `export class EventBus {
  handlers = new Map();
  subscribe(topic, handler) {
    this.handlers.set(topic, handler);
  }
  unsubscribe(topic) {
    logger.debug('unsubscribed', topic);
  }
}`,
      {
        at: 'handlers',
        name: 'this.handlers',
        operation: '`.set()`',
        add: "method 'subscribe'",
        remove: "method 'unsubscribe'",
        suggestions: [
          {
            messageId: 'suggestPairedDelete',
            data: { text: 'this.handlers.delete(topic);', add: "method 'subscribe'", remove: "method 'unsubscribe'" },
            output:
              "export class EventBus {\n  handlers = new Map();\n  subscribe(topic, handler) {\n    this.handlers.set(topic, handler);\n  }\n  unsubscribe(topic) {\n    this.handlers.delete(topic);\n    logger.debug('unsubscribed', topic);\n  }\n}",
          },
        ],
      },
    ),
    unpaired(
      `export class Hooks {
  #hooks = [];
  registerHook(name, fn) {
    this.#hooks.push({ name, fn });
  }
  unregisterHook(name) {
    this.#hooks.find((hook) => hook.name === name).fn = null;
  }
}`,
      { at: '#hooks', name: 'this.#hooks', operation: '`.push()`', add: "method 'registerHook'", remove: "method 'unregisterHook'" },
    ),
    unpaired(
      `const watchers = new Set();
export function watch(listener) {
  watchers.add(listener);
}
export function unwatch(listener) {
  listener.active = false;
}`,
      {
        at: 'watchers',
        name: 'watchers',
        operation: '`.add()`',
        add: "function 'watch'",
        remove: "function 'unwatch'",
        suggestions: [
          {
            messageId: 'suggestPairedDelete',
            data: { text: 'watchers.delete(listener);', add: "function 'watch'", remove: "function 'unwatch'" },
            output:
              'const watchers = new Set();\nexport function watch(listener) {\n  watchers.add(listener);\n}\nexport function unwatch(listener) {\n  watchers.delete(listener);\n  listener.active = false;\n}',
          },
        ],
      },
    ),
    unpaired(
      `export class Connection {
  static live = new Set();
  connect(url) {
    this.url = url;
    Connection.live.add(this);
  }
  destroy() {
    this.socket?.end();
  }
}`,
      { at: 'live', name: 'Connection.live', operation: '`.add()`', add: "method 'connect'", remove: "method 'destroy'" },
    ),
    unpaired(
      `const rooms = {};
export const presence = {
  track(room, user) {
    rooms[room + ':' + user.id] = user;
  },
  untrack(room, user) {
    rooms[room + ':' + user.id] = null;
  },
};`,
      { at: 'rooms', name: 'rooms', operation: "`rooms[room + ':' + user.id] = …`", add: "method 'track'", remove: "method 'untrack'" },
    ),
    unpaired(
      `export class Hub {
  clients = new Map();
  addClient(client) {
    this.clients.set(client.id, client);
  }
  removeClient(client) {
    client.socket.end();
  }
}`,
      { at: 'clients', name: 'this.clients', operation: '`.set()`', add: "method 'addClient'", remove: "method 'removeClient'" },
    ),
    unpaired(
      `export class Emitter {
  listeners = [];
  on(event, fn) {
    this.listeners.push({ event, fn });
  }
  off(event, fn) {
    const found = this.listeners.find((l) => l.event === event && l.fn === fn);
    if (found) found.fn = noop;
  }
}`,
      { at: 'listeners', name: 'this.listeners', operation: '`.push()`', add: "method 'on'", remove: "method 'off'" },
    ),
    unpaired(
      `const subscribers = new Set();
export function subscribe(listener) {
  subscribers.add(listener);
  return () => {
    listener.closed = true;
  };
}`,
      { at: 'subscribers', name: 'subscribers', operation: '`.add()`', add: "function 'subscribe'", remove: "the arrow function returned by 'subscribe'" },
    ),
    // Long-lived by construction: static fields, static #private fields, instances made at module level.
    invalidLru(
      `class Registry {
  static #byTenant = new Map();
  static remember(tenant, config) {
    Registry.#byTenant.set(tenant, config);
  }
}
app.use((req, res, next) => {
  Registry.remember(req.headers['x-tenant'], req.body);
  next();
});`,
      { at: '#byTenant', name: 'Registry.#byTenant', operation: '`.set()`', fn: "static method 'remember'" },
      [['new Map()', 'new LRUCache({ max: 1000 })']],
      ESM_LRU,
    ),
    invalidLru(
      `class Registry {
  items = new Map();
  add(key, value) {
    this.items.set(key, value);
  }
}
const registry = new Registry();
app.post('/items', (req, res) => {
  registry.add(req.body.id, req.body);
  res.end();
});
export default registry;`,
      { at: 'items', name: 'this.items', operation: '`.set()`', fn: "method 'add'" },
      [['new Map()', 'new LRUCache({ max: 1000 })']],
      ESM_LRU,
    ),
    invalidLru(
      `class Client {
  seen = new Set();
  mark(id) {
    this.seen.add(id);
  }
}
module.exports = new Client();`,
      { at: 'seen', name: 'this.seen', operation: '`.add()`', fn: "method 'mark'", messageId: 'unboundedCollectionAssumed' },
      [
        ['new Set()', 'new LRUCache({ max: 1000 })'],
        ['this.seen.add(id)', 'this.seen.set(id, true)'],
      ],
      CJS_LRU,
      assumeRepeats,
    ),
    // A function that never returns keeps its own variables as long as a module does.
    invalidLru(
      `export async function pollOrders() {
  const processed = new Set();
  while (true) {
    const batch = await fetchOrders();
    for (const order of batch) processed.add(order.id);
    await sleep(5_000);
  }
}`,
      { at: 'processed', name: 'processed', operation: '`.add()`', fn: "async function 'pollOrders'" },
      [
        ['new Set()', 'new LRUCache({ max: 1000 })'],
        ['processed.add(order.id)', 'processed.set(order.id, true)'],
      ],
      ESM_LRU,
    ),
    invalid(
      `import { on } from 'node:events';
export async function relay(emitter) {
  const delivered = [];
  for await (const [event] of on(emitter, 'message')) {
    delivered.push(event.id);
    await forward(event);
  }
}`,
      { at: 'delivered', name: 'delivered', operation: '`.push()`', fn: "async function 'relay'" },
    ),
    invalidLru(
      `export async function follow(client) {
  const offsets = new Map();
  for await (const message of client.subscribe('orders')) {
    offsets.set(message.key, message.offset);
  }
}`,
      { at: 'offsets', name: 'offsets', operation: '`.set()`', fn: "async function 'follow'", messageId: 'unboundedCollectionAssumed' },
      [['new Map()', 'new LRUCache({ max: 1000 })']],
      ESM_LRU,
      assumeRepeats,
    ),
    invalid(
      `export function startSampler(probe) {
  const samples = [];
  setInterval(() => {
    samples.push(probe.read());
  }, 1_000);
}`,
      { at: 'samples', name: 'samples', operation: '`.push()`', fn: 'the callback passed to setInterval' },
    ),
    // Strict: instance fields of a class the file does not show short-lived, grown by a public method from its arguments.
    invalidLru(
      `export class SessionStore {
  sessions = new Map();
  save(id, session) {
    this.sessions.set(id, session);
  }
}`,
      { at: 'sessions', name: 'this.sessions', operation: '`.set()`', fn: "method 'save'", messageId: 'unboundedCollectionAssumed' },
      [['new Map()', 'new LRUCache({ max: 1000 })']],
      ESM_LRU,
      { options: [{ checkAllClasses: true, assumeRepeats: true }] },
    ),
    // The same server, handing nothing over.
    invalid(
      `export class ImapServer {
  connections = new Set();
  accept(socket) {
    const connection = new ImapConnection(socket);
    this.connections.add(connection);
  }
}`,
      {
        at: 'connections',
        name: 'this.connections',
        operation: '`.add()`',
        fn: "method 'accept'",
        messageId: 'unboundedCollectionAssumed',
        suggestions: [
          {
            messageId: 'suggestWeakCollection',
            data: { weak: 'WeakSet' },
            output: `export class ImapServer {
  connections = new WeakSet();
  accept(socket) {
    const connection = new ImapConnection(socket);
    this.connections.add(connection);
  }
}`,
          },
        ],
      },
      { options: [{ checkAllClasses: true, assumeRepeats: true }] },
    ),
    // Member names come from the code, not from its text: a comment or a string naming the field hides nothing.
    invalid(
      `class PriceService {
  cache = new Map();
  async price(req, res) {
    // see also: warmup.cache
    this.cache.set(req.params.sku, await lookup(req.params.sku));
    res.json({ key: '.cache', price: this.cache.get(req.params.sku) });
  }
}
export const service = new PriceService();
app.get('/price/:sku', (req, res) => service.price(req, res));`,
      { at: 'cache', name: 'this.cache', operation: '`.set()`', fn: "async method 'price'" },
    ),
    // The name as a key of an object literal, or as the property of this, is not a use by other code.
    invalid(
      `class PriceService {
  cache = new Map();
  async price(req, res) {
    this.cache.set(req.params.sku, await lookup(req.params.sku));
    res.json({ cache: 'hit', price: this['cache'].get(req.params.sku) });
  }
}
export const service = new PriceService();
app.get('/price/:sku', (req, res) => service.price(req, res));`,
      { at: 'cache', name: 'this.cache', operation: '`.set()`', fn: "async method 'price'" },
    ),
    // Used outside its class: reported only with checkEscaped.
    invalid(
      `class PriceService {
  cache = new Map();
  async price(req, res) {
    this.cache.set(req.params.sku, await lookup(req.params.sku));
    res.json(this.cache.get(req.params.sku));
  }
}
export const service = new PriceService();
app.get('/price/:sku', (req, res) => service.price(req, res));
app.post('/flush', (req, res) => {
  service.cache.clear();
  res.end();
});`,
      { at: 'cache', name: 'this.cache', operation: '`.set()`', fn: "async method 'price'" },
      { options: [{ checkEscaped: true }] },
    ),
  ],
});
