// A large map document for the map benchmarks and diagnostics.

/** A map document of `n` people and `m` links in the stored format (rmt:doc:map). */
export function bigMap(n, m) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cols = Math.ceil(Math.sqrt(n));
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: i + 1, name: `P${i + 1}`,
    x: (i % cols) * 140, y: Math.floor(i / cols) * 120,
  }));
  const links = [], seen = new Set();
  while (links.length < m) {
    const a = 1 + Math.floor(rnd() * n), b = 1 + Math.floor(rnd() * n);
    const k = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(k)) continue;
    seen.add(k);
    links.push({ id: n + 1 + links.length, from: a, to: b });
  }
  const graph = { nodes, links, next_id: n + m + 1 };
  const data = { maps: [{ id: 1, name: "bench", graph }], current: 1, next_id: 2 };
  return JSON.stringify({ app: "rm-toolkit", doc: "map", schema: 2, rev: 1, saved_at: new Date().toISOString(), data });
}
