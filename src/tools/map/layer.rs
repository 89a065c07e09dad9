//! The map layer's bookkeeping (pure, native tests).
//!
//! The page draws the people and links of the map layer itself (see
//! `view_layer`), from one `Layer`: what each element shows (its look),
//! where it is and its state classes. Each change (a new graph, positions
//! of a layout frame, a new selection) gives a [`Patch`]: the elements to
//! remove, to create (and where), to move and to re-class, so the page
//! touches only what changed: an undo that brings back 2,000 people builds
//! them in one detached fragment, a layout frame sets only positions, and a
//! click changes the classes of the two or three elements concerned.

use super::model::{Graph, Id, Node, NodeKind, Strength};
use super::svg;
use crate::i18n::Lang;
use std::collections::{HashMap, HashSet};

/// State classes of a drawn person or link.
pub const SELECTED: u8 = 1;
pub const ON_PATH: u8 = 2;
/// Lifted onto the drag overlay (hidden on the map layer).
pub const LIFTED: u8 = 4;
/// Added after the "map as of" day (dimmed).
pub const LATER: u8 = 8;

/// The `class` attribute of an element: `base` and its state classes.
pub fn class(base: &str, flags: u8) -> String {
    let mut s = base.to_string();
    for (bit, name) in [
        (SELECTED, " selected"),
        (ON_PATH, " on-path"),
        (LIFTED, " map-lifted"),
        (LATER, " map-later"),
    ] {
        if flags & bit != 0 {
            s.push_str(name);
        }
    }
    s
}

/// A coordinate with one decimal (0 when not finite), as drawn.
pub fn f1(v: f64) -> String {
    crate::num::fixed(if v.is_finite() { v } else { 0.0 }, 1)
}

/// A person's `transform`.
pub fn translate(x: f64, y: f64) -> String {
    format!("translate({} {})", f1(x), f1(y))
}

/// What a person's element shows (a change rebuilds the element).
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLook {
    pub kind: NodeKind,
    /// The full name (the element's `<title>`, made on hover: `MapLayer::add_title`).
    pub name: String,
    /// The caption under the shape (`svg::caption`).
    pub caption: String,
}

/// What a link's element shows (a change rebuilds the element).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkLook {
    pub from: Id,
    pub to: Id,
    pub strength: Strength,
    pub directed: bool,
    /// The label (`svg::link_text`); no label element when empty.
    pub text: String,
}

/// A drawn person.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeItem {
    pub look: NodeLook,
    pub x: f64,
    pub y: f64,
    pub flags: u8,
}

/// A drawn link: its look, end points (`svg::link_ends`), label position
/// (the middle of the centres) and state classes.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkItem {
    pub look: LinkLook,
    pub ends: (f64, f64, f64, f64),
    pub mid: (f64, f64),
    pub flags: u8,
}

/// The sets the state classes come from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct States {
    pub selected: HashSet<Id>,
    pub path_nodes: HashSet<Id>,
    pub lifted: HashSet<Id>,
    pub later: HashSet<Id>,
    pub link_selected: Option<Id>,
    /// Consecutive people of the introduction path, both ways round.
    pub path_pairs: HashSet<(Id, Id)>,
}

impl States {
    fn node_flags(&self, id: Id) -> u8 {
        let mut f = 0;
        if self.selected.contains(&id) {
            f |= SELECTED;
        }
        if self.path_nodes.contains(&id) {
            f |= ON_PATH;
        }
        if self.lifted.contains(&id) {
            f |= LIFTED;
        }
        if self.later.contains(&id) {
            f |= LATER;
        }
        f
    }
    fn link_flags(&self, id: Id, from: Id, to: Id) -> u8 {
        let mut f = 0;
        if self.link_selected == Some(id) {
            f |= SELECTED;
        }
        if self.path_pairs.contains(&(from, to)) {
            f |= ON_PATH;
        }
        if self.lifted.contains(&from) || self.lifted.contains(&to) {
            f |= LIFTED;
        }
        if self.later.contains(&from) || self.later.contains(&to) {
            f |= LATER;
        }
        f
    }
}

/// Where a new element goes: before the element of a kept id, or last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    End,
    Before(Id),
}

/// What to change in the drawing. Removals come first, then additions
/// (in order), then moves and classes of kept elements. `reorder_*`: the
/// kept elements changed order (never by an edit; a safety net), so every
/// element is to be re-appended in `Layer::node_order` / `link_order`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Patch {
    pub node_removed: Vec<Id>,
    pub link_removed: Vec<Id>,
    pub node_added: Vec<(Id, Place)>,
    pub link_added: Vec<(Id, Place)>,
    pub node_moved: Vec<Id>,
    pub link_moved: Vec<Id>,
    pub node_class: Vec<Id>,
    pub link_class: Vec<Id>,
    pub reorder_nodes: bool,
    pub reorder_links: bool,
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        *self == Patch::default()
    }
}

