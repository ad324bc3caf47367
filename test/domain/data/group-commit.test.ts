import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../domain/data/group-commit.ts';

/** A GroupCommit whose writes wait until released, recording each batch it was given. */
function recording(options: { maxBatch?: number; lanes?: number } = {}) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const groupCommit = new GroupCommit<number, number>(async (inputs) => {
    batches.push(inputs);
    await new Promise<void>((resolve) => releases.push(resolve));
    return inputs.map((input) => input * 10);
  }, options);
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((resolve) => setImmediate(resolve));
    releases.shift()!();
  };
  return { groupCommit, batches, releaseNext };
}

describe('GroupCommit', () => {
  it('writes the calls of one turn together and gives each caller its own result', async () => {
    const { groupCommit, batches, releaseNext } = recording();
    const results = Promise.all([1, 2, 3].map((n) => groupCommit.run(n)));
    await releaseNext();
    expect(await results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('keeps calls that arrive during a write for the next batch, one batch at a time', async () => {
    const { groupCommit, batches, releaseNext } = recording();
    const first = groupCommit.run(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    const later = Promise.all([groupCommit.run(2), groupCommit.run(3)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]); // the second batch waits for the first write
    await releaseNext();
    await releaseNext();
    expect(await first).toBe(10);
    expect(await later).toEqual([20, 30]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('splits batches at maxBatch', async () => {
    const { groupCommit, batches, releaseNext } = recording({ maxBatch: 2 });
    const results = Promise.all([1, 2, 3, 4, 5].map((n) => groupCommit.run(n)));
    for (let i = 0; i < 3; i++) await releaseNext();
    expect(await results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('writes the lanes at once, one batch in flight per lane, the calls of one key always in one lane', async () => {
    const { groupCommit, batches, releaseNext } = recording({ lanes: 2 });
    // Keys 1, 3 and 5 are lane 1's, 2 and 4 lane 0's.
    const first = Promise.all([groupCommit.run(1, 1), groupCommit.run(2, 2)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2]]);
    const later = Promise.all([groupCommit.run(3, 3), groupCommit.run(4, 4), groupCommit.run(5, 1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toHaveLength(2); // each lane waits for its own write
    for (let i = 0; i < 4; i++) await releaseNext();
    expect(await first).toEqual([10, 20]);
    expect(await later).toEqual([30, 40, 50]);
    expect(batches.slice(2).sort()).toEqual([[3, 5], [4]]);
  });

  it('rejects every call of a failed batch and goes on with the next', async () => {
    let fail = true;
    const groupCommit = new GroupCommit<number, number>(async (inputs) => {
      if (fail) throw new Error('refused');
      return inputs;
    });
    const failed = [groupCommit.run(1), groupCommit.run(2)].map((call) => call.catch((error: Error) => error.message));
    expect(await Promise.all(failed)).toEqual(['refused', 'refused']);
    fail = false;
    expect(await groupCommit.run(3)).toBe(3);
  });
});
