import { z } from 'zod';

/** The admin console's environment: ADMIN_PASSWORD lets an operator sign in and see every workspace. */
export const consoleEnvShape = {
  ADMIN_PASSWORD: z.string().min(12, 'use at least 12 characters (or leave it unset: then only workspace API keys sign in)').optional(),
};
