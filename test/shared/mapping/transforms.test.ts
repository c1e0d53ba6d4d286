import assert from 'node:assert/strict';
import { clampScore, formatCrmDate, normalizeDomain, sizeToEmployeeCount, splitName, truncate } from '../../../shared/src/mapping/transforms';

describe('mapping transforms', () => {
  describe('sizeToEmployeeCount', () => {
    const cases: Array<[string | number | null | undefined, number | undefined]> = [
      ['51-200', 51],
      ['1000+', 1000],
      ['10,001+', 10001],
      ['11 – 50 employees', 11],
      ['1-10', 1],
      [250, 250],
      [12.6, 13],
      ['unknown', undefined],
      [null, undefined],
      [undefined, undefined],
    ];
    for (const [size, count] of cases) {
      it(`reads ${JSON.stringify(size)} as ${String(count)} (the lower bound of a range)`, () => {
        assert.equal(sizeToEmployeeCount(size), count);
      });
    }
  });

  describe('clampScore', () => {
    const cases: Array<[number | null | undefined, number | undefined]> = [[87, 87], [140, 100], [-5, 0], [42.6, 43], [null, undefined], [Number.NaN, undefined]];
    for (const [score, clamped] of cases) {
      it(`turns ${String(score)} into ${String(clamped)}`, () => assert.equal(clampScore(score), clamped));
    }
  });

  describe('formatCrmDate', () => {
    const instant = '2026-12-01T10:30:00+01:00';
    const cases: Array<[Parameters<typeof formatCrmDate>[0], Parameters<typeof formatCrmDate>[1], string | number]> = [
      ['hubspot', 'date', Date.UTC(2026, 11, 1)],
      ['hubspot', 'datetime', '2026-12-01T09:30:00.000Z'],
      ['salesforce', 'date', '2026-12-01'],
      ['salesforce', 'datetime', '2026-12-01T09:30:00.000Z'],
    ];
    for (const [provider, kind, expected] of cases) {
      it(`writes a ${provider} ${kind} as ${String(expected)}`, () => assert.equal(formatCrmDate(provider, kind, instant), expected));
    }

    it('refuses a value that is not a date', () => assert.throws(() => formatCrmDate('hubspot', 'date', 'soon'), RangeError));
  });

  describe('splitName', () => {
    const cases: Array<[string, string | undefined, string | undefined]> = [
      ['Ada Lovelace', 'Ada', 'Lovelace'],
      ['  Ada   King Lovelace ', 'Ada', 'King Lovelace'],
      ['Cher', 'Cher', undefined],
    ];
    for (const [name, first, last] of cases) {
      it(`splits "${name}" into ${String(first)} / ${String(last)}`, () => assert.deepEqual(splitName(name), { first, last }));
    }
  });

  describe('normalizeDomain', () => {
    const cases: Array<[string | null, string | undefined]> = [
      ['https://www.Acme.com/about', 'acme.com'],
      ['analytical.example', 'analytical.example'],
      ['localhost', undefined],
      [null, undefined],
    ];
    for (const [domain, normalized] of cases) {
      it(`reads ${String(domain)} as ${String(normalized)}`, () => assert.equal(normalizeDomain(domain), normalized));
    }
  });

  it('cuts text to a limit and says so', () => {
    const cut = truncate('x'.repeat(100), 50);
    assert.equal(cut.length, 50);
    assert.ok(cut.endsWith('(truncated)'));
    assert.equal(truncate('short', 50), 'short');
  });
});
