import rule, { type MessageIds, type Options } from '../../rules/no-unbounded-pool.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;
type Error = Case['errors'][number];
type Suggestion = NonNullable<Error['suggestions']>[number];

const STRICT: Options = [{ checkUnlimitedDefaults: true }];

/** `code` with `from` (which must occur) replaced by `to`, once. */
function edit(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`"${from}" not in ${code}`);
  return code.replace(from, to);
}

function suggestLimit(output: string, setting = 'maxSockets: 50', limit = 50): Suggestion {
  return { messageId: 'suggestLimit', data: { setting, limit }, output };
}

/** Where `callee` is in `new callee`: the first construction, not a later mention of the same name. */
function calleeAt(code: string, callee: string): ReturnType<typeof at> {
  const start = at(code, `new ${callee}`);
  return { ...start, column: start.column + 'new '.length };
}

/** A keep-alive agent with no `maxSockets`, reported at `callee`, whose suggestion turns `from` into `to`. */
function noLimit(code: string, callee: string, from: string, to: string, extra: Partial<Case> = {}): Case {
  return {
    code,
    output: null,
    errors: [
      { messageId: 'noLimit', data: { call: callee, option: 'maxSockets' }, ...calleeAt(code, callee), suggestions: [suggestLimit(edit(code, from, to))] },
    ],
    ...extra,
  };
}

/** An undici dispatcher with no `connections`, reported only with `checkUnlimitedDefaults`. */
function noLimitByDefault(code: string, callee: string, from: string, to: string): Case {
  return {
    code,
    output: null,
    options: STRICT,
    errors: [
      {
        messageId: 'noLimitByDefault',
        data: { call: callee, option: 'connections' },
        ...calleeAt(code, callee),
        suggestions: [suggestLimit(edit(code, from, to), 'connections: 50')],
      },
    ],
  };
}

/** A limit set to a value meaning "no limit": reported at `property` (`option: value`), the suggestion sets it to 50. */
function unlimited(code: string, property: string, option: string, value: string, call: string, extra: Partial<Case> = {}): Case {
  return {
    code,
    output: null,
    errors: [
      {
        messageId: 'unlimited',
        data: { option, value, call },
        ...at(code, property, 'last'),
        suggestions: [suggestLimit(edit(code, property, `${option}: 50`), `${option}: 50`)],
      },
    ],
    ...extra,
  };
}

/** A connection string with `maxPoolSize=0`, reported at `argument`; the suggestion edits `from` into `to`. */
function unlimitedInUri(code: string, argument: string, call: string, from: string, to: string, parameter = 'maxPoolSize=0'): Case {
  return {
    code,
    output: null,
    errors: [
      {
        messageId: 'unlimitedInUri',
        data: { parameter, call },
        ...at(code, argument, 'last'),
        suggestions: [suggestLimit(edit(code, from, to), 'maxPoolSize=50')],
      },
    ],
  };
}

const SHARED_OPTIONS = `import http from 'node:http';
import https from 'node:https';
const agentOptions = { keepAlive: true };
export const httpAgent = new http.Agent(agentOptions);
export const httpsAgent = new https.Agent(agentOptions);`;

