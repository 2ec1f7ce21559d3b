import rule from '../../rules/no-disabled-server-timeouts.js';
import { SteadyStateRuleTester } from '../support/rule-tests.js';

// What each limit bounds and what a client can do once it is off, as the messages say it.
const INACTIVITY = { what: 'the socket inactivity timeout', consequence: 'a client that stops sending or reading holds its socket forever' };
const REQUEST = { what: 'the deadline for receiving a request', consequence: 'a client that sends its request slowly holds its socket as long as it likes' };
const HEADERS = {
  what: 'the deadline for receiving request headers',
  consequence: 'a client that trickles its headers (Slowloris) holds its socket as long as other limits allow',
};
const KEEP_ALIVE = { what: 'the idle timeout of keep-alive connections', consequence: 'idle clients hold their sockets forever' };

new SteadyStateRuleTester().run('no-disabled-server-timeouts', rule, {
  valid: [
    // Finite values, however they are written.
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.requestTimeout = 120_000;\nserver.headersTimeout = 10_000;`,
    `import express from 'express';\nconst server = express().listen(8080);\n// Longer than the load balancer's idle timeout.\nserver.keepAliveTimeout = 65_000;\nserver.headersTimeout = 66_000;`,
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.setTimeout(30_000, (socket) => socket.destroy());`,
    `import http from 'node:http';\nconst TWO_MINUTES = 2 * 60 * 1000;\nhttp.createServer({ requestTimeout: TWO_MINUTES, keepAliveTimeout: 5000 }, app);`,
    `import Fastify from 'fastify';\nconst app = Fastify({ connectionTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 72_000 });`,
    `import { fastify } from 'fastify';\nconst app = fastify();\napp.server.keepAliveTimeout = 75_000;`,
    // Values from configuration, and values the file cannot pin down.
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.keepAliveTimeout = config.server.keepAliveTimeout;\nserver.headersTimeout = config.server.headersTimeout;`,
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.timeout = Number(process.env.SERVER_TIMEOUT_MS);`,
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.requestTimeout = process.env.NODE_ENV === 'development' ? 0 : 30_000;`,
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.headersTimeout = server.keepAliveTimeout + 1000;`,
    `import http from 'node:http';\nconst { requestTimeout = 0 } = settings;\nhttp.createServer({ requestTimeout }, app);`,
    // Options the file does not show: a parameter, a spread after the key, a helper.
    `import http from 'node:http';\nexport function start(options, app) {\n  return http.createServer(options, app);\n}`,
    `import http from 'node:http';\nhttp.createServer({ requestTimeout: 0, ...overrides }, app);`,
    `import http from 'node:http';\nhttp.createServer(serverOptions(), app);`,
    `import Fastify from 'fastify';\nconst app = Fastify(loadConfig().http);`,
    // `undefined` leaves the option at its default.
    `import http from 'node:http';\nhttp.createServer({ requestTimeout: undefined, headersTimeout: null }, app);`,
    // Fastify replaces a keepAliveTimeout of 0 with its 72 s default.
    `import Fastify from 'fastify';\nconst app = Fastify({ keepAliveTimeout: 0 });`,
    // Not a server: sockets, client requests, a class's own field, TCP and WebSocket servers.
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.on('connection', (socket) => socket.setTimeout(0));`,
    `import http from 'node:http';\nconst req = http.request(url, onResponse);\nreq.setTimeout(0);\nreq.end();`,
    `import https from 'node:https';\nhttps.get(url, onResponse).setTimeout(0);`,
    `import http from 'node:http';\nhttp.createServer((req, res) => {\n  req.setTimeout(0);\n  res.setTimeout(0);\n  stream.pipe(res);\n});`,
    `export class Connection {\n  constructor(options) {\n    this.requestTimeout = 0;\n    this.timeout = 0;\n  }\n}`,
    `import net from 'node:net';\nconst server = net.createServer(onConnection);\nserver.timeout = 0;`,
    `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.timeout = 0;`,
    `import mysql from 'mysql2';\nconst pool = mysql.createPool(config);\npool.timeout = 0;`,
    // A server whose origin the file does not show is not judged by default.
    `export function tune(server) {\n  server.requestTimeout = 0;\n  server.timeout = 0;\n  server.setTimeout(0);\n}`,
    `import { server } from './server.js';\nserver.keepAliveTimeout = 0;`,
    // Local functions and parameters that share a name with the real factories.
    `function createServer() {\n  return { timeout: 30_000 };\n}\nconst server = createServer();\nserver.timeout = 0;`,
    `export function boot(http) {\n  const server = http.createServer(app);\n  server.requestTimeout = 0;\n}`,
    `import { createServer } from 'vite';\nconst server = await createServer({ server: { middlewareMode: true } });\nserver.timeout = 0;`,
    `import express from './express-like.js';\nconst server = express().listen(3000);\nserver.keepAliveTimeout = 0;`,
    // A variable that may hold something else than a server.
    `import http from 'node:http';\nlet target = http.createServer(app);\ntarget = makeProxy();\ntarget.timeout = 0;`,
    // Fastify's listen() resolves to an address, not a server; an app is not its server.
    `import Fastify from 'fastify';\nconst app = Fastify();\nconst address = await app.listen({ port: 3000 });\naddress.timeout = 0;`,
    `import express from 'express';\nconst app = express();\napp.timeout = 0;`,
    // headersTimeout set below keepAliveTimeout is another matter.
    `import http from 'node:http';\nconst server = http.createServer(app);\nserver.headersTimeout = 1000;\nserver.keepAliveTimeout = 5000;`,
    // Under assumeServers: `this`, and variables the file shows to hold something else.
    { code: `export class Client {\n  configure() {\n    this.requestTimeout = 0;\n  }\n}`, options: [{ assumeServers: true }] },
    { code: `const limits = { keepAliveTimeout: 5000 };\nlimits.keepAliveTimeout = 0;`, options: [{ assumeServers: true }] },
    { code: `import { Agent } from 'undici';\nconst agent = new Agent();\nagent.keepAliveTimeout = 0;`, options: [{ assumeServers: true }] },
    { code: `export function tune(socket) {\n  socket.timeout = 0;\n  socket.setTimeout(0);\n}`, options: [{ assumeServers: true }] },
    // Under assumeServers, configuration objects are not servers: a receiver must be named as one.
    {
      code: `export function normalize(cfg) {\n  if (cfg.options.requestTimeout === Infinity) cfg.options.requestTimeout = 0;\n}`,
      options: [{ assumeServers: true }],
    },
    { code: `export function applyDefaults(data) {\n  if (data.requestTimeout === undefined) data.requestTimeout = 0;\n}`, options: [{ assumeServers: true }] },
    `import stoppable from 'stoppable';\nconst server = stoppable(makeServer());\nserver.keepAliveTimeout = 0;`,
    // TypeScript syntax.
    {
      code: `import http from 'node:http';\nconst server = http.createServer(app) as http.Server;\nserver.requestTimeout = (config.requestTimeout as number) ?? 30_000;`,
      ts: true,
    },
    { code: `import type { Server } from 'node:http';\nexport function tune(server: Server): void {\n  server.keepAliveTimeout = 0;\n}`, ts: true },
    // Nothing to look at.
    ``,
    `import http from 'node:http';\nconst server = http.createServer();\nserver.setTimeout();\nserver[key] = 0;`,
  ],
  invalid: [
    // Assignments on a server from node:http, https, express, koa, connect.
    {
      code: `import http from 'node:http';\nconst server = http.createServer(app);\nserver.requestTimeout = 0;\nserver.listen(8080);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.requestTimeout = 0', ...REQUEST },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import http from 'node:http';\nconst server = http.createServer(app);\nserver.requestTimeout = 60000;\nserver.listen(8080);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import http from 'node:http';\nconst server = http.createServer(app);\nserver.listen(8080);`,
            },
          ],
        },
      ],
    },
    {
      code: `const http = require('http');\nconst server = http.createServer(handler);\nserver.headersTimeout = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.headersTimeout = 0', ...HEADERS },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `const http = require('http');\nconst server = http.createServer(handler);\nserver.headersTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `const http = require('http');\nconst server = http.createServer(handler);\n`,
            },
          ],
        },
      ],
    },
    {
      code: `import express from 'express';\nconst app = express();\nconst server = app.listen(3000, () => console.info('listening'));\nserver.keepAliveTimeout = 0; // keep connections for the load balancer`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.keepAliveTimeout = 0', ...KEEP_ALIVE },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `import express from 'express';\nconst app = express();\nconst server = app.listen(3000, () => console.info('listening'));\nserver.keepAliveTimeout = 60000; // keep connections for the load balancer`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `import express from 'express';\nconst app = express();\nconst server = app.listen(3000, () => console.info('listening'));\n// keep connections for the load balancer`,
            },
          ],
        },
      ],
    },
    {
      code: `import https from 'https';\nconst server = https.createServer({ key, cert }, app);\nserver.timeout = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.timeout = 0', ...INACTIVITY },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'timeout', ms: 60000 },
              output: `import https from 'https';\nconst server = https.createServer({ key, cert }, app);\nserver.timeout = 60000;`,
            },
          ],
        },
      ],
    },
    {
      code: `import Koa from 'koa';\nconst app = new Koa();\nconst server = app.listen(3000);\nserver.requestTimeout = Infinity;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.requestTimeout = Infinity', ...REQUEST },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import Koa from 'koa';\nconst app = new Koa();\nconst server = app.listen(3000);\nserver.requestTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import Koa from 'koa';\nconst app = new Koa();\nconst server = app.listen(3000);\n`,
            },
          ],
        },
      ],
    },
    {
      code: `const connect = require('connect');\nconst app = connect();\nconst server = app.listen(3000);\nserver.timeout = Number.POSITIVE_INFINITY;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.timeout = Number.POSITIVE_INFINITY', ...INACTIVITY },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'timeout', ms: 60000 },
              output: `const connect = require('connect');\nconst app = connect();\nconst server = app.listen(3000);\nserver.timeout = 60000;`,
            },
          ],
        },
      ],
    },
    // server.setTimeout(0), on a variable and on a chain that returns the server.
    {
      code: `import { createServer } from 'node:http';\nconst server = createServer(app).listen(port);\nserver.setTimeout(0);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.setTimeout(0)', ...INACTIVITY },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'setTimeout', ms: 60000 },
              output: `import { createServer } from 'node:http';\nconst server = createServer(app).listen(port);\nserver.setTimeout(60000);`,
            },
          ],
        },
      ],
    },
    {
      code: `import express from 'express';\nexpress().listen(8080).setTimeout(0, () => {});`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'express().listen(8080).setTimeout(0, () => {})', ...INACTIVITY },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'setTimeout', ms: 60000 },
              output: `import express from 'express';\nexpress().listen(8080).setTimeout(60000, () => {});`,
            },
          ],
        },
      ],
    },
    // Options of createServer / new Server: 0 and Infinity, inline or in a const used only there.
    {
      code: `import http from 'node:http';\nhttp.createServer({ requestTimeout: 0, headersTimeout: 0 }, app).listen(8080);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'requestTimeout: 0', ...REQUEST },
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import http from 'node:http';\nhttp.createServer({ requestTimeout: 60000, headersTimeout: 0 }, app).listen(8080);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import http from 'node:http';\nhttp.createServer({ headersTimeout: 0 }, app).listen(8080);`,
            },
          ],
        },
        {
          messageId: 'timeoutDisabled',
          data: { code: 'headersTimeout: 0', ...HEADERS },
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `import http from 'node:http';\nhttp.createServer({ requestTimeout: 0, headersTimeout: 60000 }, app).listen(8080);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `import http from 'node:http';\nhttp.createServer({ requestTimeout: 0 }, app).listen(8080);`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createServer } from 'https';\nconst server = createServer({\n  key,\n  cert,\n  keepAliveTimeout: Infinity,\n}, app);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'keepAliveTimeout: Infinity', ...KEEP_ALIVE },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `import { createServer } from 'https';\nconst server = createServer({\n  key,\n  cert,\n  keepAliveTimeout: 60000,\n}, app);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `import { createServer } from 'https';\nconst server = createServer({\n  key,\n  cert,\n}, app);`,
            },
          ],
        },
      ],
    },
    {
      code: `const { Server } = require('node:http');\nconst serverOptions = { keepAliveTimeout: 0 };\nconst server = new Server(serverOptions, app);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'keepAliveTimeout: 0', ...KEEP_ALIVE },
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `const { Server } = require('node:http');\nconst serverOptions = { keepAliveTimeout: 60000 };\nconst server = new Server(serverOptions, app);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `const { Server } = require('node:http');\nconst serverOptions = { };\nconst server = new Server(serverOptions, app);`,
            },
          ],
        },
      ],
    },
    // Constant values, shorthand, string and computed constant keys, an explicit key after a spread.
    {
      code: `import * as http from 'node:http';\nconst NO_LIMIT = 0;\nconst requestTimeout = NO_LIMIT;\nexport const server = http.createServer({ requestTimeout }, app);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'requestTimeout', ...REQUEST },
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import * as http from 'node:http';\nconst NO_LIMIT = 0;\nconst requestTimeout = NO_LIMIT;\nexport const server = http.createServer({ requestTimeout: 60000 }, app);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import * as http from 'node:http';\nconst NO_LIMIT = 0;\nconst requestTimeout = NO_LIMIT;\nexport const server = http.createServer({ }, app);`,
            },
          ],
        },
      ],
    },
    {
      code: `import http from 'http';\nconst KEY = 'headersTimeout';\nhttp.createServer({ 'requestTimeout': 30_000, [KEY]: 0 }, app);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: '[KEY]: 0', ...HEADERS },
          line: 3,
          column: 47,
          endLine: 3,
          endColumn: 55,
          suggestions: [
            {
              // Node rejects a headersTimeout above the requestTimeout: the suggestion stays below it.
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 30000 },
              output: `import http from 'http';\nconst KEY = 'headersTimeout';\nhttp.createServer({ 'requestTimeout': 30_000, [KEY]: 30000 }, app);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `import http from 'http';\nconst KEY = 'headersTimeout';\nhttp.createServer({ 'requestTimeout': 30_000 }, app);`,
            },
          ],
        },
      ],
    },
    {
      code: `import http from 'node:http';\nexport const server = http.createServer({ ...baseOptions, requestTimeout: 0 }, app);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'requestTimeout: 0', ...REQUEST },
          line: 2,
          column: 59,
          endLine: 2,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import http from 'node:http';\nexport const server = http.createServer({ ...baseOptions, requestTimeout: 60000 }, app);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import http from 'node:http';\nexport const server = http.createServer({ ...baseOptions }, app);`,
            },
          ],
        },
      ],
    },
    // Fastify options written explicitly: default import, CommonJS called in place, named export.
    {
      code: `import Fastify from 'fastify';\nconst app = Fastify({ logger: true, connectionTimeout: 0 });`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'connectionTimeout: 0', ...INACTIVITY },
          line: 2,
          column: 37,
          endLine: 2,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'connectionTimeout', ms: 60000 },
              output: `import Fastify from 'fastify';\nconst app = Fastify({ logger: true, connectionTimeout: 60000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `const app = require('fastify')({ requestTimeout: 0 });\napp.get('/healthz', async () => ({ ok: true }));`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'requestTimeout: 0', ...REQUEST },
          line: 1,
          column: 34,
          endLine: 1,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `const app = require('fastify')({ requestTimeout: 60000 });\napp.get('/healthz', async () => ({ ok: true }));`,
            },
          ],
        },
      ],
    },
    {
      code: `import { fastify } from 'fastify';\nexport const app = fastify({ requestTimeout: 0 });\napp.server.keepAliveTimeout = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'requestTimeout: 0', ...REQUEST },
          line: 2,
          column: 30,
          endLine: 2,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import { fastify } from 'fastify';\nexport const app = fastify({ requestTimeout: 60000 });\napp.server.keepAliveTimeout = 0;`,
            },
          ],
        },
        {
          messageId: 'timeoutDisabled',
          data: { code: 'app.server.keepAliveTimeout = 0', ...KEEP_ALIVE },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `import { fastify } from 'fastify';\nexport const app = fastify({ requestTimeout: 0 });\napp.server.keepAliveTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `import { fastify } from 'fastify';\nexport const app = fastify({ requestTimeout: 0 });\n`,
            },
          ],
        },
      ],
    },
    // HTTP/2: the inactivity timeout is its only one.
    {
      code: `import http2 from 'node:http2';\nconst server = http2.createSecureServer({ key, cert });\nserver.setTimeout(0);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.setTimeout(0)', ...INACTIVITY },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'setTimeout', ms: 60000 },
              output: `import http2 from 'node:http2';\nconst server = http2.createSecureServer({ key, cert });\nserver.setTimeout(60000);`,
            },
          ],
        },
      ],
    },
    // A server kept on the instance: assigned in a method, or a class field.
    {
      code: `import http from 'node:http';\nexport class ApiServer {\n  start() {\n    this.server = http.createServer(this.app);\n    this.server.keepAliveTimeout = 0;\n    this.server.listen(this.port);\n  }\n}`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'this.server.keepAliveTimeout = 0', ...KEEP_ALIVE },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `import http from 'node:http';\nexport class ApiServer {\n  start() {\n    this.server = http.createServer(this.app);\n    this.server.keepAliveTimeout = 60000;\n    this.server.listen(this.port);\n  }\n}`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `import http from 'node:http';\nexport class ApiServer {\n  start() {\n    this.server = http.createServer(this.app);\n    this.server.listen(this.port);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import http from 'node:http';\nexport class Gateway {\n  server = http.createServer(handler);\n  configure() {\n    this.server.timeout = 0;\n  }\n}`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'this.server.timeout = 0', ...INACTIVITY },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'timeout', ms: 60000 },
              output: `import http from 'node:http';\nexport class Gateway {\n  server = http.createServer(handler);\n  configure() {\n    this.server.timeout = 60000;\n  }\n}`,
            },
          ],
        },
      ],
    },
    // A variable assigned later, or from either of two servers.
    {
      code: `import http from 'node:http';\nlet server;\nexport function start() {\n  server = http.createServer(app);\n  if (process.env.LONG_POLLING) server.requestTimeout = 0;\n  server.listen(8080);\n}`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.requestTimeout = 0', ...REQUEST },
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 58,
          // Removing the statement would leave the `if` without a body: only the finite value is offered.
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import http from 'node:http';\nlet server;\nexport function start() {\n  server = http.createServer(app);\n  if (process.env.LONG_POLLING) server.requestTimeout = 60000;\n  server.listen(8080);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import http from 'node:http';\nimport https from 'node:https';\nconst server = tls ? https.createServer(tls, app) : http.createServer(app);\nserver.keepAliveTimeout = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.keepAliveTimeout = 0', ...KEEP_ALIVE },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `import http from 'node:http';\nimport https from 'node:https';\nconst server = tls ? https.createServer(tls, app) : http.createServer(app);\nserver.keepAliveTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `import http from 'node:http';\nimport https from 'node:https';\nconst server = tls ? https.createServer(tls, app) : http.createServer(app);\n`,
            },
          ],
        },
      ],
    },
    // Aliased named import, destructured require.
    {
      code: `import { createServer as makeServer } from 'http';\nconst server = makeServer(app);\nserver['headersTimeout'] = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: "server['headersTimeout'] = 0", ...HEADERS },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `import { createServer as makeServer } from 'http';\nconst server = makeServer(app);\nserver['headersTimeout'] = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `import { createServer as makeServer } from 'http';\nconst server = makeServer(app);\n`,
            },
          ],
        },
      ],
    },
    {
      code: `const { createServer } = require('node:https');\nmodule.exports = function listen(port) {\n  const server = createServer(tlsOptions, app);\n  server.setTimeout(0);\n  return server.listen(port);\n};`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.setTimeout(0)', ...INACTIVITY },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'setTimeout', ms: 60000 },
              output: `const { createServer } = require('node:https');\nmodule.exports = function listen(port) {\n  const server = createServer(tlsOptions, app);\n  server.setTimeout(60000);\n  return server.listen(port);\n};`,
            },
          ],
        },
      ],
    },
    // TypeScript syntax around the server and the value.
    {
      code: `import http from 'node:http';\nconst server = http.createServer(app) as http.Server;\n(server as http.Server).requestTimeout = 0 as number;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: '(server as http.Server).requestTimeout = 0 as...', ...REQUEST },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import http from 'node:http';\nconst server = http.createServer(app) as http.Server;\n(server as http.Server).requestTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import http from 'node:http';\nconst server = http.createServer(app) as http.Server;\n`,
            },
          ],
        },
      ],
      ts: true,
    },
    {
      code: `import http from 'node:http';\nlet server: http.Server | undefined;\nserver = http.createServer(app);\nserver?.setTimeout(0);\nserver!.headersTimeout = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server?.setTimeout(0)', ...INACTIVITY },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'setTimeout', ms: 60000 },
              output: `import http from 'node:http';\nlet server: http.Server | undefined;\nserver = http.createServer(app);\nserver?.setTimeout(60000);\nserver!.headersTimeout = 0;`,
            },
          ],
        },
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server!.headersTimeout = 0', ...HEADERS },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `import http from 'node:http';\nlet server: http.Server | undefined;\nserver = http.createServer(app);\nserver?.setTimeout(0);\nserver!.headersTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `import http from 'node:http';\nlet server: http.Server | undefined;\nserver = http.createServer(app);\nserver?.setTimeout(0);\n`,
            },
          ],
        },
      ],
      ts: true,
    },
    {
      code: `import http from 'node:http';\nconst options = { requestTimeout: 0 } satisfies http.ServerOptions;\nhttp.createServer(options, app);`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'requestTimeout: 0', ...REQUEST },
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `import http from 'node:http';\nconst options = { requestTimeout: 60000 } satisfies http.ServerOptions;\nhttp.createServer(options, app);`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `import http from 'node:http';\nconst options = { } satisfies http.ServerOptions;\nhttp.createServer(options, app);`,
            },
          ],
        },
      ],
      ts: true,
    },
    // The team's timeout in the suggestion.
    {
      code: `import http from 'node:http';\nconst server = http.createServer(app);\nserver.keepAliveTimeout = 0;`,
      output: null,
      options: [{ timeoutMs: 65000 }],
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.keepAliveTimeout = 0', ...KEEP_ALIVE },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 65000 },
              output: `import http from 'node:http';\nconst server = http.createServer(app);\nserver.keepAliveTimeout = 65000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `import http from 'node:http';\nconst server = http.createServer(app);\n`,
            },
          ],
        },
      ],
    },
    // assumeServers (strict): server-only properties on a receiver whose origin the file does not show.
    {
      code: `export function tuneServer(server) {\n  server.keepAliveTimeout = 0;\n}`,
      output: null,
      options: [{ assumeServers: true }],
      errors: [
        {
          messageId: 'timeoutDisabledAssumed',
          data: { code: 'server.keepAliveTimeout = 0', ...KEEP_ALIVE },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'keepAliveTimeout', ms: 60000 },
              output: `export function tuneServer(server) {\n  server.keepAliveTimeout = 60000;\n}`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 5000 },
              output: `export function tuneServer(server) {\n}`,
            },
          ],
        },
      ],
    },
    {
      // With types, a receiver that is certainly not a server is left alone.
      code: `export function tune(server: { requestTimeout: number }) {\n  server.requestTimeout = 0;\n}`,
      output: null,
      options: [{ assumeServers: true }],
      errors: [
        {
          messageId: 'timeoutDisabledAssumed',
          data: { code: 'server.requestTimeout = 0', ...REQUEST },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'requestTimeout', ms: 60000 },
              output: `export function tune(server: { requestTimeout: number }) {\n  server.requestTimeout = 60000;\n}`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 300000 },
              output: `export function tune(server: { requestTimeout: number }) {\n}`,
            },
          ],
        },
      ],
      ts: true,
      typedValid: true,
    },
    {
      code: `import type { Server } from 'node:http';\nexport function tune(server: Server) {\n  server.headersTimeout = 0;\n}`,
      output: null,
      options: [{ assumeServers: true }],
      errors: [
        {
          messageId: 'timeoutDisabledAssumed',
          data: { code: 'server.headersTimeout = 0', ...HEADERS },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `import type { Server } from 'node:http';\nexport function tune(server: Server) {\n  server.headersTimeout = 60000;\n}`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `import type { Server } from 'node:http';\nexport function tune(server: Server) {\n}`,
            },
          ],
        },
      ],
      ts: true,
    },
    {
      code: `export class Gateway {\n  constructor(httpServer) {\n    this.httpServer = httpServer;\n  }\n  harden() {\n    this.httpServer.headersTimeout = Infinity;\n  }\n}`,
      output: null,
      options: [{ assumeServers: true }],
      errors: [
        {
          messageId: 'timeoutDisabledAssumed',
          data: { code: 'this.httpServer.headersTimeout = Infinity', ...HEADERS },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `export class Gateway {\n  constructor(httpServer) {\n    this.httpServer = httpServer;\n  }\n  harden() {\n    this.httpServer.headersTimeout = 60000;\n  }\n}`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `export class Gateway {\n  constructor(httpServer) {\n    this.httpServer = httpServer;\n  }\n  harden() {\n  }\n}`,
            },
          ],
        },
      ],
    },
    // A graceful-stop wrapper returns the server it is given.
    {
      code: `import express from 'express';\nimport stoppable from 'stoppable';\nconst app = express();\nconst server = stoppable(app.listen(8080), 10_000);\nserver.headersTimeout = 0;`,
      output: null,
      errors: [
        {
          messageId: 'timeoutDisabled',
          data: { code: 'server.headersTimeout = 0', ...HEADERS },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestFiniteTimeout',
              data: { setting: 'headersTimeout', ms: 60000 },
              output: `import express from 'express';\nimport stoppable from 'stoppable';\nconst app = express();\nconst server = stoppable(app.listen(8080), 10_000);\nserver.headersTimeout = 60000;`,
            },
            {
              messageId: 'suggestDefaultTimeout',
              data: { ms: 60000 },
              output: `import express from 'express';\nimport stoppable from 'stoppable';\nconst app = express();\nconst server = stoppable(app.listen(8080), 10_000);\n`,
            },
          ],
        },
      ],
    },
  ],
});
