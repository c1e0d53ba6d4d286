import type { Request } from 'express';
import type { z } from 'zod';
import { SyncError } from '@synaptiq/shared';
import { formatZodIssues } from '@synaptiq/shared/schemas/issues';

/**
 * Parses one part of a request; a failure is a 422 naming every bad field by its path
 * (prefixed with where it was: `body.lead.email`, `query.limit`).
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = formatZodIssues(parsed.error).map((issue) => ({ ...issue, path: issue.path ? `${where}.${issue.path}` : where }));
  throw new SyncError('request.invalid', `The request ${where} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, {
    details: { errors },
  });
}

/** A named path segment (Express types them loosely: a wildcard segment can be an array). */
export function pathParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}
