import { z } from 'zod';
import { workspaceIdSchema } from '@synaptiq/shared/schemas/workspace';

/**
 * The console's own request bodies (sign-in, workspace switch, private-app token). The browser bundle
 * imports this file too, so the forms are checked with the very schemas the server parses with.
 */

/** Workspace API keys are `sk_` + 43 characters; RELAY_API_KEY may be any 24–200 characters without spaces. */
export const apiKeySchema = z
  .string()
  .trim()
  .regex(/^\S{24,200}$/, 'paste the whole workspace API key (24 characters or more, no spaces), as printed when the workspace was created');

export const operatorPasswordSchema = z.string().min(1, 'type the operator password (ADMIN_PASSWORD on the relay)').max(1024);

export const apiKeySignInSchema = z.object({ api_key: apiKeySchema }).strict();
export const operatorSignInSchema = z.object({ password: operatorPasswordSchema }).strict();
export const signInSchema = z.union([apiKeySignInSchema, operatorSignInSchema]);
export type SignIn = z.infer<typeof signInSchema>;

export const switchWorkspaceSchema = z.object({ workspace_id: workspaceIdSchema });

/** HubSpot private app access tokens start with "pat-" (e.g. pat-na1-…); the sandbox CRM takes any token. */
export const privateAppTokenSchema = z.object({
  provider: z.literal('hubspot'),
  access_token: z
    .string()
    .trim()
    .min(8, 'paste the private app access token from HubSpot > Settings > Integrations > Private Apps')
    .max(512)
    .regex(/^\S+$/, 'the token has no spaces: copy it again with the Copy button in HubSpot'),
});
export type PrivateAppToken = z.infer<typeof privateAppTokenSchema>;

/** What the console shows of the stored connection: never a token. */
export const connectionViewSchema = z.object({
  provider: z.enum(['hubspot', 'salesforce']),
  auth: z.enum(['sandbox', 'private_app', 'oauth']),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const sessionViewSchema = z.object({
  kind: z.enum(['workspace', 'operator']),
  workspace: z.object({ id: z.string(), name: z.string() }),
  /** Only the operator sees other workspaces (the switcher). */
  workspaces: z.array(z.object({ id: z.string(), name: z.string() })),
  csrf_token: z.string(),
  operator_sign_in: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;
