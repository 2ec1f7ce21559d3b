import rule, { type MessageIds, type Options } from '../../rules/no-unbounded-concurrency.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

/** One report at `combinator`, with no suggestion unless `withSuggestions` adds them. */
function invalid(code: string, items: string, combinator = 'Promise.all', extra: Partial<Case> = {}): Case {
  return { code, errors: [{ messageId: 'unboundedFanOut', data: { combinator, items }, ...at(code, combinator), suggestions: [] }], output: null, ...extra };
}

/** The case's one report with these suggestions (each with the report's items and the batch size). */
function withSuggestions(test: Case, suggestions: { messageId: MessageIds; output: string }[], size = 10): Case {
  const [error] = test.errors;
  const items = (error?.data as { items: string } | undefined)?.items ?? '';
  return {
    ...test,
    errors: [
      { ...error, messageId: error?.messageId ?? 'unboundedFanOut', suggestions: suggestions.map((suggestion) => ({ ...suggestion, data: { items, size } })) },
    ],
  };
}

/** One report at `callee` for a mapping function whose concurrency is unlimited. */
function unlimited(code: string, combinator: string, items: string, how: string, fixed: string | null, extra: Partial<Case> = {}): Case {
  const suggestions = fixed === null ? [] : [{ messageId: 'suggestConcurrency' as const, data: { size: 10 }, output: fixed }];
  return {
    code,
    errors: [{ messageId: 'unlimitedConcurrency', data: { combinator, items, unlimited: how }, ...at(code, combinator, 'last'), suggestions }],
    output: null,
    ...extra,
  };
}

