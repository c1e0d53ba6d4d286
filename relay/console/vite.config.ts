import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The admin console's build: Preact through Vite's built-in JSX transform (no framework plugin), served by
 * the relay under /admin. `@synaptiq/shared` resolves to the browser-safe part of the core (schemas, error
 * fixes, default mappings), so the forms validate with the same zod schemas as the API.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/admin/',
  logLevel: 'warn',
  clearScreen: false,
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: [{ find: /^@synaptiq\/shared$/, replacement: here('./src/shared-browser.ts') }],
  },
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
