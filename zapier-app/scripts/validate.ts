import zapier from 'zapier-platform-core';
import App from '../src/index';

/**
 * `npm run zapier:validate`: Zapier's schema validation of the app definition, offline (no Zapier servers),
 * the same check `zapier-platform validate --without-style` runs. Exits 1 when there is any result.
 */
async function main(): Promise<void> {
  const { results } = await zapier.createAppHandler(App)({ command: 'validate', calledFromCli: true });
  if (Array.isArray(results) && results.length === 0) {
    console.log('zapier:validate: the app definition is valid.');
    return;
  }
  console.error('zapier:validate: the app definition has problems:');
  console.error(JSON.stringify(results, null, 2));
  process.exitCode = 1;
}

// The Zapier app is CommonJS (see README), so no top-level await here.
void main();
