// eslint-doc-generator keeps each rule doc's header and options table, and the README rules table.
import { basename, dirname } from 'node:path';

import { failureModeIds, failureModes } from './dist/src/failure-modes.js';
import plugin from './dist/src/index.js';

/**
 * Rules whose fix `--fix` applies only with the options in their `meta.docs.fixOptions`; the
 * shipped configs leave those at their defaults and offer the change as an editor suggestion. The
 * README's 🔧 column and the doc's header say so instead of claiming an autofix.
 */
export const fixOnlyWithOption = Object.fromEntries(
  Object.entries(plugin.rules).flatMap(([name, rule]) => {
    const options = rule.meta?.docs?.fixOptions;
    if (!options) return [];
    const text = Object.entries(options)
      .map(([key, value]) => `\`${key}: ${typeof value === 'string' ? `'${value}'` : JSON.stringify(value)}\``)
      .join(' and ');
    return [[name, text]];
  }),
);

const FOOTNOTES = ['¹', '²', '³', '⁴', '⁵'];

// ---------------------------------------------------------------------------------------------
// Options tables. eslint-doc-generator lists the properties of nested objects (the `name` and
// `from` of each `timeoutWrappers` entry) as if they were top-level options, once per parent. The
// table lists top-level options only; nested fields get a table of their own under their parent.

/** `Object[]`, `String`, `Boolean`, as eslint-doc-generator writes types. */
function typeName(schema) {
  const name = (type) => (Array.isArray(type) ? type.map(name).join(', ') : `${type[0].toUpperCase()}${type.slice(1).toLowerCase()}`);
  if (schema.type === 'array' && schema.items && !Array.isArray(schema.items) && schema.items.type) return `${name(schema.items.type)}[]`;
  return schema.type ? name(schema.type) : '';
}

const code = (value) => `\`${String(value)}\``;
const cell = (text) =>
  String(text)
    .replaceAll('|', String.raw`\|`)
    .replaceAll(/\r?\n/gu, '<br/>');

