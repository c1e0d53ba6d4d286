// Bundles the app into dist/index.js (CommonJS) for the Zapier CLI, which uploads only this folder: the shared
// core (@synaptiq/shared) and zod are inlined, zapier-platform-core stays a real dependency (Zapier's runtime loads it).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['zapier-platform-core'],
  logLevel: 'warning',
});
