import { crmObjectTypeSchema } from '@synaptiq/shared';
import type { CrmLink, CrmObjectType, LinkStore, Page, PageRequest } from '@synaptiq/shared';
import { leadKeyPrefix } from '../link-keys';
import { memoryPage } from './memory-paging';

/** The in-memory twin of SqliteLinkStore. */
export class MemoryLinkStore implements LinkStore {
  /** workspace id → key → link. */
  readonly #links = new Map<string, Map<string, CrmLink>>();

  async getMany(workspaceId: string, keys: string[]): Promise<Map<string, CrmLink>> {
    const links = this.#workspace(workspaceId);
    const found = new Map<string, CrmLink>();
    for (const key of keys) {
      const link = links.get(key);
      if (link !== undefined) found.set(key, { ...link });
    }
    return found;
  }

  async forLead(workspaceId: string, leadId: string): Promise<CrmLink[]> {
    const prefix = leadKeyPrefix(leadId);
    return this.#sorted(workspaceId).filter((link) => link.key.startsWith(prefix));
  }

  async put(workspaceId: string, links: CrmLink[]): Promise<void> {
    const stored = this.#workspace(workspaceId);
    for (const link of links) {
      stored.set(link.key, { key: link.key, object_type: crmObjectTypeSchema.parse(link.object_type), crm_id: link.crm_id, url: link.url ?? null });
    }
  }

  async listByType(workspaceId: string, objectType: CrmObjectType, page: PageRequest): Promise<Page<CrmLink>> {
    const ofType = this.#sorted(workspaceId).filter((link) => link.object_type === objectType);
    return memoryPage(ofType, page, { key: (link) => [link.key], cursor: 'key', order: 'asc' });
  }

  async findByCrmId(workspaceId: string, objectType: CrmObjectType, crmId: string): Promise<CrmLink | undefined> {
    return this.#sorted(workspaceId).find((link) => link.object_type === objectType && link.crm_id === crmId);
  }

  #workspace(workspaceId: string): Map<string, CrmLink> {
    let links = this.#links.get(workspaceId);
    if (links === undefined) {
      links = new Map();
      this.#links.set(workspaceId, links);
    }
    return links;
  }

  /** Copies in key order, as SQLite returns them. */
  #sorted(workspaceId: string): CrmLink[] {
    return [...this.#workspace(workspaceId).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((link) => ({ ...link }));
  }
}
