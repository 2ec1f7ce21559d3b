import rule, { type MessageIds, type Options } from '../../rules/require-fetch-timeout.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;
type Error = Case['errors'][number];

const SIGNAL_HINT = 'pass `signal: AbortSignal.timeout(ms)`';
const AXIOS_HINT = 'set `timeout` (in ms) in its config';
const TIMEOUT_HINT = AXIOS_HINT;
const NEEDLE_HINT = 'set `response_timeout` (in ms) in its options';
const CHAIN_HINT = 'call `.timeout(ms)` on the request';
const GOT_HINT = 'set `timeout: { request: ms }` in its options';

const suggestSignal = (output: string, ms = 30000): NonNullable<Error['suggestions']>[number] => ({
  messageId: 'suggestSignal',
  data: { ms },
  output,
});
const suggestTimeout = (output: string, value = '30000', ms = 30000, option = 'timeout'): NonNullable<Error['suggestions']>[number] => ({
  messageId: 'suggestTimeout',
  data: { option, value, ms },
  output,
});
const suggestTimeoutCall = (output: string, ms = 30000): NonNullable<Error['suggestions']>[number] => ({
  messageId: 'suggestTimeoutCall',
  data: { ms },
  output,
});

/** A `noDeadline` finding at the last occurrence of `callee`, whose only suggestion produces `output`. */
function noDeadline(code: string, callee: string, remedy: string, suggestion: NonNullable<Error['suggestions']>[number]): Error {
  return { messageId: 'noDeadline', data: { call: callee, remedy }, ...at(code, callee, 'last'), suggestions: [suggestion] };
}

/** One case with one finding at the last occurrence of `needle`, whose only suggestion produces its output. */
function invalidAt(
  code: string,
  needle: string,
  messageId: MessageIds,
  data: Record<string, string>,
  suggestion: NonNullable<Error['suggestions']>[number],
): Case {
  return { code, errors: [{ messageId, data, ...at(code, needle, 'last'), suggestions: [suggestion] }] };
}

/** A case made from its code, for the cases whose findings and outputs are computed from it. */
/** A `deadlineDisabled` finding on `data.option` of `data.call`, at the last `needle`, whose only suggestion `suggest` makes from the code. */
function deadlineDisabled(
  code: string,
  needle: string,
  data: { call: string; option: string },
  suggest: (code: string) => NonNullable<Error['suggestions']>[number],
): Case {
  return invalidAt(code, needle, 'deadlineDisabled', data, suggest(code));
}

function forCode(code: string, make: (code: string) => Case): Case {
  return make(code);
}

function withOutput(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`"${from}" not in ${code}`);
  return code.replace(from, to);
}
function invalidSignal(code: string, callee: string, from: string, to: string, extra: Partial<Case> = {}): Case {
  return { code, errors: [noDeadline(code, callee, SIGNAL_HINT, suggestSignal(withOutput(code, from, to)))], ...extra };
}
function invalidAxios(code: string, callee: string, from: string, to: string, extra: Partial<Case> = {}): Case {
  return { code, errors: [noDeadline(code, callee, AXIOS_HINT, suggestTimeout(withOutput(code, from, to)))], ...extra };
}
function invalidGot(code: string, callee: string, from: string, to: string): Case {
  return {
    code,
    errors: [noDeadline(code, callee, GOT_HINT, suggestTimeout(withOutput(code, from, to), '{ request: 30000 }'))],
  };
}

