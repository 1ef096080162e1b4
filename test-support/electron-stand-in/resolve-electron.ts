import type { ResolveHook } from 'node:module';

// A module resolve hook: `electron`, wherever it is imported from (main's bundle, electron-store),
// is the stand-in beside this file. Every other specifier resolves as usual.

const STAND_IN = new URL('./electron.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : nextResolve(specifier, context);
