//! Automatic layouts. Force-directed (Fruchterman–Reingold with a grid
//! approximation of repulsion: exact between nodes in neighbouring cells, by
//! cell centroid beyond; cooling schedule; fixed iteration budget; seeded,
//! deterministic; a fresh layout starts from the pivot-MDS drawing of the
//! link distances, so the forces refine a drawing with no folds) and radial around a chosen node (BFS rings, wedges sized by
//! subtree). Both return new positions and never touch pinned nodes.

use super::model::{Graph, Id, Strength};
use std::collections::{HashSet, VecDeque};

/// Ideal distance between linked nodes, in map units (px at zoom 1).
pub const IDEAL: f64 = 110.0;
/// Fraction of the net force applied per iteration (before the cap).
const STEP: f64 = 0.25;

#[derive(Clone, Debug)]
pub struct ForceOpts {
    pub iterations: usize,
    pub seed: u64,
    /// Start from the current positions (refine) instead of a fresh spiral.
    pub from_current: bool,
    /// Nodes that keep their place.
    pub pinned: Vec<Id>,
}

impl Default for ForceOpts {
    fn default() -> Self {
        ForceOpts {
            iterations: 150,
            seed: 7,
            from_current: false,
            pinned: Vec::new(),
        }
    }
}

/// Small deterministic generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

fn centroid(g: &Graph) -> (f64, f64) {
    if g.nodes.is_empty() {
        return (0.0, 0.0);
    }
    let n = g.nodes.len() as f64;
    let (sx, sy) = g
        .nodes
        .iter()
        .fold((0.0, 0.0), |(a, b), p| (a + p.x, b + p.y));
    (sx / n, sy / n)
}

fn pull(s: Strength) -> f64 {
    match s {
        Strength::Strong => 1.5,
        Strength::Normal => 1.0,
        Strength::Weak => 0.6,
        Strength::Conflict => 0.35,
    }
}

/// Where a fresh layout is centred: the map's centre, snapped to a 10-unit
/// grid so that laying out a laid-out map again gives the very same result.
const SNAP: f64 = 10.0;

/// Force-directed layout. Returns `(id, x, y)` for every node (pinned ones
/// unchanged), centred where the map's centre was. The same map gives the
/// same layout, also when laid out again. People with no link are left out
/// of the simulation and set in tidy rows just below the group (a refine,
/// `from_current`, leaves them where they are).
pub fn force(g: &Graph, opts: &ForceOpts) -> Vec<(Id, f64, f64)> {
    let mut f = Force::new(g, opts);
    while f.step() {}
    f.positions()
}

/// A force layout in progress: `step` runs one iteration (false once all
/// are done) and `positions` gives the layout so far, placed as `force`
/// places the final one, so a page can draw it frame by frame.
pub struct Force {
    base: Vec<(Id, f64, f64)>,
    from_current: bool,
    cx: f64,
    cy: f64,
    sub: Vec<usize>,
    loose: Vec<usize>,
    fixed: Vec<bool>,
    px: Vec<f64>,
    py: Vec<f64>,
    edges: Vec<(usize, usize, f64)>,
    it: usize,
    iters: usize,
    t0: f64,
    dx: Vec<f64>,
    dy: Vec<f64>,
    cell_of: Vec<usize>,
    order: Vec<usize>,
    starts: Vec<usize>,
    cells: Vec<(f64, f64, f64, i64, i64)>,
    far: Vec<(f64, f64)>,
    per_axis: f64,
}

