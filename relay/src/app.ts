import express from 'express';
import type { Express } from 'express';
import type { Clock, Stores } from '@synaptiq/shared';
import type { SecretBox } from './crypto';
import { consoleRoutes } from './console';
import type { ConsoleOptions } from './console';
import { requireApiKey } from './http/auth';
import { errorHandler, notFoundHandler } from './http/errors';
import { defaultBodyLimitBytes } from './http/raw-body';
import { requestLog } from './http/request-log';
import { healthRoutes } from './routes/health';
import type { Readiness } from './routes/health';
import { crmRoutes } from './routes/crm';
import { dealRoutes } from './routes/deals';
import { eventRoutes } from './routes/events';
import { hookRoutes } from './routes/hooks';
import type { HookRouteOptions } from './routes/hooks';
import { leadRoutes } from './routes/leads';
import { meetingRoutes } from './routes/meetings';
import { meRoutes } from './routes/me';
import { metricsRoutes } from './routes/metrics';
import { crmCallbackRoutes, crmConnectRoutes } from './routes/oauth';
import type { OAuthOptions } from './services/oauth';
import type { RelayMetrics } from './metrics';
import { openApiRoutes } from './routes/openapi';
import { reviewRoutes } from './routes/review';
import { settingsRoutes } from './routes/settings';
import { syncRoutes } from './routes/sync';
import { webhookRoutes } from './routes/webhooks';
import type { Worker } from './worker';
import type { CrmFor, Logger } from './worker/types';

/** What the routes need of the sync worker. */
export type RelayWorker = Pick<Worker, 'kick' | 'syncNow' | 'resume' | 'status'>;

export interface AppDeps {
  stores: Stores;
  /** Opens the webhook secrets and CRM connections stored encrypted in the configuration. */
  secrets: SecretBox;
  crmFor: CrmFor;
  worker: RelayWorker;
  clock: Clock;
  logger: Logger;
  /** Defaults to "the worker is started and not stopping". */
  readiness?: Readiness;
  bodyLimitBytes?: number;
  /** Outbound webhook target checks and the delivery worker's wake-up (createHooks().routes); private targets refused by default. */
  hooks?: HookRouteOptions;
  /** Prometheus instruments: GET /metrics and the webhook counters (relay/src/metrics); none when absent. */
  metrics?: RelayMetrics;
  /** METRICS_TOKEN: GET /metrics then wants it as a bearer token. */
  metricsToken?: string | undefined;
  /** OAuth connect (routes/oauth.ts); without it the connect routes answer crm.not_configured. */
  oauth?: OAuthOptions | undefined;
  /** The admin console at /admin (relay/src/console): ADMIN_PASSWORD for operator sign-in. */
  console?: ConsoleOptions | undefined;
}

/** The relay's HTTP app (no listen: server.ts does that, tests use supertest). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const bodyLimitBytes = deps.bodyLimitBytes ?? defaultBodyLimitBytes;
  const readiness = deps.readiness ?? { isReady: () => deps.worker.status().started && !deps.worker.status().stopping };

  app.use(requestLog(deps.logger));
  app.use(healthRoutes(readiness));
  if (deps.metrics) app.use(metricsRoutes({ metrics: deps.metrics, token: deps.metricsToken }));
  app.use(openApiRoutes());
  const kick = (workspaceId: string) => deps.worker.kick(workspaceId);
  const resume = (workspaceId: string) => deps.worker.resume(workspaceId);
  app.use(webhookRoutes({ ...deps, kick, bodyLimitBytes }));
  // The CRM sends the user back here without an API key: the signed state names the workspace.
  app.use(crmCallbackRoutes({ ...deps, resume }));

  // Everything below answers only to a workspace API key (or a console session), and sees only that workspace.
  const adminApi = express.Router();
  adminApi.use(express.json({ limit: bodyLimitBytes }));
  for (const routes of [
    meRoutes(deps),
    settingsRoutes({ ...deps, resume }),
    crmRoutes({ ...deps, resume }),
    leadRoutes({ ...deps, kick }),
    meetingRoutes(deps),
    dealRoutes(deps),
    syncRoutes(deps),
    eventRoutes({ ...deps, kick }),
    reviewRoutes(deps),
    hookRoutes(deps),
    crmConnectRoutes({ ...deps, resume }),
  ]) {
    adminApi.use(routes);
  }
  // The admin console signs in with a session cookie, then reaches the same routes under /admin/api.
  app.use('/admin', consoleRoutes({ ...deps, resume, adminApi, options: deps.console }));
  app.use(requireApiKey(deps.stores.config), adminApi);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
