import rule, { type MessageIds, type Options } from '../../rules/no-unbounded-concurrency.js';
import { at } from '../support/location.js';
import { runRuleTests, type InvalidCase, type ValidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

function invalid(code: string, items: string, combinator = 'Promise.all', extra: Partial<Case> = {}): Case {
  return { code, errors: [{ messageId: 'unboundedFanOut', data: { combinator, items }, ...at(code, combinator) }], ...extra };
}

const invalidCases: Case[] = [
  // A route fanning out one upstream call per id in the query string.
  invalid(
    `app.get('/profiles', async (req, res) => {
  const ids = String(req.query.ids).split(',');
  res.json(await Promise.all(ids.map((id) => loadProfile(id))));
});`,
    'ids',
  ),
  // A webhook fan-out per configured URL.
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
  // An import job fetching every page at once.
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
  invalid(
    `export async function syncTenants(tenantIds) {
  const work = [];
  for (const id of tenantIds) work.push(syncTenant(id));
  await Promise.allSettled(work);
}`,
    'tenantIds',
    'Promise.allSettled',
  ),
  invalid(`export const resize = (files) => Promise.all(Array.from(files, async (file) => sharp(file).resize(200).toBuffer()));`, 'files'),
  invalid(
    `export async function handler(rows) {\n  const { rows: orders } = await db.query('SELECT * FROM orders');\n  return Promise.all(orders.map(notifyCustomer));\n}`,
    'orders',
  ),
  invalid(`export const firstOf = (mirrors) => Promise.any(mirrors.map((m) => download(m)));`, 'mirrors', 'Promise.any'),
  // Larger than the literal threshold.
  invalid(`export const head = (items) => Promise.all(items.slice(0, 500).map((i) => work(i)));`, 'items.slice(0, 500)', 'Promise.all', {
    options: [{ maxLiteralItems: 100 }],
  }),
  // Rows a query returns, whoever runs it, unless a literal caps them.
  invalid(
    `export class Sync {\n  async syncAll() {\n    const rows = await this.store.findAll();\n    await Promise.all(rows.map((row) => this.push(row)));\n  }\n}`,
    'rows',
  ),
  invalid(`export async function deliverPending(db) {\n  const rows = await db('events').where({ pending: true }).limit(500);\n  await Promise.all(rows.map((row) => deliver(row)));\n}`, 'rows'),
  // A guard that itself does I/O does not short-circuit before it.
  invalid(
    `export const thumbnails = (files) => Promise.all(files.map(async (file) => {\n  if (!(await exists(file))) return null;\n  return render(file);\n}));`,
    'files',
  ),
  // A length check that only warns does not cap anything.
  invalid(
    `export async function loadAll(ids) {\n  if (ids.length > 100) log.warn('large batch', ids.length);\n  return Promise.all(ids.map((id) => load(id)));\n}`,
    'ids',
  ),
  // Per-tenant settings are data, not the service's configuration.
  invalid(`export async function notify(tenant, event) {\n  await Promise.all(tenant.settings.webhookUrls.map((url) => post(url, event)));\n}`, 'tenant.settings.webhookUrls'),
  {
    ...invalid(
      `export async function sendAll(users: { email: string }[]): Promise<void> {\n  await Promise.all(users.map(async (user) => mailer.send(user.email)));\n}`,
      'users',
    ),
    ts: true,
  },
];

const valid: (string | ValidCase<Options>)[] = [
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
  // Literal loop bounds.
  `const tasks = [];\nfor (let i = 0; i < 4; i++) tasks.push(worker(i));\nawait Promise.all(tasks);`,
  { code: `const pair: [Promise<number>, Promise<string>] = [a(), b()];\nawait Promise.all(pair);`, ts: true },
];

runRuleTests('no-unbounded-concurrency', rule, {
  valid: valid.map((test) => (typeof test === 'string' ? { code: test } : test)),
  invalid: invalidCases,
});
