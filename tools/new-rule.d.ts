/** The anchor lines the scaffold inserts stubs next to, by file. */
export declare const ANCHORS: {
  readonly fuzz: string;
  readonly pathological: string;
  readonly failureModes: string;
  readonly changelog: string;
  readonly precisionTable: string;
  readonly precisionVerdicts: string;
};

/** The placeholder call every stub uses until the rule's real shape replaces it. */
export declare const PLACEHOLDER: string;

export interface ScaffoldInput {
  readonly root: string;
  readonly name: string;
  readonly failureMode: string;
  readonly description: string;
  readonly failureLabel?: string;
  readonly failureSymptom?: string;
}

/** Writes a new rule's files and stubs under `root`; returns the paths written, relative to it. */
export declare function scaffoldRule(input: ScaffoldInput): string[];
