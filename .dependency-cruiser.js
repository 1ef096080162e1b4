// Import boundaries, checked by `npm run lint:boundaries` (dependency-cruiser) over the whole
// checkout. test-support/import-boundaries.test.ts shows each rule catching what it is meant to.
//
// "Shipping code" is every non-test file under electron/, renderer/ and shared/: what the packaged
// app runs. Tests (*.test.ts, *.spec.ts) may reach across layers, since they wire real parts together.
// Type-only imports count too (tsPreCompilationDeps): a layer that needs another's types is coupled to it.

const TEST_FILE = '\\.(test|spec)\\.tsx?$';
/** `electron` resolved (node_modules/electron/…) or, where it is not installed, as written. */
const ELECTRON_PACKAGE = '^(node_modules/electron/.+|electron)$';
/** renderer/src/env.d.ts's `/// <reference types="vite/client" />`: ambient types for tsc, no code. */
const VITE_CLIENT_TYPES = '^node_modules/vite/client\\.d\\.ts$';

/** The non-test files under `path`. */
const shipping = (path) => ({ path, pathNot: TEST_FILE });

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment:
        'shared/ is loaded by main, the preload and the renderer alike: it may hold types, the IPC contract ' +
        'and zod schemas, nothing that needs Node, Electron, the AWS SDK or either side of the app.',
      severity: 'error',
      from: shipping('^shared/'),
      to: { pathNot: ['^shared/', '^node_modules/zod/'] },
    },
    {
      name: 'renderer-is-a-web-page',
      comment:
        'The renderer runs sandboxed in a browser page and reaches main only through window.roletray: ' +
        'it may import itself, shared/ and its UI packages, never main-process code, Node, Electron or the AWS SDK.',
      severity: 'error',
      from: shipping('^renderer/'),
      to: {
        pathNot: [
          '^(renderer|shared)/',
          '^node_modules/(react|react-dom|@tanstack/react-virtual)/',
          VITE_CLIENT_TYPES,
        ],
      },
    },
    {
      name: 'shipping-code-not-on-dev-code',
      comment:
        'The sandbox, the preview, test helpers, scripts, specs and benchmarks are not packaged: ' +
        'the app must not need them (or carry test doubles and fake AWS endpoints into a release).',
      severity: 'error',
      from: shipping('^(electron|renderer|shared)/'),
      to: { path: '^(sandbox|dev|test-support|scripts|e2e|bench)/' },
    },
    {
      name: 'shipping-code-not-on-dev-dependencies',
      comment:
        'devDependencies are not installed in the packaged app. Exceptions: electron (a devDependency, as ' +
        'electron-builder requires, provided by the runtime) and the vite/client types.',
      severity: 'error',
      from: shipping('^(electron|renderer|shared)/'),
      to: { dependencyTypes: ['npm-dev'], pathNot: [ELECTRON_PACKAGE, VITE_CLIENT_TYPES] },
    },
    {
      name: 'core-is-the-bottom-layer',
      comment:
        'electron/core is plain TypeScript run in Node (tests, the preview, the CLI helper): ' +
        'it knows nothing of the hand-offs, the app services or the Electron front end.',
      severity: 'error',
      from: shipping('^electron/core/'),
      to: { path: '^electron/(app|handoff|held-keys|main|preload)/' },
    },
    {
      name: 'handoff-is-on-core-only',
      comment:
        'The hand-offs run in Node without Electron too (the roletray-credentials helper, tests): ' +
        'they build on core, and the desktop parts reach them as arguments from main.',
      severity: 'error',
      from: shipping('^electron/handoff/'),
      to: { path: '^electron/(app|held-keys|main|preload)/' },
    },
    {
      name: 'held-keys-is-on-core-and-handoff',
      comment:
        'The keys RoleTray holds are plain TypeScript run in Node: they build on core (the store, the ' +
        "profiles) and the hand-offs' shared-file writer, and are reached from the app services.",
      severity: 'error',
      from: shipping('^electron/held-keys/'),
      to: { path: '^electron/(app|main|preload)/' },
    },
    {
      name: 'app-is-below-main',
      comment:
        'electron/app is what every front end shares (Electron main and the preview bridge): ' +
        'it may use core and handoff, never the Electron front end.',
      severity: 'error',
      from: shipping('^electron/app/'),
      to: { path: '^electron/(main|preload)/' },
    },
    {
      name: 'electron-only-in-main-and-preload',
      comment:
        'Only main and the preload run inside Electron; everything else runs in plain Node or a page. ' +
        'test-support/ is exempt: the boot check stands in for the electron module there.',
      severity: 'error',
      from: { pathNot: ['^electron/(main|preload)/', '^test-support/'] },
      to: { path: ELECTRON_PACKAGE },
    },
    {
      name: 'preload-is-on-shared-and-electron-only',
      comment:
        'The sandboxed preload can require only electron and is bundled alone: ' +
        'it may use itself, shared/ (the contract) and electron, nothing of main.',
      severity: 'error',
      from: shipping('^electron/preload/'),
      to: { pathNot: ['^(electron/preload|shared)/', ELECTRON_PACKAGE] },
    },
    {
      name: 'sandbox-stands-alone',
      comment:
        'The sandbox plays AWS: it must answer from the wire protocol alone, so it may not borrow the ' +
        'app’s own code (which would hide the app’s mistakes) or the tools built on it.',
      severity: 'error',
      from: { path: '^sandbox/src/' },
      to: { path: '^(electron|renderer|dev|test-support)/' },
    },
    {
      name: 'dev-is-not-on-test-helpers',
      comment:
        'The preview is a tool people run, not a test: its code must not depend on test helpers ' +
        '(test-support may use dev/, not the other way round).',
      severity: 'error',
      from: shipping('^dev/'),
      to: { path: '^test-support/' },
    },
    {
      name: 'no-cycles-in-electron',
      comment:
        'A cycle makes load order matter and layers meaningless; type-only cycles count, as they ' +
        'still tie the modules together.',
      severity: 'error',
      from: { path: '^electron/' },
      to: { circular: true, path: '^electron/' },
    },
    {
      name: 'imports-resolve',
      comment: 'The rules match resolved paths: an import that resolves to nothing would escape all of them.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(out|dist|release|test-results|playwright-report|\\.sandbox)/' },
    // Read type-only imports as well (TypeScript's parser; the repo's imports carry no path aliases).
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};
