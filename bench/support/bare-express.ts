/**
 * The baseline for bench:ingest: a bare Express 5 route on the same machine that reads the JSON body and
 * answers 202, nothing else (no signature, no store). PORT from the environment.
 */
import express from 'express';

const app = express();
app.post('/v1/workspaces/:workspaceId/webhooks/synaptiq', express.json({ limit: '1mb' }), (req, res) => {
  const body: unknown = req.body;
  const id = typeof body === 'object' && body !== null && 'id' in body ? String(body.id) : '';
  res.status(202).json({ id, status: 'accepted' });
});
app.get('/ready', (_req, res) => {
  res.json({ ok: true });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