impl Force {
    pub fn new(g: &Graph, opts: &ForceOpts) -> Force {
        let n_all = g.nodes.len();
        let (cx, cy) = centroid(g);
        let (cx, cy) = ((cx / SNAP).round() * SNAP, (cy / SNAP).round() * SNAP);
        let idx = g.index();
        let pinned: HashSet<Id> = opts.pinned.iter().copied().collect();
        let mut has_link = vec![false; n_all];
        for l in &g.links {
            if let (Some(&a), Some(&b)) = (idx.get(&l.from), idx.get(&l.to)) {
                if a != b {
                    has_link[a] = true;
                    has_link[b] = true;
                }
            }
        }
        let in_sim = |i: usize| has_link[i] || pinned.contains(&g.nodes[i].id);
        // The simulated people (`sub`, in map order) and the loose ones.
        let sub: Vec<usize> = (0..n_all).filter(|&i| in_sim(i)).collect();
        let loose: Vec<usize> = (0..n_all).filter(|&i| !in_sim(i)).collect();
        let mut slot = vec![usize::MAX; n_all];
        for (s, &i) in sub.iter().enumerate() {
            slot[i] = s;
        }
        let n = sub.len();
        let fixed: Vec<bool> = sub
            .iter()
            .map(|&i| pinned.contains(&g.nodes[i].id))
            .collect();
        let mut rng = Rng::new(opts.seed);
        let k = IDEAL;
        let mut px = vec![0.0; n];
        let mut py = vec![0.0; n];
        let edges: Vec<(usize, usize, f64)> = g
            .links
            .iter()
            .filter_map(|l| {
                let (a, b) = (*idx.get(&l.from)?, *idx.get(&l.to)?);
                (a != b).then(|| (slot[a], slot[b], pull(l.strength)))
            })
            .collect();
        // A fresh layout with nothing pinned starts from the pivot-MDS
        // drawing of the link distances (no folds for the forces to undo).
        let mds = (!opts.from_current && !fixed.iter().any(|f| *f) && n >= 8)
            .then(|| pivot_mds(n, &edges, PIVOTS))
            .flatten();
        for (i, &gi) in sub.iter().enumerate() {
            let p = &g.nodes[gi];
            if opts.from_current || fixed[i] {
                px[i] = p.x - cx + (rng.unit() - 0.5);
                py[i] = p.y - cy + (rng.unit() - 0.5);
                if fixed[i] {
                    px[i] = p.x - cx;
                    py[i] = p.y - cy;
                }
            } else if let Some((mx, my)) = &mds {
                px[i] = mx[i] * k + (rng.unit() - 0.5);
                py[i] = my[i] * k + (rng.unit() - 0.5);
            } else {
                // Sunflower spiral with a little seeded jitter.
                let r = k * 0.7 * (i as f64 + 0.5).sqrt();
                let a = i as f64 * 2.399_963 + rng.unit() * 0.3;
                px[i] = r * a.cos();
                py[i] = r * a.sin();
            }
        }
        let iters = if n == 0 { 0 } else { opts.iterations.max(1) };
        let spread = k * (n as f64).sqrt();
        let t0 = if opts.from_current {
            k * 0.5
        } else if mds.is_some() {
            MDS_T0 * k
        } else {
            spread * 0.25 + k
        };
        let dx = vec![0.0; n];
        let dy = vec![0.0; n];
        // Grid storage reused between iterations.
        let cell_of = vec![0usize; n];
        let order: Vec<usize> = (0..n).collect();
        let starts: Vec<usize> = Vec::new();
        let cells: Vec<(f64, f64, f64, i64, i64)> = Vec::new(); // (sumx, sumy, count, cx, cy)
        let far: Vec<(f64, f64)> = Vec::new();
        let per_axis = ((n as f64).sqrt() / 2.0).clamp(1.0, 24.0);
        Force {
            base: g.nodes.iter().map(|p| (p.id, p.x, p.y)).collect(),
            from_current: opts.from_current,
            cx,
            cy,
            sub,
            loose,
            fixed,
            px,
            py,
            edges,
            it: 0,
            iters,
            t0,
            dx,
            dy,
            cell_of,
            order,
            starts,
            cells,
            far,
            per_axis,
        }
    }

