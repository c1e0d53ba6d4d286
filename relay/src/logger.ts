import pino from 'pino';
import type { Logger as PinoLogger } from 'pino';
import type { RelayEnv } from './config';

/**
 * Paths pino blanks out wherever they appear: credentials, and lead PII (logs carry ids only).
 * The request log (http/request-log.ts) logs no headers or bodies at all; this is the second line of defence.
 */
export const redactedPaths = [
  'authorization',
  'secret',
  'token',
  'api_key',
  'access_token',
  'refresh_token',
  'email',
  'phone',
  'headers.authorization',
  'req.headers.authorization',
  '*.authorization',
  'headers["webhook-signature"]',
  '*.secret',
  '*.secrets',
  '*.webhook_secret',
  '*.api_key',
  '*.apiKey',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.password',
  '*.client_secret',
  '*.email',
  '*.phone',
  '*.name',
  '*.first_name',
  '*.last_name',
  '*.lead',
  '*.payload',
  '*.transcript',
];

export function createLogger(env: Pick<RelayEnv, 'LOG_LEVEL'>, destination?: pino.DestinationStream): PinoLogger {
  return pino({ level: env.LOG_LEVEL, base: { service: 'synaptiq-relay' }, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
