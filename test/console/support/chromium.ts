import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Debian's chromium package (listed in .ci/apt-packages); playwright-core drives it, downloading nothing. */
export const chromiumPath = '/usr/bin/chromium';

export interface LaunchedChromium {
  /** One persistent context in the fresh profile: clear its cookies to start a new browser session. */
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium in a fresh profile; fails loudly when the browser is missing (never a silent pass). */
export async function launchChromium(): Promise<LaunchedChromium> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: the admin console's browser tests need it. Install it with "apt-get install -y chromium" (.ci/run installs the packages of .ci/apt-packages).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  // Playwright takes the profile directory itself (it refuses --user-data-dir in args), and passes it on.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
