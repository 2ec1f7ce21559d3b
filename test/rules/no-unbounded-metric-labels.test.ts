import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule, { type MessageIds, type Options } from '../../rules/no-unbounded-metric-labels.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;
type Error = Case['errors'][number];
type Suggestion = NonNullable<Error['suggestions']>[number];

/** A finding on the last occurrence of `value` in `code`. */
function label(
  code: string,
  value: string,
  messageId: Exclude<MessageIds, 'suggestRouteTemplate'>,
  data: { metric: string; label: string; source?: string },
  suggestions: Suggestion[] = [],
  occurrence: number | 'last' = 'last',
): Error {
  return { messageId, data: { source: value, ...data }, ...at(code, value, occurrence), suggestions };
}

/** The route-template suggestion, replacing the last occurrence of `from` with `to`. */
function routeTemplate(code: string, from: string, to: string, messageId: 'suggestRouteTemplate' | 'suggestErrorName' = 'suggestRouteTemplate'): Suggestion {
  const index = code.lastIndexOf(from);
  if (index < 0) throw new Error(`"${from}" not in ${code}`);
  return { messageId, data: { replacement: to }, output: code.slice(0, index) + to + code.slice(index + from.length) };
}

/** The error-class suggestion, replacing the last occurrence of `from` with `to`. */
function errorName(code: string, from: string, to: string): Suggestion {
  return routeTemplate(code, from, to, 'suggestErrorName');
}

// ---- code of the cases, named so that locations and suggestion outputs are computed from it ----

const expressMiddleware = `import { Histogram } from 'prom-client';

const httpDuration = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP latency', labelNames: ['method', 'route', 'code'] });

export function metricsMiddleware(req, res, next) {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpDuration.observe({ method: req.method, route: req.path, code: res.statusCode }, seconds);
  });
  next();
}`;

const expressApp = `import express from 'express';
import client from 'prom-client';

const app = express();
const requests = new client.Counter({ name: 'http_requests_total', help: 'Requests', labelNames: ['path'] });

app.use((req, res, next) => {
  res.on('finish', () => requests.inc({ path: req.originalUrl }));
  next();
});`;

const commonJs = `const client = require('prom-client');
const requests = new client.Counter({ name: 'http_requests_total', help: 'Requests', labelNames: ['url'] });

module.exports = function countRequests(req, res, next) {
  requests.inc({ url: req.url });
  next();
};`;

const destructuredRequire = `const { Counter } = require('prom-client');
const hits = new Counter({ name: 'hits_total', help: 'Hits', labelNames: ['plan'] });

exports.track = (req, res) => {
  hits.inc({ plan: req.query.plan }, 1);
  res.end();
};`;

const positionalLabels = `import { Histogram } from 'prom-client';
const latency = new Histogram({ name: 'latency_seconds', help: 'Latency', labelNames: ['method', 'route'] });

export const handler = (req, res) => {
  const end = Date.now();
  latency.labels(req.method, req.path).observe(end / 1000);
  res.end();
};`;

const objectLabels = `import * as prom from 'prom-client';
const hits = new prom.Counter({ name: 'hits_total', help: 'Hits', labelNames: ['route'] });

export function onRequest(req) {
  hits.labels({ route: req.url }).inc();
}`;

const timer = `import { Histogram as PromHistogram } from 'prom-client';
const duration = new PromHistogram({ name: 'duration_seconds', help: 'Duration' });

export function timed(req, res, next) {
  const end = duration.startTimer({ method: req.method });
  res.on('finish', () => end({ route: req.originalUrl, code: res.statusCode }));
  next();
}`;

const timerLabels = `import { Summary } from 'prom-client';
const duration = new Summary({ name: 'duration_seconds', help: 'Duration' });

export async function handle(req, res) {
  const end = duration.startTimer({ tenant: req.headers['x-tenant'] });
  await work();
  end();
  res.end();
}`;

const handNormalised = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['route'] });

export function count(req, res, next) {
  const route = req.path.replace(/\\/\\d+/g, '/:id');
  requests.inc({ route });
  next();
}`;

const templated = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['op'] });

export function count(req, res, next) {
  requests.inc({ op: \`\${req.method} \${req.path}\` });
  next();
}`;

const routeParam = `import { Counter } from 'prom-client';
const views = new Counter({ name: 'views_total', help: 'Views', labelNames: ['article'] });

export const show = (req, res) => {
  views.inc({ article: req.params.slug });
  res.render('article');
};`;

