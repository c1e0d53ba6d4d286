/** Pure splitting of work into Salesforce-sized calls. */

export interface ChunkLimits<T> {
  /** Most items per call (sObject Collections: 200). */
  maxItems: number;
  /** Most total weight per call (e.g. characters of an encoded SOQL query), with each item's weight. */
  maxWeight?: number;
  weight?: (item: T) => number;
  /**
   * Items with the same key never share a call: Salesforce rejects a collection that upserts
   * the same external id twice, so a repeat goes to the next call, after the first has landed.
   */
  key?: (item: T) => string;
}

/** Splits `items` into consecutive chunks within the limits, keeping their order. */
export function chunk<T>(items: readonly T[], limits: ChunkLimits<T>): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let weight = 0;
  let keys = new Set<string>();
  for (const item of items) {
    const itemWeight = limits.weight?.(item) ?? 0;
    const key = limits.key?.(item);
    const full =
      current.length >= limits.maxItems ||
      (limits.maxWeight !== undefined && current.length > 0 && weight + itemWeight > limits.maxWeight) ||
      (key !== undefined && keys.has(key));
    if (full) {
      chunks.push(current);
      current = [];
      weight = 0;
      keys = new Set();
    }
    current.push(item);
    weight += itemWeight;
    if (key !== undefined) keys.add(key);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
