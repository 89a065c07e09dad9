//! Analysis of a relationship map: degree and betweenness centrality
//! (Brandes), the best introduction path from the relationship manager to a
//! person (Dijkstra, strong links preferred, conflicts avoided), people out of
//! reach of the bank's side, counts by kind and strength.
//!
//! Links are treated as undirected for reachability: an introduction can go
//! either way along a known relation.

use super::model::{Graph, Id, NodeKind, Strength};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, VecDeque};

/// Undirected adjacency by node index; conflict links are left out when
/// `skip_conflict`. Each entry: (neighbour index, strength).
pub fn adjacency(g: &Graph, skip_conflict: bool) -> Vec<Vec<(usize, Strength)>> {
    let idx = g.index();
    let mut adj = vec![Vec::new(); g.nodes.len()];
    for l in &g.links {
        if skip_conflict && l.strength == Strength::Conflict {
            continue;
        }
        if let (Some(&a), Some(&b)) = (idx.get(&l.from), idx.get(&l.to)) {
            if a != b {
                adj[a].push((b, l.strength));
                adj[b].push((a, l.strength));
            }
        }
    }
    adj
}

/// Number of distinct neighbours of each node (all links), in node order.
pub fn degree(g: &Graph) -> Vec<usize> {
    adjacency(g, false)
        .into_iter()
        .map(|mut v| {
            let mut ns: Vec<usize> = v.drain(..).map(|(n, _)| n).collect();
            crate::sort::asc(&mut ns);
            ns.dedup();
            ns.len()
        })
        .collect()
}

/// Betweenness centrality (Brandes 2001, unweighted, undirected), in node
/// order. Each unordered pair counted once (scores halved).
pub fn betweenness(g: &Graph) -> Vec<f64> {
    betweenness_sampled(g, usize::MAX)
}