const header = `import { Counter } from 'prom-client';
const clients = new Counter({ name: 'clients_total', help: 'Clients', labelNames: ['agent'] });

export const track = (req, res, next) => {
  clients.inc({ agent: req.headers['user-agent'] });
  next();
};`;

const headerGetter = `import { Counter } from 'prom-client';
const clients = new Counter({ name: 'clients_total', help: 'Clients', labelNames: ['client'] });

export const track = (req, res, next) => {
  clients.labels(req.get('x-client-name')).inc();
  next();
};`;

const clientIp = `import { Gauge } from 'prom-client';
const lastSeen = new Gauge({ name: 'last_seen_seconds', help: 'Last request', labelNames: ['ip'] });

export const seen = (req, res, next) => {
  lastSeen.set({ ip: req.ip }, Date.now() / 1000);
  next();
};`;

const koa = `import Router from '@koa/router';
import { Counter } from 'prom-client';

const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['path'] });
export const router = new Router();

export async function count(ctx, next) {
  await next();
  requests.inc({ path: ctx.path });
}`;

const fastify = `import Fastify from 'fastify';
import { Histogram } from 'prom-client';

const app = Fastify();
const latency = new Histogram({ name: 'latency_seconds', help: 'Latency', labelNames: ['url'] });

app.addHook('onResponse', async (request, reply) => {
  latency.observe({ url: request.url }, reply.elapsedTime / 1000);
});`;

const urlPathname = `import { Counter } from 'prom-client';
import http from 'node:http';

const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['path'] });

http.createServer((req, res) => {
  requests.inc({ path: new URL(req.url, 'http://localhost').pathname });
  res.end();
}).listen(8080);`;

const otelRoute = `import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('api');
const requests = meter.createCounter('http.server.requests');

export function count(req, res, next) {
  requests.add(1, { 'http.method': req.method, 'http.route': req.path });
  next();
}`;

const otelUserId = `import { metrics } from '@opentelemetry/api';

const checkoutDuration = metrics.getMeter('checkout').createHistogram('checkout.duration');

export async function checkout(userId, cart) {
  const started = Date.now();
  await placeOrder(userId, cart);
  checkoutDuration.record(Date.now() - started, { userId });
}`;

const userMember = `import { Counter } from 'prom-client';
const logins = new Counter({ name: 'logins_total', help: 'Logins', labelNames: ['user'] });

export const onLogin = (req, res) => {
  logins.inc({ user: req.user.id });
  res.sendStatus(204);
};`;

const errorMessage = `import { Counter } from 'prom-client';
const failures = new Counter({ name: 'job_failures_total', help: 'Failures', labelNames: ['reason'] });

export async function runJob(job) {
  try {
    await job.run();
  } catch (err) {
    failures.inc({ reason: err.message });
    throw err;
  }
}`;

const errorStack = `const client = require('prom-client');
const failures = new client.Counter({ name: 'failures_total', help: 'Failures', labelNames: ['stack'] });

process.on('uncaughtException', (error) => {
  failures.inc({ stack: error.stack });
});`;

const errorString = `import { Counter } from 'prom-client';
const failures = new Counter({ name: 'upstream_failures_total', help: 'Failures', labelNames: ['error'] });

export function onUpstreamError(err) {
  failures.inc({ error: String(err) });
}
export async function call(fn) {
  try {
    return await fn();
  } catch (problem) {
    failures.inc({ error: \`\${problem}\` });
    throw problem;
  }
}`;

const classField = `import { Counter } from 'prom-client';

export class HttpMetrics {
  requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['path'] });

  track(req) {
    this.requests.inc({ path: req.path });
  }
}`;

const constructorAssigned = `import { metrics } from '@opentelemetry/api';

export class Metrics {
  constructor() {
    this.meter = metrics.getMeter('orders');
    this.latency = this.meter.createHistogram('order.latency');
  }

  observe(order, ms) {
    this.latency.record(ms, { orderId: order.orderId });
  }
}`;

const metricsObject = `const client = require('prom-client');

const metrics = {
  requests: new client.Counter({ name: 'requests_total', help: 'Requests', labelNames: ['url'] }),
};

function track(req, res, next) {
  metrics.requests.inc({ url: req.url });
  next();
}
module.exports = { track };`;

