/** The logging a CRM adapter needs (pino's call shape): structured fields first, then a message. Never tokens. */
export interface CrmLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;
export const silentCrmLogger: CrmLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