/// What the map layer shows.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    nodes: HashMap<Id, NodeItem>,
    node_order: Vec<Id>,
    links: HashMap<Id, LinkItem>,
    link_order: Vec<Id>,
    /// The links of each person.
    by_node: HashMap<Id, Vec<Id>>,
    states: States,
}

/// Where each element goes: the ids that are not kept, in order, each
/// before the next kept id (or last); and whether the kept ids are still
/// in their old order.
fn places(old: &[Id], new: &[Id], kept: &HashSet<Id>) -> (Vec<(Id, Place)>, bool) {
    let mut out = Vec::new();
    let mut next = Place::End;
    for &id in new.iter().rev() {
        if kept.contains(&id) {
            next = Place::Before(id);
        } else {
            out.push((id, next));
        }
    }
    out.reverse();
    let same = old
        .iter()
        .filter(|id| kept.contains(id))
        .eq(new.iter().filter(|id| kept.contains(id)));
    (out, !same)
}

fn ends_mid(a: Option<&NodeItem>, b: Option<&NodeItem>) -> ((f64, f64, f64, f64), (f64, f64)) {
    let pt = |n: Option<&NodeItem>| Node {
        x: n.map_or(0.0, |n| n.x),
        y: n.map_or(0.0, |n| n.y),
        kind: n.map_or(NodeKind::default(), |n| n.look.kind),
        ..Default::default()
    };
    let (a, b) = (pt(a), pt(b));
    (
        svg::link_ends(&a, &b),
        ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
    )
}

/// The distance from `p` to the segment `(x1, y1)–(x2, y2)`.
fn segment_distance((x1, y1, x2, y2): (f64, f64, f64, f64), (px, py): (f64, f64)) -> f64 {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - x1) * dx + (py - y1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (px - (x1 + t * dx)).hypot(py - (y1 + t * dy))
}

impl Layer {
    pub fn node(&self, id: Id) -> Option<&NodeItem> {
        self.nodes.get(&id)
    }
    pub fn link(&self, id: Id) -> Option<&LinkItem> {
        self.links.get(&id)
    }
    pub fn node_order(&self) -> &[Id] {
        &self.node_order
    }
    pub fn link_order(&self) -> &[Id] {
        &self.link_order
    }