/// Betweenness from at most `max_sources` evenly spaced source nodes,
/// scaled up (Brandes & Pich 2007): exact when the map is small enough,
/// an estimate that keeps big maps responsive otherwise.
pub fn betweenness_sampled(g: &Graph, max_sources: usize) -> Vec<f64> {
    let n = g.nodes.len();
    let k = n.min(max_sources.max(1));
    let sources: Vec<usize> = (0..k).map(|i| i * n / k.max(1)).collect();
    let scale = if k == 0 { 1.0 } else { n as f64 / k as f64 };
    let adj: Vec<Vec<usize>> = adjacency(g, false)
        .into_iter()
        .map(|v| {
            let mut ns: Vec<usize> = v.into_iter().map(|(j, _)| j).collect();
            crate::sort::asc(&mut ns);
            ns.dedup();
            ns
        })
        .collect();
    let mut cb = vec![0.0; n];
    let mut stack = Vec::with_capacity(n);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut queue = VecDeque::with_capacity(n);
    for &s in &sources {
        stack.clear();
        for p in preds.iter_mut() {
            p.clear();
        }
        sigma.iter_mut().for_each(|v| *v = 0.0);
        dist.iter_mut().for_each(|v| *v = -1);
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        delta.iter_mut().for_each(|v| *v = 0.0);
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    cb.iter_mut().for_each(|v| *v *= scale / 2.0);
    cb
}

/// Sources used by the analysis panel's betweenness (exact up to this size).
pub const PANEL_SOURCES: usize = 300;

/// Cost of walking a link of this strength (None: not walkable).
pub fn cost(s: Strength) -> Option<u32> {
    match s {
        Strength::Strong => Some(1),
        Strength::Normal => Some(2),
        Strength::Weak => Some(4),
        Strength::Conflict => None,
    }
}

#[derive(Copy, Clone, Eq, PartialEq)]
struct State {
    cost: u32,
    hops: u32,
    node: usize,
}
impl Ord for State {
    fn cmp(&self, o: &Self) -> Ordering {
        o.cost
            .cmp(&self.cost)
            .then_with(|| o.hops.cmp(&self.hops))
            .then_with(|| o.node.cmp(&self.node))
    }
}
impl PartialOrd for State {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Which introduction path to look for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathMode {
    /// The strongest ties: least total cost, fewer steps on ties.
    #[default]
    Strongest,
    /// The fewest steps (introductions), stronger ties on ties.
    Shortest,
}

impl PathMode {
    pub const ALL: [PathMode; 2] = [PathMode::Strongest, PathMode::Shortest];
    pub fn key(self) -> &'static str {
        match self {
            PathMode::Strongest => "map.path.strongest",
            PathMode::Shortest => "map.path.shortest",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            PathMode::Strongest => "strongest",
            PathMode::Shortest => "shortest",
        }
    }
    pub fn from_slug(s: &str) -> PathMode {
        PathMode::ALL
            .into_iter()
            .find(|m| m.slug() == s)
            .unwrap_or_default()
    }
}

/// The best introduction path from `from` to `to` (node ids, both ends
/// included): least total cost (strong 1, normal 2, weak 4; conflicts never
/// used), fewer hops on ties. None if unreachable or unknown ids.
pub fn intro_path(g: &Graph, from: Id, to: Id) -> Option<Vec<Id>> {
    intro_path_by(g, from, to, PathMode::Strongest)
}

/// The introduction path of a mode; both modes never use conflict links.
pub fn intro_path_by(g: &Graph, from: Id, to: Id, mode: PathMode) -> Option<Vec<Id>> {
    let idx = g.index();
    let (&s, &t) = (idx.get(&from)?, idx.get(&to)?);
    let adj = adjacency(g, true);
    let n = g.nodes.len();
    let mut best = vec![(u32::MAX, u32::MAX); n];
    let mut prev = vec![usize::MAX; n];
    let mut heap = BinaryHeap::new();
    best[s] = (0, 0);
    heap.push(State {
        cost: 0,
        hops: 0,
        node: s,
    });
    while let Some(State {
        cost: c,
        hops,
        node,
    }) = heap.pop()
    {
        if (c, hops) > best[node] {
            continue;
        }
        if node == t {
            break;
        }
        for &(m, st) in &adj[node] {
            let Some(w) = cost(st) else { continue };
            // `cost` and `hops` hold the first and second criterion.
            let nc = match mode {
                PathMode::Strongest => (c + w, hops + 1),
                PathMode::Shortest => (c + 1, hops + w),
            };
            if nc < best[m] {
                best[m] = nc;
                prev[m] = node;
                heap.push(State {
                    cost: nc.0,
                    hops: nc.1,
                    node: m,
                });
            }
        }
    }
    if best[t].0 == u32::MAX {
        return None;
    }
    let mut path = vec![g.nodes[t].id];
    let mut cur = t;
    while cur != s {
        cur = prev[cur];
        path.push(g.nodes[cur].id);
    }
    path.reverse();
    Some(path)
}

/// The relationship manager's node (the first RM), if any.
pub fn rm_node(g: &Graph) -> Option<Id> {
    g.nodes
        .iter()
        .find(|n| n.kind == NodeKind::Rm)
        .map(|n| n.id)
}

/// People (non bank-side nodes) with no path, avoiding conflict links, to
/// any bank-side node (RM or bank colleague). Empty when the map has no
/// bank-side node (then everyone is "unreached": see `has_bank_side`).
pub fn unreached(g: &Graph) -> Vec<Id> {
    let adj = adjacency(g, true);
    let mut seen = vec![false; g.nodes.len()];
    let mut q: VecDeque<usize> = VecDeque::new();
    for (i, n) in g.nodes.iter().enumerate() {
        if n.kind.is_bank_side() {
            seen[i] = true;
            q.push_back(i);
        }
    }
    if q.is_empty() {
        return Vec::new();
    }
    while let Some(v) = q.pop_front() {
        for &(w, _) in &adj[v] {
            if !seen[w] {
                seen[w] = true;
                q.push_back(w);
            }
        }
    }
    g.nodes
        .iter()
        .zip(seen)
        .filter(|(_, s)| !s)
        .map(|(n, _)| n.id)
        .collect()
}

pub fn has_bank_side(g: &Graph) -> bool {
    g.nodes.iter().any(|n| n.kind.is_bank_side())
}

/// A node and its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub id: Id,
    pub degree: usize,
    pub betweenness: f64,
}

/// Summary for the analysis panel.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Summary {
    /// Top nodes by betweenness, then degree (at most `top`).
    pub connectors: Vec<Ranked>,
    pub by_kind: Vec<(NodeKind, usize)>,
    pub by_strength: Vec<(Strength, usize)>,
    pub unreached: Vec<Id>,
    pub has_bank_side: bool,
}