    /// Iterations done and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.it, self.iters)
    }

    /// Run one iteration; false when the layout is complete.
    #[allow(clippy::needless_range_loop)]
    pub fn step(&mut self) -> bool {
        if self.it >= self.iters {
            return false;
        }
        let (it, iters, t0, per_axis) = (self.it, self.iters, self.t0, self.per_axis);
        let n = self.sub.len();
        let k = IDEAL;
        let k2 = k * k;
        let gravity = 0.02;
        let Force {
            px,
            py,
            fixed,
            edges,
            dx,
            dy,
            cell_of,
            order,
            starts,
            cells,
            far,
            ..
        } = self;
        let frac = it as f64 / iters as f64;
        let temp = t0 * (1.0 - frac) * (1.0 - frac) + 0.5;
        dx.iter_mut().for_each(|v| *v = 0.0);
        dy.iter_mut().for_each(|v| *v = 0.0);
        // Grid: cell side at least 2k, about sqrt(n)/2 cells per axis.
        let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..n {
            minx = minx.min(px[i]);
            miny = miny.min(py[i]);
            maxx = maxx.max(px[i]);
            maxy = maxy.max(py[i]);
        }
        let side = (2.0 * k).max((maxx - minx).max(maxy - miny) / per_axis);
        let gw = (((maxx - minx) / side) as usize + 1).min(64);
        let gh = (((maxy - miny) / side) as usize + 1).min(64);
        let ncell = gw * gh;
        starts.clear();
        starts.resize(ncell + 1, 0);
        for i in 0..n {
            let c = (((px[i] - minx) / side) as usize).min(gw - 1)
                + (((py[i] - miny) / side) as usize).min(gh - 1) * gw;
            cell_of[i] = c;
            starts[c + 1] += 1;
        }
        for c in 0..ncell {
            starts[c + 1] += starts[c];
        }
        let mut fill = starts.clone();
        for i in 0..n {
            let c = cell_of[i];
            order[fill[c]] = i;
            fill[c] += 1;
        }
        cells.clear();
        for c in 0..ncell {
            let (s, e) = (starts[c], starts[c + 1]);
            if s == e {
                continue;
            }
            let (mut sx, mut sy) = (0.0, 0.0);
            for &j in &order[s..e] {
                sx += px[j];
                sy += py[j];
            }
            cells.push((sx, sy, (e - s) as f64, (c % gw) as i64, (c / gw) as i64));
        }
        // Far field, per cell: the force at a cell's centroid from every
        // non-neighbouring cell's mass, shared by the nodes of that cell.
        far.clear();
        for a in 0..cells.len() {
            let (sx, sy, cnt, ax, ay) = cells[a];
            let (mx, my) = (sx / cnt, sy / cnt);
            let (mut fx, mut fy) = (0.0, 0.0);
            for &(bx, by, bc, bgx, bgy) in cells.iter() {
                if (bgx - ax).abs() <= 1 && (bgy - ay).abs() <= 1 {
                    continue;
                }
                let (ex, ey) = (mx - bx / bc, my - by / bc);
                let d2 = (ex * ex + ey * ey).max(1.0);
                let f = bc * k2 / d2;
                fx += ex * f;
                fy += ey * f;
            }
            far.push((fx, fy));
        }
        for (a, &(_, _, _, gx, gy)) in cells.iter().enumerate() {
            let c = gx as usize + gy as usize * gw;
            let (ffx, ffy) = far[a];
            let mine = &order[starts[c]..starts[c + 1]];
            for &i in mine {
                dx[i] += ffx;
                dy[i] += ffy;
            }
            // Near field, exact, each pair once: this cell and four of its
            // neighbours (the other four see this cell as their neighbour).
            for (ox, oy) in [(0i64, 0i64), (1, 0), (-1, 1), (0, 1), (1, 1)] {
                let (nx, ny) = (gx + ox, gy + oy);
                if nx < 0 || ny < 0 || nx >= gw as i64 || ny >= gh as i64 {
                    continue;
                }
                let cc = nx as usize + ny as usize * gw;
                let other = &order[starts[cc]..starts[cc + 1]];
                for (ii, &i) in mine.iter().enumerate() {
                    let others = if cc == c { &other[ii + 1..] } else { other };
                    let (xi, yi) = (px[i], py[i]);
                    let (mut fx, mut fy) = (0.0, 0.0);
                    for &j in others {
                        let (mut ex, mut ey) = (xi - px[j], yi - py[j]);
                        let mut d2 = ex * ex + ey * ey;
                        if d2 < 1e-6 {
                            ex = ((i * 7 + j * 13) % 17) as f64 / 17.0 - 0.5;
                            ey = ((i * 11 + j * 5) % 19) as f64 / 19.0 - 0.5;
                            d2 = ex * ex + ey * ey + 1e-6;
                        }
                        let f = k2 / d2;
                        fx += ex * f;
                        fy += ey * f;
                        dx[j] -= ex * f;
                        dy[j] -= ey * f;
                    }
                    dx[i] += fx;
                    dy[i] += fy;
                }
            }
        }
        // Attraction along links.
        for &(a, b, w) in edges.iter() {
            let (ex, ey) = (px[a] - px[b], py[a] - py[b]);
            let d = (ex * ex + ey * ey).sqrt();
            let f = d * w / k;
            dx[a] -= ex * f;
            dy[a] -= ey * f;
            dx[b] += ex * f;
            dy[b] += ey * f;
        }
        // Gravity, then limited moves.
        for i in 0..n {
            if fixed[i] {
                continue;
            }
            dx[i] -= px[i] * gravity * k / 10.0;
            dy[i] -= py[i] * gravity * k / 10.0;
            let d = (dx[i] * dx[i] + dy[i] * dy[i]).sqrt() * STEP;
            if d > 1e-9 {
                let m = d.min(temp) / d * STEP;
                px[i] += dx[i] * m;
                py[i] += dy[i] * m;
            }
        }
        self.it += 1;
        self.it < self.iters
    }

    /// The layout so far (the final one once `step` returned false).
    pub fn positions(&self) -> Vec<(Id, f64, f64)> {
        let Force {
            base,
            from_current,
            cx,
            cy,
            sub,
            loose,
            fixed,
            ..
        } = self;
        let (cx, cy, from_current) = (*cx, *cy, *from_current);
        let n_all = base.len();
        if n_all == 0 {
            return Vec::new();
        }
        let mut px = self.px.clone();
        let mut py = self.py.clone();
        let mut placed = if from_current {
            Vec::new()
        } else {
            place_loose(&px, &py, loose.len())
        };
        // A fresh layout is centred on the (snapped) centre of the map, so the
        // next run starts from the same centre and gives the same result.
        let fresh = !from_current && !fixed.iter().any(|f| *f);
        if fresh {
            let (sx, sy) = px
                .iter()
                .zip(&py)
                .map(|(x, y)| (*x, *y))
                .chain(placed.iter().copied())
                .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
            let (mx, my) = (sx / n_all as f64, sy / n_all as f64);
            px.iter_mut().for_each(|v| *v -= mx);
            py.iter_mut().for_each(|v| *v -= my);
            for p in placed.iter_mut() {
                p.0 -= mx;
                p.1 -= my;
            }
        }
        let mut out: Vec<(Id, f64, f64)> = base.clone();
        for (i, &gi) in sub.iter().enumerate() {
            if !fixed[i] {
                out[gi] = (base[gi].0, round1(px[i] + cx), round1(py[i] + cy));
            }
        }
        for (&gi, &(x, y)) in loose.iter().zip(&placed) {
            out[gi] = (base[gi].0, round1(x + cx), round1(y + cy));
        }
        out
    }
}

