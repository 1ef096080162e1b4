import { register } from 'node:module';

// `node --import tsx --import <this file> out/main/index.js`: main's bundle runs against the electron
// stand-in, and the probe writes down what it did. Registered before main's first import is resolved.

register('./resolve-electron.ts', import.meta.url);
await import('./boot-probe');