pub fn summary(g: &Graph, top: usize) -> Summary {
    let deg = degree(g);
    let bet = betweenness_sampled(g, PANEL_SOURCES);
    let mut ranked: Vec<Ranked> = g
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| deg[*i] > 0)
        .map(|(i, n)| Ranked {
            id: n.id,
            degree: deg[i],
            betweenness: bet[i],
        })
        .collect();
    crate::sort::by(&mut ranked, |a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(b.degree.cmp(&a.degree))
            .then(a.id.cmp(&b.id))
    });
    ranked.truncate(top);
    let mut kinds: HashMap<NodeKind, usize> = HashMap::new();
    for n in &g.nodes {
        *kinds.entry(n.kind).or_default() += 1;
    }
    let by_kind = NodeKind::ALL
        .into_iter()
        .filter_map(|k| kinds.get(&k).map(|c| (k, *c)))
        .collect();
    let by_strength = Strength::ALL
        .into_iter()
        .map(|s| (s, g.links.iter().filter(|l| l.strength == s).count()))
        .filter(|(_, c)| *c > 0)
        .collect();
    Summary {
        connectors: ranked,
        by_kind,
        by_strength,
        unreached: unreached(g),
        has_bank_side: has_bank_side(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::map::model::{Link, Node};

    fn graph(kinds: &[NodeKind], links: &[(Id, Id, Strength)]) -> Graph {
        let mut g = Graph::default();
        for (i, k) in kinds.iter().enumerate() {
            g.nodes.push(Node {
                id: i as Id + 1,
                kind: *k,
                ..Default::default()
            });
        }
        for (i, (a, b, s)) in links.iter().enumerate() {
            g.links.push(Link {
                id: 100 + i as Id,
                from: *a,
                to: *b,
                strength: *s,
                ..Default::default()
            });
        }
        g
    }
    const N: Strength = Strength::Normal;

    #[test]
    fn star_centre_has_all_betweenness() {
        let g = graph(
            &[NodeKind::Client; 5],
            &[(1, 2, N), (1, 3, N), (1, 4, N), (1, 5, N)],
        );
        assert_eq!(degree(&g), vec![4, 1, 1, 1, 1]);
        let b = betweenness(&g);
        assert_eq!(b[0], 6.0); // C(4,2) pairs all go through the centre
        assert!(b[1..].iter().all(|v| *v == 0.0));
    }

    #[test]
    fn path_graph_betweenness() {
        // 1-2-3-4-5: node 3 lies on 4 pairs' paths, 2 and 4 on 3 each.
        let g = graph(
            &[NodeKind::Client; 5],
            &[(1, 2, N), (2, 3, N), (3, 4, N), (4, 5, N)],
        );
        assert_eq!(betweenness(&g), vec![0.0, 3.0, 4.0, 3.0, 0.0]);
    }

    #[test]
    fn square_splits_betweenness() {
        // Cycle 1-2-3-4-1: each pair of opposite nodes has two paths.
        let g = graph(
            &[NodeKind::Client; 4],
            &[(1, 2, N), (2, 3, N), (3, 4, N), (4, 1, N)],
        );
        assert_eq!(betweenness(&g), vec![0.5; 4]);
    }

    #[test]
    fn sampled_betweenness_is_exact_for_small_maps_and_close_for_big_ones() {
        let g = crate::tools::map::layout::generate(120, 3);
        assert_eq!(betweenness_sampled(&g, 500), betweenness(&g));
        let big = crate::tools::map::layout::generate(900, 3);
        let exact = betweenness(&big);
        let est = betweenness_sampled(&big, 300);
        let top = |v: &[f64]| {
            let mut i: Vec<usize> = (0..v.len()).collect();
            crate::sort::by(&mut i, |a, b| v[*b].total_cmp(&v[*a]));
            i.truncate(10);
            i
        };
        let (te, ts) = (top(&exact), top(&est));
        assert!(te.iter().filter(|i| ts.contains(i)).count() >= 6);
        assert!(betweenness_sampled(&Graph::default(), 10).is_empty());
    }

    #[test]
    fn duplicate_links_count_once_in_degree() {
        let g = graph(&[NodeKind::Client; 2], &[(1, 2, N), (2, 1, N)]);
        assert_eq!(degree(&g), vec![1, 1]);
        assert_eq!(betweenness(&g), vec![0.0, 0.0]);
    }

    #[test]
    fn intro_path_prefers_strong_links_and_avoids_conflicts() {
        use Strength::*;
        // RM(1) -weak- 5 -weak- Target(4)  cost 8
        // RM(1) -strong- 2 -strong- 3 -normal- 4  cost 4
        // RM(1) -conflict- 4 (never used)
        let g = graph(
            &[
                NodeKind::Rm,
                NodeKind::Friend,
                NodeKind::Family,
                NodeKind::Client,
                NodeKind::Colleague,
            ],
            &[
                (1, 5, Weak),
                (5, 4, Weak),
                (1, 2, Strong),
                (2, 3, Strong),
                (3, 4, Normal),
                (1, 4, Conflict),
            ],
        );
        assert_eq!(intro_path(&g, 1, 4), Some(vec![1, 2, 3, 4]));
        assert_eq!(intro_path(&g, 1, 1), Some(vec![1]));
        assert_eq!(intro_path(&g, 1, 99), None);
        // Only a conflict link: no path.
        let g2 = graph(&[NodeKind::Rm, NodeKind::Client], &[(1, 2, Conflict)]);
        assert_eq!(intro_path(&g2, 1, 2), None);
    }

    /// Issue 15 item 25: "shortest" takes the fewest steps; both modes
    /// avoid conflict links.
    #[test]
    fn shortest_path_takes_fewest_steps_and_avoids_conflicts() {
        use Strength::*;
        // 1 -weak- 5 -weak- 4: two steps; 1 -strong- 2 -strong- 3 -normal- 4: three.
        // 1 -conflict- 4 is never used.
        let g = graph(
            &[
                NodeKind::Rm,
                NodeKind::Friend,
                NodeKind::Family,
                NodeKind::Client,
                NodeKind::Colleague,
            ],
            &[
                (1, 5, Weak),
                (5, 4, Weak),
                (1, 2, Strong),
                (2, 3, Strong),
                (3, 4, Normal),
                (1, 4, Conflict),
            ],
        );
        assert_eq!(
            intro_path_by(&g, 1, 4, PathMode::Strongest),
            Some(vec![1, 2, 3, 4])
        );
        assert_eq!(
            intro_path_by(&g, 1, 4, PathMode::Shortest),
            Some(vec![1, 5, 4])
        );
        // Equal steps: the stronger ties win.
        let g2 = graph(
            &[
                NodeKind::Rm,
                NodeKind::Friend,
                NodeKind::Friend,
                NodeKind::Client,
            ],
            &[(1, 2, Weak), (2, 4, Weak), (1, 3, Strong), (3, 4, Normal)],
        );
        assert_eq!(
            intro_path_by(&g2, 1, 4, PathMode::Shortest),
            Some(vec![1, 3, 4])
        );
        let g3 = graph(&[NodeKind::Rm, NodeKind::Client], &[(1, 2, Conflict)]);
        assert_eq!(intro_path_by(&g3, 1, 2, PathMode::Shortest), None);
        assert_eq!(PathMode::from_slug("shortest"), PathMode::Shortest);
        assert_eq!(PathMode::from_slug("?"), PathMode::Strongest);
    }

    #[test]
    fn equal_cost_prefers_fewer_hops() {
        use Strength::*;
        // 1-2 normal (cost 2) vs 1-3-2 strong,strong (cost 2, 2 hops)
        let g = graph(
            &[NodeKind::Rm, NodeKind::Client, NodeKind::Friend],
            &[(1, 3, Strong), (3, 2, Strong), (1, 2, Normal)],
        );
        assert_eq!(intro_path(&g, 1, 2), Some(vec![1, 2]));
    }

    #[test]
    fn unreached_people_and_counts() {
        use Strength::*;
        let g = graph(
            &[
                NodeKind::Rm,
                NodeKind::Client,
                NodeKind::Family,
                NodeKind::Family,
                NodeKind::BankColleague,
                NodeKind::Influencer,
            ],
            &[
                (1, 2, Strong),
                (2, 3, Normal),
                (3, 4, Conflict),
                (5, 6, Weak),
            ],
        );
        assert_eq!(unreached(&g), vec![4]);
        let s = summary(&g, 3);
        assert!(s.has_bank_side);
        assert_eq!(s.unreached, vec![4]);
        assert_eq!(
            s.by_kind,
            vec![
                (NodeKind::Client, 1),
                (NodeKind::Family, 2),
                (NodeKind::Influencer, 1),
                (NodeKind::Rm, 1),
                (NodeKind::BankColleague, 1)
            ]
        );
        assert_eq!(
            s.by_strength,
            vec![(Strong, 1), (Normal, 1), (Weak, 1), (Conflict, 1)]
        );
        assert_eq!(s.connectors[0].id, 2);
        assert_eq!(s.connectors.len(), 3);
        // No bank side at all.
        let g2 = graph(&[NodeKind::Client], &[]);
        assert!(unreached(&g2).is_empty());
        assert!(!summary(&g2, 5).has_bank_side);
        assert_eq!(rm_node(&g), Some(1));
    }
}
