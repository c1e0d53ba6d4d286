import { z } from 'zod';
import { sessionViewSchema } from '../../src/console/schemas';

/** GET /admin/session: the signed-in session (workspace, switcher list, CSRF token), or how to sign in. */
export const sessionStateSchema = z.discriminatedUnion('signed_in', [
  sessionViewSchema.extend({ signed_in: z.literal(true) }),
  z.object({ signed_in: z.literal(false), operator_sign_in: z.boolean() }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;
export type SignedIn = Extract<SessionState, { signed_in: true }>;