const collect = `import { Gauge } from 'prom-client';

export const sessionsOpen = new Gauge({
  name: 'sessions_open',
  help: 'Open sessions',
  labelNames: ['email'],
  collect() {
    for (const session of sessions.values()) this.set({ email: session.email }, 1);
  },
});`;

const observable = `import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('realtime');
const connections = meter.createObservableGauge('ws.connections');
connections.addCallback((result) => {
  for (const socket of sockets) result.observe(1, { session: socket.sessionId });
});`;

const batchObservable = `import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('queues');
const depth = meter.createObservableGauge('queue.depth');
meter.addBatchObservableCallback((batch) => {
  for (const queue of queues) batch.observe(depth, queue.size, { tenant: queue.tenantId });
}, [depth]);`;

const registryLookup = `import { register } from 'prom-client';

export function countRequest(req) {
  const counter = register.getSingleMetric('http_requests_total');
  counter.inc({ path: req.path });
}`;

const localFunction = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['route'] });

function routeOf(req) {
  return req.path.replace(/[0-9a-f]{24}/g, ':id');
}

export function count(req, res, next) {
  requests.inc({ route: routeOf(req) });
  next();
}`;

const conditionalFallback = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['route'] });

export function count(req, res, next) {
  res.on('finish', () => requests.inc({ route: req.route ? req.route.path : req.path }));
  next();
}`;

const nullishFallback = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['route'] });

export function count(req, res, next) {
  res.on('finish', () => requests.inc({ route: req.route?.path ?? req.originalUrl }));
  next();
}`;

const destructuredRequest = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['path'] });

export function count(req, res, next) {
  const { path, method } = req;
  requests.inc({ path, method });
  next();
}`;

const splitQuery = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['path'] });

export function count(req, res, next) {
  requests.inc({ path: req.originalUrl.split('?')[0] });
  next();
}`;

const labelsConst = `import { Histogram } from 'prom-client';
const latency = new Histogram({ name: 'latency_seconds', help: 'Latency', labelNames: ['route', 'code'] });

export function observe(req, res, seconds) {
  const labels = { route: req.baseUrl + req.path, code: res.statusCode };
  latency.observe(labels, seconds);
}`;

const tsAs = `import { Counter } from 'prom-client';
import type { Request } from 'express';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['route'] });

export function count(req: Request) {
  requests.inc({ route: req.path as string });
}`;

const tsNonNull = `import { Counter } from 'prom-client';
import type { Request } from 'express';
const downloads = new Counter({ name: 'downloads_total', help: 'Downloads', labelNames: ['file'] });

export function count(req: Request) {
  downloads.inc({ file: req.params.file! });
}`;

const tsLiteralUnion = `import { Counter } from 'prom-client';
import type { Request } from 'express';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['region'] });

export function count(req: Request) {
  requests.inc({ region: req.query.region as 'eu' | 'us' });
}`;

const optionalChain = `import { Counter } from 'prom-client';
const searches = new Counter({ name: 'searches_total', help: 'Searches', labelNames: ['term'] });

export function search(req, res) {
  searches.inc({ term: req?.query?.q });
  res.end();
}`;

const koaRequest = `import { Counter } from 'prom-client';
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['url'] });

export async function count(ctx, next) {
  await next();
  requests.inc({ url: ctx.request.url });
}`;

const fastifyRaw = `const { Counter } = require('prom-client');
const requests = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['url'] });

module.exports = async function onResponse(request, reply) {
  requests.inc({ url: request.raw.url });
};`;

const otelNamespace = `import * as api from '@opentelemetry/api';

const served = api.metrics.getMeter('files').createCounter('files.served');

export function serve(req, res) {
  served.add(1, { file: req.params.name });
  res.end();
}`;

const sdkProvider = `import { MeterProvider } from '@opentelemetry/sdk-metrics';

const provider = new MeterProvider();
const meter = provider.getMeter('auth');
const logins = meter.createUpDownCounter('auth.sessions');

export function onLogin(sessionId) {
  logins.add(1, { sessionId });
}`;

const jobIds = `import { Counter } from 'prom-client';
const processed = new Counter({ name: 'jobs_processed_total', help: 'Jobs', labelNames: ['job'] });

export async function processJob(job) {
  await job.run();
  processed.inc({ job: job.id });
}`;

const workspaceIds = `import { Counter } from 'prom-client';
const usage = new Counter({ name: 'usage_total', help: 'Usage', labelNames: ['workspace'] });

