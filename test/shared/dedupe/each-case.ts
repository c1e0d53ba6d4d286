import assert from 'node:assert/strict';

/** One `it` per row of a table: `run(input)` must deep-equal `expected`; `title` names the row as a sentence. */
export function itEachCase<Input, Output>(
  cases: ReadonlyArray<readonly [Input, Output]>,
  title: (input: Input, expected: Output) => string,
  run: (input: Input) => Output,
): void {
  for (const [input, expected] of cases) {
    it(title(input, expected), () => {
      assert.deepEqual(run(input), expected);
    });
  }
}

export const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