/// Places for `m` people with no link: columns just below the group drawn
/// at (`px`, `py`), centred under it and about as wide, each column starting
/// right under the group's lowest person there (a square block on its own
/// when there is no group).
fn place_loose(px: &[f64], py: &[f64], m: usize) -> Vec<(f64, f64)> {
    if m == 0 {
        return Vec::new();
    }
    let gap = IDEAL * 0.8;
    let (mut x0, mut x1, mut y1) = (f64::MAX, f64::MIN, f64::MIN);
    for (&x, &y) in px.iter().zip(py) {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let square = (m as f64).sqrt().ceil() as usize;
    let (cols, mid, top) = if px.is_empty() {
        let rows = m.div_ceil(square);
        (square, 0.0, -(rows as f64 - 1.0) * gap / 2.0)
    } else {
        let wide = ((x1 - x0) / gap).floor() as usize + 1;
        (square.max(wide).min(m), (x0 + x1) / 2.0, y1 + IDEAL)
    };
    // The group's lowest point near a column (its bottom is ragged).
    let bottom = |x: f64| {
        px.iter()
            .zip(py)
            .filter(|(gx, _)| (*gx - x).abs() <= gap * 1.5)
            .map(|(_, &gy)| gy + IDEAL * 0.9)
            .fold(f64::MIN, f64::max)
    };
    (0..m)
        .map(|j| {
            let (row, col) = (j / cols, j % cols);
            let in_row = cols.min(m - row * cols);
            let x = mid + (col as f64 - (in_row as f64 - 1.0) / 2.0) * gap;
            let start = if px.is_empty() {
                top
            } else {
                let b = bottom(x);
                if b == f64::MIN {
                    top
                } else {
                    b
                }
            };
            (x, start + row as f64 * gap)
        })
        .collect()
}

fn round1(v: f64) -> f64 {
    super::model::clamp_coord((v * 10.0).round() / 10.0)
}

/// Radial layout around `center`: BFS rings (all links), each subtree gets
/// an angular wedge proportional to its leaves; nodes not connected to the
/// centre go on an outer ring. The centre keeps its place.
pub fn radial(g: &Graph, center: Id) -> Vec<(Id, f64, f64)> {
    let n = g.nodes.len();
    let idx = g.index();
    let Some(&c) = idx.get(&center) else {
        return g.nodes.iter().map(|p| (p.id, p.x, p.y)).collect();
    };
    let adj: Vec<Vec<usize>> = super::analysis::adjacency(g, false)
        .into_iter()
        .map(|v| {
            let mut a: Vec<usize> = v.into_iter().map(|(j, _)| j).collect();
            crate::sort::asc(&mut a);
            a.dedup();
            a
        })
        .collect();
    let mut parent = vec![usize::MAX; n];
    let mut depth = vec![usize::MAX; n];
    let mut bfs = Vec::with_capacity(n);
    let mut q = VecDeque::new();
    depth[c] = 0;
    q.push_back(c);
    while let Some(v) = q.pop_front() {
        bfs.push(v);
        for &w in &adj[v] {
            if depth[w] == usize::MAX {
                depth[w] = depth[v] + 1;
                parent[w] = v;
                q.push_back(w);
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &v in &bfs[1..] {
        children[parent[v]].push(v);
    }
    let mut leaves = vec![1.0f64; n];
    for &v in bfs.iter().rev() {
        if !children[v].is_empty() {
            leaves[v] = children[v].iter().map(|&w| leaves[w]).sum();
        }
    }
    let ring = IDEAL * 1.4;
    let (ox, oy) = (g.nodes[c].x, g.nodes[c].y);
    let mut ang = vec![(0.0f64, std::f64::consts::TAU); n]; // (start, width)
    let mut pos = vec![(ox, oy); n];
    for &v in &bfs {
        let (start, width) = ang[v];
        let mut a = start;
        for &w in &children[v] {
            let share = width * leaves[w] / leaves[v].max(1.0);
            ang[w] = (a, share);
            let mid = a + share / 2.0;
            let r = ring * depth[w] as f64;
            pos[w] = (ox + r * mid.cos(), oy + r * mid.sin());
            a += share;
        }
    }
    let max_depth = bfs.iter().map(|&v| depth[v]).max().unwrap_or(0);
    let rest: Vec<usize> = (0..n).filter(|&i| depth[i] == usize::MAX).collect();
    let r = ring * (max_depth + 1) as f64 + ring * (rest.len() as f64 / 40.0).floor();
    for (j, &i) in rest.iter().enumerate() {
        let a = std::f64::consts::TAU * j as f64 / rest.len() as f64 + 0.3;
        pos[i] = (ox + r * a.cos(), oy + r * a.sin());
    }
    g.nodes
        .iter()
        .zip(pos)
        .enumerate()
        .map(|(i, (p, (x, y)))| {
            if i == c {
                (p.id, p.x, p.y)
            } else {
                (p.id, round1(x), round1(y))
            }
        })
        .collect()
}

/// Pivots of [`pivot_mds`].
const PIVOTS: usize = 40;
/// Starting temperature (× [`IDEAL`]) of a layout that starts from pivot MDS.
const MDS_T0: f64 = 0.5;

/// Pivot MDS (Brandes & Pich): positions, in links, whose distances follow
/// the link distances between `n` people joined by `edges`: the link
/// distances to `pivots` people chosen far apart, double-centred, projected
/// on their two main axes. `None` when there is no 2-D shape to find.
fn pivot_mds(
    n: usize,
    edges: &[(usize, usize, f64)],
    pivots: usize,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b, _) in edges {
        adj[a].push(b);
        adj[b].push(a);
    }
    let bfs = |s: usize, out: &mut Vec<f64>| {
        out.clear();
        out.resize(n, f64::INFINITY);
        out[s] = 0.0;
        let mut q = VecDeque::from([s]);
        let mut far = 0.0f64;
        while let Some(v) = q.pop_front() {
            for &w in &adj[v] {
                if out[w].is_infinite() {
                    out[w] = out[v] + 1.0;
                    far = far.max(out[w]);
                    q.push_back(w);
                }
            }
        }
        // Other groups: a little beyond the farthest person.
        for d in out.iter_mut().filter(|d| d.is_infinite()) {
            *d = far + 2.0;
        }
    };
    let m = pivots.min(n);
    // Columns of squared distances; pivots chosen by max–min distance.
    let mut cols: Vec<Vec<f64>> = Vec::with_capacity(m);
    let mut nearest = vec![f64::INFINITY; n];
    let mut d = Vec::new();
    let mut p = 0;
    for _ in 0..m {
        bfs(p, &mut d);
        for (a, &b) in nearest.iter_mut().zip(&d) {
            *a = a.min(b);
        }
        cols.push(d.iter().map(|x| x * x).collect());
        p = (0..n).max_by(|&a, &b| nearest[a].total_cmp(&nearest[b]))?;
    }
    // Double centring.
    let col_mean: Vec<f64> = cols
        .iter()
        .map(|c| c.iter().sum::<f64>() / n as f64)
        .collect();
    let row_mean: Vec<f64> = (0..n)
        .map(|i| cols.iter().map(|c| c[i]).sum::<f64>() / m as f64)
        .collect();
    let all = col_mean.iter().sum::<f64>() / m as f64;
    for (j, c) in cols.iter_mut().enumerate() {
        for (i, v) in c.iter_mut().enumerate() {
            *v = -0.5 * (*v - row_mean[i] - col_mean[j] + all);
        }
    }
    // The two main eigenvectors of CᵀC (m × m) by power iteration.
    let mut ctc = vec![0.0; m * m];
    for a in 0..m {
        for b in a..m {
            let v: f64 = cols[a].iter().zip(&cols[b]).map(|(x, y)| x * y).sum();
            ctc[a * m + b] = v;
            ctc[b * m + a] = v;
        }
    }
    let mut axes: Vec<Vec<f64>> = Vec::new();
    for k in 0..2 {
        let mut v: Vec<f64> = (0..m)
            .map(|i| {
                if (i + k) % 2 == 0 {
                    1.0
                } else {
                    0.5 + i as f64 / m as f64
                }
            })
            .collect();
        for _ in 0..100 {
            let mut w: Vec<f64> = (0..m)
                .map(|i| (0..m).map(|j| ctc[i * m + j] * v[j]).sum())
                .collect();
            for a in &axes {
                let dot: f64 = w.iter().zip(a).map(|(x, y)| x * y).sum();
                w.iter_mut().zip(a).for_each(|(x, y)| *x -= dot * y);
            }
            let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm.is_nan() || norm <= 1e-12 {
                return None;
            }
            w.iter_mut().for_each(|x| *x /= norm);
            v = w;
        }
        axes.push(v);
    }
    let project = |a: &[f64]| -> Vec<f64> {
        (0..n)
            .map(|i| cols.iter().zip(a).map(|(c, w)| c[i] * w).sum())
            .collect()
    };
    let (mut x, mut y) = (project(&axes[0]), project(&axes[1]));
    // Scale so that linked people are one unit apart on average.
    let mean_edge = edges
        .iter()
        .map(|&(a, b, _)| (x[a] - x[b]).hypot(y[a] - y[b]))
        .sum::<f64>()
        / edges.len().max(1) as f64;
    if mean_edge.is_nan() || mean_edge <= 1e-9 || x.iter().chain(&y).any(|v| !v.is_finite()) {
        return None;
    }
    x.iter_mut()
        .chain(y.iter_mut())
        .for_each(|v| *v /= mean_edge);
    Some((x, y))
}

/// Normalised stress of a layout: over every pair of connected people, how
/// far their distance on the map is from their distance in links (after the
/// best overall scale), squared and relative: 0 is a perfect drawing.
pub fn stress(g: &Graph, pos: &[(Id, f64, f64)]) -> f64 {
    let n = g.nodes.len();
    let idx = g.index();
    let adj = super::analysis::adjacency(g, false);
    let at: Vec<(f64, f64)> = {
        let mut v = vec![(0.0, 0.0); n];
        for &(id, x, y) in pos {
            if let Some(&i) = idx.get(&id) {
                v[i] = (x, y);
            }
        }
        v
    };
    // (map distance, link distance) of every connected pair.
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    let mut hop = vec![usize::MAX; n];
    let mut q = VecDeque::new();
    for s in 0..n {
        hop.iter_mut().for_each(|h| *h = usize::MAX);
        hop[s] = 0;
        q.clear();
        q.push_back(s);
        while let Some(v) = q.pop_front() {
            for &(w, _) in &adj[v] {
                if hop[w] == usize::MAX {
                    hop[w] = hop[v] + 1;
                    q.push_back(w);
                }
            }
        }
        for t in s + 1..n {
            if hop[t] != usize::MAX {
                let (dx, dy) = (at[s].0 - at[t].0, at[s].1 - at[t].1);
                pairs.push(((dx * dx + dy * dy).sqrt(), hop[t] as f64));
            }
        }
    }
    if pairs.is_empty() {
        return 0.0;
    }
    let scale = pairs.iter().map(|(l, d)| l / d).sum::<f64>() / pairs.len() as f64;
    if scale <= 0.0 {
        return 1.0;
    }
    pairs
        .iter()
        .map(|(l, d)| ((l - scale * d) / (scale * d)).powi(2))
        .sum::<f64>()
        / pairs.len() as f64
}

/// A deterministic test/benchmark graph: `n` nodes, `2n` links (a random
/// tree plus extra random links), mixed kinds and strengths.
pub fn generate(n: usize, seed: u64) -> Graph {
    use super::model::{Link, Node, NodeKind};
    let mut rng = Rng::new(seed);
    let mut g = Graph::default();
    for i in 0..n {
        g.nodes.push(Node {
            id: i as Id + 1,
            kind: NodeKind::ALL[rng.below(NodeKind::ALL.len())],
            name: format!("P{}", i + 1),
            x: rng.unit() * 1000.0,
            y: rng.unit() * 700.0,
            ..Default::default()
        });
    }
    let mut id = n as Id + 1;
    let mut push = |g: &mut Graph, a: usize, b: usize, rng: &mut Rng| {
        g.links.push(Link {
            id,
            from: a as Id + 1,
            to: b as Id + 1,
            strength: Strength::ALL[rng.below(4)],
            ..Default::default()
        });
        id += 1;
    };
    for i in 1..n {
        let p = rng.below(i);
        push(&mut g, p, i, &mut rng);
    }
    if n >= 2 {
        while g.links.len() < 2 * n {
            let (a, b) = (rng.below(n), rng.below(n));
            if a != b {
                push(&mut g, a, b, &mut rng);
            }
        }
    }
    g.next_id = id;
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::map::model::{apply, Op};

    fn dist(p: &[(Id, f64, f64)], a: usize, b: usize) -> f64 {
        ((p[a].1 - p[b].1).powi(2) + (p[a].2 - p[b].2).powi(2)).sqrt()
    }

    #[test]
    #[ignore]
    fn probe_time() {
        for n in [100usize, 500, 2000] {
            let g = generate(n, 42);
            let t = std::time::Instant::now();
            for _ in 0..3 {
                std::hint::black_box(force(&g, &ForceOpts::default()));
            }
            println!("{n}: {:?}", t.elapsed() / 3);
        }
    }

    #[test]
    #[ignore]
    fn probe_stress() {
        for (n, seed) in [(500usize, 42u64), (500, 7), (200, 3), (2000, 42)] {
            let g = generate(n, seed);
            let p = force(&g, &ForceOpts::default());
            println!("stress {n}/{seed}: {:.5}", stress(&g, &p));
        }
    }

    /// Issue 15 item 24: the same map gives the same layout on every click.
    #[test]
    fn laying_out_again_gives_the_same_layout() {
        for (n, seed) in [(40usize, 1u64), (150, 8)] {
            let mut g = generate(n, seed);
            let first = force(&g, &ForceOpts::default());
            apply(&mut g, Op::SetPos(first.clone()));
            let second = force(&g, &ForceOpts::default());
            assert_eq!(first, second, "{n}");
            apply(&mut g, Op::SetPos(second.clone()));
            assert_eq!(force(&g, &ForceOpts::default()), second);
        }
    }

    fn with_loose(n: usize, loose: usize) -> Graph {
        let mut g = generate(n, 42);
        for j in 0..loose {
            let id = g.next_id + j as Id;
            g.nodes.push(crate::tools::map::model::Node {
                id,
                name: format!("L{j}"),
                x: 3000.0 - j as f64,
                y: -2000.0,
                ..Default::default()
            });
        }
        g.next_id += loose as Id;
        g
    }

    /// Issue 15 item 24: people with no link are set near the group, not
    /// thrown to the corners.
    #[test]
    fn unconnected_people_are_placed_near_the_group() {
        let g = with_loose(500, 25);
        let p = force(&g, &ForceOpts::default());
        let (linked, loose) = p.split_at(500);
        for l in loose {
            let near = linked
                .iter()
                .map(|c| ((c.1 - l.1).powi(2) + (c.2 - l.2).powi(2)).sqrt())
                .fold(f64::MAX, f64::min);
            assert!(near < 3.0 * IDEAL, "{l:?} is {near} from the group");
        }
        // Not on top of each other, and the layout stays stable.
        for i in 0..loose.len() {
            for j in i + 1..loose.len() {
                assert!(dist(loose, i, j) > IDEAL * 0.5);
            }
        }
        let mut g2 = g.clone();
        apply(&mut g2, Op::SetPos(p.clone()));
        assert_eq!(force(&g2, &ForceOpts::default()), p);
        // Only loose people: a tidy block around the old centre.
        let mut only = with_loose(0, 9);
        for n in only.nodes.iter_mut() {
            n.x = 100.0;
            n.y = 100.0;
        }
        let q = force(&only, &ForceOpts::default());
        assert!(q
            .iter()
            .all(|(_, x, y)| (x - 100.0).abs() <= IDEAL && (y - 100.0).abs() <= IDEAL));
        assert!(dist(&q, 0, 1) > IDEAL * 0.5);
        // A refine leaves them where they are.
        let r = force(
            &g,
            &ForceOpts {
                from_current: true,
                iterations: 5,
                ..Default::default()
            },
        );
        assert_eq!((r[510].1, r[510].2), (g.nodes[510].x, g.nodes[510].y));
    }

    /// Issue 15 item 24: layout quality does not get worse (normalised
    /// stress of the 500-person benchmark map was 0.2182 before).
    #[test]
    fn pivot_mds_draws_a_path_as_a_line_and_a_ring_as_a_circle() {
        let path: Vec<(usize, usize, f64)> = (0..19).map(|i| (i, i + 1, 1.0)).collect();
        let (x, y) = pivot_mds(20, &path, PIVOTS).unwrap();
        // Consecutive people one unit apart, all on one line.
        for i in 0..19 {
            let d = (x[i] - x[i + 1]).hypot(y[i] - y[i + 1]);
            assert!((d - 1.0).abs() < 0.05, "{i}: {d}");
        }
        let end = (x[0] - x[19]).hypot(y[0] - y[19]);
        assert!((end - 19.0).abs() < 0.5, "{end}");
        let ring: Vec<(usize, usize, f64)> = (0..24).map(|i| (i, (i + 1) % 24, 1.0)).collect();
        let (x, y) = pivot_mds(24, &ring, PIVOTS).unwrap();
        let (mx, my) = (x.iter().sum::<f64>() / 24.0, y.iter().sum::<f64>() / 24.0);
        let r: Vec<f64> = (0..24).map(|i| (x[i] - mx).hypot(y[i] - my)).collect();
        let (lo, hi) = r
            .iter()
            .fold((f64::MAX, 0.0f64), |(a, b), v| (a.min(*v), b.max(*v)));
        assert!(hi - lo < 0.1 * hi, "a circle: radii {lo}..{hi}");
        // Two groups: finite, and nothing for fewer than two dimensions.
        let two = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (5, 3, 1.0),
        ];
        let (x, y) = pivot_mds(6, &two, PIVOTS).unwrap();
        assert!(x.iter().chain(&y).all(|v| v.is_finite()));
        assert!(pivot_mds(2, &[(0, 1, 1.0)], PIVOTS).is_none());
    }

    #[test]
    fn stress_at_500_people_does_not_get_worse() {
        let g = generate(500, 42);
        let p = force(&g, &ForceOpts::default());
        let s = stress(&g, &p);
        // 0.2182 from the sunflower spiral; 0.2045 from pivot MDS.
        assert!(s <= 0.2045 + 1e-4, "stress {s}");
        // With unconnected people added, the group is drawn as well as without.
        let g2 = with_loose(500, 25);
        let p2 = force(&g2, &ForceOpts::default());
        let s2 = stress(&g2, &p2);
        assert!((s2 - s).abs() < 1e-5, "{s2} vs {s}");
    }

    #[test]
    fn generator_is_deterministic_and_sized() {
        let g = generate(100, 1);
        assert_eq!(g.nodes.len(), 100);
        assert_eq!(g.links.len(), 200);
        assert_eq!(g, generate(100, 1));
        assert!(crate::tools::map::model::check(&g).is_ok());
        assert!(generate(0, 1).nodes.is_empty());
        assert!(generate(1, 1).links.is_empty());
    }

    #[test]
    fn force_is_deterministic_finite_and_spread() {
        let g = generate(200, 3);
        let a = force(&g, &ForceOpts::default());
        let b = force(&g, &ForceOpts::default());
        assert_eq!(a, b);
        assert!(a.iter().all(|(_, x, y)| x.is_finite() && y.is_finite()));
        // No two nodes on top of each other.
        let mut close = 0;
        for i in 0..a.len() {
            for j in i + 1..a.len() {
                if dist(&a, i, j) < IDEAL * 0.15 {
                    close += 1;
                }
            }
        }
        assert!(close <= 2, "{close} overlapping pairs");
    }

    #[test]
    fn force_brings_linked_nodes_closer_than_others() {
        let g = generate(120, 9);
        let p = force(&g, &ForceOpts::default());
        let idx = g.index();
        let linked: f64 = g
            .links
            .iter()
            .map(|l| dist(&p, idx[&l.from], idx[&l.to]))
            .sum::<f64>()
            / g.links.len() as f64;
        let mut all = 0.0;
        let mut cnt = 0.0;
        for i in (0..p.len()).step_by(7) {
            for j in (1..p.len()).step_by(5) {
                if i != j {
                    all += dist(&p, i, j);
                    cnt += 1.0;
                }
            }
        }
        assert!(linked < all / cnt * 0.6, "{linked} vs {}", all / cnt);
    }

    #[test]
    fn force_result_is_stable() {
        // Refining an already laid-out map moves nodes little.
        let mut g = generate(150, 4);
        let p = force(&g, &ForceOpts::default());
        apply(&mut g, Op::SetPos(p.clone()));
        let q = force(
            &g,
            &ForceOpts {
                from_current: true,
                iterations: 30,
                ..Default::default()
            },
        );
        let moved: f64 = p
            .iter()
            .zip(&q)
            .map(|(a, b)| ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt())
            .sum::<f64>()
            / p.len() as f64;
        assert!(moved < IDEAL * 0.6, "mean move {moved}");
    }

    #[test]
    fn pinned_nodes_stay_and_empty_graph_is_fine() {
        let g = generate(30, 2);
        let p = force(
            &g,
            &ForceOpts {
                pinned: vec![1, 5],
                ..Default::default()
            },
        );
        assert_eq!((p[0].1, p[0].2), (g.nodes[0].x, g.nodes[0].y));
        assert_eq!((p[4].1, p[4].2), (g.nodes[4].x, g.nodes[4].y));
        assert!(force(&Graph::default(), &ForceOpts::default()).is_empty());
        // Everyone at the same spot still spreads out.
        let mut same = generate(10, 2);
        for n in same.nodes.iter_mut() {
            n.x = 5.0;
            n.y = 5.0;
        }
        let q = force(
            &same,
            &ForceOpts {
                from_current: true,
                ..Default::default()
            },
        );
        assert!(dist(&q, 0, 1) > 10.0);
    }

    #[test]
    fn radial_puts_rings_at_bfs_depth() {
        let g = generate(60, 5);
        let c = g.nodes[0].id;
        let p = radial(&g, c);
        assert_eq!((p[0].1, p[0].2), (g.nodes[0].x, g.nodes[0].y));
        let ring = IDEAL * 1.4;
        // Neighbours of the centre are on ring 1.
        for l in g.links.iter().filter(|l| l.from == c || l.to == c) {
            let o = if l.from == c { l.to } else { l.from };
            let i = g.index()[&o];
            assert!((dist(&p, 0, i) - ring).abs() < 0.2);
        }
        // Unknown centre: positions unchanged.
        let same = radial(&g, 9999);
        assert_eq!(same[3], (g.nodes[3].id, g.nodes[3].x, g.nodes[3].y));
    }

    #[test]
    fn radial_places_disconnected_nodes_outside() {
        let mut g = generate(5, 5);
        g.links.clear();
        let p = radial(&g, 1);
        for i in 1..5 {
            assert!(dist(&p, 0, i) > IDEAL);
        }
    }
}