new SteadyStateRuleTester().run('no-unbounded-concurrency', rule, {
  valid: [
    // Fixed tuples.
    `const [user, orders] = await Promise.all([loadUser(id), loadOrders(id)]);`,
    `await Promise.all(['orders', 'payments', 'users'].map((table) => truncate(table)));`,
    // Literal slices and chunked loops.
    `export const preview = (rows) => Promise.all(rows.slice(0, 5).map((row) => enrich(row)));`,
    `const BATCH = 20;\nexport async function syncAll(tenants) {\n  for (let i = 0; i < tenants.length; i += BATCH) {\n    await Promise.all(tenants.slice(i, i + BATCH).map((t) => sync(t)));\n  }\n}`,
    `export async function drain(queue) {\n  while (queue.length) await Promise.all(queue.splice(0, 10).map(run));\n}`,
    // Through a concurrency limiter.
    `import pLimit from 'p-limit';\nconst limit = pLimit(8);\nexport const all = (ids) => Promise.all(ids.map((id) => limit(() => load(id))));`,
    `import PQueue from 'p-queue';\nconst queue = new PQueue({ concurrency: 4 });\nexport const all = (jobs) => Promise.all(jobs.map((job) => queue.add(() => run(job))));`,
    {
      code: `export const all = (ids) => Promise.all(ids.map((id) => throttle(() => load(id))));`,
      options: [{ limiters: [{ name: 'throttle' }] }],
    },
    `import pMap from 'p-map';\nexport const all = (ids) => pMap(ids, load, { concurrency: 8 });`,
    // Waiting on promises that already exist: no new work per item.
    `export const settle = (jobs) => Promise.all(jobs.map((job) => job.done));`,
    // Closing what is open, on shutdown.
    `export async function close(pools) {\n  await Promise.all(pools.map((pool) => pool.end()));\n}`,
    `export async function shutdown() {\n  await Promise.all(connections.map(async (c) => { await c.drain(); }));\n}`,
    // Each item's own life ended, whatever the function is called: `shutdown()` is one of the catalog's lifecycle-end methods.
    `export async function replaceAll(workers) {\n  await Promise.all(workers.map((worker) => worker.shutdown()));\n}`,
    // The object's own state.
    `export class Server {\n  async start() {\n    await Promise.all(this.plugins.map((plugin) => plugin.start()));\n  }\n}`,
    // Known-bounded names.
    { code: `export const all = () => Promise.all(regions.map((r) => ping(r)));`, options: [{ boundedNames: ['regions'] }] },
    // Sized outside the function and not by a request: an imported list, a module, the configuration.
    `import { REGIONS } from './regions.js';\nexport const warmAll = () => Promise.all(REGIONS.map((region) => warm(region)));`,
    `import * as catalog from './catalog.js';\nexport const check = (stores) => Promise.all(Object.values(catalog.PROVIDERS).map(async (provider) => stores.settings.get(provider.id)));`,
    `const interfaces = require('./interfaces');\nmodule.exports = async function start(app) {\n  return Promise.all(Object.keys(interfaces).map(async (name) => interfaces[name](app).start()));\n};`,
    `export async function pingPeers(config) {\n  await Promise.all(config.cluster.peers.map((peer) => ping(peer)));\n}`,
    `export const connectAll = () => Promise.all(process.env.BROKERS.split(',').map((url) => connect(url)));`,
    // The rows of a query with a literal limit.
    `export async function deliverPending(db) {\n  const rows = await db('events').where({ pending: true }).limit(50);\n  await Promise.all(rows.map((row) => deliver(row)));\n}`,
    `export async function recent(pool, userId) {\n  const { rows } = await pool.query('SELECT id FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20', [userId]);\n  return Promise.all(rows.map((row) => loadOrder(row.id)));\n}`,
    `export async function firstPage(collection) {\n  const docs = await collection.find({ status: 'open' }, { limit: 25 });\n  return Promise.all(docs.map((doc) => enrich(doc)));\n}`,
    // An async callback that starts nothing.
    `export async function link(environment, projects) {\n  const rows = await Promise.all(projects.map(async (projectId) => ({ project_id: projectId, environment })));\n  await db('project_environments').insert(rows);\n}`,
    // Items that mostly short-circuit before any I/O.
    `export const attachAll = (items) => Promise.all(items.map(async (item) => {\n  if (typeof item.media !== 'object') return item;\n  return { ...item, media: await upload(item.media) };\n}));`,
    `export const expand = (replies) => Promise.all(replies.map(async (reply) => (isThreadView(reply) ? await insertLocal(reply) : reply)));`,
    // A collection whose length the function caps before fanning out, or one derived from it.
    `app.post('/users/batch', async (req, res) => {\n  const { ids } = req.body;\n  if (!Array.isArray(ids) || ids.length > MAX_BATCH_IDS) {\n    res.status(400).json({ error: 'too many ids' });\n    return;\n  }\n  res.json(await Promise.all(ids.map((id) => loadProfile(id))));\n});`,
    `export class Segments {\n  async update(strategyId, segmentIds) {\n    if (segmentIds.length > this.config.segmentsLimit) throw new BadDataError('too many segments');\n    const current = await this.byStrategy(strategyId);\n    const added = segmentIds.filter((id) => !current.includes(id));\n    await Promise.all(added.map((id) => this.add(id, strategyId)));\n  }\n}`,
    // A pool of workers, each taking the next item in a loop.
    `const CONCURRENCY = 4;\nexport async function probeAll(targets) {\n  let next = 0;\n  async function worker() {\n    while (next < targets.length) await probe(targets[next++]);\n  }\n  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));\n}`,
    `export async function parallelLimit(items, limit, work) {\n  let cursor = 0;\n  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {\n    while (cursor < items.length) await work(items[cursor++]);\n  });\n  await Promise.all(runners);\n}`,
    // The object's own state, reached through a variable or a loop.
    `export class Debugger {\n  async broadcast(event, payload) {\n    const listeners = this.events.get(event);\n    if (!listeners) return;\n    const promises = [];\n    for (const id of listeners) promises.push(this.notify(id, payload));\n    await Promise.all(promises);\n  }\n}`,
    `export class Replicator {\n  async saveAll() {\n    const promises = [];\n    for (const group of this.declared.values()) {\n      for (const replicant of group.values()) promises.push(this.save(replicant));\n    }\n    await Promise.all(promises);\n  }\n}`,
    `export class Endpoints {\n  async init() {\n    const endpoints = this.services.endpoints;\n    const ready = [];\n    for (let i = 0; i < endpoints.length; i++) ready.push(endpoints[i].whenReady());\n    await Promise.all(ready);\n  }\n}`,
    // Not the real Promise.
    `export function f(Promise, items) {\n  return Promise.all(items.map((i) => work(i)));\n}`,
    // Keys of an object literal the code wrote.
    `const ENDPOINTS = { a: '/a', b: '/b' };\nexport const warm = () => Promise.all(Object.keys(ENDPOINTS).map((k) => hit(k)));`,
    // Loop bounds and batch sizes decided by value.
    `const WORKERS = 3;\nconst tasks = [];\nfor (let i = 0; i < WORKERS; i++) tasks.push(worker(i));\nawait Promise.all(tasks);`,
    `const BATCH = 2 * 250;\nexport async function syncAll(tenants) {\n  for (let i = 0; i < tenants.length; i += BATCH) {\n    await Promise.all(tenants.slice(i, i + BATCH).map((t) => sync(t)));\n  }\n}`,
    // Batches of a size the author chose, whatever the file says about its value.
    `export async function syncAll(tenants, batchSize) {\n  for (let i = 0; i < tenants.length; i += batchSize) {\n    await Promise.all(tenants.slice(i, i + batchSize).map((t) => sync(t)));\n  }\n}`,
    `export class Sync {\n  async syncAll(tenants) {\n    for (let i = 0; i < tenants.length; i += this.options.batchSize) {\n      const batch = tenants.slice(i, i + this.options.batchSize);\n      await Promise.all(batch.map((t) => this.sync(t)));\n    }\n  }\n}`,
    `const LIMIT = 25;\nexport async function syncAll(tenants) {\n  for (let page = 0; page * LIMIT < tenants.length; page++) {\n    await Promise.all(tenants.slice(page * LIMIT, (page + 1) * LIMIT).map((t) => sync(t)));\n  }\n}`,
    `const LIMIT = 25;\nexport async function syncAll(tenants) {\n  for (let i = 0; i < tenants.length; i += LIMIT) {\n    await Promise.all(tenants.slice(i, Math.min(i + LIMIT, tenants.length)).map((t) => sync(t)));\n  }\n}`,
    `export class Outbox {\n  async flush() {\n    while (this.pending.length > 0) {\n      const batch = this.pending.splice(0, this.batchSize);\n      await Promise.all(batch.map((event) => this.publish(event)));\n    }\n  }\n}`,
    `export async function drain(queue, size) {\n  while (queue.length) await Promise.all(queue.splice(0, size).map((job) => run(job)));\n}`,
    // Groups cut by a chunking helper, one group awaited after another.
    `import chunk from 'lodash/chunk';\nexport async function loadAll(ids) {\n  for (const group of chunk(ids, 25)) await Promise.all(group.map((id) => load(id)));\n}`,
    `const _ = require('lodash');\nexports.loadAll = async (ids, size) => {\n  for (const group of _.chunk(ids, size)) {\n    await Promise.all(group.map((id) => load(id)));\n  }\n};`,
    `function chunks(items, n) {\n  const out = [];\n  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));\n  return out;\n}\nexport async function loadAll(ids) {\n  const batches = chunks(ids, 10);\n  for (let i = 0; i < batches.length; i++) await Promise.all(batches[i].map((id) => load(id)));\n}`,
    `export const loadAll = (ids) => toBatches(ids, 10).reduce((done, batch) => done.then(() => Promise.all(batch.map((id) => load(id)))), Promise.resolve());`,
    // Through limiters held in properties, wrapped functions, named limiters given a function.
    `import pLimit from 'p-limit';\nexport class Loader {\n  constructor() {\n    this.limit = pLimit(4);\n  }\n  loadAll(ids) {\n    return Promise.all(ids.map((id) => this.limit(() => this.load(id))));\n  }\n}`,
    `import Bottleneck from 'bottleneck';\nconst limiter = new Bottleneck({ maxConcurrent: 5 });\nconst send = limiter.wrap(post);\nexport const sendAll = (messages) => Promise.all(messages.map((m) => send(m)));\nexport const sendEach = (messages) => Promise.all(messages.map(send));`,
    `import Bottleneck from 'bottleneck';\nexport class Mailer {\n  limiter = new Bottleneck({ maxConcurrent: 5 });\n  sendAll(messages) {\n    return Promise.all(messages.map((m) => this.limiter.schedule(() => this.send(m))));\n  }\n}`,
    `export class Uploader {\n  uploadAll(files) {\n    return Promise.all(files.map((file) => this.uploadQueue.add(() => this.upload(file))));\n  }\n}`,
    `export const loadAll = (ids, limit) => Promise.all(ids.map((id) => limit(() => load(id))));`,
    // Semaphores: each item waits for a slot before its work starts.
    `import { Sema } from 'async-sema';\nconst sema = new Sema(4);\nexport const loadAll = (ids) => Promise.all(ids.map(async (id) => {\n  await sema.acquire();\n  try {\n    return await load(id);\n  } finally {\n    sema.release();\n  }\n}));`,
    `import { Semaphore } from 'await-semaphore';\nconst semaphore = new Semaphore(10);\nexport const loadAll = (ids) => Promise.all(ids.map(async (id) => {\n  const release = await semaphore.acquire();\n  try {\n    return await load(id);\n  } finally {\n    release();\n  }\n}));`,
    `import { Semaphore } from 'async-mutex';\nconst semaphore = new Semaphore(3);\nexport const loadAll = (ids) => Promise.all(ids.map((id) => semaphore.runExclusive(() => load(id))));`,
    `export async function queryAll(pool, queries) {\n  const tasks = [];\n  for (const q of queries) {\n    tasks.push((async () => {\n      const client = await pool.acquire();\n      try { return await client.query(q); } finally { pool.release(client); }\n    })());\n  }\n  return Promise.all(tasks);\n}`,
    // The first await waits on the limiter; what follows runs as the limiter lets items through.
    `import pLimit from 'p-limit';\nconst limit = pLimit(8);\nexport const fetchAll = (urls) => Promise.all(urls.map(async (url) => {\n  const res = await limit(() => fetch(url, { signal: AbortSignal.timeout(5000) }));\n  return res.json();\n}));`,
    // Mapping functions with a finite concurrency are the fix.
    `import pMap from 'p-map';\nconst CONCURRENCY = 4;\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), { concurrency: CONCURRENCY });`,
    `import pMap from 'p-map';\nexport const loadAll = (ids, options) => pMap(ids, (id) => load(id), { concurrency: options.concurrency });`,
    `import pMap from 'p-map';\nexport const loadAll = (ids, options) => pMap(ids, (id) => load(id), options);`,
    `import pAll from 'p-all';\nexport const runAll = (jobs) => pAll(jobs.map((job) => () => run(job)), { concurrency: 2 });`,
    `const async = require('async');\nexports.loadAll = (ids, done) => async.mapLimit(ids, 5, (id, next) => load(id, next), done);`,
    `const Bluebird = require('bluebird');\nexports.loadAll = (ids) => Bluebird.map(ids, (id) => load(id), { concurrency: 10 });`,
    // Unlimited, but over a collection the code bounds.
    `import pMap from 'p-map';\nexport const warm = () => pMap(['users', 'orders'], (table) => warmTable(table));`,
    // Not the real p-map.
    `const pMap = (items, fn) => items.map(fn);\nexport const loadAll = (ids) => pMap(ids, (id) => load(id));`,
    // Start-up work over what the operator installed: run once, bounded by the installation.
    `export class Plugins {\n  async startPlugins(names) {\n    await Promise.all(names.map((name) => this.load(name).start()));\n  }\n}`,
    `const Bluebird = require('bluebird');\nexports.loadMoreProtocols = async (dirs) => {\n  await Bluebird.map(dirs, (dir) => loadProtocol(dir));\n};`,
    // A mapper that starts no work per item.
    `const Bluebird = require('bluebird');\nconst format = (hit) => ({ id: hit._id, source: hit._source });\nexports.formatAll = (hits) => Bluebird.map(hits, format);`,
    // Pools sized by a concurrency: as many workers as slots, not as items.
    `export function runPool(concurrency, worker) {\n  const workers = Array(concurrency).fill(worker).map((run) => run());\n  return Promise.all(workers);\n}`,
    `const WORKERS = 4;\nexport const drainAll = (queue) => Promise.all(new Array(WORKERS).fill(0).map(() => drain(queue)));`,
    // Batches collected by pushing slices, then run one after another.
    `export async function loadAll(ids, size) {\n  const batches = [];\n  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));\n  for (const batch of batches) await Promise.all(batch.map((id) => load(id)));\n}`,
    // A page size the code chose: a variable, the object's own setting.
    `export async function backfill(db, batchSize) {\n  const rows = await db('events').whereNull('user_id').limit(batchSize);\n  await Promise.all(rows.map((row) => fix(row)));\n}`,
    `export class Sync {\n  async page(collection) {\n    const docs = await collection.find({ open: true }, { limit: this.pageSize });\n    await Promise.all(docs.map((doc) => this.push(doc)));\n  }\n}`,
    // Literal loop bounds.
    `const tasks = [];\nfor (let i = 0; i < 4; i++) tasks.push(worker(i));\nawait Promise.all(tasks);`,
    { code: `const pair: [Promise<number>, Promise<string>] = [a(), b()];\nawait Promise.all(pair);`, ts: true },
  ],
  invalid: [
    // A route fanning out one upstream call per id in the query string.
    // Not awaited as a statement: no batches, so the p-limit remedy.
    withSuggestions(
      invalid(
        `app.get('/profiles', async (req, res) => {
  const ids = String(req.query.ids).split(',');
  res.json(await Promise.all(ids.map((id) => loadProfile(id))));
});`,
        'ids',
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';
app.get('/profiles', async (req, res) => {
  const ids = String(req.query.ids).split(',');
  const limit = pLimit(10);
  res.json(await Promise.all(ids.map((id) => limit(() => loadProfile(id)))));
});`,
        },
      ],
    ),
    // A webhook fan-out per configured URL.
    withSuggestions(
      invalid(
        `export async function deliver(event, urls) {
  await Promise.all(
    urls.map(async (url) => {
      await fetch(url, { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5000) });
    }),
  );
}`,
        'urls',
      ),
      [
        {
          messageId: 'suggestBatches',
          output: `export async function deliver(event, urls) {
  for (let i = 0; i < urls.length; i += 10) {
    await Promise.all(
      urls.slice(i, i + 10).map(async (url) => {
        await fetch(url, { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5000) });
      }),
    );
  }
}`,
        },
      ],
    ),
    // An import job fetching every page at once.
    // Each pushed operation queued through one limiter; a per-iteration \`let\` keeps its value.
    withSuggestions(
      invalid(
        `export async function importAll(pageCount) {
  const pages = [];
  for (let page = 1; page <= pageCount; page++) {
    pages.push(fetchPage(page));
  }
  return Promise.all(pages);
}`,
        'page <= pageCount',
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';
export async function importAll(pageCount) {
  const limit = pLimit(10);
  const pages = [];
  for (let page = 1; page <= pageCount; page++) {
    pages.push(limit(() => fetchPage(page)));
  }
  return Promise.all(pages);
}`,
        },
      ],
    ),
    withSuggestions(
      invalid(
        `export async function syncTenants(tenantIds) {
  const work = [];
  for (const id of tenantIds) work.push(syncTenant(id));
  await Promise.allSettled(work);
}`,
        'tenantIds',
        'Promise.allSettled',
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';
export async function syncTenants(tenantIds) {
  const limit = pLimit(10);
  const work = [];
  for (const id of tenantIds) work.push(limit(() => syncTenant(id)));
  await Promise.allSettled(work);
}`,
        },
      ],
    ),
    invalid(`export const resize = (files) => Promise.all(Array.from(files, async (file) => sharp(file).resize(200).toBuffer()));`, 'files'),
    invalid(
      `export async function handler(rows) {\n  const { rows: orders } = await db.query('SELECT * FROM orders');\n  return Promise.all(orders.map(notifyCustomer));\n}`,
      'orders',
    ),
    invalid(`export const firstOf = (mirrors) => Promise.any(mirrors.map((m) => download(m)));`, 'mirrors', 'Promise.any'),
    // A name that only begins with the letters of a teardown verb (`end` in `endpoint`, `close` in `closest`) is not teardown.
    invalid(`export const endpointStatuses = (urls) => Promise.all(urls.map((url) => probe(url)));`, 'urls'),
    invalid(`export const closestReplicas = (replicas) => Promise.all(replicas.map((replica) => ping(replica)));`, 'replicas'),
    // Larger than the literal threshold.
    invalid(`export const head = (items) => Promise.all(items.slice(0, 500).map((i) => work(i)));`, 'items.slice(0, 500)', 'Promise.all', {
      options: [{ maxLiteralItems: 100 }],
    }),
    // Rows a query returns, whoever runs it, unless a literal caps them.
    withSuggestions(
      invalid(
        `export class Sync {\n  async syncAll() {\n    const rows = await this.store.findAll();\n    await Promise.all(rows.map((row) => this.push(row)));\n  }\n}`,
        'rows',
      ),
      [
        {
          messageId: 'suggestBatches',
          output: `export class Sync {\n  async syncAll() {\n    const rows = await this.store.findAll();\n    for (let i = 0; i < rows.length; i += 10) {\n      await Promise.all(rows.slice(i, i + 10).map((row) => this.push(row)));\n    }\n  }\n}`,
        },
      ],
    ),
    withSuggestions(
      invalid(
        `export async function deliverPending(db) {\n  const rows = await db('events').where({ pending: true }).limit(500);\n  await Promise.all(rows.map((row) => deliver(row)));\n}`,
        'rows',
      ),
      [
        {
          messageId: 'suggestBatches',
          output: `export async function deliverPending(db) {\n  const rows = await db('events').where({ pending: true }).limit(500);\n  for (let i = 0; i < rows.length; i += 10) {\n    await Promise.all(rows.slice(i, i + 10).map((row) => deliver(row)));\n  }\n}`,
        },
      ],
    ),
    // A guard that itself does I/O does not short-circuit before it.
    invalid(
      `export const thumbnails = (files) => Promise.all(files.map(async (file) => {\n  if (!(await exists(file))) return null;\n  return render(file);\n}));`,
      'files',
    ),
    // A length check that only warns does not cap anything.
    withSuggestions(
      invalid(
        `export async function loadAll(ids) {\n  if (ids.length > 100) log.warn('large batch', ids.length);\n  return Promise.all(ids.map((id) => load(id)));\n}`,
        'ids',
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';\nexport async function loadAll(ids) {\n  if (ids.length > 100) log.warn('large batch', ids.length);\n  const limit = pLimit(10);\n  return Promise.all(ids.map((id) => limit(() => load(id))));\n}`,
        },
      ],
    ),
    // Per-tenant settings are data, not the service's configuration.
    withSuggestions(
      invalid(
        `export async function notify(tenant, event) {\n  await Promise.all(tenant.settings.webhookUrls.map((url) => post(url, event)));\n}`,
        'tenant.settings.webhookUrls',
      ),
      [
        {
          messageId: 'suggestBatches',
          output: `export async function notify(tenant, event) {\n  for (let i = 0; i < tenant.settings.webhookUrls.length; i += 10) {\n    await Promise.all(tenant.settings.webhookUrls.slice(i, i + 10).map((url) => post(url, event)));\n  }\n}`,
        },
      ],
    ),
    {
      ...withSuggestions(
        invalid(
          `export async function sendAll(users: { email: string }[]): Promise<void> {\n  await Promise.all(users.map(async (user) => mailer.send(user.email)));\n}`,
          'users',
        ),
        [
          {
            messageId: 'suggestBatches',
            output: `export async function sendAll(users: { email: string }[]): Promise<void> {\n  for (let i = 0; i < users.length; i += 10) {\n    await Promise.all(users.slice(i, i + 10).map(async (user) => mailer.send(user.email)));\n  }\n}`,
          },
        ],
      ),
      output: null,
      ts: true,
    },
    // The result kept: batches collected in order.
    withSuggestions(
      invalid(
        `export async function profiles(ids) {\n  const found = await Promise.all(ids.map((id) => loadProfile(id)));\n  return found.filter(Boolean);\n}`,
        'ids',
      ),
      [
        {
          messageId: 'suggestBatches',
          output: `export async function profiles(ids) {
  const found = [];
  for (let i = 0; i < ids.length; i += 10) {
    found.push(...(await Promise.all(ids.slice(i, i + 10).map((id) => loadProfile(id)))));
  }
  return found.filter(Boolean);
}`,
        },
      ],
    ),
    {
      ...withSuggestions(
        invalid(
          `export async function profiles(ids: string[]) {\n  const found: Profile[] = await Promise.all(ids.map((id) => loadProfile(id)));\n  return found;\n}`,
          'ids',
        ),
        [
          {
            messageId: 'suggestBatches',
            output: `export async function profiles(ids: string[]) {
  const found: Profile[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    found.push(...(await Promise.all(ids.slice(i, i + 10).map((id) => loadProfile(id)))));
  }
  return found;
}`,
          },
        ],
      ),
      output: null,
      ts: true,
    },
    // A name the batch loop would shadow.
    withSuggestions(invalid(`export async function saveAll(items, i) {\n  await Promise.all(items.map((item) => save(item, i)));\n}`, 'items'), [
      {
        messageId: 'suggestBatches',
        output: `export async function saveAll(items, i) {
  for (let start = 0; start < items.length; start += 10) {
    await Promise.all(items.slice(start, start + 10).map((item) => save(item, i)));
  }
}`,
      },
    ]),
    // A template literal that spans lines keeps its text.
    withSuggestions(
      invalid('export async function mailAll(users) {\n  await Promise.all(users.map((user) => send(user, `Hello\n${user.name}`)));\n}', 'users'),
      [
        {
          messageId: 'suggestBatches',
          output: `export async function mailAll(users) {
  for (let i = 0; i < users.length; i += 10) {
    await Promise.all(users.slice(i, i + 10).map((user) => send(user, \`Hello
\${user.name}\`)));
  }
}`,
        },
      ],
    ),
    // limiter: 'p-map'
    withSuggestions(
      invalid(
        `import { db } from './db.js';\nexport async function deliverAll() {\n  const rows = await db.pending();\n  await Promise.all(rows.map((row) => deliver(row)));\n}`,
        'rows',
        'Promise.all',
        { options: [{ limiter: 'p-map', concurrency: 5 }] },
      ),
      [
        {
          messageId: 'suggestPMap',
          output: `import { db } from './db.js';
import pMap from 'p-map';
export async function deliverAll() {
  const rows = await db.pending();
  await pMap(rows, (row) => deliver(row), { concurrency: 5 });
}`,
        },
      ],
      5,
    ),
    withSuggestions(
      invalid(
        `import pMap from 'p-map';\nexport async function deliverAll(rows) {\n  await Promise.all(rows.map((row) => deliver(row)));\n}`,
        'rows',
        'Promise.all',
        { options: [{ limiter: 'p-map' }] },
      ),
      [
        {
          messageId: 'suggestPMap',
          output: `import pMap from 'p-map';
export async function deliverAll(rows) {
  await pMap(rows, (row) => deliver(row), { concurrency: 10 });
}`,
        },
      ],
    ),
    // A comment p-map would drop: the p-limit remedy instead, which keeps it.
    withSuggestions(
      invalid(
        `export async function deliverAll(rows) {\n  await Promise.all(\n    // one request per row\n    rows.map((row) => deliver(row)),\n  );\n}`,
        'rows',
        'Promise.all',
        { options: [{ limiter: 'p-map' }] },
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';
export async function deliverAll(rows) {
  const limit = pLimit(10);
  await Promise.all(
    // one request per row
    rows.map((row) => limit(() => deliver(row))),
  );
}`,
        },
      ],
    ),
    // limiter: 'p-limit', with \`limit\` already taken.
    withSuggestions(
      invalid(
        `export async function syncAll(tenants, limit) {\n  const rows = await tenants.list({ owner: limit });\n  await Promise.all(rows.map((row) => sync(row)));\n}`,
        'rows',
        'Promise.all',
        { options: [{ limiter: 'p-limit', concurrency: 4 }] },
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';
export async function syncAll(tenants, limit) {
  const rows = await tenants.list({ owner: limit });
  const limitConcurrency = pLimit(4);
  await Promise.all(rows.map((row) => limitConcurrency(() => sync(row))));
}`,
        },
      ],
      4,
    ),
    // fix: 'autofix' applies the chosen remedy.
    invalid(`export async function notifyAll(users) {\n  await Promise.all(users.map((user) => notify(user)));\n}`, 'users', 'Promise.all', {
      options: [{ fix: 'autofix', concurrency: 20 }],
      output: `export async function notifyAll(users) {
  for (let i = 0; i < users.length; i += 20) {
    await Promise.all(users.slice(i, i + 20).map((user) => notify(user)));
  }
}`,
    }),
    invalid(`export async function notifyAll(users) {\n  await Promise.all(users.map((user) => notify(user)));\n}`, 'users', 'Promise.all', {
      options: [{ fix: 'autofix', limiter: 'p-limit' }],
      output: `import pLimit from 'p-limit';
export async function notifyAll(users) {
  const limit = pLimit(10);
  await Promise.all(users.map((user) => limit(() => notify(user))));
}`,
    }),
    // ... but never a fallback the team did not choose.
    withSuggestions(
      invalid(
        `app.get('/profiles', async (req, res) => {\n  res.json(await Promise.all(req.body.ids.map((id) => loadProfile(id))));\n});`,
        'req.body.ids',
        'Promise.all',
        { options: [{ fix: 'autofix' }] },
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';
app.get('/profiles', async (req, res) => {
  const limit = pLimit(10);
  res.json(await Promise.all(req.body.ids.map((id) => limit(() => loadProfile(id)))));
});`,
        },
      ],
    ),
    // CommonJS: batches need no import; p-limit and p-map are ES modules, so no remedy that imports them.
    withSuggestions(
      invalid(
        `const { notify } = require('./notify');\nexports.notifyAll = async (users) => {\n  await Promise.all(users.map((user) => notify(user)));\n};`,
        'users',
      ),
      [
        {
          messageId: 'suggestBatches',
          output: `const { notify } = require('./notify');
exports.notifyAll = async (users) => {
  for (let i = 0; i < users.length; i += 10) {
    await Promise.all(users.slice(i, i + 10).map((user) => notify(user)));
  }
};`,
        },
      ],
    ),
    invalid(
      `const { syncTenant } = require('./sync');\nexports.syncAll = async (tenantIds) => {\n  const work = [];\n  for (const id of tenantIds) work.push(syncTenant(id));\n  await Promise.all(work);\n};`,
      'tenantIds',
    ),
    // The callback takes the index: batches or a limiter would change what it receives.
    invalid(`export async function uploadAll(parts) {\n  await Promise.all(parts.map((part, index) => upload(part, index)));\n}`, 'parts'),
    // A pushed operation that reads a variable the loop changes would see a later value if deferred.
    invalid(
      `export async function loadPages(ids) {\n  const tasks = [];\n  let index = 0;\n  for (const id of ids) {\n    tasks.push(load(id, index));\n    index += 1;\n  }\n  await Promise.all(tasks);\n}`,
      'ids',
    ),
    // A receiver read again per batch must be a plain reference, not a call.
    withSuggestions(invalid(`export async function warmAll(store) {\n  await Promise.all(store.keys().map((key) => warm(key)));\n}`, 'store.keys()'), [
      {
        messageId: 'suggestPLimit',
        output: `import pLimit from 'p-limit';
export async function warmAll(store) {
  const limit = pLimit(10);
  await Promise.all(store.keys().map((key) => limit(() => warm(key))));
}`,
      },
    ]),
    // Mapping functions whose concurrency is unlimited: by their default, by `Infinity` (also through a const), by Bluebird's 0.
    unlimited(
      `import pMap from 'p-map';\nexport const loadAll = (ids) => pMap(ids, (id) => load(id));`,
      'pMap',
      'ids',
      'no concurrency limit (the default)',
      `import pMap from 'p-map';\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), { concurrency: 10 });`,
    ),
    unlimited(
      `import pMap from 'p-map';\nconst UNLIMITED = Infinity;\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), { concurrency: UNLIMITED, stopOnError: false });`,
      'pMap',
      'ids',
      '`concurrency: UNLIMITED`',
      `import pMap from 'p-map';\nconst UNLIMITED = Infinity;\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), { concurrency: 10, stopOnError: false });`,
    ),
    unlimited(
      `import pMap from 'p-map';\nexport async function loadAll(ids) {\n  const options = { concurrency: Number.POSITIVE_INFINITY };\n  return pMap(ids, load, options);\n}`,
      'pMap',
      'ids',
      '`concurrency: Number.POSITIVE_INFINITY`',
      `import pMap from 'p-map';\nexport async function loadAll(ids) {\n  const options = { concurrency: 10 };\n  return pMap(ids, load, options);\n}`,
    ),
    unlimited(
      `import pAll from 'p-all';\nexport const runAll = (jobs) => pAll(jobs.map((job) => () => run(job)));`,
      'pAll',
      'jobs.map((job) => () => run(job))',
      'no concurrency limit (the default)',
      `import pAll from 'p-all';\nexport const runAll = (jobs) => pAll(jobs.map((job) => () => run(job)), { concurrency: 10 });`,
    ),
    unlimited(
      `const async = require('async');\nexports.loadAll = (ids, done) => async.mapLimit(ids, Infinity, (id, next) => load(id, next), done);`,
      'async.mapLimit',
      'ids',
      'a limit of `Infinity`',
      `const async = require('async');\nexports.loadAll = (ids, done) => async.mapLimit(ids, 10, (id, next) => load(id, next), done);`,
    ),
    unlimited(
      `const Bluebird = require('bluebird');\nexports.loadAll = (ids) => Bluebird.map(ids, (id) => load(id), { concurrency: 0 });`,
      'Bluebird.map',
      'ids',
      '`concurrency: 0`',
      `const Bluebird = require('bluebird');\nexports.loadAll = (ids) => Bluebird.map(ids, (id) => load(id), { concurrency: 10 });`,
    ),
    // A promise started into a const and then pushed is started per item all the same (read again, so no remedy).
    invalid(
      `exports.loadAll = async (ids) => {\n  const tasks = [];\n  for (const id of ids) {\n    const task = load(id);\n    task.catch(() => {});\n    tasks.push(task);\n  }\n  return Promise.all(tasks);\n};`,
      'ids',
    ),
    // A while loop that runs as long as the collection.
    invalid(
      `exports.loadAll = async (ids) => {\n  const tasks = [];\n  let i = 0;\n  while (i < ids.length) {\n    tasks.push(load(ids[i]));\n    i += 1;\n  }\n  return Promise.all(tasks);\n};`,
      'i < ids.length',
    ),
    // A batch size decided by value: an endless one.
    invalid(
      `const BATCH = Number.POSITIVE_INFINITY;\nexports.syncAll = async (tenants) => {\n  for (let i = 0; i < tenants.length; i += BATCH) {\n    return Promise.all(tenants.slice(i, i + BATCH).map((t, n) => sync(t, n)));\n  }\n};`,
      'tenants.slice(i, i + BATCH)',
    ),
    // A slice to the whole length is no batch.
    invalid(`exports.syncAll = (xs, a) => Promise.all(xs.slice(a, a + xs.length).map((x) => sync(x)));`, 'xs.slice(a, a + xs.length)'),
    // Groups run all at once are no bound: the outer fan-out is reported, the group's own is not.
    invalid(
      `const chunk = require('lodash/chunk');\nexports.loadAll = (ids) => Promise.all(chunk(ids, 10).map((group) => Promise.all(group.map((id) => load(id)))));`,
      'chunk(ids, 10)',
    ),
    // A lock per item (arguments to acquire) is not a slot in a limiter.
    invalid(
      `exports.updateAll = (keys) => Promise.all(keys.map(async (key) => {\n  const lock = await redlock.acquire([key], 5000);\n  try { await update(key); } finally { await lock.release(); }\n}));`,
      'keys',
    ),
    // A function called \`limit\` that is given the item, not a function to run later, limits nothing.
    invalid(`exports.loadAll = (ids) => Promise.all(ids.map((id) => limit(id)));`, 'ids'),
    // Named like start-up work but not: a request handler's \`startExport\` fans out per item.
    invalid(`exports.startExport = (ids) => Promise.all(ids.map((id) => exportOne(id)));`, 'ids'),
    // A local mapper that does I/O.
    unlimited(
      `const Bluebird = require('bluebird');\nconst save = async (doc) => db.insert(doc);\nexports.saveAll = (docs) => Bluebird.map(docs, save);`,
      'Bluebird.map',
      'docs',
      'no concurrency limit (the default)',
      `const Bluebird = require('bluebird');\nconst save = async (doc) => db.insert(doc);\nexports.saveAll = (docs) => Bluebird.map(docs, save, { concurrency: 10 });`,
    ),
    // One option a line: the limit gets a line of its own.
    unlimited(
      `import pMap from 'p-map';\nexport const loadAll = (ids) =>\n  pMap(ids, (id) => load(id), {\n    stopOnError: false,\n  });`,
      'pMap',
      'ids',
      'no concurrency limit (the default)',
      `import pMap from 'p-map';\nexport const loadAll = (ids) =>\n  pMap(ids, (id) => load(id), {\n    concurrency: 10,\n    stopOnError: false,\n  });`,
    ),
    // An options literal shared with other calls is not rewritten at one of them.
    unlimited(
      `import pMap from 'p-map';\nconst OPTIONS = { concurrency: Infinity };\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), OPTIONS);\nexport const saveAll = (docs) => pMap(docs, (doc) => save(doc), OPTIONS);`,
      'pMap',
      'ids',
      '`concurrency: Infinity`',
      null,
      {
        errors: [
          { messageId: 'unlimitedConcurrency', data: { combinator: 'pMap', items: 'ids', unlimited: '`concurrency: Infinity`' }, line: 3, suggestions: [] },
          { messageId: 'unlimitedConcurrency', data: { combinator: 'pMap', items: 'docs', unlimited: '`concurrency: Infinity`' }, line: 4, suggestions: [] },
        ],
      },
    ),
    // fix: 'autofix': the team chose the size, so --fix sets it.
    {
      ...unlimited(
        `import pMap from 'p-map';\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), { concurrency: Infinity });`,
        'pMap',
        'ids',
        '`concurrency: Infinity`',
        null,
      ),
      output: `import pMap from 'p-map';\nexport const loadAll = (ids) => pMap(ids, (id) => load(id), { concurrency: 4 });`,
      options: [{ fix: 'autofix', concurrency: 4 }],
    },
    // The pushed const is deferred where it is written.
    withSuggestions(
      invalid(
        `export async function remindAll(ids) {\n  const sends = [];\n  for (const id of ids) {\n    const send = remind(id);\n    sends.push(send);\n  }\n  await Promise.all(sends);\n}`,
        'ids',
      ),
      [
        {
          messageId: 'suggestPLimit',
          output: `import pLimit from 'p-limit';\nexport async function remindAll(ids) {\n  const limit = pLimit(10);\n  const sends = [];\n  for (const id of ids) {\n    const send = limit(() => remind(id));\n    sends.push(send);\n  }\n  await Promise.all(sends);\n}`,
        },
      ],
    ),
    // As many slots as a count from the caller: no pool.
    invalid(`const { send } = require('./send');\nexports.sendMany = (count) => Promise.all(Array(count).fill(0).map(() => send()));`, 'Array(count).fill(0)'),
    // Groups collected by pushing something other than cuts are no batches.
    invalid(
      `const { load } = require('./load');\nexports.loadAll = async (byTenant) => {\n  const groups = [];\n  for (const tenant of Object.keys(byTenant)) groups.push(byTenant[tenant]);\n  for (const group of groups) await Promise.all(group.map((id) => load(id)));\n};`,
      'group',
    ),
    // A limit the client sends is no bound.
    invalid(
      `const { db } = require('./db');\nexports.list = async (req) => {\n  const rows = await db('events').limit(req.query.limit);\n  return Promise.all(rows.map((row) => enrich(row)));\n};`,
      'rows',
    ),
  ],
});