export function record(workspaceId, units) {
  usage.inc({ workspace: workspaceId }, units);
}`;

const letTainted = `import { Gauge } from 'prom-client';
const inflight = new Gauge({ name: 'inflight', help: 'In flight', labelNames: ['path'] });

export function enter(req) {
  let path = req.path;
  path = path.toLowerCase();
  inflight.inc({ path });
}`;

const tsErrorCast = `import { Counter } from 'prom-client';
const failures = new Counter({ name: 'failures_total', help: 'Failures', labelNames: ['reason'] });

export async function run(job: { run(): Promise<void> }) {
  try {
    await job.run();
  } catch (err) {
    failures.inc({ reason: (err as Error).message });
  }
}`;

const positionalTenant = `import { Gauge } from 'prom-client';
const queued = new Gauge({ name: 'queued', help: 'Queued jobs' });

export function onEnqueue(tenantId, depth) {
  queued.labels(tenantId).set(depth);
}`;

new SteadyStateRuleTester().run('no-unbounded-metric-labels', rule, {
  valid: [
    // Bounded request values: method, status, route templates.
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req, res, next) => { res.on('finish', () => c.inc({ method: req.method, code: res.statusCode })); next(); };`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req, res, next) => { res.on('finish', () => c.inc({ route: req.route?.path ?? 'unmatched' })); next(); };`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req, res) => c.inc({ route: req.baseUrl + req.route.path });`,
    `import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'r', help: 'r' });\nexport async function onResponse(request, reply) {\n  h.observe({ route: request.routeOptions.url, legacy: request.routerPath }, reply.elapsedTime);\n}`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport async function count(ctx, next) {\n  await next();\n  c.inc({ route: ctx._matchedRoute, method: ctx.method, status: ctx.status });\n}`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req) => c.inc({ method: req.method.toLowerCase(), secure: String(req.secure) });`,
    // Constants and enums.
    `import { Counter } from 'prom-client';\nconst QUEUE = 'emails';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function done() { c.inc({ queue: QUEUE, result: 'ok' }); }`,
    {
      code: `import { Counter } from 'prom-client';\nenum Outcome { Ok = 'ok', Failed = 'failed' }\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function done(ok: boolean) { c.inc({ outcome: ok ? Outcome.Ok : Outcome.Failed }); }`,
      ts: true,
    },
    `import { Counter } from 'prom-client';\nconst userId = 'system';\nconst c = new Counter({ name: 'r', help: 'r' });\nc.inc({ userId });`,
    // Mapped through a function or a lookup the rule cannot see into.
    `import { Counter } from 'prom-client';\nimport { normalizePath } from '@acme/metrics';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req, res, next) => { c.inc({ route: normalizePath(req.path) }); next(); };`,
    `import { Counter } from 'prom-client';\nconst ROUTES = { '/': 'home', '/login': 'login' };\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req) => c.inc({ route: ROUTES[req.path] ?? 'other' });`,
    `import { Counter } from 'prom-client';\nconst known = new Set(['/', '/login']);\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function m(req) {\n  let route = 'other';\n  if (known.has(req.path)) route = req.path;\n  c.inc({ route });\n}`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req) => c.inc({ area: req.path.startsWith('/api') ? 'api' : 'web', long: req.path.length > 100 ? 'yes' : 'no' });`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nfunction statusClass(code) { return \`\${Math.floor(code / 100)}xx\`; }\nexport const m = (req, res) => c.inc({ status: statusClass(res.statusCode) });`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nfunction routeOf(req) { return req.route ? req.baseUrl + req.route.path : 'unmatched'; }\nexport const m = (req) => c.inc({ route: routeOf(req) });`,
    // A normaliser named in options, even one the rule could see into.
    {
      code: `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nfunction routeOf(req) { return req.path.replace(/\\d+/g, ':id'); }\nexport const m = (req) => c.inc({ route: routeOf(req) });`,
      options: [{ normalizers: [{ name: 'routeOf' }] }],
    },
    {
      code: `import { Counter } from 'prom-client';\nimport templateOf from 'url-value-parser';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req) => c.inc({ route: templateOf(req.path) });`,
      options: [{ normalizers: [{ name: 'default', from: 'url-value-parser' }] }],
    },
    // Shadowed names and look-alike APIs from other modules.
    `class Counter { inc() {} }\nconst c = new Counter();\nexport const m = (req) => c.inc({ path: req.path });`,
    `import { Counter } from './metrics-shim.js';\nconst c = new Counter();\nexport const m = (req) => c.inc({ path: req.path });`,
    `import { Counter } from 'prom-client';\nexport function m(req) {\n  const Counter = makeCounter();\n  const c = new Counter();\n  c.inc({ path: req.path });\n}`,
    `import { metrics } from './telemetry.js';\nconst counter = metrics.getMeter('x').createCounter('y');\nexport const m = (req) => counter.add(1, { path: req.path });`,
    `export function init(meter) {\n  const c = meter.createCounter('requests');\n  return (req) => c.add(1, { route: req.path });\n}`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nconst cache = new Map();\nexport const m = (req) => { cache.set(req.path, Date.now()); c.inc(); };`,
    `import { trace } from '@opentelemetry/api';\nexport const m = (req) => trace.getActiveSpan()?.setAttribute('http.url', req.url);`,
    `import { metrics } from '@opentelemetry/api';\nconst counter = metrics.getMeter('x').createCounter('y');\nexport function m(req, res) { counter.add(1, { route: req.route?.path ?? 'unmatched' }); res.json({ path: req.path }); }`,
    // A variable named like a request that is not a request parameter.
    `import { Counter } from 'prom-client';\nimport http from 'node:http';\nconst c = new Counter({ name: 'r', help: 'r' });\nconst req = http.request('http://svc/health');\nc.inc({ path: req.path });`,
    // A configured URL: not per request.
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function m(monitor) {\n  c.inc({ monitor_url: monitor.url, monitor_name: monitor.name });\n}`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nconst upstream = new URL(process.env.UPSTREAM_URL);\nexport const m = () => c.inc({ upstream: upstream.pathname, host: new URL(BASE_URL).host });`,
    // Error codes and names are bounded; a message that is not an error's.
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport async function run(job) {\n  try { await job.run(); } catch (err) { c.inc({ code: err.code ?? 'unknown', type: err.name }); }\n}`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function onNotice(notice) { c.inc({ kind: notice.message.type }); }`,
    // Values only, opaque or spread labels.
    `import { Counter, Histogram } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nconst h = new Histogram({ name: 'h', help: 'h' });\nexport const m = (ms) => { c.inc(); c.inc(5); h.observe(ms); };`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (labels) => c.inc(labels, 1);`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req, overrides) => c.inc({ route: req.path, ...overrides });`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function m(req) {\n  const labels = { route: req.path };\n  if (req.route) labels.route = req.route.path;\n  else labels.route = 'unmatched';\n  c.inc(labels);\n}`,
    `import { metrics } from '@opentelemetry/api';\nconst counter = metrics.getMeter('x').createCounter('y');\nexport const m = (attributes) => { counter.add(1); counter.add(1, attributes); };`,
    `import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'h', help: 'h', labelNames: ['method', 'code'] });\nexport const m = (req, res) => h.labels('GET', String(res.statusCode)).observe(1);`,
    `import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'h', help: 'h' });\nexport function track(route, ms) { h.labels(route).observe(ms); }`,
    `import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'h', help: 'h' });\nexport function m(req, res, next) {\n  const end = h.startTimer();\n  res.on('finish', () => end({ code: res.statusCode, method: req.method }));\n  next();\n}`,
    `import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'h', help: 'h' });\nfunction end(labels) { return labels; }\nexport const m = (req) => end({ path: req.path });`,
    // Ids: not the built-in names, named bounded, or values of other kinds.
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport async function processJob(job) { await job.run(); c.inc({ job: job.id, queue: job.queueName }); }`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function onJob(jobId) { c.inc({ jobId }); }`,
    {
      code: `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function bill(tenantId, units) { c.inc({ tenant: tenantId }, units); }`,
      options: [{ boundedNames: ['tenant_id'] }],
    },
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport function seen(req) { c.inc({ role: req.user.role, signedIn: String(Boolean(req.user)) }); }`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport async function count(ctx) { c.inc({ role: ctx.state.user.role, updateType: ctx.updateType, from: ctx.from.id }); }`,
    // prom-client collect() binds `this` to the metric; elsewhere `this` is something else.
    `import { Gauge } from 'prom-client';\nexport const g = new Gauge({ name: 'g', help: 'g', labelNames: ['pool'], collect() { this.set({ pool: 'main' }, pool.size); } });`,
    `const tracker = {\n  collect(req) { this.set({ path: req.path }, 1); },\n  set() {},\n};\nexport default tracker;`,
    `import { metrics } from '@opentelemetry/api';\nconst g = metrics.getMeter('x').createObservableGauge('pool.size');\ng.addCallback((result) => result.observe(pool.size, { pool: 'main' }));`,
    // TypeScript-only syntax around bounded values.
    {
      code: `import { Counter } from 'prom-client';\nimport type { Request } from 'express';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req: Request) => c.inc({ method: req.method! as string, route: (req.route?.path ?? 'unmatched') satisfies string });`,
      ts: true,
    },
    // A route template another middleware stored; a bounded field destructured from the request.
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (req, res) => { const { method } = req; c.inc({ route: res.locals.route ?? 'unmatched', method }); };`,
    // Error text in a log line next to the metric, not in a label.
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport async function run(job) {\n  try { await job.run(); } catch (err) { console.error('job failed', err.message); c.inc({ outcome: 'failed' }); }\n}`,
    // An outbound URL taken from configuration, not per call.
    `import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'h', help: 'h' });\nexport class Client {\n  constructor(baseUrl) { this.base = new URL(baseUrl); }\n  timed(ms) { h.observe({ host: this.base.host }, ms); }\n}`,
    // Nothing to look at.
    ``,
    `import { Counter } from 'prom-client';\nnew Counter();\nc.inc({ path: req.path });`,
    `import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'r', help: 'r' });\nexport const m = (...args) => c.inc(...args);`,
  ],
  invalid: [
    // Express middleware: the raw path, with the route template suggested.
    {
      code: expressMiddleware,
      errors: [
        label(expressMiddleware, 'req.path', 'rawPathLabel', { metric: 'httpDuration', label: 'route' }, [
          routeTemplate(expressMiddleware, 'req.path', "req.route?.path ?? 'unmatched'"),
        ]),
      ],
    },
    {
      code: expressApp,
      errors: [
        label(expressApp, 'req.originalUrl', 'rawPathLabel', { metric: 'requests', label: 'path' }, [
          routeTemplate(expressApp, 'req.originalUrl', "req.route?.path ?? 'unmatched'"),
        ]),
      ],
    },
    // CommonJS, the module object and a destructured constructor.
    {
      code: commonJs,
      errors: [
        label(commonJs, 'req.url', 'rawPathLabel', { metric: 'requests', label: 'url' }, [
          routeTemplate(commonJs, 'req.url', "req.route?.path ?? 'unmatched'"),
        ]),
      ],
    },
    { code: destructuredRequire, errors: [label(destructuredRequire, 'req.query.plan', 'clientValueLabel', { metric: 'hits', label: 'plan' })] },
    // Positional label values, named from `labelNames`.
    { code: positionalLabels, errors: [label(positionalLabels, 'req.path', 'rawPathLabel', { metric: 'latency', label: 'route' })] },
    { code: objectLabels, errors: [label(objectLabels, 'req.url', 'rawPathLabel', { metric: 'hits', label: 'route' })] },
    // The timer's end function takes labels too, and so does startTimer.
    {
      code: timer,
      errors: [
        label(timer, 'req.originalUrl', 'rawPathLabel', { metric: 'duration', label: 'route' }, [
          routeTemplate(timer, 'req.originalUrl', "req.route?.path ?? 'unmatched'"),
        ]),
      ],
    },
    { code: timerLabels, errors: [label(timerLabels, "req.headers['x-tenant']", 'clientValueLabel', { metric: 'duration', label: 'tenant' })] },
    // Derived through a binding and a hand-written normalisation, or a template string.
    { code: handNormalised, errors: [label(handNormalised, 'route', 'rawPathLabel', { metric: 'requests', label: 'route', source: 'req.path' })] },
    {
      code: templated,
      errors: [label(templated, '`${req.method} ${req.path}`', 'rawPathLabel', { metric: 'requests', label: 'op', source: 'req.path' })],
    },
    // Values the client chooses.
    { code: routeParam, errors: [label(routeParam, 'req.params.slug', 'clientValueLabel', { metric: 'views', label: 'article' })] },
    { code: header, errors: [label(header, "req.headers['user-agent']", 'clientValueLabel', { metric: 'clients', label: 'agent' })] },
    { code: headerGetter, errors: [label(headerGetter, "req.get('x-client-name')", 'clientValueLabel', { metric: 'clients', label: 'client' })] },
    { code: clientIp, errors: [label(clientIp, 'req.ip', 'clientValueLabel', { metric: 'lastSeen', label: 'ip' })] },
    // Koa and Fastify, each with its own route template.
    {
      code: koa,
      errors: [
        label(koa, 'ctx.path', 'rawPathLabel', { metric: 'requests', label: 'path' }, [routeTemplate(koa, 'ctx.path', "ctx._matchedRoute ?? 'unmatched'")]),
      ],
    },
    {
      code: fastify,
      errors: [
        label(fastify, 'request.url', 'rawPathLabel', { metric: 'latency', label: 'url' }, [
          routeTemplate(fastify, 'request.url', "request.routeOptions.url ?? 'unmatched'"),
        ]),
      ],
    },
    {
      code: urlPathname,
      errors: [
        label(urlPathname, "new URL(req.url, 'http://localhost').pathname", 'rawPathLabel', {
          metric: 'requests',
          label: 'path',
          source: "new URL(req.url, 'http://localhost')....",
        }),
      ],
    },
    // OpenTelemetry instruments.
    {
      code: otelRoute,
      errors: [
        label(otelRoute, 'req.path', 'rawPathLabel', { metric: 'requests', label: 'http.route' }, [
          routeTemplate(otelRoute, 'req.path', "req.route?.path ?? 'unmatched'"),
        ]),
      ],
    },
    { code: otelUserId, errors: [label(otelUserId, 'userId', 'idLabel', { metric: 'checkoutDuration', label: 'userId' })] },
    { code: otelNamespace, errors: [label(otelNamespace, 'req.params.name', 'clientValueLabel', { metric: 'served', label: 'file' })] },
    { code: sdkProvider, errors: [label(sdkProvider, 'sessionId', 'idLabel', { metric: 'logins', label: 'sessionId' })] },
    // Ids and error text.
    { code: userMember, errors: [label(userMember, 'req.user.id', 'idLabel', { metric: 'logins', label: 'user' })] },
    {
      code: errorMessage,
      errors: [
        label(errorMessage, 'err.message', 'errorTextLabel', { metric: 'failures', label: 'reason' }, [errorName(errorMessage, 'err.message', 'err.name')]),
      ],
    },
    {
      code: errorStack,
      errors: [
        label(errorStack, 'error.stack', 'errorTextLabel', { metric: 'failures', label: 'stack' }, [errorName(errorStack, 'error.stack', 'error.name')]),
      ],
    },
    {
      code: errorString,
      errors: [
        label(errorString, 'String(err)', 'errorTextLabel', { metric: 'failures', label: 'error' }),
        label(errorString, '`${problem}`', 'errorTextLabel', { metric: 'failures', label: 'error', source: 'problem' }),
      ],
    },
    // Metrics held by a class, an object, or bound as `this` in collect().
    { code: classField, errors: [label(classField, 'req.path', 'rawPathLabel', { metric: 'this.requests', label: 'path' })] },
    { code: constructorAssigned, errors: [label(constructorAssigned, 'order.orderId', 'idLabel', { metric: 'this.latency', label: 'orderId' })] },
    {
      code: metricsObject,
      errors: [
        label(metricsObject, 'req.url', 'rawPathLabel', { metric: 'metrics.requests', label: 'url' }, [
          routeTemplate(metricsObject, 'req.url', "req.route?.path ?? 'unmatched'"),
        ]),
      ],
    },
    { code: collect, errors: [label(collect, 'session.email', 'idLabel', { metric: 'this', label: 'email' })] },
    { code: observable, errors: [label(observable, 'socket.sessionId', 'idLabel', { metric: 'result', label: 'session' })] },
    { code: batchObservable, errors: [label(batchObservable, 'queue.tenantId', 'idLabel', { metric: 'batch', label: 'tenant' })] },
    { code: registryLookup, errors: [label(registryLookup, 'req.path', 'rawPathLabel', { metric: 'counter', label: 'path' })] },
    // A local function the rule sees into, and fallbacks to the raw path.
    {
      code: localFunction,
      errors: [label(localFunction, 'routeOf(req)', 'rawPathLabel', { metric: 'requests', label: 'route', source: 'req.path' })],
    },
    {
      code: conditionalFallback,
      errors: [label(conditionalFallback, 'req.route ? req.route.path : req.path', 'rawPathLabel', { metric: 'requests', label: 'route', source: 'req.path' })],
    },
    {
      code: nullishFallback,
      errors: [label(nullishFallback, 'req.route?.path ?? req.originalUrl', 'rawPathLabel', { metric: 'requests', label: 'route', source: 'req.originalUrl' })],
    },
    { code: destructuredRequest, errors: [label(destructuredRequest, 'path', 'rawPathLabel', { metric: 'requests', label: 'path' }, [], 3)] },
    {
      code: splitQuery,
      errors: [label(splitQuery, "req.originalUrl.split('?')[0]", 'rawPathLabel', { metric: 'requests', label: 'path', source: 'req.originalUrl' })],
    },
    { code: labelsConst, errors: [label(labelsConst, 'req.baseUrl + req.path', 'rawPathLabel', { metric: 'latency', label: 'route', source: 'req.path' })] },
    { code: letTainted, errors: [label(letTainted, 'path', 'rawPathLabel', { metric: 'inflight', label: 'path', source: 'req.path' })] },
    { code: optionalChain, errors: [label(optionalChain, 'req?.query?.q', 'clientValueLabel', { metric: 'searches', label: 'term' })] },
    { code: koaRequest, errors: [label(koaRequest, 'ctx.request.url', 'rawPathLabel', { metric: 'requests', label: 'url' })] },
    { code: fastifyRaw, errors: [label(fastifyRaw, 'request.raw.url', 'rawPathLabel', { metric: 'requests', label: 'url' })] },
    // TypeScript syntax around the value; a literal-union type proves it bounded.
    { code: tsAs, errors: [label(tsAs, 'req.path as string', 'rawPathLabel', { metric: 'requests', label: 'route', source: 'req.path' })], ts: true },
    {
      code: tsNonNull,
      errors: [label(tsNonNull, 'req.params.file!', 'clientValueLabel', { metric: 'downloads', label: 'file', source: 'req.params.file' })],
      ts: true,
    },
    {
      code: tsLiteralUnion,
      errors: [
        label(tsLiteralUnion, "req.query.region as 'eu' | 'us'", 'clientValueLabel', { metric: 'requests', label: 'region', source: 'req.query.region' }),
      ],
      ts: true,
      typedValid: true,
    },
    {
      code: tsErrorCast,
      errors: [
        label(tsErrorCast, '(err as Error).message', 'errorTextLabel', { metric: 'failures', label: 'reason' }, [
          errorName(tsErrorCast, '(err as Error).message', '(err as Error).name'),
        ]),
      ],
      ts: true,
    },
    { code: positionalTenant, errors: [label(positionalTenant, 'tenantId', 'idLabel', { metric: 'queued', label: '#1' })] },
    // Options: any id-like name in strict, more id names, by name.
    { code: jobIds, options: [{ checkAllIds: true }], errors: [label(jobIds, 'job.id', 'idLabel', { metric: 'processed', label: 'job' })] },
    {
      code: workspaceIds,
      options: [{ idNames: ['workspace_id'] }],
      errors: [label(workspaceIds, 'workspaceId', 'idLabel', { metric: 'usage', label: 'workspace' }, [], 'last')],
    },
  ],
});

describe('no-unbounded-metric-labels options schema', () => {
  const lint = (options: unknown): void => {
    const linter = new Linter({ configType: 'flat' });
    linter.verify('', [{ plugins: { s: { rules: { r: rule as never } } }, rules: { 's/r': ['error', options] } }], 'file.js');
  };
  it('accepts the documented options', () => {
    expect(() =>
      lint({
        normalizers: [{ name: 'routeOf' }, { name: 'default', from: 'url-value-parser' }],
        idNames: ['workspaceId'],
        boundedNames: ['tenantId'],
        checkAllIds: true,
      }),
    ).not.toThrow();
  });
  it('rejects unknown options and malformed entries', () => {
    expect(() => lint({ normalisers: [] })).toThrow(/should NOT have additional properties|must NOT have additional properties/);
    expect(() => lint({ normalizers: [{ from: 'url-value-parser' }] })).toThrow(/required/);
    expect(() => lint({ idNames: [''] })).toThrow();
  });
});
