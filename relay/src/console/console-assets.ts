import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The console's built assets (relay/console/dist, never committed). `npm start` and the console tests build them
 * first; a relay started another way builds them with Vite's JS API on the first /admin request.
 */
export const consoleRoot = fileURLToPath(new URL('../../console/', import.meta.url));
export const consoleDist = fileURLToPath(new URL('../../console/dist/', import.meta.url));
const indexFile = `${consoleDist}index.html`;

let building: Promise<void> | null = null;

/** Builds the console (Vite, production mode) into relay/console/dist. */
export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: `${consoleRoot}vite.config.ts`, mode: 'production', logLevel: 'warn' });
}

/** Builds once when dist is missing; concurrent first requests share the build. */
export function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(indexFile)) return Promise.resolve();
  building ??= buildConsole().finally(() => {
    building = null;
  });
  return building;
}

/** The built index.html (read once per process: the asset names in it change only with a rebuild). */
let cachedIndex: string | null = null;
export async function consoleIndexHtml(): Promise<string> {
  if (cachedIndex !== null && existsSync(indexFile)) return cachedIndex;
  await ensureConsoleBuilt();
  cachedIndex = readFileSync(indexFile, 'utf8');
  return cachedIndex;
}
