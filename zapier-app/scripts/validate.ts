import App from '../src/index';
import { validateApp } from '../src/validate-app';

/** `npm run zapier:validate`: Zapier's schema validation, offline; exits 1 on any problem. */
async function main(): Promise<void> {
  const problems = await validateApp(App);
  if (problems.length === 0) {
    console.log('zapier:validate: the app definition is valid.');
    return;
  }
  console.error('zapier:validate: the app definition has problems:');
  console.error(JSON.stringify(problems, null, 2));
  process.exitCode = 1;
}

// The Zapier app is CommonJS (see README), so no top-level await here.
void main();
