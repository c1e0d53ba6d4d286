import { createHash } from 'node:crypto';
import type { RefreshGate } from '@synaptiq/shared/adapters/shared/index';
import type { PostgresDatabase, Queryable } from '../database';

/** Seals and opens secrets at rest (the relay's secret box, ENCRYPTION_KEY). */
export interface AnswerSealer {
  seal(plain: string): string | Promise<string>;
  open(sealed: string): string | Promise<string>;
}

/** Another instance's answer this young is used as is: the refresh everyone was about to send just happened. */
export const reuseWindowMs = 60_000;
/** A rotation chain longer than this is a loop or garbage: refresh with what we hold. */
const maxHops = 20;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * OAuth refresh, single-flight across relay instances, and no rotated refresh token ever lost. Under a
 * transaction-scoped advisory lock on the connection (pg_advisory_xact_lock), an instance about to refresh:
 * - finds the answer another instance got for the same refresh token within the last minute → uses it, no call;
 * - finds that token spent and rotated longer ago → follows the recorded rotations to the live refresh token
 *   and refreshes with that one (the provider would refuse the spent one: revoked-auth pause for the user);
 * - otherwise sends the refresh and records the answer, sealed with ENCRYPTION_KEY, under the hash of the token spent.
 * The instances' sessions then adopt the answer and save the tokens to the workspace as before.
 */
export function oauthRefreshGate(db: PostgresDatabase, sealer: AnswerSealer, connectionKey: string): RefreshGate {
  return (refresh) =>
    db.transaction(async (tx) => {
      await tx.rows('SELECT pg_advisory_xact_lock(hashtextextended(:lock, 0))', { lock: `relay_oauth:${connectionKey}` });
      let token = refresh.refreshToken;
      for (let hop = 0; hop < maxHops; hop += 1) {
        const recorded = await recordedAnswer(tx, sealer, connectionKey, token);
        if (recorded === undefined) break;
        if (recorded.ageMs < reuseWindowMs) return recorded.answer;
        const next = refresh.nextRefreshToken(recorded.answer);
        if (next === undefined || next === token) break;
        token = next;
      }
      const answer = await refresh.send(token);
      // Answers a month old help nobody (every instance refreshed since): the table stays small on its own.
      await tx.run(`DELETE FROM oauth_refreshes WHERE connection_key = :key AND obtained_at < now() - interval '30 days'`, { key: connectionKey });
      await tx.run(
        `INSERT INTO oauth_refreshes (connection_key, spent_token_hash, sealed_answer, obtained_at) VALUES (:key, :hash, :sealed, now())
         ON CONFLICT (connection_key, spent_token_hash) DO UPDATE SET sealed_answer = excluded.sealed_answer, obtained_at = excluded.obtained_at`,
        { key: connectionKey, hash: tokenHash(token), sealed: await sealer.seal(JSON.stringify(answer)) },
      );
      return answer;
    });
}

async function recordedAnswer(
  tx: Queryable,
  sealer: AnswerSealer,
  connectionKey: string,
  token: string,
): Promise<{ answer: unknown; ageMs: number } | undefined> {
  const [row] = await tx.rows<{ sealed_answer: string; age_ms: number }>(
    `SELECT sealed_answer, extract(epoch FROM now() - obtained_at) * 1000 AS age_ms FROM oauth_refreshes
     WHERE connection_key = :key AND spent_token_hash = :hash`,
    { key: connectionKey, hash: tokenHash(token) },
  );
  if (row === undefined) return undefined;
  try {
    return { answer: JSON.parse(await sealer.open(row.sealed_answer)) as unknown, ageMs: Number(row.age_ms) };
  } catch {
    // Sealed with another ENCRYPTION_KEY, or damaged: as if unrecorded.
    return undefined;
  }
}
