import assert from 'node:assert/strict';
import { chunk } from '../../../../shared/src/adapters/salesforce/batching';

describe('chunk', () => {
  it('splits 450 items into calls of 200, 200 and 50, in order', () => {
    const items = Array.from({ length: 450 }, (_, i) => i);
    const chunks = chunk(items, { maxItems: 200 });
    assert.deepEqual(chunks.map((c) => c.length), [200, 200, 50]);
    assert.deepEqual(chunks.flat(), items);
  });

  it('starts a new chunk before the total weight would exceed the limit', () => {
    assert.deepEqual(chunk(['aaaa', 'bbbb', 'cc', 'd'], { maxItems: 10, maxWeight: 6, weight: (s) => s.length }), [['aaaa'], ['bbbb', 'cc'], ['d']]);
  });

  it('keeps an item heavier than the limit alone rather than dropping it', () => {
    assert.deepEqual(chunk(['toolong', 'a'], { maxItems: 10, maxWeight: 3, weight: (s) => s.length }), [['toolong'], ['a']]);
  });

  it('never puts two items with the same key in one chunk', () => {
    assert.deepEqual(chunk(['a', 'b', 'a', 'c'], { maxItems: 10, key: (s) => s }), [['a', 'b'], ['a', 'c']]);
  });

  it('returns no chunks for no items', () => {
    assert.deepEqual(chunk([], { maxItems: 200 }), []);
  });
});
