import type { Linter } from 'eslint';

export interface CorpusPackage {
  readonly kind: 'js' | 'ts';
  /** `name@version` as pinned. */
  readonly spec: string;
  /** Folder name: the package name with `@` dropped and `/` as `__`. */
  readonly name: string;
  readonly dir: string;
  readonly files: number;
  readonly lines: number;
}

export function corpusDir(): string;
export function ensureCorpus(log?: (line: string) => void): string;
export function corpusPackages(dir: string): CorpusPackage[];
export function moduleTypeConfigs(base: string, corpus: string): Linter.Config[];