    /// The person whose shape is at most `slop` map units from the point
    /// (the nearest; of equals, the one drawn on top). A person's tap
    /// target is thus larger than the shape without an element of its own
    /// for it. People lifted into a drag are not hit.
    pub fn node_at(&self, x: f64, y: f64, slop: f64) -> Option<Id> {
        let mut best: Option<(f64, Id)> = None;
        for id in &self.node_order {
            let Some(n) = self.nodes.get(id) else {
                continue;
            };
            if n.flags & LIFTED != 0 {
                continue;
            }
            let d = (n.x - x).hypot(n.y - y) - svg::look(n.look.kind).radius;
            if d <= slop && best.is_none_or(|(b, _)| d <= b) {
                best = Some((d, *id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// The link drawn at most `tol` map units from the point (the nearest;
    /// of equals, the one drawn on top): the wide click target of a thin
    /// line, without an element of its own for it.
    pub fn link_at(&self, x: f64, y: f64, tol: f64) -> Option<Id> {
        let mut best: Option<(f64, Id)> = None;
        for id in &self.link_order {
            let Some(l) = self.links.get(id) else {
                continue;
            };
            if l.flags & LIFTED != 0 {
                continue;
            }
            let d = segment_distance(l.ends, (x, y));
            if d <= tol && best.is_none_or(|(b, _)| d <= b) {
                best = Some((d, *id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// Bring the layer up to the graph `g` (in language `lang`).
    pub fn sync(&mut self, g: &Graph, lang: Lang) -> Patch {
        let mut p = Patch::default();
        // People.
        let mut nodes = HashMap::with_capacity(g.nodes.len());
        let mut kept = HashSet::new();
        // People whose position or outline changed (their links follow).
        let mut changed = HashSet::new();
        for n in &g.nodes {
            let look = NodeLook {
                kind: n.kind,
                name: n.name.clone(),
                caption: svg::caption(n, lang),
            };
            let (x, y) = (n.x, n.y);
            match self.nodes.remove(&n.id) {
                Some(mut old) if old.look == look => {
                    kept.insert(n.id);
                    if (old.x, old.y) != (x, y) {
                        old.x = x;
                        old.y = y;
                        p.node_moved.push(n.id);
                        changed.insert(n.id);
                    }
                    nodes.insert(n.id, old);
                }
                old => {
                    if old.is_some() {
                        p.node_removed.push(n.id);
                    }
                    changed.insert(n.id);
                    let flags = self.states.node_flags(n.id);
                    nodes.insert(n.id, NodeItem { look, x, y, flags });
                }
            }
        }
        // Ids left over are no longer in the graph.
        p.node_removed
            .extend(in_order(&self.node_order, &self.nodes));
        let new_order: Vec<Id> = g.nodes.iter().map(|n| n.id).collect();
        let (added, reorder) = places(&self.node_order, &new_order, &kept);
        p.node_added = added;
        p.reorder_nodes = reorder;
        self.nodes = nodes;
        self.node_order = new_order;

        // Links.
        let mut links = HashMap::with_capacity(g.links.len());
        let mut kept = HashSet::new();
        let mut structure = false;
        for l in &g.links {
            let look = LinkLook {
                from: l.from,
                to: l.to,
                strength: l.strength,
                directed: l.directed,
                text: svg::link_text(l, lang),
            };
            match self.links.remove(&l.id) {
                Some(mut old) if old.look == look => {
                    kept.insert(l.id);
                    if changed.contains(&l.from) || changed.contains(&l.to) {
                        let (ends, mid) = ends_mid(self.nodes.get(&l.from), self.nodes.get(&l.to));
                        if (old.ends, old.mid) != (ends, mid) {
                            old.ends = ends;
                            old.mid = mid;
                            p.link_moved.push(l.id);
                        }
                    }
                    links.insert(l.id, old);
                }
                old => {
                    if old.is_some() {
                        p.link_removed.push(l.id);
                    }
                    structure = true;
                    let (ends, mid) = ends_mid(self.nodes.get(&l.from), self.nodes.get(&l.to));
                    let flags = self.states.link_flags(l.id, l.from, l.to);
                    links.insert(
                        l.id,
                        LinkItem {
                            look,
                            ends,
                            mid,
                            flags,
                        },
                    );
                }
            }
        }
        if !self.links.is_empty() {
            structure = true;
            p.link_removed
                .extend(in_order(&self.link_order, &self.links));
        }
        let new_order: Vec<Id> = g.links.iter().map(|l| l.id).collect();
        let (added, reorder) = places(&self.link_order, &new_order, &kept);
        p.link_added = added;
        p.reorder_links = reorder;
        self.links = links;
        self.link_order = new_order;
        if structure {
            self.by_node.clear();
            for l in &g.links {
                self.by_node.entry(l.from).or_default().push(l.id);
                if l.to != l.from {
                    self.by_node.entry(l.to).or_default().push(l.id);
                }
            }
        }
        p
    }

    /// Show people at other positions without changing the graph (a frame
    /// of an automatic layout). Unknown ids are ignored.
    pub fn show(&mut self, items: &[(Id, f64, f64)]) -> Patch {
        let mut p = Patch::default();
        for &(id, x, y) in items {
            if let Some(n) = self.nodes.get_mut(&id) {
                if (n.x, n.y) != (x, y) {
                    n.x = x;
                    n.y = y;
                    p.node_moved.push(id);
                }
            }
        }
        let mut seen = HashSet::new();
        for id in &p.node_moved {
            for lid in self.by_node.get(id).into_iter().flatten() {
                if !seen.insert(*lid) {
                    continue;
                }
                let Some(l) = self.links.get(lid) else {
                    continue;
                };
                let (ends, mid) =
                    ends_mid(self.nodes.get(&l.look.from), self.nodes.get(&l.look.to));
                let l = self.links.get_mut(lid).expect("present");
                if (l.ends, l.mid) != (ends, mid) {
                    l.ends = ends;
                    l.mid = mid;
                    p.link_moved.push(*lid);
                }
            }
        }
        p
    }

    /// The state sets (the layer is left with none).
    pub fn take_states(&mut self) -> States {
        std::mem::take(&mut self.states)
    }

    /// New state sets: the elements whose classes change.
    pub fn set_states(&mut self, s: States) -> Patch {
        let mut p = Patch::default();
        if s == self.states {
            return p;
        }
        self.states = s;
        for id in &self.node_order {
            if let Some(n) = self.nodes.get_mut(id) {
                let f = self.states.node_flags(*id);
                if f != n.flags {
                    n.flags = f;
                    p.node_class.push(*id);
                }
            }
        }
        for id in &self.link_order {
            if let Some(l) = self.links.get_mut(id) {
                let f = self.states.link_flags(*id, l.look.from, l.look.to);
                if f != l.flags {
                    l.flags = f;
                    p.link_class.push(*id);
                }
            }
        }
        p
    }
}

/// The ids of `order` that are keys of `left`, in that order.
fn in_order<T>(order: &[Id], left: &HashMap<Id, T>) -> Vec<Id> {
    if left.is_empty() {
        return Vec::new();
    }
    order
        .iter()
        .filter(|id| left.contains_key(id))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::map::model::{Link, Relation};

    fn node(id: Id, x: f64) -> Node {
        Node {
            id,
            name: format!("P{id}"),
            x,
            y: 0.0,
            ..Default::default()
        }
    }
    fn link(id: Id, from: Id, to: Id) -> Link {
        Link {
            id,
            from,
            to,
            relation: Relation::Other,
            ..Default::default()
        }
    }
    fn graph() -> Graph {
        Graph {
            nodes: vec![node(1, 0.0), node(2, 200.0), node(3, 400.0)],
            links: vec![link(10, 1, 2), link(11, 2, 3)],
            next_id: 12,
        }
    }

    #[test]
    fn people_and_links_are_hit_near_their_shapes() {
        let mut l = Layer::default();
        l.sync(&graph(), Lang::Zh);
        // Person 1: a client (radius 28) at the origin.
        assert_eq!(l.node_at(0.0, 0.0, 0.0), Some(1));
        assert_eq!(l.node_at(0.0, 27.0, 0.0), Some(1));
        assert_eq!(l.node_at(0.0, 36.0, 0.0), None, "beyond the shape");
        assert_eq!(l.node_at(0.0, 36.0, 10.0), Some(1), "within the slop");
        assert_eq!(l.node_at(100.0, 0.0, 10.0), None, "between two people");
        // Nearest wins where two targets overlap.
        assert_eq!(l.node_at(60.0, 0.0, 200.0), Some(1));
        assert_eq!(l.node_at(140.0, 0.0, 200.0), Some(2));
        // Link 10 runs from (30, 0) to (166, 0).
        assert_eq!(l.link_at(100.0, 5.0, 7.0), Some(10));
        assert_eq!(l.link_at(100.0, 9.0, 7.0), None);
        assert_eq!(l.link_at(20.0, 0.0, 7.0), None, "past its end");
        assert_eq!(l.link_at(300.0, -3.0, 7.0), Some(11));
        // A lifted person (and link) is in the drag layer, not here.
        let mut st = States::default();
        st.lifted.insert(1);
        l.set_states(st);
        assert_eq!(l.node_at(0.0, 0.0, 0.0), None);
        assert_eq!(l.link_at(100.0, 0.0, 7.0), None);
        assert_eq!(l.link_at(300.0, 0.0, 7.0), Some(11));
    }

    #[test]
    fn segment_distance_is_to_the_nearest_point() {
        let s = (0.0, 0.0, 10.0, 0.0);
        assert_eq!(segment_distance(s, (5.0, 3.0)), 3.0);
        assert_eq!(segment_distance(s, (-3.0, 4.0)), 5.0);
        assert_eq!(segment_distance(s, (13.0, 4.0)), 5.0);
        assert_eq!(segment_distance((1.0, 1.0, 1.0, 1.0), (4.0, 5.0)), 5.0);
    }

    #[test]
    fn first_sync_adds_everything_in_order() {
        let mut l = Layer::default();
        let p = l.sync(&graph(), Lang::Zh);
        assert_eq!(
            p.node_added,
            vec![(1, Place::End), (2, Place::End), (3, Place::End)]
        );
        assert_eq!(p.link_added, vec![(10, Place::End), (11, Place::End)]);
        assert!(p.node_removed.is_empty() && !p.reorder_nodes && !p.reorder_links);
        let e = l.link(10).unwrap().ends;
        // Shortened to the outlines (client radius 28 + 2, 28 + 6).
        assert_eq!(e, (30.0, 0.0, 166.0, 0.0));
        assert_eq!(l.link(10).unwrap().mid, (100.0, 0.0));
        // Nothing changed: nothing to do.
        assert!(l.sync(&graph(), Lang::Zh).is_empty());
    }

    #[test]
    fn a_move_touches_the_person_and_its_links_only() {
        let mut l = Layer::default();
        l.sync(&graph(), Lang::Zh);
        let mut g = graph();
        g.nodes[2].x = 500.0;
        let p = l.sync(&g, Lang::Zh);
        assert_eq!(p.node_moved, vec![3]);
        assert_eq!(p.link_moved, vec![11]);
        assert!(p.node_added.is_empty() && p.node_removed.is_empty());
        // A layout frame: positions only, the graph untouched.
        let p = l.show(&[(1, 0.0, 50.0), (2, 200.0, 0.0), (99, 1.0, 1.0)]);
        assert_eq!(p.node_moved, vec![1]);
        assert_eq!(p.link_moved, vec![10]);
        assert_eq!(l.node(1).unwrap().y, 50.0);
        // The graph's positions come back on the next sync.
        let p = l.sync(&g, Lang::Zh);
        assert_eq!(p.node_moved, vec![1]);
        assert_eq!(p.link_moved, vec![10]);
    }

    #[test]
    fn delete_and_undo_put_elements_back_in_place() {
        let mut l = Layer::default();
        l.sync(&graph(), Lang::Zh);
        let mut g = graph();
        g.nodes.remove(1);
        g.links.clear();
        let p = l.sync(&g, Lang::Zh);
        assert_eq!(p.node_removed, vec![2]);
        assert_eq!(p.link_removed, vec![10, 11]);
        let p = l.sync(&graph(), Lang::Zh);
        assert_eq!(p.node_added, vec![(2, Place::Before(3))]);
        assert_eq!(p.link_added, vec![(10, Place::End), (11, Place::End)]);
        assert!(!p.reorder_nodes);
        assert_eq!(l.node_order(), &[1, 2, 3]);
        // Everything deleted, then back.
        let p = l.sync(&Graph::default(), Lang::Zh);
        assert_eq!(p.node_removed, vec![1, 2, 3]);
        let p = l.sync(&graph(), Lang::Zh);
        assert_eq!(p.node_added.len(), 3);
        assert!(p.node_added.iter().all(|(_, at)| *at == Place::End));
    }

    #[test]
    fn a_changed_look_rebuilds_and_a_new_order_reorders() {
        let mut l = Layer::default();
        l.sync(&graph(), Lang::Zh);
        let mut g = graph();
        g.nodes[0].name = "<b>Ann</b>".into();
        g.links[1].label = "boss".into();
        let p = l.sync(&g, Lang::Zh);
        assert_eq!(p.node_removed, vec![1]);
        assert_eq!(p.node_added, vec![(1, Place::Before(2))]);
        assert_eq!(p.link_removed, vec![11]);
        assert_eq!(p.link_added, vec![(11, Place::End)]);
        assert_eq!(l.node(1).unwrap().look.caption, "<b>Ann</b>");
        assert_eq!(l.link(11).unwrap().look.text, "boss");
        g.nodes.swap(1, 2);
        let p = l.sync(&g, Lang::Zh);
        assert!(p.reorder_nodes);
        assert_eq!(l.node_order(), &[1, 3, 2]);
    }

    #[test]
    fn states_re_class_only_what_changes() {
        let mut l = Layer::default();
        l.sync(&graph(), Lang::Zh);
        let mut s = States {
            selected: [1].into(),
            ..Default::default()
        };
        let p = l.set_states(s.clone());
        assert_eq!(p.node_class, vec![1]);
        assert!(p.link_class.is_empty());
        assert_eq!(l.node(1).unwrap().flags, SELECTED);
        s.lifted = [2].into();
        s.path_pairs = [(2, 3), (3, 2)].into();
        s.link_selected = Some(10);
        let p = l.set_states(s.clone());
        assert_eq!(p.node_class, vec![2]);
        assert_eq!(p.link_class, vec![10, 11]);
        assert_eq!(l.link(10).unwrap().flags, SELECTED | LIFTED);
        assert_eq!(l.link(11).unwrap().flags, ON_PATH | LIFTED);
        assert!(l.set_states(s.clone()).is_empty());
        // New elements are drawn with the current states.
        let mut g = graph();
        g.nodes.push(node(4, 0.0));
        g.links.push(link(12, 4, 2));
        s.selected.insert(4);
        l.set_states(s);
        l.sync(&g, Lang::Zh);
        assert_eq!(l.node(4).unwrap().flags, SELECTED);
        assert_eq!(l.link(12).unwrap().flags, LIFTED);
        assert_eq!(
            class("map-link", LIFTED | LATER),
            "map-link map-lifted map-later"
        );
        assert_eq!(class("map-node", 0), "map-node");
        assert_eq!(translate(1.26, f64::NAN), "translate(1.3 0.0)");
    }
}
