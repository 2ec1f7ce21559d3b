import type { Linter } from 'eslint';

/** The sample size per rule; a rule with fewer service findings has every one judged. */
export const SAMPLE_SIZE: number;
/** The share of true findings a rule needs to be in `recommended`. */
export const PRECISION_GATE: number;
export const VERDICTS: readonly ['true', 'debatable', 'false'];
/** The columns of the precision table in docs/precision.md, in order. */
export const TABLE_COLUMNS: readonly string[];

export interface ServicePackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  readonly files: number;
  readonly lines: number;
}

export function servicesDir(): string;
export function ensureServices(log?: (line: string) => void): string;
export function servicePackages(dir: string): ServicePackage[];
export function serviceModuleTypeConfigs(base: string, corpus: string): Linter.Config[];

export function sampleFindings<F extends { path: string; line: number; column: number; message: string }>(
  findings: readonly F[],
  size: number,
  seed: string,
  rule: string,
): F[];

/** One judged finding under "Verdicts": `- package/path:line — verdict — reason`. */
export interface Verdict {
  /** Line of docs/precision.md. */
  readonly line: number;
  readonly location: string;
  readonly verdict: 'true' | 'debatable' | 'false';
  readonly reason: string;
}

/** One row of the precision table; a count is null where the cell is a placeholder. */
export interface PrecisionRow {
  readonly rule: string;
  readonly line: number;
  readonly config: string;
  readonly library: number | null;
  readonly service: number | null;
  readonly sampled: number | null;
  readonly true: number | null;
  readonly debatable: number | null;
  readonly false: number | null;
  readonly precision: string;
}

export interface PrecisionDoc {
  readonly rows: Map<string, PrecisionRow>;
  readonly verdicts: Map<string, Verdict[]>;
  readonly date: string | null;
  readonly version: string | null;
  /** Problems with the document's shape. */
  readonly errors: string[];
}

export function parsePrecision(text: string): PrecisionDoc;
export function checkPrecision(doc: PrecisionDoc, plugin: { rules: readonly string[]; recommended: readonly string[] }): string[];