/** A Markdown table aligned left, with columns that are empty in every row left out. */
function table(header, rows) {
  const keep = header.map((_, column) => column === 0 || rows.some((row) => row[column]));
  const all = [header, ...rows].map((row) => row.filter((_, column) => keep[column]).map(cell));
  const widths = all[0].map((_, column) => Math.max(3, ...all.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((text, column) => text.padEnd(widths[column])).join(' | ')} |`;
  const rule = `| ${widths.map((width) => `:${'-'.repeat(width - 1)}`).join(' | ')} |`;
  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}

/** The fields of an option's value, when it is an object or an array of objects. */
function nestedObject(schema) {
  if (schema.type === 'object' && schema.properties) return { schema, each: false };
  if (schema.type === 'array' && schema.items && !Array.isArray(schema.items) && schema.items.properties) return { schema: schema.items, each: true };
  return null;
}

/** The tables of an options object: its own properties, then the fields of each nested object under its parent's name. */
function optionTables(object, defaults, path) {
  const properties = Object.entries(object.properties ?? {});
  const required = new Set(object.required ?? []);
  const sorted = path.length === 0 ? properties.toSorted(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase())) : properties;
  const rows = sorted.map(([name, schema]) => {
    const value = defaults?.[name] ?? schema.default;
    return [
      code(name),
      schema.description ?? '',
      typeName(schema),
      schema.enum ? schema.enum.map(code).join(', ') : '',
      value === undefined ? '' : Array.isArray(value) ? (value.length === 0 ? '`[]`' : `[${value.map(code).join(', ')}]`) : code(value),
      required.has(name) || schema.required === true ? 'Yes' : '',
      schema.deprecated ? 'Yes' : '',
    ];
  });
  const parts = [table(['Name', 'Description', 'Type', 'Choices', 'Default', 'Required', 'Deprecated'], rows)];

  // Options that share one nested schema (`timeoutWrappers` and `fetchFunctions`) share one table.
  const groups = new Map();
  for (const [name, schema] of sorted) {
    const nested = nestedObject(schema);
    if (!nested) continue;
    const key = JSON.stringify(nested);
    const group = groups.get(key) ?? { nested, names: [] };
    group.names.push([...path, name].join('.'));
    groups.set(key, group);
  }
  for (const { nested, names } of groups.values()) {
    const listed = names.map(code).join(' and ');
    parts.push(`${nested.each ? `Each entry of ${listed}` : `The fields of ${listed}`}:`);
    parts.push(...optionTables(nested.schema, undefined, [names[0]]));
  }
  return parts;
}

function optionsList(rule) {
  const schema = rule.meta.schema;
  const objects = Array.isArray(schema) ? schema : [schema];
  return objects.flatMap((object, index) => (object?.properties ? optionTables(object, rule.meta.defaultOptions?.[index], []) : [])).join('\n\n');
}

const OPTIONS_BEGIN = '<!-- begin auto-generated rule options list -->';
const OPTIONS_END = '<!-- end auto-generated rule options list -->';

function replaceOptionsList(content, rule) {
  const start = content.indexOf(OPTIONS_BEGIN);
  const end = content.indexOf(OPTIONS_END);
  if (start === -1 || end === -1) return content;
  return `${content.slice(0, start + OPTIONS_BEGIN.length)}\n\n${optionsList(rule)}\n\n${content.slice(end)}`;
}

// ---------------------------------------------------------------------------------------------
// 🔧 only where `--fix` with the shipped configs applies a fix.

/** The doc header's notice: suggestions by default, `--fix` only with the option. */
function replaceFixNotice(content, name) {
  return content.replace(
    /^🔧(💡)? This rule is automatically fixable by the \[`--fix` CLI option\]\(([^)]+)\)(?: and manually fixable by \[editor suggestions\]\(([^)]+)\))?\.$/mu,
    (_, suggestions, fixUrl, suggestionsUrl) =>
      `${suggestions ? `💡 This rule is manually fixable by [editor suggestions](${suggestionsUrl}). ` : ''}🔧 With its ${fixOnlyWithOption[name]} option, it is also automatically fixable by the [\`--fix\` CLI option](${fixUrl}).`,
  );
}

/** The README's rules table: a footnote instead of 🔧 in the rows of those rules, explained under the legend. */
function replaceFixColumn(content) {
  const names = Object.keys(fixOnlyWithOption);
  let fixColumn = -1;
  const lines = content.split('\n').map((line) => {
    if (!line.startsWith('| ')) return line;
    const cells = line.split(' | ');
    const header = cells.findIndex((text) => text.trim() === '🔧');
    if (header !== -1) fixColumn = header;
    const index = names.findIndex((name) => line.startsWith(`| [${name}](`));
    if (index === -1 || fixColumn === -1 || cells[fixColumn]?.trim() !== '🔧') return line;
    cells[fixColumn] = cells[fixColumn].replace('🔧', FOOTNOTES[index].padEnd(2));
    return cells.join(' | ');
  });
  const legend = lines.findIndex((line) => line.startsWith('🔧 Automatically fixable by'));
  if (legend !== -1) {
    lines.splice(
      legend + 1,
      0,
      ...names.map(
        (name, index) =>
          `${FOOTNOTES[index]} \`${name}\`: 🔧 only with its ${fixOnlyWithOption[name]} option; the shipped configs offer the fix as an editor suggestion (💡).\\`,
      ),
    );
  }
  return lines.join('\n');
}

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all'],
  ruleDocSectionInclude: ['Failure mode', 'Examples', 'Type-aware behaviour', 'When not to use it'],
  ruleDocTitleFormat: 'name',
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions'],
  ruleListSplit: (rules) =>
    failureModeIds
      .map((mode) => ({
        title: `${failureModes[mode].label[0].toUpperCase()}${failureModes[mode].label.slice(1)}: ${failureModes[mode].symptom}`,
        rules: rules.filter(([, rule]) => rule.meta?.docs?.failureMode === mode),
      }))
      .filter((group) => group.rules.length > 0),
  postprocess(content, path) {
    if (basename(dirname(path)) === 'rules' && path.endsWith('.md')) {
      const name = basename(path, '.md');
      const rule = plugin.rules[name];
      if (!rule) return content;
      const withOptions = replaceOptionsList(content, rule);
      return name in fixOnlyWithOption ? replaceFixNotice(withOptions, name) : withOptions;
    }
    return basename(path) === 'README.md' ? replaceFixColumn(content) : content;
  },
};

export default config;
