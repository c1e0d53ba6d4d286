import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * The admin console's build: Preact through Vite's built-in JSX transform (no framework plugin), served by
 * the relay under /admin. The forms validate with the API's own zod schemas from @synaptiq/shared; the core's
 * CRM adapters (Node, the vendors' SDKs) are left out of the bundle.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const nodeOnly = '\0synaptiq-node-only';

/** `export * from './adapters/…'` in shared/src/index.ts becomes an empty module: nothing in the browser uses them. */
const withoutCrmAdapters: Plugin = {
  name: 'synaptiq-without-crm-adapters',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer !== undefined && /[\\/]shared[\\/]src[\\/]index\.ts$/.test(importer) && source.startsWith('./adapters/')) return nodeOnly;
    return null;
  },
  load(id) {
    return id === nodeOnly ? 'export {};' : null;
  },
};

export default defineConfig({
  root: here('.'),
  base: '/admin/',
  logLevel: 'warn',
  clearScreen: false,
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [withoutCrmAdapters],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline polyfill script: the Content-Security-Policy allows scripts from the relay only.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
});
