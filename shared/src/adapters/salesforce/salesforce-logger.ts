/** The logging the adapter needs (pino's call shape): structured fields first, then a message. Never tokens. */
export interface SalesforceLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;
export const silentLogger: SalesforceLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