new SteadyStateRuleTester().run('require-fetch-timeout', rule, {
  valid: [
    // fetch with a deadline, however it is built.
    `const res = await fetch(url, { signal: AbortSignal.timeout(5000) });`,
    `await fetch(url, { method: 'POST', body, signal: AbortSignal.any([req.signal, AbortSignal.timeout(5000)]) });`,
    `const controller = new AbortController();\nsetTimeout(() => controller.abort(), 5000);\nawait fetch(url, { signal: controller.signal });`,
    `export async function proxy(url, { signal }) {\n  return fetch(url, { signal, headers: { accept: 'application/json' } });\n}`,
    // Opaque options may carry a signal.
    `export async function call(url, init) {\n  return fetch(url, init);\n}`,
    `await fetch(url, { ...defaultInit, method: 'GET' });`,
    `await fetch(url, buildInit(req));`,
    `const init = { method: 'POST' };\ninit.signal = AbortSignal.timeout(1000);\nawait fetch(url, init);`,
    // A Request carries its own signal.
    `const request = new Request(url, { signal: AbortSignal.timeout(5000) });\nawait fetch(request);`,
    `export const forward = (req) => fetch(req);`,
    `export const forward = (upstreamRequest) => fetch(upstreamRequest);`,
    // Not the real fetch.
    `function fetch(key) { return cache.get(key); }\nfetch('/users');`,
    `export function makeClient(fetch) {\n  return (path) => fetch(path);\n}`,
    `import { fetch } from './instrumented-fetch.js';\nawait fetch(url);`,
    `const fetch = createFetch({ timeout: 5000 });\nawait fetch(url);`,
    // Bounded from the outside.
    `await Promise.race([fetch(url), timeout(5000)]);`,
    `await Promise.race([fetch(url).then((r) => r.json()), sleep(5000).then(() => { throw new TimeoutError(); })]);`,
    // bluebird's race, which settles as the global one does.
    `import Bluebird from 'bluebird';\nawait Bluebird.race([fetch(url), Bluebird.delay(5000).then(() => { throw new TimeoutError(); })]);`,
    `const { race } = require('bluebird');\nexports.load = () => race([fetch(url), timeout(5000)]);`,
    `import pTimeout from 'p-timeout';\nawait pTimeout(fetch(url), { milliseconds: 5000 });`,
    {
      code: `await withDeadline(() => fetch(url), 5000);`,
      options: [{ timeoutWrappers: [{ name: 'withDeadline' }] }],
    },
    {
      code: `import { withTimeout } from '@acme/http';\nawait withTimeout(fetch(url));`,
      options: [{ timeoutWrappers: [{ name: 'withTimeout', from: '@acme/http' }] }],
    },
    // node-fetch v2 honours `timeout`.
    `import fetch from 'node-fetch';\nawait fetch(url, { timeout: 5000 });`,
    // axios with a deadline.
    `import axios from 'axios';\nawait axios.get(url, { timeout: 5000 });`,
    `import axios from 'axios';\nawait axios.post(url, payload, { timeout: 5000, headers });`,
    `import axios from 'axios';\nawait axios.get(url, { signal: AbortSignal.timeout(5000) });`,
    `import axios from 'axios';\naxios.defaults.timeout = 10_000;\nawait axios.get(url);`,
    `import axios from 'axios';\naxios.interceptors.request.use((config) => {\n  config.timeout ??= 5000;\n  return config;\n});\nawait axios.get(url);`,
    `import axios from 'axios';\nexport const api = axios.create({ baseURL: process.env.API_URL, timeout: 5000 });\nawait api.get('/users');`,
    `import axios from 'axios';\nconst api = axios.create({ baseURL });\napi.defaults.timeout = 5000;`,
    `import axios from 'axios';\nconst api = axios.create(sharedConfig);`,
    `import axios from 'axios';\nawait axios.get(url, config);`,
    `import axios from 'axios';\nawait axios(config);`,
    `export function load(axios) {\n  return axios.get('/x');\n}`,
    // got with a deadline.
    `import got from 'got';\nawait got(url, { timeout: { request: 10_000 } });`,
    `import got from 'got';\nconst client = got.extend({ prefixUrl, timeout: { request: 5000 } });\nawait client.get('users');`,
    `import got from 'got';\nawait got(requestOptions);`,
    `import got from 'got';\nawait got.post(url, { json, signal });`,
    // node:http with a deadline, set up front or on the request.
    `import http from 'node:http';\nhttp.request('http://svc/health', { timeout: 2000 }, onResponse).end();`,
    `import https from 'node:https';\nconst req = https.request({ host, path, method: 'POST' }, onResponse);\nreq.setTimeout(5000, () => req.destroy(new Error('upstream timeout')));\nreq.end(body);`,
    `import http from 'node:http';\nhttp.get('http://svc/health', onResponse).setTimeout(2000);`,
    `import http from 'node:http';\nconst req = http.get('http://svc/slow', onResponse);\nconst timer = setTimeout(() => req.destroy(new Error('timeout')), 5000);`,
    `import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 5000 });\nhttp.get('http://svc/health', { agent }, onResponse);`,
    `import http from 'node:http';\nhttp.get('http://svc/health', { signal }, onResponse);`,
    `import http from 'node:http';\nexport function open(path) {\n  return http.request({ host: 'svc', path });\n}`,
    `import http from 'node:http';\nhttp.get(options, onResponse);`,
    // An undici dispatcher with a headers timeout bounds the wait for the answer.
    `import { Agent, fetch } from 'undici';\nconst agent = new Agent({ headersTimeout: 10_000, bodyTimeout: 30_000 });\nexport const get = (url) => fetch(url, { dispatcher: agent });`,
    // Calls the runtime rejects before sending anything (a TypeError, not a hang): a body on the default
    // GET or on HEAD, a forbidden method, mode 'navigate', a stream body without duplex; got's GET with a body.
    `export async function search(url, query) {\n  const res = await fetch(url, { body: JSON.stringify(query) });\n  return res.json();\n}`,
    `await fetch(url, { method: 'get', headers, body });`,
    `await fetch(url, { method: 'HEAD', body: '' });`,
    `await fetch(url, { method: 'TRACE' });`,
    `await fetch(url, { mode: 'navigate' });`,
    `export const relay = (url, upstream) => fetch(url, { method: 'POST', body: upstream.body });`,
    `import got from 'got';\nexport const find = (url, filter) => got(url, { json: filter }).json();`,
    `import got from 'got';\nexport const find = (url, filter) => got.get(url, { json: filter, allowGetBody: false }).json();`,
    // Interactive command-line code: a person at the terminal can interrupt a stalled call.
    `import inquirer from 'inquirer';\nexport async function login() {\n  const { email } = await inquirer.prompt([{ name: 'email' }]);\n  return fetch('https://id.example.com/login', { method: 'POST', body: email });\n}`,
    `const promptly = require('../tools/prompt');\nmodule.exports = function register(cb) {\n  promptly.prompt('Email: ', (err, email) => axios.post(API, { email }).then(() => cb()));\n};\nconst axios = require('axios');`,
    // The process exits once the call settles: the last step of a command.
    `export function publish(uri, form) {\n  fetch(uri, { method: 'POST', body: form })\n    .then((res) => { console.log(res.status); process.exit(0); })\n    .catch(() => process.exit(1));\n}`,
    `async function main() {\n  const res = await fetch(process.argv[2]);\n  console.log(await res.text());\n  process.exit(0);\n}\nmain();`,
    // TypeScript-only syntax.
    { code: `await fetch(url, { signal } as RequestInit);`, ts: true },
    { code: `const init: RequestInit = { signal: AbortSignal.timeout(1000) };\nawait fetch(url, init);`, ts: true },
    // A const that is a finite number is a deadline; a value the file does not state is not judged.
    `import axios from 'axios';\nconst TIMEOUT_MS = 5000;\nexport const ping = (url) => axios.get(url, { timeout: TIMEOUT_MS });`,
    `import axios from 'axios';\nconst TIMEOUT_MS = 5_000;\nexport const ping = (url) => axios.get(url, { timeout: TIMEOUT_MS * 2 });`,
    `import axios from 'axios';\nlet timeout = 0;\nexport function configure(ms) { timeout = ms; }\nexport const ping = (url) => axios.get(url, { timeout });`,
    `import axios from 'axios';\nexport const ping = (url, timeout) => axios.get(url, { timeout });`,
    // Interop forms of a call that has its deadline, and modules that are not the client.
    `const axios = require('axios').default;\nexport const load = (url) => axios.get(url, { timeout: 5000 });`,
    `const { default: axios } = require("axios");\nexports.send = (url, body) => axios.post(url, body, { timeout: 5000 });`,
    `const { default: axios } = require('./axios-instance');\nexports.load = (url) => axios.get(url);`,
    `const axios = require(process.env.HTTP_CLIENT);\nexports.load = (url) => axios.get(url);`,
    `import * as http from 'node:http';\nexport function probe(onResponse) {\n  http.get('http://localhost:9090/metrics', { timeout: 2000 }, onResponse);\n}`,
    `const https = require('node:https');\nmodule.exports = function notify(cb) {\n  https.request('https://hooks.example.com/notify', { timeout: 2000 }, cb).end();\n};`,
    `"use strict";\nconst http_1 = __importDefault(require("http"));\nfunction probe(cb) {\n    http_1.default.get("http://127.0.0.1:8500/v1/health", { timeout: 2000 }, cb);\n}\nexports.probe = probe;`,
    `export async function load(url) {\n  const { default: fetch } = await import('node-fetch');\n  return fetch(url, { signal: AbortSignal.timeout(5000) });\n}`,
    `import axios from 'axios';\nexport function send(url, data) {\n  const config = { method: 'post', url, data, timeout: 5000 };\n  return axios(config);\n}`,
    `import axios from 'axios';\nexport function send(url, data) {\n  const config = { method: 'post', url, data, timeout: 5000 };\n  return axios.request(config);\n}`,
    `import got from 'got';\nexport const download = (url) => got.stream(url, { timeout: { request: 60_000 } });`,
    `import got from 'got';\nexport const download = (url) => got.stream.get(url, { timeout: { request: 60_000 } });`,
    // Options through a const and through spreads of local literals that carry the deadline.
    `import https from 'node:https';\nexport function notify(host, path, body, onResponse) {\n  const opts = { host, path, method: 'POST', timeout: 5000 };\n  const req = https.request(opts, onResponse);\n  req.end(body);\n}`,
    `export async function post(url, body) {\n  const init = { method: 'POST', body, signal: AbortSignal.timeout(5000) };\n  const res = await fetch(url, init);\n  return res.json();\n}`,
    `import axios from 'axios';\nconst defaults = { timeout: 5000 };\nexport const list = (url, page) => axios.get(url, { ...defaults, params: { page } });`,
    `export async function post(url, body) {\n  const base = { method: 'POST', signal: AbortSignal.timeout(5000) };\n  const init = { ...base, body };\n  return fetch(url, init);\n}`,
    `export async function mirror(a, b, headers) {\n  const init = { method: 'GET', headers, signal: AbortSignal.timeout(5000) };\n  await fetch(a, init);\n  await fetch(b, init);\n}`,
    // Truly opaque options: mutated, handed to other code, or spread from something unknown.
    `export async function post(url, body) {\n  const init = { method: 'POST', body };\n  decorate(init);\n  return fetch(url, init);\n}`,
    `export async function post(url, body) {\n  const init = { method: 'POST', body };\n  Object.assign(init, extra);\n  return fetch(url, init);\n}`,
    `export async function post(url, body, options) {\n  const init = { ...options, method: 'POST', body };\n  return fetch(url, init);\n}`,
    `import axios from 'axios';\nexport function send(url, data) {\n  const config = { method: 'post', url, data };\n  config.timeout = settings.timeout;\n  return axios(config);\n}`,
    `export async function post(url, body) {\n  const init = { method: 'POST', body };\n  log.debug({ init });\n  return fetch(url, init);\n}`,
    // request, superagent, needle, ky, undici, phin with their deadlines.
    `const request = require('request');\nmodule.exports = (url, cb) => request(url, { timeout: 5000 }, cb);`,
    `const request = require('request');\nexports.send = (uri, body, done) => request.post({ uri, json: body, timeout: 10_000 }, done);`,
    `import rp from 'request-promise';\nexport const load = (uri) => rp({ uri, json: true, timeout: 5000 });`,
    `import rp from 'request-promise';\nexport const load = (options) => rp(options);`,
    `const request = require('request');\nconst client = request.defaults({ baseUrl: process.env.API, timeout: 5000 });`,
    `import superagent from 'superagent';\nexport async function post(url, body) {\n  const res = await superagent.post(url).timeout(5000).set('accept', 'json').send(body);\n  return res.body;\n}`,
    `import superagent from 'superagent';\nexport const load = (url) => superagent.get(url).timeout({ response: 5000, deadline: 60_000 }).then((res) => res.body);`,
    `import superagent from 'superagent';\nexport async function load(url) {\n  const req = superagent.get(url);\n  req.timeout(5000);\n  return (await req).body;\n}`,
    `import superagent from 'superagent';\nexport const build = (url) => superagent.get(url).set('accept', 'json');`,
    `const request = require('superagent');\nmodule.exports = (url, cb) => request.get(url).timeout(2000).end(cb);`,
    `import { post } from 'needle';\nexport function report(url, data, done) {\n  post(url, data, { content_type: 'application/json', response_timeout: 10_000 }, done);\n}`,
    `const needle = require('needle');\nmodule.exports = (url, cb) => needle.get(url, { read_timeout: 5000 }, cb);`,
    `const needle = require('needle');\nneedle.defaults({ response_timeout: 10_000 });\nmodule.exports = (url, cb) => needle.get(url, cb);`,
    `const needle = require('needle');\nmodule.exports = (url, options, cb) => needle.get(url, options, cb);`,
    `import ky from 'ky';\nexport const load = (url) => ky.get(url).json();`,
    `import ky from 'ky';\nexport const load = (url) => ky.get(url, { timeout: 5000 }).json();`,
    `import ky from 'ky';\nexport const load = (url) => ky.get(url, { timeout: false, signal: AbortSignal.timeout(5000) }).json();`,
    `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: process.env.API });`,
    `import { request } from 'undici';\nexport const load = (url) => request(url);`,
    `import { request } from 'undici';\nexport const load = (url) => request(url, { headersTimeout: 10_000, bodyTimeout: 30_000 });`,
    `import { request } from 'undici';\nexport const load = (url) => request(url, { headersTimeout: 0, signal: AbortSignal.timeout(5000) });`,
    `const phin = require('phin');\nexports.load = (url) => phin({ url, parse: 'json', timeout: 5000 });`,
    `const phin = require('phin');\nexports.load = (options) => phin(options);`,
    `const phin = require('phin');\nconst get = phin.defaults({ method: 'GET', timeout: 2000 });`,
    // Nothing to look at.
    ``,
    `fetch();`,
  ],
  invalid: [
    // fetch: the global, globalThis, undici and node-fetch, with no init or an init without `signal`.
    invalidSignal(
      `export async function getUser(id) {
  const res = await fetch(\`\${USERS_URL}/users/\${id}\`);
  return res.json();
}`,
      'fetch',
      'fetch(`${USERS_URL}/users/${id}`)',
      'fetch(`${USERS_URL}/users/${id}`, { signal: AbortSignal.timeout(30000) })',
    ),
    invalidSignal(
      `await fetch(url, { method: 'POST', body: JSON.stringify(event) });`,
      'fetch',
      `body: JSON.stringify(event) }`,
      `body: JSON.stringify(event), signal: AbortSignal.timeout(30000) }`,
    ),
    invalidSignal(
      `const res = await fetch(webhookUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});`,
      'fetch',
      `  body,\n`,
      `  body,\n  signal: AbortSignal.timeout(30000),\n`,
    ),
    invalidSignal(
      `const res = await fetch(webhookUrl, {
  method: 'POST',
  body
});`,
      'fetch',
      `  body\n`,
      `  body,\n  signal: AbortSignal.timeout(30000)\n`,
    ),
    invalidSignal(`await globalThis.fetch(url);`, 'globalThis.fetch', 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })'),
    invalidSignal(
      `import { fetch } from 'undici';\nconst res = await fetch(url, {});`,
      'fetch',
      'fetch(url, {})',
      'fetch(url, { signal: AbortSignal.timeout(30000) })',
    ),
    invalidSignal(
      `const fetch = require('node-fetch');\nmodule.exports = (url) => fetch(url,);`,
      'fetch',
      'fetch(url,)',
      'fetch(url, { signal: AbortSignal.timeout(30000) })',
    ),
    // A body with an explicit method that takes one, and a stream body in half-duplex mode, are sent.
    invalidSignal(`await fetch(url, { method: 'put', body: payload });`, 'fetch', `body: payload }`, `body: payload, signal: AbortSignal.timeout(30000) }`),
    invalidSignal(
      `export const relay = (url, upstream) => fetch(url, { method: 'POST', body: upstream.body, duplex: 'half' });`,
      'fetch',
      `duplex: 'half' }`,
      `duplex: 'half', signal: AbortSignal.timeout(30000) }`,
    ),
    invalidSignal(
      `await fetch(url, { body: data ? JSON.stringify(data) : undefined });`,
      'fetch',
      `: undefined }`,
      `: undefined, signal: AbortSignal.timeout(30000) }`,
    ),
    // A dispatcher that only bounds connecting, or turns the headers timeout off, leaves the answer unbounded.
    invalidSignal(
      `import { Agent, fetch } from 'undici';\nconst agent = new Agent({ connect: { timeout: 5000 }, headersTimeout: 0 });\nexport const get = (url) => fetch(url, { dispatcher: agent });`,
      'fetch',
      `{ dispatcher: agent }`,
      `{ dispatcher: agent, signal: AbortSignal.timeout(30000) }`,
    ),
    // `timeout` is not a fetch option: the global fetch ignores it.
    invalidSignal(`const res = await fetch(url, { timeout: 5000 });`, 'fetch', '{ timeout: 5000 }', '{ timeout: 5000, signal: AbortSignal.timeout(30000) }'),
    // An init object declared once and used only here is read like an inline literal.
    invalidSignal(
      `const init = { method: 'DELETE' };\nawait fetch(url, init);`,
      'fetch',
      `{ method: 'DELETE' }`,
      `{ method: 'DELETE', signal: AbortSignal.timeout(30000) }`,
    ),
    // A race with a single contender bounds nothing.
    invalidSignal(`await Promise.race([fetch(url)]);`, 'fetch', 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })'),
    // A local function called race is not a race of promises.
    invalidSignal(
      `function race(calls) { return calls[0]; }\nawait race([fetch(url), timeout(5000)]);`,
      'fetch',
      'fetch(url)',
      'fetch(url, { signal: AbortSignal.timeout(30000) })',
    ),
    // A wrapper named in options must come from the module named there.
    invalidSignal(
      `import { withTimeout } from './local-helpers.js';\nawait withTimeout(fetch(url));`,
      'fetch',
      'fetch(url)',
      'fetch(url, { signal: AbortSignal.timeout(30000) })',
      { options: [{ timeoutWrappers: [{ name: 'withTimeout', from: '@acme/http' }] }] },
    ),
    // Extra fetch-like functions from options.
    invalidSignal(`import fetch from 'cross-fetch';\nawait fetch(url);`, 'fetch', 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })', {
      options: [{ fetchFunctions: [{ name: 'default', from: 'cross-fetch' }] }],
    }),
    invalidSignal(`const data = await fetchJson(url, { headers });`, 'fetchJson', '{ headers }', '{ headers, signal: AbortSignal.timeout(30000) }', {
      options: [{ fetchFunctions: [{ name: 'fetchJson' }] }],
    }),
    // Without types, a parameter called `input` may be a URL; with types it is a `Request`, which carries its own signal.
    {
      code: `export function forward(input: Request) {\n  return fetch(input);\n}`,
      errors: [
        noDeadline(
          `export function forward(input: Request) {\n  return fetch(input);\n}`,
          'fetch',
          SIGNAL_HINT,
          suggestSignal(`export function forward(input: Request) {\n  return fetch(input, { signal: AbortSignal.timeout(30000) });\n}`),
        ),
      ],
      ts: true,
      typedValid: true,
    },
    deadlineDisabled(`await fetch(url, { signal: undefined });`, 'signal: undefined', { call: 'fetch', option: 'signal' }, () =>
      suggestSignal(`await fetch(url, { signal: AbortSignal.timeout(30000) });`),
    ),
    // fix: 'autofix' turns the suggestion into a fix, with the team's timeout.
    forCode(`const res = await fetch(url, { method: 'GET' });`, (code) => ({
      code,
      options: [{ fix: 'autofix', timeoutMs: 5000 }],
      output: `const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(5000) });`,
      errors: [{ messageId: 'noDeadline', data: { call: 'fetch', remedy: SIGNAL_HINT }, ...at(code, 'fetch') }],
    })),
    // Interactive command-line code is reported with checkCommandLine (strict), and a file or a
    // function that only looks like one is reported by default.
    forCode(
      `import inquirer from 'inquirer';\nexport async function login() {\n  const { email } = await inquirer.prompt([{ name: 'email' }]);\n  return fetch('https://id.example.com/login', { method: 'POST', body: email });\n}`,
      (code) => ({
        code,
        options: [{ checkCommandLine: true }],
        errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'body: email }', 'body: email, signal: AbortSignal.timeout(30000) }')))],
      }),
    ),
    forCode(`export function publish(uri, form) {\n  fetch(uri, { method: 'POST', body: form }).then((res) => process.exit(res.ok ? 0 : 1));\n}`, (code) => ({
      code,
      options: [{ checkCommandLine: true }],
      errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'body: form }', 'body: form, signal: AbortSignal.timeout(30000) }')))],
    })),
    // readline parses lines of a stream in services too: it is not a prompt.
    forCode(`import readline from 'node:readline';\nexport async function load(url) {\n  return fetch(url);\n}`, (code) => ({
      code,
      errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })')))],
    })),
    // process.exit before the call, or in a callback that is not the call's own, does not end it.
    forCode(
      `export async function handle(req, res) {\n  if (!req.user) process.exit(1);\n  const upstream = await fetch(req.url);\n  res.send(await upstream.text());\n}`,
      (code) => ({
        code,
        errors: [
          noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'fetch(req.url)', 'fetch(req.url, { signal: AbortSignal.timeout(30000) })'))),
        ],
      }),
    ),
    forCode(`export function poll(url) {\n  process.on('SIGTERM', () => process.exit(0));\n  return fetch(url);\n}`, (code) => ({
      code,
      errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })')))],
    })),
    // axios on the default instance.
    invalidAxios(
      `import axios from 'axios';\nconst { data } = await axios.get(\`\${BILLING_URL}/invoices\`);`,
      'axios.get',
      '`${BILLING_URL}/invoices`)',
      '`${BILLING_URL}/invoices`, { timeout: 30000 })',
    ),
    invalidAxios(`import axios from 'axios';\nawait axios.post(url, payload);`, 'axios.post', 'payload)', 'payload, { timeout: 30000 })'),
    invalidAxios(`import axios from 'axios';\nawait axios.post(url);`, 'axios.post', '(url)', '(url, undefined, { timeout: 30000 })'),
    invalidAxios(
      `import axios from 'axios';\nawait axios.get(url, { params: { page } });`,
      'axios.get',
      '{ params: { page } }',
      '{ params: { page }, timeout: 30000 }',
    ),
    invalidAxios(`const axios = require('axios');\naxios({ method: 'get', url: '/health' });`, 'axios', `url: '/health' }`, `url: '/health', timeout: 30000 }`),
    invalidAxios(`import axios from 'axios';\nawait axios.request({ url, method: 'PUT', data });`, 'axios.request', 'data }', 'data, timeout: 30000 }'),
    invalidAxios(
      `import axios from 'axios';\nawait axios('https://status.example.com/api');`,
      'axios',
      `'https://status.example.com/api')`,
      `'https://status.example.com/api', { timeout: 30000 })`,
    ),
    forCode(`import axios from 'axios';\nexport const billing = axios.create({ baseURL: process.env.BILLING_URL });`, (code) =>
      invalidAt(
        code,
        'axios.create',
        'instanceWithoutDeadline',
        { call: 'axios.create', remedy: AXIOS_HINT },
        suggestTimeout(withOutput(code, 'BILLING_URL }', 'BILLING_URL, timeout: 30000 }')),
      ),
    ),
    forCode(`import axios from 'axios';\nconst client = axios.create();`, (code) =>
      invalidAt(
        code,
        'axios.create',
        'instanceWithoutDeadline',
        { call: 'axios.create', remedy: AXIOS_HINT },
        suggestTimeout(withOutput(code, 'create()', 'create({ timeout: 30000 })')),
      ),
    ),
    deadlineDisabled(`import axios from 'axios';\nawait axios.get(url, { timeout: 0 });`, 'timeout: 0', { call: 'axios.get', option: 'timeout' }, (code) =>
      suggestTimeout(withOutput(code, 'timeout: 0', 'timeout: 30000')),
    ),
    deadlineDisabled(
      `import axios from 'axios';\nconst api = axios.create({ baseURL, timeout: Infinity });`,
      'timeout: Infinity',
      { call: 'axios.create', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, 'timeout: Infinity', 'timeout: 30000')),
    ),
    // got.
    invalidGot(
      `import got from 'got';\nexport const find = (url, filter) => got.get(url, { json: filter, allowGetBody: true }).json();`,
      'got.get',
      'allowGetBody: true }',
      'allowGetBody: true, timeout: { request: 30000 } }',
    ),
    invalidGot(`import got from 'got';\nconst body = await got(url).json();`, 'got', 'got(url)', 'got(url, { timeout: { request: 30000 } })'),
    invalidGot(
      `import got from 'got';\nawait got.post(\`\${API}/events\`, { json: event });`,
      'got.post',
      '{ json: event }',
      '{ json: event, timeout: { request: 30000 } }',
    ),
    forCode(`import got from 'got';\nexport const github = got.extend({ prefixUrl: 'https://api.github.com' });`, (code) =>
      invalidAt(
        code,
        'got.extend',
        'instanceWithoutDeadline',
        { call: 'got.extend', remedy: GOT_HINT },
        suggestTimeout(withOutput(code, `'https://api.github.com' }`, `'https://api.github.com', timeout: { request: 30000 } }`), '{ request: 30000 }'),
      ),
    ),
    // node:http / node:https.
    invalidSignal(
      `import http from 'node:http';\nhttp.get('http://localhost:9090/metrics', (res) => res.pipe(process.stdout));`,
      'http.get',
      `'http://localhost:9090/metrics', (res)`,
      `'http://localhost:9090/metrics', { signal: AbortSignal.timeout(30000) }, (res)`,
    ),
    invalidSignal(
      `import https from 'https';
export function notify(payload) {
  const req = https.request({ host: 'hooks.example.com', path: '/notify', method: 'POST' }, (res) => res.resume());
  req.on('error', (err) => log.warn(err));
  req.end(JSON.stringify(payload));
}`,
      'https.request',
      `method: 'POST' }`,
      `method: 'POST', signal: AbortSignal.timeout(30000) }`,
    ),
    invalidSignal(
      `import { request } from 'node:https';
const TOKEN_URL = 'https://auth.example.com/token';
const req = request(TOKEN_URL, { method: 'POST' });
req.end(body);`,
      'request',
      `{ method: 'POST' }`,
      `{ method: 'POST', signal: AbortSignal.timeout(30000) }`,
    ),
    invalidSignal(
      `const { get } = require('http');\nget('http://127.0.0.1:8500/v1/health', onResponse).on('error', onError);`,
      'get',
      `'http://127.0.0.1:8500/v1/health', onResponse`,
      `'http://127.0.0.1:8500/v1/health', { signal: AbortSignal.timeout(30000) }, onResponse`,
    ),
    // Values are what the file makes them, not only literals: a `const` that is 0, Infinity or undefined turns the deadline off.
    deadlineDisabled(
      `import axios from 'axios';\nconst NO_TIMEOUT = 0;\nexport const ping = (url) => axios.get(url, { timeout: NO_TIMEOUT });`,
      'timeout: NO_TIMEOUT',
      { call: 'axios.get', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, 'timeout: NO_TIMEOUT', 'timeout: 30000')),
    ),
    deadlineDisabled(
      `import axios from 'axios';\nconst FOREVER = Number.POSITIVE_INFINITY;\nexport const api = axios.create({ baseURL, timeout: FOREVER });`,
      'timeout: FOREVER',
      { call: 'axios.create', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, 'timeout: FOREVER', 'timeout: 30000')),
    ),
    // A shorthand property whose const is 0: the fix spells the key out.
    deadlineDisabled(
      `import axios from 'axios';\nconst timeout = 0;\nexport const ping = (url) => axios.get(url, { timeout });`,
      'timeout',
      { call: 'axios.get', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, '{ timeout }', '{ timeout: 30000 }')),
    ),
    deadlineDisabled(
      `const NO_SIGNAL = undefined;\nexport const load = (url) => fetch(url, { signal: NO_SIGNAL });`,
      'signal: NO_SIGNAL',
      { call: 'fetch', option: 'signal' },
      (code) => suggestSignal(withOutput(code, 'signal: NO_SIGNAL', 'signal: AbortSignal.timeout(30000)')),
    ),
    // axios's `signal` turned off is given a signal, not a number.
    deadlineDisabled(
      `import axios from 'axios';\nexport const load = (url) => axios.get(url, { signal: undefined });`,
      'signal: undefined',
      { call: 'axios.get', option: 'signal' },
      (code) => suggestSignal(withOutput(code, 'signal: undefined', 'signal: AbortSignal.timeout(30000)')),
    ),
    // CommonJS and ES module interop: every way of reaching the module is the module.
    invalidAxios(
      `const axios = require('axios').default;\nexport const load = (url) => axios.get(url);`,
      'axios.get',
      'axios.get(url)',
      'axios.get(url, { timeout: 30000 })',
    ),
    invalidAxios(
      `const { default: axios } = require("axios");\nexports.send = (url, body) => axios.post(url, body);`,
      'axios.post',
      'axios.post(url, body)',
      'axios.post(url, body, { timeout: 30000 })',
    ),
    invalidAxios(
      `const CLIENT = 'axios';\nconst axios = require(CLIENT);\nexport const load = (url) => axios.get(url);`,
      'axios.get',
      'axios.get(url)',
      'axios.get(url, { timeout: 30000 })',
    ),
    invalidAxios(
      `import * as axios from 'axios';\nexport const load = (url) => axios.default.get(url);`,
      'axios.default.get',
      'get(url)',
      'get(url, { timeout: 30000 })',
    ),
    invalidSignal(
      `import * as http from 'node:http';\nexport function probe(onResponse) {\n  http.get('http://localhost:9090/metrics', onResponse);\n}`,
      'http.get',
      `'http://localhost:9090/metrics', onResponse`,
      `'http://localhost:9090/metrics', { signal: AbortSignal.timeout(30000) }, onResponse`,
    ),
    invalidSignal(
      `const https = require('node:https');\nmodule.exports = function notify(cb) {\n  https.request('https://hooks.example.com/notify', cb).end();\n};`,
      'https.request',
      `'https://hooks.example.com/notify', cb`,
      `'https://hooks.example.com/notify', { signal: AbortSignal.timeout(30000) }, cb`,
    ),
    invalidSignal(
      `"use strict";\nconst http_1 = __importDefault(require("http"));\nfunction probe(cb) {\n    http_1.default.get("http://127.0.0.1:8500/v1/health", cb);\n}\nexports.probe = probe;`,
      'http_1.default.get',
      `"http://127.0.0.1:8500/v1/health", cb`,
      `"http://127.0.0.1:8500/v1/health", { signal: AbortSignal.timeout(30000) }, cb`,
    ),
    invalidSignal(
      `const fetch_1 = __importStar(require("node-fetch"));\nexports.load = (url) => fetch_1.default(url);`,
      'fetch_1.default',
      'fetch_1.default(url)',
      'fetch_1.default(url, { signal: AbortSignal.timeout(30000) })',
    ),
    forCode(`import http = require('node:http');\nexport function probe(cb: () => void): void {\n  http.get('http://svc/health', cb);\n}`, (code) => ({
      code,
      ts: true,
      errors: [
        noDeadline(
          code,
          'http.get',
          SIGNAL_HINT,
          suggestSignal(withOutput(code, `'http://svc/health', cb`, `'http://svc/health', { signal: AbortSignal.timeout(30000) }, cb`)),
        ),
      ],
    })),
    invalidSignal(
      `export async function load(url) {\n  const { default: fetch } = await import('node-fetch');\n  return fetch(url);\n}`,
      'fetch',
      'fetch(url)',
      'fetch(url, { signal: AbortSignal.timeout(30000) })',
    ),
    // axios called with its config, directly or through request(); got's stream API.
    invalidAxios(
      `import axios from 'axios';\nexport function send(url, data) {\n  const config = { method: 'post', url, data };\n  return axios(config);\n}`,
      'axios',
      'data };',
      'data, timeout: 30000 };',
    ),
    invalidAxios(
      `import axios from 'axios';\nexport function send(url, data) {\n  const config = { method: 'post', url, data };\n  return axios.request(config);\n}`,
      'axios.request',
      'data };',
      'data, timeout: 30000 };',
    ),
    invalidGot(
      `import got from 'got';\nexport const download = (url) => got.stream(url);`,
      'got.stream',
      'got.stream(url)',
      'got.stream(url, { timeout: { request: 30000 } })',
    ),
    invalidGot(
      `import got from 'got';\nexport const download = (url) => got.stream.get(url);`,
      'got.stream.get',
      'got.stream.get(url)',
      'got.stream.get(url, { timeout: { request: 30000 } })',
    ),
    // Options built in the same function are read through their const, spreads of local literals included.
    invalidSignal(
      `import https from 'node:https';\nexport function notify(host, path, body, onResponse) {\n  const opts = { host, path, method: 'POST' };\n  const req = https.request(opts, onResponse);\n  req.end(body);\n}`,
      'https.request',
      `method: 'POST' }`,
      `method: 'POST', signal: AbortSignal.timeout(30000) }`,
    ),
    invalidSignal(
      `export async function post(url, body) {\n  const init = { method: 'POST', body };\n  const res = await fetch(url, init);\n  return res.json();\n}`,
      'fetch',
      `body };`,
      `body, signal: AbortSignal.timeout(30000) };`,
    ),
    invalidAxios(
      `import axios from 'axios';\nconst defaults = { headers: { accept: 'application/json' } };\nexport const list = (url, page) => axios.get(url, { ...defaults, params: { page } });`,
      'axios.get',
      'params: { page } }',
      'params: { page }, timeout: 30000 }',
    ),
    invalidSignal(
      `export async function post(url, body) {\n  const base = { method: 'POST' };\n  const init = { ...base, body };\n  return fetch(url, init);\n}`,
      'fetch',
      `{ ...base, body }`,
      `{ ...base, body, signal: AbortSignal.timeout(30000) }`,
    ),
    // One init for two calls: each call is reported, and each fix overrides the shared literal at its own call.
    forCode(
      `export async function mirror(a, b, headers) {\n  const init = { method: 'GET', headers };\n  await fetch(a, init);\n  await fetch(b, init);\n}`,
      (code) => ({
        code,
        errors: [
          {
            messageId: 'noDeadline',
            data: { call: 'fetch', remedy: SIGNAL_HINT },
            ...at(code, 'fetch(a'),
            endColumn: at(code, 'fetch(a').column + 5,
            suggestions: [suggestSignal(withOutput(code, 'fetch(a, init)', 'fetch(a, { ...init, signal: AbortSignal.timeout(30000) })'))],
          },
          {
            messageId: 'noDeadline',
            data: { call: 'fetch', remedy: SIGNAL_HINT },
            ...at(code, 'fetch(b'),
            endColumn: at(code, 'fetch(b').column + 5,
            suggestions: [suggestSignal(withOutput(code, 'fetch(b, init)', 'fetch(b, { ...init, signal: AbortSignal.timeout(30000) })'))],
          },
        ],
      }),
    ),
    // Declared in the module, used in a handler: a signal put in the module's literal would start counting at load time.
    forCode(`const INIT = { headers: { accept: 'application/json' } };\nexport async function load(url) {\n  return fetch(url, INIT);\n}`, (code) =>
      invalidSignal(code, 'fetch', 'fetch(url, INIT)', 'fetch(url, { ...INIT, signal: AbortSignal.timeout(30000) })'),
    ),
    // A disabling value in a defaults object of the module: reported where it is set.
    deadlineDisabled(
      `import axios from 'axios';\nconst defaults = { timeout: 0 };\nexport const list = (url) => axios.get(url, { ...defaults, params: {} });`,
      'timeout: 0',
      { call: 'axios.get', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, 'timeout: 0', 'timeout: 30000')),
    ),
    // ...but a shared `signal: undefined` is not given one AbortSignal for every call: no fix.
    forCode(`const defaults = { signal: undefined };\nexport const load = (url) => fetch(url, { ...defaults });`, (code) => ({
      code,
      errors: [{ messageId: 'deadlineDisabled', data: { call: 'fetch', option: 'signal' }, ...at(code, 'signal: undefined') }],
    })),
    // Outbound clients beyond fetch, axios, got and node:http.
    // request / request-promise: no timeout by default.
    invalidAxios(
      `const request = require('request');\nmodule.exports = (url, cb) => request(url, cb);`,
      'request',
      'request(url, cb)',
      'request(url, { timeout: 30000 }, cb)',
    ),
    invalidAxios(
      `const request = require('request');\nexports.send = (uri, body, done) => request.post({ uri, json: body }, done);`,
      'request.post',
      'json: body }',
      'json: body, timeout: 30000 }',
    ),
    invalidAxios(
      `import rp from 'request-promise';\nexport const load = (uri) => rp({ uri, json: true });`,
      'rp',
      'json: true }',
      'json: true, timeout: 30000 }',
    ),
    forCode(`const request = require('request');\nconst client = request.defaults({ baseUrl: process.env.API });`, (code) =>
      invalidAt(
        code,
        'request.defaults',
        'instanceWithoutDeadline',
        { call: 'request.defaults', remedy: TIMEOUT_HINT },
        suggestTimeout(withOutput(code, 'process.env.API }', 'process.env.API, timeout: 30000 }')),
      ),
    ),
    // superagent: the deadline is `.timeout(ms)` in the chain, before the request is sent.
    {
      code: `import superagent from 'superagent';\nexport async function post(url, body) {\n  const res = await superagent.post(url).set('accept', 'json').send(body);\n  return res.body;\n}`,
      errors: [
        {
          messageId: 'noDeadline',
          data: { call: 'superagent.post', remedy: CHAIN_HINT },
          ...at(
            `import superagent from 'superagent';\nexport async function post(url, body) {\n  const res = await superagent.post(url).set('accept', 'json').send(body);\n  return res.body;\n}`,
            'superagent.post',
          ),
          suggestions: [
            suggestTimeoutCall(
              `import superagent from 'superagent';\nexport async function post(url, body) {\n  const res = await superagent.post(url).timeout(30000).set('accept', 'json').send(body);\n  return res.body;\n}`,
            ),
          ],
        },
      ],
    },
    forCode(`const request = require('superagent');\nmodule.exports = (url, cb) => request.get(url).end(cb);`, (code) => ({
      code,
      errors: [noDeadline(code, 'request.get', CHAIN_HINT, suggestTimeoutCall(withOutput(code, 'request.get(url)', 'request.get(url).timeout(30000)')))],
    })),
    forCode(
      `import superagent from 'superagent';\nexport async function load(url) {\n  const req = superagent.get(url);\n  req.set('accept', 'json');\n  return (await req).body;\n}`,
      (code) => ({
        code,
        errors: [
          noDeadline(code, 'superagent.get', CHAIN_HINT, suggestTimeoutCall(withOutput(code, 'superagent.get(url)', 'superagent.get(url).timeout(30000)'))),
        ],
      }),
    ),
    deadlineDisabled(
      `import superagent from 'superagent';\nexport const load = (url) => superagent.get(url).timeout(0).then((res) => res.body);`,
      '0',
      { call: 'superagent.get', option: 'timeout' },
      (code) => suggestTimeoutCall(withOutput(code, 'timeout(0)', 'timeout(30000)')),
    ),
    // needle: `open_timeout` (10 s by default) bounds connecting only; the response needs `response_timeout`.
    {
      code: `import { post } from 'needle';\nexport function report(url, data, done) {\n  post(url, data, { content_type: 'application/json' }, done);\n}`,
      errors: [
        noDeadline(
          `import { post } from 'needle';\nexport function report(url, data, done) {\n  post(url, data, { content_type: 'application/json' }, done);\n}`,
          'post',
          NEEDLE_HINT,
          suggestTimeout(
            `import { post } from 'needle';\nexport function report(url, data, done) {\n  post(url, data, { content_type: 'application/json', response_timeout: 30000 }, done);\n}`,
            '30000',
            30000,
            'response_timeout',
          ),
        ),
      ],
    },
    forCode(`const needle = require('needle');\nmodule.exports = (url, cb) => needle.get(url, { open_timeout: 5000 }, cb);`, (code) => ({
      code,
      errors: [
        noDeadline(
          code,
          'needle.get',
          NEEDLE_HINT,
          suggestTimeout(withOutput(code, 'open_timeout: 5000 }', 'open_timeout: 5000, response_timeout: 30000 }'), '30000', 30000, 'response_timeout'),
        ),
      ],
    })),
    forCode(`const needle = require('needle');\nmodule.exports = (url, cb) => needle.get(url, cb);`, (code) => ({
      code,
      errors: [
        noDeadline(
          code,
          'needle.get',
          NEEDLE_HINT,
          suggestTimeout(withOutput(code, 'needle.get(url, cb)', 'needle.get(url, { response_timeout: 30000 }, cb)'), '30000', 30000, 'response_timeout'),
        ),
      ],
    })),
    forCode(`const needle = require('needle');\nexports.fetchPage = (url) => needle('get', url);`, (code) => ({
      code,
      errors: [
        noDeadline(
          code,
          'needle',
          NEEDLE_HINT,
          suggestTimeout(
            withOutput(code, `needle('get', url)`, `needle('get', url, undefined, { response_timeout: 30000 })`),
            '30000',
            30000,
            'response_timeout',
          ),
        ),
      ],
    })),
    deadlineDisabled(
      `const needle = require('needle');\nmodule.exports = (url, cb) => needle.get(url, { response_timeout: 0 }, cb);`,
      'response_timeout: 0',
      { call: 'needle.get', option: 'response_timeout' },
      (code) => suggestTimeout(withOutput(code, 'response_timeout: 0', 'response_timeout: 30000'), '30000', 30000, 'response_timeout'),
    ),
    // ky times out after 10 s unless told not to.
    deadlineDisabled(
      `import ky from 'ky';\nexport const load = (url) => ky.get(url, { timeout: false }).json();`,
      'timeout: false',
      { call: 'ky.get', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, 'timeout: false', 'timeout: 30000')),
    ),
    deadlineDisabled(
      `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: process.env.API, timeout: false });`,
      'timeout: false',
      { call: 'ky.create', option: 'timeout' },
      (code) => suggestTimeout(withOutput(code, 'timeout: false', 'timeout: 30000')),
    ),
    // undici's request() and stream() wait 300 s by default; 0 waits forever.
    deadlineDisabled(
      `import { request } from 'undici';\nexport const load = (url) => request(url, { headersTimeout: 0 });`,
      'headersTimeout: 0',
      { call: 'request', option: 'headersTimeout' },
      (code) => suggestTimeout(withOutput(code, 'headersTimeout: 0', 'headersTimeout: 30000'), '30000', 30000, 'headersTimeout'),
    ),
    deadlineDisabled(
      `const undici = require('undici');\nexports.copy = (url, sink) => undici.stream(url, { method: 'GET', bodyTimeout: 0 }, () => sink);`,
      'bodyTimeout: 0',
      { call: 'undici.stream', option: 'bodyTimeout' },
      (code) => suggestTimeout(withOutput(code, 'bodyTimeout: 0', 'bodyTimeout: 30000'), '30000', 30000, 'bodyTimeout'),
    ),
    // phin has no timeout by default.
    invalidAxios(
      `const phin = require('phin');\nexports.load = (url) => phin({ url, parse: 'json' });`,
      'phin',
      `parse: 'json' }`,
      `parse: 'json', timeout: 30000 }`,
    ),
    invalidAxios(`const phin = require('phin');\nexports.load = (url) => phin(url);`, 'phin', 'phin(url)', 'phin({ url, timeout: 30000 })'),
    forCode(`const p = require('phin').unpromisified;\nexports.load = (cb) => p('https://status.example.com', cb);`, (code) => ({
      code,
      errors: [
        {
          messageId: 'noDeadline',
          data: { call: 'p', remedy: TIMEOUT_HINT },
          ...at(code, 'p('),
          endColumn: at(code, 'p(').column + 1,
          suggestions: [
            suggestTimeout(withOutput(code, `p('https://status.example.com', cb)`, `p({ url: 'https://status.example.com', timeout: 30000 }, cb)`)),
          ],
        },
      ],
    })),
  ],
});