new SteadyStateRuleTester().run('no-unbounded-pool', rule, {
  valid: [
    `import * as https from 'node:https';\nconst MAX_SOCKETS = 64;\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });`,
    `"use strict";\nconst http_1 = __importDefault(require("http"));\nexports.agent = new http_1.default.Agent({ keepAlive: true, maxSockets: 50 });`,
    // Finite limits, literal or from the configuration.
    `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });`,
    `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: config.upstream.maxSockets });`,
    `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: Number(process.env.MAX_SOCKETS ?? 64) });`,
    `import http from 'node:http';\nconst MAX_SOCKETS = 128;\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });`,
    // A finite total caps the agent even when the per-host limit is off.
    `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxTotalSockets: 256 });`,
    `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, maxTotalSockets: 100 });`,
    // No keep-alive: sockets are closed after each request.
    `import http from 'node:http';\nexport const agent = new http.Agent();`,
    `import http from 'node:http';\nexport const agent = new http.Agent({ timeout: 5000 });`,
    `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });`,
    `import Agent from 'agentkeepalive';\nexport const agent = new Agent({ keepAlive: false });`,
    // Keep-alive decided by the configuration.
    `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: settings.keepAlive });`,
    // The limit is set on the agent after it is made.
    `import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nagent.maxSockets = 64;\nexport default agent;`,
    // Options the file cannot see.
    `import https from 'node:https';\nexport const makeAgent = (agentOptions) => new https.Agent(agentOptions);`,
    `import https from 'node:https';\nexport const agent = new https.Agent({ ...defaults, keepAlive: true });`,
    // A spread may cap the total even when the per-host limit is off.
    `import https from 'node:https';\nexport const makeAgent = (tls) => new https.Agent({ ...tls, keepAlive: true, maxSockets: Infinity });`,
    `import https from 'node:https';\nexport const agent = new https.Agent(buildAgentOptions(config));`,
    `import https from 'node:https';\nexport const agent = new https.Agent(...agentArgs);`,
    `import http from 'node:http';\nconst agentOptions = { keepAlive: true };\nagentOptions.maxSockets = 32;\nexport const agent = new http.Agent(agentOptions);`,
    `import http from 'node:http';\nconst agentOptions = { keepAlive: true };\ntune(agentOptions);\nexport const agent = new http.Agent(agentOptions);`,
    `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, [limitKey]: 10 });`,
    // Not Node's agents.
    `class Agent {\n  constructor(options) { this.options = options; }\n}\nexport const agent = new Agent({ keepAlive: true });`,
    `import { Agent } from './agent.js';\nexport const agent = new Agent({ keepAlive: true, maxSockets: Infinity });`,
    `const http = require('./http-client');\nmodule.exports = new http.Agent({ keepAlive: true });`,
    `export function createAgent(https) {\n  return new https.Agent({ keepAlive: true });\n}`,
    `import { Agent } from 'node:http';\nfunction make(Agent) {\n  return new Agent({ keepAlive: true });\n}\nexport default make;`,
    // agentkeepalive with a limit.
    `const Agent = require('agentkeepalive');\nmodule.exports = new Agent({ maxSockets: 100, maxFreeSockets: 10, freeSocketTimeout: 30000 });`,
    // undici: a finite number of connections, or its default without the strict option.
    `import { Agent, setGlobalDispatcher } from 'undici';\nsetGlobalDispatcher(new Agent({ connections: 64, headersTimeout: 10_000 }));`,
    `import { Agent } from 'undici';\nexport const fetchAgent = new Agent({ connect: { timeout: 5000 } });`,
    `import { Pool } from 'undici';\nexport const orders = new Pool(process.env.ORDERS_URL);`,
    `import { Agent } from 'undici';\nexport const dispatcher = new Agent({ connections: undefined });`,
    { code: `import { Pool } from 'undici';\nexport const orders = new Pool(process.env.ORDERS_URL, { connections: 10 });`, options: STRICT },
    { code: `import { Agent } from 'undici';\nexport const dispatcher = new Agent({ connections: config.connections });`, options: STRICT },
    {
      code: `import { Agent, Pool } from 'undici';\nexport const agent = new Agent({\n  factory: (origin, opts) => new Pool(origin, { ...opts, connections: 10 }),\n});`,
      options: STRICT,
    },
    { code: `import { Client } from 'undici';\nexport const client = new Client('http://orders:8080');`, options: STRICT },
    // Database pools with a finite size, the library's finite default, or the configuration's.
    `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 10 });`,
    `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db', user: 'app' });`,
    `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool(process.env.DATABASE_URL);`,
    `const mysql = require('mysql');\nmodule.exports = mysql.createPool({ connectionLimit: Number(process.env.DB_POOL_SIZE) || 10 });`,
    `import { createPool } from './db.js';\nexport const pool = createPool({ connectionLimit: 0 });`,
    `function createPool(options) {\n  return { options };\n}\nexport const pool = createPool({ connectionLimit: 0 });`,
    `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL, { maxPoolSize: 100 });`,
    `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db:27017/app?maxPoolSize=20&minPoolSize=0');`,
    `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db:27017/app?maxPoolSize=0', { maxPoolSize: 10 });`,
    `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db:27017/app?maxPoolSize=0', clientOptions);`,
    "import { MongoClient } from 'mongodb';\nexport const connect = (size) => MongoClient.connect(`mongodb://db/app?maxPoolSize=${size}`);",
    "import { MongoClient } from 'mongodb';\nexport const connect = (n) => MongoClient.connect(`mongodb://db/app?maxPoolSize=0${n}`);",
    `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL, { minPoolSize: 0 });`,
    `import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URL, { maxPoolSize: 10 });`,
    `import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } });`,
    `import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\nexport const rows = () => db('orders').select('id');`,
    `import knex from 'knex';\nexport const createDb = (db) => knex({ client: 'pg', pool: db.pool });`,
    `import knex from 'knex';\nexport const createDb = (config) => knex(config);`,
    `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });`,
    `import { Pool } from 'pg';\nexport const pool = new Pool();`,
    `import { Pool } from 'pg';\nexport const pool = new Pool({ max: Number(process.env.PG_POOL_MAX) || 10 });`,
    `import { Client } from 'pg';\nexport const client = new Client({ connectionString: process.env.DATABASE_URL });`,
    // TypeScript-only syntax.
    { code: `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: 100 } as https.AgentOptions);`, ts: true },
    { code: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL!, max: 20 satisfies number });`, ts: true },
    { code: `import http from 'node:http';\nexport const make = (options?: http.AgentOptions) => new http.Agent(options!);`, ts: true },
    // Nothing to look at.
    ``,
    `import http from 'node:http';\nexport const agent = new http.Agent;`,
  ],
  invalid: [
    // Node's own agents: keep-alive and no `maxSockets`, however they are imported.
    noLimit(
      `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true });`,
      'http.Agent',
      '{ keepAlive: true }',
      '{ keepAlive: true, maxSockets: 50 }',
    ),
    noLimit(
      `import https from 'https';

