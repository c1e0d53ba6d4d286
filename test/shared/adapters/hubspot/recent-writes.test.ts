import assert from 'node:assert/strict';
import { RecentWrites } from '../../../../shared/src/adapters/hubspot/recent-writes';
import { fakeTime } from '../shared/fake-time';

describe('RecentWrites', () => {
  it('remembers a key\'s id per object type', () => {
    const recent = new RecentWrites(fakeTime().clock);
    recent.remember('deal', 'lead:1:deal', '300');
    assert.equal(recent.get('deal', 'lead:1:deal'), '300');
    assert.equal(recent.get('note', 'lead:1:deal'), undefined);
  });

  it('forgets a key after its time to live', () => {
    const time = fakeTime();
    const recent = new RecentWrites(time.clock, 1000);
    recent.remember('deal', 'k', '1');
    time.advance(1001);
    assert.equal(recent.get('deal', 'k'), undefined);
  });

  it('drops the oldest key past its size', () => {
    const recent = new RecentWrites(fakeTime().clock, 60_000, 2);
    recent.remember('deal', 'a', '1');
    recent.remember('deal', 'b', '2');
    recent.remember('deal', 'c', '3');
    assert.deepEqual(['a', 'b', 'c'].map((key) => recent.get('deal', key)), [undefined, '2', '3']);
  });
});
