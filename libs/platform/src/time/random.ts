/**
 * A deterministic source of values in [0, 1) (mulberry32): the same seed gives the same series,
 * so generated data, property tests and jitter under test repeat run after run. Shaped like
 * `Math.random`, which is what the service injects in production.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
