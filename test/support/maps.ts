/**
 * A table test: one test a row, each saying that `f(input)` is `expected` (`toBe`), titled
 * `input → expected` (`%j → %j`, or the given vitest title format).
 */
import { expect, it } from 'vitest';

export function itMaps<I, O>(f: (input: I) => O, rows: ReadonlyArray<readonly [I, O]>, title = '%j → %j'): void {
  it.each(rows.map(([input, expected]) => [input, expected] as [I, O]))(title, (input, expected) => {
    expect(f(input)).toBe(expected);
  });
}

/** Inside one test: `f(input)` is `expected` (`toBe`) for every row; a failure names its input. */
export function expectMaps<I, O>(f: (input: I) => O, rows: ReadonlyArray<readonly [I, O]>): void {
  for (const [input, expected] of rows) expect(f(input), String(input)).toBe(expected);
}
