#!/usr/bin/env node
// The operator CLI's executable (`npx synaptiq-relay …`): registers tsx so the TypeScript sources run as they are.
// https://tsx.is/dev-api/register-esm
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
