import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { ConfigStore } from '@synaptiq/shared';
import { ConfigDocumentStore } from './config-document-store';
import { emptyConfigDocument, parseConfigDocument, stringifyConfigDocument } from './config-document';
import type { ConfigDocument } from './config-document';

export const configFileName = 'config.json';

/**
 * Opens `<dataDir>/config.json` with lowdb (https://github.com/typicode/lowdb). The file is
 * validated on load (InvalidConfigFileError names every bad path) and created on the first save.
 * lowdb writes through steno: the whole document goes to `.config.json.tmp`, then is renamed over
 * the file, so a crash leaves the old or the new file, never half of one. steno does not fsync;
 * configuration changes are rare and made by a person, who sees the result, so that is accepted here
 * (the event journal, which must survive a power cut, is in SQLite with synchronous=FULL).
 */
export async function openLowdbConfigStore(dataDir: string): Promise<ConfigStore> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, configFileName);
  const db = new Low<ConfigDocument>(
    new DataFile<ConfigDocument>(file, {
      parse: (text) => parseConfigDocument(text, file),
      stringify: stringifyConfigDocument,
    }),
    emptyConfigDocument(),
  );
  await db.read();
  return new ConfigDocumentStore(db.data, async (document) => {
    db.data = document;
    await db.write();
  });
}
