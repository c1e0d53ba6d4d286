import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The console's built assets (relay/console/dist, never committed). `npm start` builds them first; the console
 * tests and a relay started another way build them with Vite's JS API when they are missing or older than their sources.
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

/** What the bundle is made of: the console, its server-side schemas, the relay's API schemas and the shared core. */
const sourceRoots = ['../../console/src', '../../console/index.html', '../../console/vite.config.ts', '.', '../routes', '../../../shared/src'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(`${path}/${name}`)), stats.mtimeMs);
}

/** True when dist is missing, or a source changed after the last build. */
export function consoleIsStale(): boolean {
  if (!existsSync(indexFile)) return true;
  const built = statSync(indexFile).mtimeMs;
  return sourceRoots.some((root) => newestChange(root) > built);
}

/** Builds when dist is missing or stale; concurrent callers share the build. */
export function ensureConsoleBuilt(): Promise<void> {
  if (building === null && !consoleIsStale()) return Promise.resolve();
  building ??= buildConsole().finally(() => {
    building = null;
    cachedIndex = null;
  });
  return building;
}

/** For the relay: checks (and builds) once per process, on the first /admin request. */
let checked: Promise<void> | null = null;
export function consoleReady(): Promise<void> {
  checked ??= ensureConsoleBuilt().catch((error: unknown) => {
    checked = null;
    throw error;
  });
  return checked;
}

/** The built index.html (read once per build: the asset names in it change only with a rebuild). */
let cachedIndex: string | null = null;
export async function consoleIndexHtml(): Promise<string> {
  await consoleReady();
  cachedIndex ??= readFileSync(indexFile, 'utf8');
  return cachedIndex;
}
