import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempTree, type TempTree } from './temp-tree';

// The import boundaries of .dependency-cruiser.js, run through dependency-cruiser's API: the real
// checkout keeps them, and a small fixture checkout breaks each one where it should, and only there.

const ROOT = join(import.meta.dirname, '..');

/** "rule-name from/file.ts" for each violation found in the checkout at `baseDir`. */
async function violations(baseDir: string): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.js'));
  const { output } = await cruise(['.'], { ...options, baseDir });
  const result = output as ICruiseResult;
  return result.summary.violations.map((violation) => `${violation.rule.name} ${violation.from}`).sort();
}

// The fixture checkout: each file imports one module (`type:` marks an `import type`), so each
// violation names the import that caused it.

/** For each rule, the files whose import it must report. */
const BREAKING: Record<string, Record<string, string>> = {
  'shipping-code-not-on-dev-code': {
    'electron/main/uses-preview.ts': '../../dev/tool',
    'electron/app/uses-test-helper.ts': '../../test-support/helper',
  },
  'shipping-code-not-on-dev-dependencies': { 'electron/main/uses-vitest.ts': 'vitest' },
  'renderer-is-a-web-page': {
    'renderer/src/reads-files.ts': 'node:fs',
    'renderer/src/uses-main.ts': '../../electron/main/window',
  },
  'shared-is-pure': {
    'shared/knows-core.ts': '../electron/core/thing',
    'shared/uses-crypto.ts': 'node:crypto',
  },
  'core-is-the-bottom-layer': {
    'electron/core/uses-app.ts': '../app/thing',
    'electron/core/types-of-main.ts': 'type:../main/window',
  },
  'electron-only-in-main-and-preload': { 'electron/core/uses-electron.ts': 'electron' },
  'handoff-is-on-core-only': { 'electron/handoff/uses-main.ts': '../main/window' },
  'app-is-below-main': { 'electron/app/uses-preload.ts': '../preload/bridge' },
  'preload-is-on-shared-and-electron-only': { 'electron/preload/uses-core.ts': '../core/thing' },
  'no-cycles-in-electron': { 'electron/main/cycle-a.ts': './cycle-b' },
  'imports-resolve': { 'electron/main/typo.ts': './no-such-file' },
  'sandbox-stands-alone': { 'sandbox/src/server.ts': '../../electron/core/thing' },
  'dev-is-not-on-test-helpers': { 'dev/tool.ts': '../test-support/helper' },
};

/** Files whose import no rule may report. */
const ALLOWED: Record<string, string> = {
  // A cycle is reported once, from the module the cruise reaches first.
  'electron/main/cycle-b.ts': './cycle-a',
  'electron/core/thing.test.ts': '../../test-support/helper',
  'electron/core/thing.ts': 'node:path',
  'electron/handoff/uses-core.ts': '../core/thing',
  'electron/app/thing.ts': '../handoff/uses-core',
  'electron/main/window.ts': 'electron',
  'electron/preload/bridge.ts': 'electron',
  'renderer/src/view.ts': 'react',
  'renderer/src/uses-contract.ts': '../../shared/contract',
  'shared/contract.ts': 'zod',
  'test-support/helper.ts': '../electron/app/thing',
  'test-support/uses-dev.ts': '../dev/tool',
};

/** The fixture's own package.json and node_modules, so npm imports resolve and have a dependency type. */
function fixturePackages(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name: 'fixture',
      type: 'module',
      dependencies: { react: '1.0.0', zod: '1.0.0' },
      devDependencies: { electron: '1.0.0', vitest: '1.0.0' },
    }),
  };
  for (const name of ['react', 'zod', 'electron', 'vitest']) {
    files[`node_modules/${name}/package.json`] = JSON.stringify({ name, version: '1.0.0', main: 'index.js' });
    files[`node_modules/${name}/index.js`] = 'export {};\n';
  }
  return files;
}

/** Each file of BREAKING and ALLOWED with its one import. */
function fixtureSources(): Record<string, string> {
  const imports = [ALLOWED, ...Object.values(BREAKING)].flatMap((files) => Object.entries(files));
  return Object.fromEntries(imports.map(([file, target]) => [file, fixtureSource(target)]));
}

function fixtureSource(imports: string): string {
  const typeOnly = imports.startsWith('type:');
  const target = typeOnly ? imports.slice('type:'.length) : imports;
  return typeOnly
    ? `import type * as target from '${target}';\nexport type Used = typeof target;\n`
    : `import * as target from '${target}';\nexport const used = target;\n`;
}

describe('the import boundaries', () => {
  let fixture: TempTree;
  beforeAll(async () => {
    fixture = await tempTree('roletray-boundaries-', {
      ...fixturePackages(),
      ...fixtureSources(),
    });
  });
  afterAll(() => fixture.remove());

  it('hold in this checkout', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  it('report each import that crosses one, under its rule, and nothing else', async () => {
    const expected = Object.entries(BREAKING).flatMap(([rule, files]) =>
      Object.keys(files).map((file) => `${rule} ${file}`),
    );
    expect(await violations(fixture.dir)).toEqual(expected.sort());
  });
});
