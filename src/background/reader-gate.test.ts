import { describe, expect, it } from 'vitest';
import { createReaderGate } from './reader-gate';

describe('createReaderGate (one reader per tab per user action)', () => {
  it('lets one request through per tab, drops the rest of a burst, and re-opens after the quiet time', () => {
    let t = 1000;
    const gate = createReaderGate(1500, () => t);
    // A page looping on the control: five requests in a burst open one reader.
    expect([1, 2, 3, 4, 5].map(() => gate.allow(7))).toEqual([true, false, false, false, false]);
    // Another tab is not held back.
    expect(gate.allow(8)).toBe(true);
    t += 1499;
    expect(gate.allow(7)).toBe(false);
    t += 1;
    expect(gate.allow(7)).toBe(true);
    gate.forget(8);
    expect(gate.allow(8)).toBe(true);
  });
});
