// SARIF 2.1.0 from ESLint's results, for code scanning (GitHub, Azure DevOps, SonarQube...).
// One run; results for the rules of this plugin; files relative to the lint root (%SRCROOT%), so
// a log made on one machine points at the same files in the repository anywhere else.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

export const SARIF_SCHEMA = 'http://json.schemastore.org/sarif-2.1.0-rtm.5';
export const SRCROOT = '%SRCROOT%';
/** The notification a file that did not parse (and so was not checked) is reported under. */
export const PARSE_ERROR = 'parse-error';

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}
export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}
export interface SarifLocation {
  physicalLocation: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: SarifLocation[];
  suppressions?: { kind: 'inSource'; justification?: string }[];
}
export interface SarifNotification {
  level: 'error';
  message: { text: string };
  descriptor: { id: string; index: number };
  locations: SarifLocation[];
}
export interface SarifReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration?: { level: 'error' | 'warning' | 'none' };
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: string;
          version: string;
          semanticVersion: string;
          informationUri: string;
          rules: SarifReportingDescriptor[];
          notifications?: SarifReportingDescriptor[];
        };
      };
      invocations: { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotification[] }[];
      originalUriBaseIds: Record<string, { uri: string }>;
      artifacts: { location: SarifArtifactLocation }[];
      results: SarifResult[];
      columnKind: 'utf16CodeUnits';
    },
  ];
}

/** A rule that ran: its id (`steady-state/<rule>`), its setting in the config and its meta. */
export interface SarifRule {
  readonly id: string;
  readonly entry: Linter.RuleEntry;
  readonly docs?: { readonly description?: string; readonly url?: string };
}

export interface SarifOptions {
  /** The folder the artifact URIs are relative to. */
  readonly root: string;
  /** The rules that ran, in the order to list them. */
  readonly rules: readonly SarifRule[];
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri: string };
}

/** Characters a URI path segment may hold as they are (RFC 3986 `pchar`, less `:`). */
const SEGMENT_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=@]$/;

function encodeSegment(segment: string): string {
  return Array.from(segment, (character) => (SEGMENT_CHARACTER.test(character) ? character : encodeURIComponent(character))).join('');
}

/** `file:///…/` for a folder. */
export function folderUri(folder: string): string {
  const { href } = pathToFileURL(folder);
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * Where a file is, for SARIF: relative to `root` (forward slashes, percent-encoded, based on
 * %SRCROOT%) when it is inside it, else an absolute `file:` URI.
 */
export function artifactLocation(file: string, root: string): SarifArtifactLocation {
  const path = relative(root, file);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return { uri: pathToFileURL(file).href };
  return { uri: path.split(sep).map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

function severityOf(entry: Linter.RuleEntry): 'error' | 'warning' | 'none' {
  const value = Array.isArray(entry) ? entry[0] : entry;
  if (value === 2 || value === 'error') return 'error';
  if (value === 1 || value === 'warn') return 'warning';
  return 'none';
}

function region(message: Linter.LintMessage): SarifRegion | undefined {
  if (!(message.line > 0)) return undefined;
  return {
    startLine: message.line,
    ...(message.column > 0 ? { startColumn: message.column } : {}),
    ...(message.endLine !== undefined && message.endLine > 0 ? { endLine: message.endLine } : {}),
    ...(message.endColumn !== undefined && message.endColumn > 0 ? { endColumn: message.endColumn } : {}),
  };
}

/**
 * The SARIF log of a run. Findings of the rules that ran are results (suppressed ones with an
 * `inSource` suppression, so code scanning closes them); a file that did not parse is a tool
 * execution notification, since nothing in it was checked.
 */
export function toSarif(results: readonly ESLint.LintResult[], options: SarifOptions): SarifLog {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const artifacts: { location: SarifArtifactLocation }[] = [];
  const sarifResults: SarifResult[] = [];
  const notifications: SarifNotification[] = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, options.root);
    const index = artifacts.push({ location }) - 1;
    const locate = (message: Linter.LintMessage): SarifLocation[] => {
      const where = region(message);
      return [{ physicalLocation: { artifactLocation: { ...location, index }, ...(where ? { region: where } : {}) } }];
    };
    /** The result for a finding of a rule that ran, or null for messages of other rules. */
    const toResult = (message: Linter.LintMessage): SarifResult | null => {
      const rule = message.ruleId === null ? undefined : ruleIndex.get(message.ruleId);
      if (message.ruleId === null || rule === undefined) return null;
      return {
        ruleId: message.ruleId,
        ruleIndex: rule,
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: locate(message),
      };
    };
    for (const message of result.messages) {
      if (message.fatal === true) {
        notifications.push({ level: 'error', message: { text: message.message }, descriptor: { id: PARSE_ERROR, index: 0 }, locations: locate(message) });
        continue;
      }
      const found = toResult(message);
      if (found) sarifResults.push(found);
    }
    for (const message of result.suppressedMessages) {
      const found = toResult(message);
      if (!found) continue;
      sarifResults.push({
        ...found,
        suppressions: message.suppressions.map((suppression) => ({
          kind: 'inSource' as const,
          ...(suppression.justification ? { justification: suppression.justification } : {}),
        })),
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            informationUri: options.tool.informationUri,
            rules: options.rules.map((rule) => ({
              id: rule.id,
              ...(rule.docs?.description ? { shortDescription: { text: rule.docs.description } } : {}),
              ...(rule.docs?.url ? { helpUri: rule.docs.url } : {}),
              defaultConfiguration: { level: severityOf(rule.entry) },
            })),
            ...(notifications.length > 0
              ? { notifications: [{ id: PARSE_ERROR, shortDescription: { text: 'A file did not parse, so none of its code was checked.' } }] }
              : {}),
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(options.root) } },
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
