import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { validateApp } from '../../zapier-app/src/validate-app';

const appDir = path.resolve(import.meta.dirname, '../../zapier-app');

/** What `zapier-platform build/push` uploads: the esbuild bundle in dist/, loaded through the root index.js. */
describe('Zapier app build (the CommonJS bundle the CLI uploads)', () => {
  let built: { version?: string; triggers?: Record<string, unknown> };

  before(function buildBundle() {
    this.timeout(60_000);
    execFileSync(process.execPath, ['build.mjs'], { cwd: appDir, stdio: 'pipe' });
    const require = createRequire(path.join(appDir, 'index.js'));
    delete require.cache[require.resolve('./dist/index.js')];
    built = require('./index.js');
  });

  it('exports the app itself from index.js, not a module wrapper', () => {
    assert.equal(built.version, '1.0.0');
    assert.ok(built.triggers?.new_qualified_lead);
  });

  it('passes Zapier\'s schema validation as built', async () => {
    assert.deepEqual(await validateApp(built), []);
  });
});
