import { subscriptionSchema, workspaceSchema } from '@synaptiq/shared';
import type { ConfigStore, Subscription, Workspace } from '@synaptiq/shared';
import type { ConfigDocument } from './config-document';

/** Saves a whole new document; resolves once it is stored. */
export type PersistConfig = (document: ConfigDocument) => Promise<void>;

/**
 * A ConfigStore over one in-memory document. Writes are serialized: each one builds the next
 * document from a copy, persists it, and only then makes it visible, so a failed write leaves
 * both the file and the readers on the previous document. Callers get copies, never the state.
 */
export class ConfigDocumentStore implements ConfigStore {
  #document: ConfigDocument;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    document: ConfigDocument,
    private readonly persist: PersistConfig,
  ) {
    this.#document = document;
  }

  async listWorkspaces(): Promise<Workspace[]> {
    return structuredClone(this.#document.workspaces);
  }

  async getWorkspace(id: string): Promise<Workspace | undefined> {
    return copy(this.#document.workspaces.find((workspace) => workspace.id === id));
  }

  async findWorkspaceByApiKeyHash(hash: string): Promise<Workspace | undefined> {
    return copy(this.#document.workspaces.find((workspace) => workspace.api_keys.some((key) => key.hash === hash)));
  }

  async saveWorkspace(workspace: Workspace): Promise<void> {
    const valid = workspaceSchema.parse(workspace);
    await this.#write((document) => {
      document.workspaces = upsertById(document.workspaces, valid, (item) => item.id === valid.id);
    });
  }

  async listSubscriptions(workspaceId: string): Promise<Subscription[]> {
    return structuredClone(this.#document.subscriptions.filter((subscription) => subscription.workspace_id === workspaceId));
  }

  async saveSubscription(subscription: Subscription): Promise<void> {
    const valid = subscriptionSchema.parse(subscription);
    await this.#write((document) => {
      document.subscriptions = upsertById(
        document.subscriptions,
        valid,
        (item) => item.id === valid.id && item.workspace_id === valid.workspace_id,
      );
    });
  }

  async deleteSubscription(workspaceId: string, id: string): Promise<boolean> {
    let deleted = false;
    await this.#write((document) => {
      const kept = document.subscriptions.filter((item) => !(item.id === id && item.workspace_id === workspaceId));
      deleted = kept.length !== document.subscriptions.length;
      document.subscriptions = kept;
    });
    return deleted;
  }

  #write(change: (draft: ConfigDocument) => void): Promise<void> {
    const run = async (): Promise<void> => {
      const draft = structuredClone(this.#document);
      change(draft);
      await this.persist(draft);
      this.#document = draft;
    };
    const result = this.#writes.then(run);
    this.#writes = result.catch(() => undefined);
    return result;
  }
}

const copy = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : structuredClone(value));

/** Replaces the matching item in place (so the file diff stays small) or appends a new one. */
function upsertById<T>(items: T[], item: T, matches: (candidate: T) => boolean): T[] {
  const index = items.findIndex(matches);
  return index === -1 ? [...items, item] : items.map((candidate, i) => (i === index ? item : candidate));
}
