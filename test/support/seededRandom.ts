// A small seeded generator for the tests and sweeps that make random texts and
// edits: the same seed gives the same sequence, so a failure names its seed
// and can be run again.

/** Numbers in [0, 1) from a linear congruential generator seeded with `seed`. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}
