// Each rule's options, as users write them: its JSON schema and its defaults, kept in
// test/schemas/<rule>.json. A change to a rule's options changes that file, so it shows in review
// and in the changelog; an unintended change fails here. After an intended one, update the files
// with `npx vitest run test/schemas.test.ts -u`.
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

describe('rule options', () => {
  it.each(Object.entries(plugin.rules))('%s: schema and defaults are as recorded', async (name, rule) => {
    const meta = rule.meta;
    const recorded = { schema: meta?.schema ?? [], defaultOptions: meta?.defaultOptions ?? [] };
    await expect(`${JSON.stringify(recorded, null, 2)}\n`).toMatchFileSnapshot(`schemas/${name}.json`);
  });
});
