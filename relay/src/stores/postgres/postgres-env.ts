import { z } from 'zod';

/** The PostgreSQL variables of the relay's environment (spread into config.ts's schema). */
export const postgresEnvShape = {
  /**
   * postgres://user:password@host:5432/database: every store in PostgreSQL, so several relay instances can share
   * one database (docs/deployment.md). Unset: lowdb + SQLite in DATA_DIR, as before.
   */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'use a PostgreSQL URL such as postgres://relay:secret@db.internal:5432/relay')
    .optional(),
  /**
   * How long the events an instance claimed stay its own without renewal: a crashed instance's work is taken
   * over by another one this long after the crash (renewed every third of it while the instance lives).
   */
  DATABASE_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(15),
  /** Schema the relay's tables live in (default public). */
  DATABASE_SCHEMA: z.string().trim().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'use lower-case letters, digits and "_"').optional(),
};

/** Instances sharing a database must open each other's secrets: a key file generated per instance would not. */
export function postgresEnvProblems(env: { DATABASE_URL?: string | undefined; ENCRYPTION_KEY?: string | undefined }): Array<{ path: string; message: string }> {
  if (env.DATABASE_URL && !env.ENCRYPTION_KEY) {
    return [{ path: 'ENCRYPTION_KEY', message: 'set ENCRYPTION_KEY (the same on every instance) when DATABASE_URL is set' }];
  }
  return [];
}
