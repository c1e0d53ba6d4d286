import { z } from 'zod';

/** The metrics variables of the relay's environment (spread into config.ts's schema). */
export const metricsEnvShape = {
  /** When set, GET /metrics wants "Authorization: Bearer <METRICS_TOKEN>"; unset, it is open (bind HOST to loopback or a private network). */
  METRICS_TOKEN: z.string().trim().regex(/^\S{16,200}$/, 'use at least 16 characters without spaces').optional(),
};
