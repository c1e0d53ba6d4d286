import { z } from 'zod';

/** Salesforce response shapes the adapter depends on, parsed at the boundary. Unknown fields pass through. */

/** A per-record error in sObject Collections results (`statusCode`) or a REST error body (`errorCode`). */
export const salesforceErrorSchema = z.looseObject({
  statusCode: z.string().optional(),
  errorCode: z.string().optional(),
  message: z.string().default(''),
  fields: z.array(z.string()).nullish(),
});
export type SalesforceError = z.infer<typeof salesforceErrorSchema>;

/** SaveResult / UpsertResult of sObject Collections. `created` only on upserts. */
export const saveResultSchema = z.looseObject({
  id: z.string().nullish(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(salesforceErrorSchema).default([]),
});
export type SaveResult = z.infer<typeof saveResultSchema>;
export const saveResultsSchema = z.array(saveResultSchema);

/** A queried record: fields are open, `Id` is always selected. */
export const sfRecordSchema = z.looseObject({ Id: z.string() });
export type SfRecord = z.infer<typeof sfRecordSchema>;

/** A page of query results; rows hold only the selected fields (plus `attributes`). */
export const queryResultSchema = <Row extends z.ZodType>(row: Row) =>
  z.object({
    totalSize: z.number(),
    done: z.boolean(),
    nextRecordsUrl: z.string().optional(),
    records: z.array(row),
  });

export const describeFieldSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  custom: z.boolean().default(false),
  createable: z.boolean().default(true),
  updateable: z.boolean().default(true),
  calculated: z.boolean().default(false),
});
export type DescribeField = z.infer<typeof describeFieldSchema>;
export const describeSchema = z.looseObject({ name: z.string(), fields: z.array(describeFieldSchema) });

/** The Tooling API's create answer. */
export const toolingCreateSchema = z.looseObject({ id: z.string(), success: z.boolean() });

/** OpenID Connect userinfo (`/services/oauth2/userinfo`). */
export const userInfoSchema = z.looseObject({
  user_id: z.string(),
  organization_id: z.string(),
  preferred_username: z.string().optional(),
  name: z.string().optional(),
});

/** The token endpoint's answer to a refresh or code exchange. `refresh_token` only when rotated or issued. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  instance_url: z.url().optional(),
  id: z.string().optional(),
  issued_at: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** A row of `SELECT ApiName, MasterLabel, IsClosed, IsWon FROM OpportunityStage`. */
export const opportunityStageSchema = z.looseObject({
  ApiName: z.string(),
  MasterLabel: z.string(),
  IsClosed: z.boolean(),
  IsWon: z.boolean(),
});
export type OpportunityStageRow = z.infer<typeof opportunityStageSchema>;

/** The answer of a Composite call: one entry per subrequest, matched by referenceId. */
export const compositeResponseSchema = z.object({
  compositeResponse: z.array(
    z.looseObject({ referenceId: z.string(), httpStatusCode: z.number(), body: z.unknown() }),
  ),
});
