/**
 * JSON schemas of the option shapes several rules share, and of the larger ones that would crowd a
 * rule file, each with the description the rule gives it (eslint-doc-generator writes the options
 * tables from these descriptions).
 */
import type { JSONSchema } from '@typescript-eslint/utils';

/** `[{ name, from? }]`: functions named by export and module, or by local name (`NamedFunction`). */
export function namedFunctionsSchema(description: string): JSONSchema.JSONSchema4 {
  return {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        name: {
          type: 'string',
          minLength: 1,
          description: 'The export name (`default` for a default export) when `from` is given, else the name the function is called by.',
        },
        from: { type: 'string', minLength: 1, description: 'The module the function is imported from.' },
      },
      required: ['name'],
      additionalProperties: false,
    },
    description,
  };
}

/** A list of distinct, non-empty names (methods, variables, modules). */
export function namesSchema(description: string): JSONSchema.JSONSchema4 {
  return { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description };
}

/** How a rule's remedy is offered when the team has settled its behaviour in options. */
export type FixMode = 'suggest' | 'autofix';

/** `fix: 'suggest' | 'autofix'`: an editor suggestion by default, or an autofix `--fix` applies. */
export function fixModeSchema(description: string): JSONSchema.JSONSchema4 {
  return { type: 'string', enum: ['suggest', 'autofix'], description };
}

/** `[{ name, from, optionsAt?, limits, unlimited?, forever? }]`: retry functions named in options (`RetryLibraryOption`). */
export function retryLibrariesSchema(description: string): JSONSchema.JSONSchema4 {
  return {
    type: 'array',
    description,
    items: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, description: 'The export name, `default` for the module itself or its default export.' },
        from: { type: 'string', minLength: 1, description: 'The module it is imported from.' },
        optionsAt: {
          type: 'array',
          items: { type: 'integer', minimum: 0 },
          minItems: 1,
          uniqueItems: true,
          description: 'The argument positions that may hold its options object, from 0; any argument when not given.',
        },
        limits: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          uniqueItems: true,
          description: 'The options that cap its attempts, as dotted paths (`attempts`, `retry.limit`).',
        },
        unlimited: {
          type: 'array',
          items: { type: 'number' },
          uniqueItems: true,
          description: 'Values of those options it documents as unlimited (`-1`), besides `Infinity` and huge counts.',
        },
        forever: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          description: 'Options that make it retry forever when set to `true`.',
        },
      },
      required: ['name', 'from', 'limits'],
      additionalProperties: false,
    },
  };
}