const DEFAULT_OPTIONS = {
  apiRoot: 'https://api.telegram.org',
  agent: new https.Agent({
    keepAlive: true,
    keepAliveMsecs: 10000,
  }),
};
export default DEFAULT_OPTIONS;`,
      'https.Agent',
      '    keepAliveMsecs: 10000,\n',
      '    keepAliveMsecs: 10000,\n    maxSockets: 50,\n',
    ),
    noLimit(
      `import { Agent } from 'node:https';\nexport const billingAgent = new Agent({ keepAlive: true, timeout: 60_000 });`,
      'Agent',
      'timeout: 60_000 }',
      'timeout: 60_000, maxSockets: 50 }',
    ),
    noLimit(
      `import { Agent as HttpsAgent } from 'https';\nimport axios from 'axios';\nexport const api = axios.create({ baseURL: process.env.API_URL, timeout: 5000, httpsAgent: new HttpsAgent({ keepAlive: true }) });`,
      'HttpsAgent',
      '{ keepAlive: true }',
      '{ keepAlive: true, maxSockets: 50 }',
    ),
    noLimit(
      `import * as http from 'http';\nconst KEEP_ALIVE = true;\nexport const agent = new http.Agent({ keepAlive: KEEP_ALIVE, keepAliveMsecs: 1000 });`,
      'http.Agent',
      'keepAliveMsecs: 1000 }',
      'keepAliveMsecs: 1000, maxSockets: 50 }',
    ),
    noLimit(
      `const http = require('http');\nmodule.exports = new http.Agent({ keepAlive: true });`,
      'http.Agent',
      '{ keepAlive: true }',
      '{ keepAlive: true, maxSockets: 50 }',
    ),
    noLimit(
      `const { Agent } = require('node:http');\nconst agent = new Agent({ keepAlive: true, maxFreeSockets: 10 });\nmodule.exports = { agent };`,
      'Agent',
      'maxFreeSockets: 10 }',
      'maxFreeSockets: 10, maxSockets: 50 }',
    ),
    // Every interop form of the module is the module: a namespace import, tsc's __importDefault, a const that is Infinity.
    unlimited(
      `import * as https from 'node:https';\nconst UNLIMITED = Number.POSITIVE_INFINITY;\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: UNLIMITED });`,
      'maxSockets: UNLIMITED',
      'maxSockets',
      'UNLIMITED',
      'https.Agent',
    ),
    noLimit(
      `"use strict";\nconst http_1 = __importDefault(require("http"));\nexports.agent = new http_1.default.Agent({ keepAlive: true });`,
      'http_1.default.Agent',
      '{ keepAlive: true }',
      '{ keepAlive: true, maxSockets: 50 }',
    ),
    // Options in a const given only to the agent are read like inline ones.
    noLimit(
      `import https from 'node:https';\nconst agentOptions = { keepAlive: true };\nexport const agent = new https.Agent(agentOptions);`,
      'https.Agent',
      '{ keepAlive: true }',
      '{ keepAlive: true, maxSockets: 50 }',
    ),
    // `maxSockets: undefined` is no limit at all.
    noLimit(
      `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: undefined });`,
      'http.Agent',
      'maxSockets: undefined',
      'maxSockets: 50',
    ),
    // A limit given by the options sets the suggested value.
    noLimit(
      `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true });`,
      'http.Agent',
      '{ keepAlive: true }',
      '{ keepAlive: true, maxSockets: 16 }',
      {
        options: [{ maxConnections: 16 }],
        errors: [
          {
            messageId: 'noLimit',
            data: { call: 'http.Agent', option: 'maxSockets' },
            ...at(`import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true });`, 'http.Agent'),
            suggestions: [
              suggestLimit(`import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });`, 'maxSockets: 16', 16),
            ],
          },
        ],
      },
    ),
    // One options object shared by two agents: both are reported, one edit fixes both.
    {
      code: SHARED_OPTIONS,
      output: null,
      errors: [
        {
          messageId: 'noLimit',
          data: { call: 'http.Agent', option: 'maxSockets' },
          ...at(SHARED_OPTIONS, 'http.Agent'),
          suggestions: [suggestLimit(edit(SHARED_OPTIONS, '{ keepAlive: true }', '{ keepAlive: true, maxSockets: 50 }'))],
        },
        {
          messageId: 'noLimit',
          data: { call: 'https.Agent', option: 'maxSockets' },
          ...at(SHARED_OPTIONS, 'https.Agent'),
          suggestions: [suggestLimit(edit(SHARED_OPTIONS, '{ keepAlive: true }', '{ keepAlive: true, maxSockets: 50 }'))],
        },
      ],
    },
    // TypeScript wrappers around the options.
    {
      ...noLimit(
        `import http, { type AgentOptions } from 'node:http';\nconst options: AgentOptions = { keepAlive: true };\nexport const agent = new http.Agent(options as AgentOptions);`,
        'http.Agent',
        '{ keepAlive: true }',
        '{ keepAlive: true, maxSockets: 50 }',
      ),
      output: null,
      ts: true,
    },
    {
      ...noLimit(
        `import https, { type AgentOptions } from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true } satisfies AgentOptions);`,
        'https.Agent',
        '{ keepAlive: true }',
        '{ keepAlive: true, maxSockets: 50 }',
      ),
      output: null,
      ts: true,
    },

    // agentkeepalive keeps sockets alive unless told otherwise.
    noLimit(
      `const Agent = require('agentkeepalive');\nconst keepaliveAgent = new Agent({ maxFreeSockets: 10, timeout: 60000, freeSocketTimeout: 30000 });\nmodule.exports = keepaliveAgent;`,
      'Agent',
      'freeSocketTimeout: 30000 }',
      'freeSocketTimeout: 30000, maxSockets: 50 }',
    ),
    noLimit(`import Agent from 'agentkeepalive';\nexport const agent = new Agent();`, 'Agent', 'new Agent()', 'new Agent({ maxSockets: 50 })'),
    noLimit(
      `const { HttpsAgent } = require('agentkeepalive');\nmodule.exports = new HttpsAgent({ keepAlive: true, freeSocketTimeout: 4000 });`,
      'HttpsAgent',
      'freeSocketTimeout: 4000 }',
      'freeSocketTimeout: 4000, maxSockets: 50 }',
    ),
    noLimit(
      `import Agent from 'agentkeepalive';\nexport const httpsAgent = new Agent.HttpsAgent({ timeout: 30000 });`,
      'Agent.HttpsAgent',
      'timeout: 30000 }',
      'timeout: 30000, maxSockets: 50 }',
    ),

    // A limit set to a value that means none.
    unlimited(
      `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });`,
      'maxSockets: Infinity',
      'maxSockets',
      'Infinity',
      'http.Agent',
    ),
    unlimited(
      `import http from 'node:http';\nexport const agent = new http.Agent({ maxSockets: Infinity });`,
      'maxSockets: Infinity',
      'maxSockets',
      'Infinity',
      'http.Agent',
    ),
    unlimited(
      `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: 0 });`,
      'maxSockets: 0',
      'maxSockets',
      '0',
      'https.Agent',
    ),
    unlimited(
      `const https = require('https');\nmodule.exports = new https.Agent({ keepAlive: true, maxTotalSockets: Number.POSITIVE_INFINITY });`,
      'maxTotalSockets: Number.POSITIVE_INFINITY',
      'maxTotalSockets',
      'Number.POSITIVE_INFINITY',
      'https.Agent',
    ),
    unlimited(
      `import http from 'node:http';\nconst MAX_SOCKETS = Infinity;\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });`,
      'maxSockets: MAX_SOCKETS',
      'maxSockets',
      'MAX_SOCKETS',
      'http.Agent',
    ),
    unlimited(
      `import http from 'node:http';\nconst maxSockets = 1 / 0;\nexport const agent = new http.Agent({ keepAlive: true, maxSockets });`,
      'maxSockets }',
      'maxSockets',
      'maxSockets',
      'http.Agent',
      {
        errors: [
          {
            messageId: 'unlimited',
            data: { option: 'maxSockets', value: 'maxSockets', call: 'http.Agent' },
            ...at(
              `import http from 'node:http';\nconst maxSockets = 1 / 0;\nexport const agent = new http.Agent({ keepAlive: true, maxSockets });`,
              'maxSockets',
              'last',
            ),
            suggestions: [
              suggestLimit(
                `import http from 'node:http';\nconst maxSockets = 1 / 0;\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });`,
              ),
            ],
          },
        ],
      },
    ),
    // An override after a spread is still what the agent gets.
    unlimited(
      `import https from 'node:https';\nexport const makeAgent = (tls) => new https.Agent({ ...tls, keepAlive: true, maxSockets: Infinity, maxTotalSockets: Infinity });`,
      'maxSockets: Infinity',
      'maxSockets',
      'Infinity',
      'https.Agent',
    ),
    unlimited(
      `import Agent from 'agentkeepalive';\nexport const agent = new Agent({ maxSockets: Infinity, maxFreeSockets: 256 });`,
      'maxSockets: Infinity',
      'maxSockets',
      'Infinity',
      'Agent',
    ),

    // undici: `connections: null` / `0` / `Infinity` is no limit.
    unlimited(
      `import { Agent, setGlobalDispatcher } from 'undici';\nsetGlobalDispatcher(new Agent({ connections: null, keepAliveTimeout: 10_000 }));`,
      'connections: null',
      'connections',
      'null',
      'Agent',
    ),
    unlimited(`const { Agent } = require('undici');\nmodule.exports = new Agent({ connections: 0 });`, 'connections: 0', 'connections', '0', 'Agent'),
    unlimited(
      `import { Pool } from 'undici';\nexport const orders = new Pool('http://orders:8080', { connections: Infinity, pipelining: 1 });`,
      'connections: Infinity',
      'connections',
      'Infinity',
      'Pool',
    ),
    unlimited(
      `import * as undici from 'undici';\nexport const upstream = new undici.BalancedPool(['http://a:80', 'http://b:80'], { connections: null });`,
      'connections: null',
      'connections',
      'null',
      'undici.BalancedPool',
    ),
    // undici's default, only when asked for.
    noLimitByDefault(
      `import { Agent, setGlobalDispatcher } from 'undici';\nsetGlobalDispatcher(new Agent());`,
      'Agent',
      'new Agent()',
      'new Agent({ connections: 50 })',
    ),
    noLimitByDefault(
      `import { Agent } from 'undici';\nexport const dispatcher = new Agent({ keepAliveTimeout: 10_000, headersTimeout: 30_000 });`,
      'Agent',
      'headersTimeout: 30_000 }',
      'headersTimeout: 30_000, connections: 50 }',
    ),
    noLimitByDefault(
      `import { Pool } from 'undici';\nexport const orders = new Pool(process.env.ORDERS_URL);`,
      'Pool',
      'new Pool(process.env.ORDERS_URL)',
      'new Pool(process.env.ORDERS_URL, { connections: 50 })',
    ),

    // Database pools.
    unlimited(
      `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'orders', connectionLimit: 0 });`,
      'connectionLimit: 0',
      'connectionLimit',
      '0',
      'mysql.createPool',
    ),
    unlimited(
      `const mysql = require('mysql');\nconst pool = mysql.createPool({\n  host: 'db',\n  connectionLimit: 0,\n});\nmodule.exports = pool;`,
      'connectionLimit: 0',
      'connectionLimit',
      '0',
      'mysql.createPool',
    ),
    unlimited(
      `import { createPool } from 'mysql2';\nexport const pool = createPool({ uri: process.env.DATABASE_URL, connectionLimit: Infinity });`,
      'connectionLimit: Infinity',
      'connectionLimit',
      'Infinity',
      'createPool',
    ),
    unlimited(
      `const mysql = require('mysql2');\nmodule.exports = mysql.createPool({ host: 'db', connectionLimit: null });`,
      'connectionLimit: null',
      'connectionLimit',
      'null',
      'mysql.createPool',
    ),
    unlimited(
      `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017', { maxPoolSize: 0 });`,
      'maxPoolSize: 0',
      'maxPoolSize',
      '0',
      'MongoClient',
    ),
    unlimited(
      `const { MongoClient } = require('mongodb');\nmodule.exports = () => MongoClient.connect(process.env.MONGO_URL, { maxPoolSize: 0, appName: 'orders' });`,
      'maxPoolSize: 0',
      'maxPoolSize',
      '0',
      'MongoClient.connect',
    ),
    unlimited(
      `import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URL, { maxPoolSize: 0 });`,
      'maxPoolSize: 0',
      'maxPoolSize',
      '0',
      'mongoose.connect',
    ),
    unlimitedInUri(
      `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://db:27017/app?retryWrites=true&maxPoolSize=0');`,
      `'mongodb://db:27017/app?retryWrites=true&maxPoolSize=0'`,
      'MongoClient',
      'maxPoolSize=0',
      'maxPoolSize=50',
    ),
    unlimitedInUri(
      "import { MongoClient } from 'mongodb';\nexport const connect = (host) => MongoClient.connect(`mongodb://${host}:27017/app?maxPoolSize=0&w=majority`);",
      '`mongodb://${host}:27017/app?maxPoolSize=0&w=majority`',
      'MongoClient.connect',
      'maxPoolSize=0',
      'maxPoolSize=50',
    ),
    unlimitedInUri(
      `import mongoose from 'mongoose';\nconst MONGO_URL = 'mongodb://localhost/app?maxpoolsize=0';\nexport const db = mongoose.createConnection(MONGO_URL, { serverSelectionTimeoutMS: 5000 });`,
      'MONGO_URL',
      'mongoose.createConnection',
      'maxpoolsize=0',
      'maxPoolSize=50',
      'maxpoolsize=0',
    ),
    unlimited(
      `import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 2, max: Infinity } });`,
      'max: Infinity',
      'max',
      'Infinity',
      'knex',
    ),
    unlimited(
      `const db = require('knex')({\n  client: 'mysql2',\n  pool: { max: Number.POSITIVE_INFINITY },\n});\nmodule.exports = db;`,
      'max: Number.POSITIVE_INFINITY',
      'max',
      'Number.POSITIVE_INFINITY',
      "require('knex')",
    ),
    unlimited(
      `import knexpkg from 'knex';\nconst { knex } = knexpkg;\nconst pool = { min: 0, max: Infinity };\nexport const db = knex({ client: 'pg', pool });`,
      'max: Infinity',
      'max',
      'Infinity',
      'knex',
    ),
    unlimited(
      `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Infinity });`,
      'max: Infinity',
      'max',
      'Infinity',
      'Pool',
    ),
    unlimited(
      `const pg = require('pg');\nconst pool = new pg.Pool({ max: Infinity, idleTimeoutMillis: 30000 });\nmodule.exports = pool;`,
      'max: Infinity',
      'max',
      'Infinity',
      'pg.Pool',
    ),
    unlimited(`import Pool from 'pg-pool';\nexport const pool = new Pool({ max: Infinity });`, 'max: Infinity', 'max', 'Infinity', 'Pool'),
    {
      ...unlimited(
        `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL!, max: Infinity as number });`,
        'max: Infinity as number',
        'max',
        'Infinity as number',
        'Pool',
      ),
      output: null,
      ts: true,
    },
  ],
});
