import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client } from '@hubspot/api-client';

const cli = fileURLToPath(new URL('../../sandbox-crm/src/cli.ts', import.meta.url));

/** Starts the CLI the way `npm run sandbox` does and resolves with the URL it prints. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox CLI exited with ${String(code)}: ${output}`)));
  });
  return { child, url };
}

describe('sandbox CRM: the npm run sandbox command', () => {
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('starts on the given port with the tier and answers the HubSpot SDK', async () => {
    const started = await startCli(['--port', '0', '--tier', 'professional', '--search-lag-ms', '0']);
    child = started.child;
    const client = new Client({ accessToken: 'any', basePath: started.url, numberOfApiCallRetries: 0 });
    const res = await client.crm.contacts.basicApi.getPageWithHttpInfo();
    assert.equal(res.headers['x-hubspot-ratelimit-max'], '190');
  });

  it('refuses an unknown tier with a usage message', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', cli, '--tier', 'gold'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(proc, 'exit')) as [number];
    assert.equal(code, 2);
    assert.match(output, /--tier/);
  });
});
