import { openStores } from '../../../../relay/src/stores/index';

/**
 * Child process for the crash test: appends the events named on the command line, prints
 * "appended" and then waits to be killed, never closing the database.
 */
const [dataDir, ...eventIds] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: append-then-hang <dataDir> <eventId>…');
const stores = await openStores({ dataDir });
for (const id of eventIds) {
  await stores.events.append('acme', { id, type: 'lead.created', created_at: '2026-03-01T12:00:00Z', data: { lead: { id: `lead-${id}`, name: 'Ann' } } }, '2026-03-01T12:00:01Z');
}
process.stdout.write('appended\n');
setInterval(() => undefined, 60_000);
