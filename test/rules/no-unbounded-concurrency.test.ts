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
