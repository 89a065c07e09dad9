//! The relationship graph: nodes, links, edit operations with undo/redo, and
//! validation of imported maps. Pure Rust, no web dependencies.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};

/// What a person or organisation is to the client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The client, the key person of the map.
    #[default]
    Client,
    Family,
    Friend,
    Colleague,
    /// Employer / parent body / holding company.
    Employer,
    DecisionMaker,
    Influencer,
    /// The relationship manager.
    Rm,
    BankColleague,
    #[serde(other)]
    Other,
}

impl NodeKind {
    pub const ALL: [NodeKind; 10] = [
        NodeKind::Client,
        NodeKind::Family,
        NodeKind::Friend,
        NodeKind::Colleague,
        NodeKind::Employer,
        NodeKind::DecisionMaker,
        NodeKind::Influencer,
        NodeKind::Rm,
        NodeKind::BankColleague,
        NodeKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            NodeKind::Client => "map.kind.client",
            NodeKind::Family => "map.kind.family",
            NodeKind::Friend => "map.kind.friend",
            NodeKind::Colleague => "map.kind.colleague",
            NodeKind::Employer => "map.kind.employer",
            NodeKind::DecisionMaker => "map.kind.decision",
            NodeKind::Influencer => "map.kind.influencer",
            NodeKind::Rm => "map.kind.rm",
            NodeKind::BankColleague => "map.kind.bank",
            NodeKind::Other => "map.kind.other",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            NodeKind::Client => "client",
            NodeKind::Family => "family",
            NodeKind::Friend => "friend",
            NodeKind::Colleague => "colleague",
            NodeKind::Employer => "employer",
            NodeKind::DecisionMaker => "decision_maker",
            NodeKind::Influencer => "influencer",
            NodeKind::Rm => "rm",
            NodeKind::BankColleague => "bank_colleague",
            NodeKind::Other => "other",
        }
    }

    pub fn from_slug(s: &str) -> NodeKind {
        NodeKind::ALL
            .into_iter()
            .find(|k| k.slug() == s)
            .unwrap_or(NodeKind::Other)
    }

    /// True for the bank's side of the map (the RM and bank colleagues).
    pub fn is_bank_side(self) -> bool {
        matches!(self, NodeKind::Rm | NodeKind::BankColleague)
    }
}

/// The role of a decision-maker in a corporate client's decision chain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    None,
    User,
    Purchasing,
    Support,
    Management,
    TopManagement,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::None,
        Role::User,
        Role::Purchasing,
        Role::Support,
        Role::Management,
        Role::TopManagement,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Role::None => "map.role.none",
            Role::User => "map.role.user",
            Role::Purchasing => "map.role.purchasing",
            Role::Support => "map.role.support",
            Role::Management => "map.role.management",
            Role::TopManagement => "map.role.top",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Role::None => "none",
            Role::User => "user",
            Role::Purchasing => "purchasing",
            Role::Support => "support",
            Role::Management => "management",
            Role::TopManagement => "top_management",
        }
    }
    pub fn from_slug(s: &str) -> Role {
        Role::ALL
            .into_iter()
            .find(|k| k.slug() == s)
            .unwrap_or(Role::None)
    }
}

/// The kind of relation a link stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Family,
    Spouse,
    Colleague,
    ReportsTo,
    Friend,
    BusinessPartner,
    IntroducedBy,
    Neighbour,
    Serves,
    #[default]
    #[serde(other)]
    Other,
}

impl Relation {
    pub const ALL: [Relation; 10] = [
        Relation::Family,
        Relation::Spouse,
        Relation::Colleague,
        Relation::ReportsTo,
        Relation::Friend,
        Relation::BusinessPartner,
        Relation::IntroducedBy,
        Relation::Neighbour,
        Relation::Serves,
        Relation::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Relation::Family => "map.rel.family",
            Relation::Spouse => "map.rel.spouse",
            Relation::Colleague => "map.rel.colleague",
            Relation::ReportsTo => "map.rel.reports_to",
            Relation::Friend => "map.rel.friend",
            Relation::BusinessPartner => "map.rel.partner",
            Relation::IntroducedBy => "map.rel.introduced_by",
            Relation::Neighbour => "map.rel.neighbour",
            Relation::Serves => "map.rel.serves",
            Relation::Other => "map.rel.other",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Relation::Family => "family",
            Relation::Spouse => "spouse",
            Relation::Colleague => "colleague",
            Relation::ReportsTo => "reports_to",
            Relation::Friend => "friend",
            Relation::BusinessPartner => "business_partner",
            Relation::IntroducedBy => "introduced_by",
            Relation::Neighbour => "neighbour",
            Relation::Serves => "serves",
            Relation::Other => "other",
        }
    }
    pub fn from_slug(s: &str) -> Relation {
        Relation::ALL
            .into_iter()
            .find(|k| k.slug() == s)
            .unwrap_or(Relation::Other)
    }
}

/// How strong a relation is (a conflict is a bad relation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Strong,
    Weak,
    Conflict,
    #[default]
    #[serde(other)]
    Normal,
}

impl Strength {
    pub const ALL: [Strength; 4] = [
        Strength::Strong,
        Strength::Normal,
        Strength::Weak,
        Strength::Conflict,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Strength::Strong => "map.str.strong",
            Strength::Normal => "map.str.normal",
            Strength::Weak => "map.str.weak",
            Strength::Conflict => "map.str.conflict",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Normal => "normal",
            Strength::Weak => "weak",
            Strength::Conflict => "conflict",
        }
    }
    pub fn from_slug(s: &str) -> Strength {
        Strength::ALL
            .into_iter()
            .find(|k| k.slug() == s)
            .unwrap_or(Strength::Normal)
    }
}

pub type Id = u32;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    pub id: Id,
    pub kind: NodeKind,
    pub role: Role,
    pub name: String,
    pub notes: String,
    /// ISO date or free text ("05-12"), empty when unknown.
    pub birthday: String,
    pub anniversary: String,
    pub tags: Vec<String>,
    /// When the person joined the client's network / became known to us:
    /// ISO `yyyy-mm-dd`, empty when unknown (see `parse_date`).
    pub since: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Link {
    pub id: Id,
    pub from: Id,
    pub to: Id,
    pub relation: Relation,
    pub strength: Strength,
    pub directed: bool,
    pub label: String,
}

/// A relationship map's content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// Next free id (shared by nodes and links; never reused).
    pub next_id: Id,
}

impl Graph {
    pub fn node(&self, id: Id) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    pub fn node_mut(&mut self, id: Id) -> Option<&mut Node> {
        self.nodes.iter_mut().find(|n| n.id == id)
    }
    pub fn link(&self, id: Id) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }
    /// A fresh id (also accounts for ids already present).
    pub fn fresh_id(&mut self) -> Id {
        let max = self
            .nodes
            .iter()
            .map(|n| n.id)
            .chain(self.links.iter().map(|l| l.id))
            .max()
            .map(|m| m.saturating_add(1))
            .unwrap_or(1);
        let id = self.next_id.max(max).max(1);
        self.next_id = id.saturating_add(1);
        id
    }
    /// Index of each node id.
    pub fn index(&self) -> HashMap<Id, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect()
    }
    /// This graph with every position at the origin: what analysis sees.
    pub fn structure(&self) -> Graph {
        let mut s = self.clone();
        for n in s.nodes.iter_mut() {
            n.x = 0.0;
            n.y = 0.0;
        }
        s
    }
    /// True if `self` equals `other` but for the positions of the people
    /// (compared in place, nothing copied).
    pub fn same_structure(&self, other: &Graph) -> bool {
        self.next_id == other.next_id
            && self.links == other.links
            && self.nodes.len() == other.nodes.len()
            && self.nodes.iter().zip(&other.nodes).all(|(a, b)| {
                // Every field but the position (a new field must be added here).
                let Node {
                    id,
                    kind,
                    role,
                    name,
                    notes,
                    birthday,
                    anniversary,
                    tags,
                    since,
                    x: _,
                    y: _,
                } = a;
                *id == b.id
                    && *kind == b.kind
                    && *role == b.role
                    && *name == b.name
                    && *notes == b.notes
                    && *birthday == b.birthday
                    && *anniversary == b.anniversary
                    && *tags == b.tags
                    && *since == b.since
            })
    }
    /// True if a link between a and b (either way) exists.
    pub fn linked(&self, a: Id, b: Id) -> bool {
        self.links
            .iter()
            .any(|l| (l.from == a && l.to == b) || (l.from == b && l.to == a))
    }
}

/// What moves while people are dragged: the dragged people and every link
/// touching one of them, each with its two end people as they were when the
/// drag started. The page draws these on a separate layer during the drag,
/// so the rest of the map is not redrawn on every pointer move.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lift {
    pub nodes: Vec<Node>,
    pub links: Vec<(Link, Node, Node)>,
    pub node_ids: HashSet<Id>,
}

impl Lift {
    /// True if the person moves with the drag.
    pub fn moves(&self, id: Id) -> bool {
        self.node_ids.contains(&id)
    }
}

/// The lift of the people `ids` (ids that are not in the map are ignored).
pub fn lift(g: &Graph, ids: &HashSet<Id>) -> Lift {
    let idx = g.index();
    let nodes: Vec<Node> = g
        .nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .cloned()
        .collect();
    let node_ids: HashSet<Id> = nodes.iter().map(|n| n.id).collect();
    let links: Vec<(Link, Node, Node)> = g
        .links
        .iter()
        .filter(|l| node_ids.contains(&l.from) || node_ids.contains(&l.to))
        .filter_map(|l| {
            let a = g.nodes.get(*idx.get(&l.from)?)?;
            let b = g.nodes.get(*idx.get(&l.to)?)?;
            Some((l.clone(), a.clone(), b.clone()))
        })
        .collect();
    Lift {
        nodes,
        links,
        node_ids,
    }
}

/// One reversible edit. `apply` returns the operation that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Insert nodes at positions (ascending index order).
    InsertNodes(Vec<(usize, Node)>),
    /// Delete nodes and every link touching them.
    DeleteNodes(Vec<Id>),
    InsertLinks(Vec<(usize, Link)>),
    DeleteLinks(Vec<Id>),
    /// Set positions (absolute).
    SetPos(Vec<(Id, f64, f64)>),
    /// Replace a node's data (matched by id; position kept from the new value).
    ReplaceNode(Box<Node>),
    ReplaceLink(Link),
    Batch(Vec<Op>),
}

impl Op {
    pub fn add_node(node: Node) -> Op {
        Op::InsertNodes(vec![(usize::MAX, node)])
    }
    pub fn add_link(link: Link) -> Op {
        Op::InsertLinks(vec![(usize::MAX, link)])
    }
}

/// Apply an operation and return its inverse.
pub fn apply(g: &mut Graph, op: Op) -> Op {
    match op {
        Op::InsertNodes(items) => {
            let mut have: HashSet<Id> = g.nodes.iter().map(|n| n.id).collect();
            let items: Vec<(usize, Node)> = items
                .into_iter()
                .filter(|(_, n)| have.insert(n.id))
                .collect();
            let ids: Vec<Id> = items.iter().map(|(_, n)| n.id).collect();
            for id in &ids {
                g.next_id = g.next_id.max(id.saturating_add(1));
            }
            insert_at(&mut g.nodes, items);
            Op::DeleteNodes(ids)
        }
        Op::DeleteNodes(ids) => {
            let set: HashSet<Id> = ids.into_iter().collect();
            let mut links = Vec::new();
            let mut keep_links = Vec::with_capacity(g.links.len());
            for (i, l) in std::mem::take(&mut g.links).into_iter().enumerate() {
                if set.contains(&l.from) || set.contains(&l.to) {
                    links.push((i, l));
                } else {
                    keep_links.push(l);
                }
            }
            g.links = keep_links;
            let mut nodes = Vec::new();
            let mut keep = Vec::with_capacity(g.nodes.len());
            for (i, n) in std::mem::take(&mut g.nodes).into_iter().enumerate() {
                if set.contains(&n.id) {
                    nodes.push((i, n));
                } else {
                    keep.push(n);
                }
            }
            g.nodes = keep;
            Op::Batch(vec![Op::InsertNodes(nodes), Op::InsertLinks(links)])
        }
        Op::InsertLinks(items) => {
            let nodes: HashSet<Id> = g.nodes.iter().map(|n| n.id).collect();
            let mut have: HashSet<Id> = g.links.iter().map(|l| l.id).collect();
            let items: Vec<(usize, Link)> = items
                .into_iter()
                .filter(|(_, l)| {
                    nodes.contains(&l.from) && nodes.contains(&l.to) && have.insert(l.id)
                })
                .collect();
            let ids: Vec<Id> = items.iter().map(|(_, l)| l.id).collect();
            for id in &ids {
                g.next_id = g.next_id.max(id.saturating_add(1));
            }
            insert_at(&mut g.links, items);
            Op::DeleteLinks(ids)
        }
        Op::DeleteLinks(ids) => {
            let set: HashSet<Id> = ids.into_iter().collect();
            let mut removed = Vec::new();
            let mut keep = Vec::with_capacity(g.links.len());
            for (i, l) in std::mem::take(&mut g.links).into_iter().enumerate() {
                if set.contains(&l.id) {
                    removed.push((i, l));
                } else {
                    keep.push(l);
                }
            }
            g.links = keep;
            Op::InsertLinks(removed)
        }
        Op::SetPos(items) => {
            let idx = g.index();
            let mut old = Vec::with_capacity(items.len());
            for (id, x, y) in items {
                if let Some(&i) = idx.get(&id) {
                    let n = &mut g.nodes[i];
                    old.push((id, n.x, n.y));
                    n.x = clamp_coord(x);
                    n.y = clamp_coord(y);
                }
            }
            old.reverse();
            Op::SetPos(old)
        }
        Op::ReplaceNode(node) => match g.node_mut(node.id) {
            Some(n) => Op::ReplaceNode(Box::new(std::mem::replace(n, *node))),
            None => Op::Batch(Vec::new()),
        },
        Op::ReplaceLink(link) => {
            let ok = g.node(link.from).is_some() && g.node(link.to).is_some();
            match g.links.iter_mut().find(|l| l.id == link.id) {
                Some(l) if ok => Op::ReplaceLink(std::mem::replace(l, link)),
                _ => Op::Batch(Vec::new()),
            }
        }
        Op::Batch(ops) => {
            let mut inv: Vec<Op> = ops.into_iter().map(|o| apply(g, o)).collect();
            inv.reverse();
            Op::Batch(inv)
        }
    }
}

/// Insert each item at its index (clamped to the length), one after the
/// other, as `Vec::insert` would; in one pass when the indices ascend (the
/// undo of a deletion of thousands), not one shift of the tail per item.
fn insert_at<T>(v: &mut Vec<T>, items: Vec<(usize, T)>) {
    if items.windows(2).all(|w| w[0].0 < w[1].0) {
        let mut out = Vec::with_capacity(v.len() + items.len());
        let mut old = std::mem::take(v).into_iter();
        for (i, x) in items {
            while out.len() < i {
                match old.next() {
                    Some(o) => out.push(o),
                    None => break,
                }
            }
            out.push(x);
        }
        out.extend(old);
        *v = out;
    } else {
        for (i, x) in items {
            let at = i.min(v.len());
            v.insert(at, x);
        }
    }
}

/// Undo/redo history: stacks of inverse operations, bounded.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Op>,
    redo: Vec<Op>,
}

/// Most undo steps kept.
pub const HISTORY_LIMIT: usize = 200;

impl History {
    /// Apply `op` as a new edit (clears redo).
    pub fn run(&mut self, g: &mut Graph, op: Op) {
        let inv = apply(g, op);
        self.push_inverse(inv);
    }
    /// Record an edit already applied to the graph, given its inverse
    /// (e.g. a drag whose positions were updated live).
    pub fn push_inverse(&mut self, inv: Op) {
        if is_noop(&inv) {
            return;
        }
        self.redo.clear();
        self.undo.push_back(inv);
        while self.undo.len() > HISTORY_LIMIT {
            self.undo.pop_front();
        }
    }
    pub fn undo(&mut self, g: &mut Graph) -> bool {
        match self.undo.pop_back() {
            Some(inv) => {
                let fwd = apply(g, inv);
                self.redo.push(fwd);
                true
            }
            None => false,
        }
    }
    pub fn redo(&mut self, g: &mut Graph) -> bool {
        match self.redo.pop() {
            Some(fwd) => {
                let inv = apply(g, fwd);
                self.undo.push_back(inv);
                true
            }
            None => false,
        }
    }
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

fn is_noop(op: &Op) -> bool {
    match op {
        Op::InsertNodes(v) => v.is_empty(),
        Op::DeleteNodes(v) => v.is_empty(),
        Op::InsertLinks(v) => v.is_empty(),
        Op::DeleteLinks(v) => v.is_empty(),
        Op::SetPos(v) => v.is_empty(),
        Op::Batch(v) => v.iter().all(is_noop),
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Limits and validation.

/// Largest map file accepted for import.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Longest name / label kept (longer ones are cut).
pub const MAX_NAME: usize = 200;
/// Longest notes kept.
pub const MAX_NOTES: usize = 5_000;
/// Most tags per node and longest tag.
pub const MAX_TAGS: usize = 30;
pub const MAX_TAG: usize = 50;
/// Coordinates are kept within ±COORD_LIMIT.
pub const COORD_LIMIT: f64 = 100_000.0;
/// Most nodes / links in one map.
pub const MAX_NODES: usize = 5_000;
pub const MAX_LINKS: usize = 20_000;

/// Years a date may have (a typo such as 0202 or 20244 is refused).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A strict ISO date `yyyy-mm-dd` (a real calendar day within `YEARS`).
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    crate::dates::parse_iso(s).filter(|d| YEARS.contains(&d.year()))
}

pub fn clamp_coord(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(-COORD_LIMIT, COORD_LIMIT)
    } else {
        0.0
    }
}

/// Cut a text to at most `max` characters (on a char boundary).
pub fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// Something repaired while checking a map.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    DuplicateNode(Id),
    DuplicateLink(Id),
    DanglingLink(Id),
    SelfLink(Id),
    Coord(Id),
    LongText(Id),
    /// A "known since" date that is not a valid `yyyy-mm-dd` (cleared).
    BadDate(Id),
    TooMany,
}

impl Fix {
    pub fn key(&self) -> &'static str {
        match self {
            Fix::DuplicateNode(_) => "map.fix.dup_node",
            Fix::DuplicateLink(_) => "map.fix.dup_link",
            Fix::DanglingLink(_) => "map.fix.dangling",
            Fix::SelfLink(_) => "map.fix.self_link",
            Fix::Coord(_) => "map.fix.coord",
            Fix::LongText(_) => "map.fix.long_text",
            Fix::BadDate(_) => "map.fix.bad_date",
            Fix::TooMany => "map.fix.too_many",
        }
    }
}

/// Repair a graph from outside (import, damaged storage): drop duplicate
/// ids, links to missing nodes and self-links; clamp coordinates; cut long
/// texts. Returns the repaired graph and the list of repairs.
pub fn sanitize(mut g: Graph) -> (Graph, Vec<Fix>) {
    let mut fixes = Vec::new();
    if g.nodes.len() > MAX_NODES || g.links.len() > MAX_LINKS {
        g.nodes.truncate(MAX_NODES);
        g.links.truncate(MAX_LINKS);
        fixes.push(Fix::TooMany);
    }
    let mut seen = HashSet::new();
    let mut nodes = Vec::with_capacity(g.nodes.len());
    for mut n in g.nodes {
        if !seen.insert(n.id) {
            fixes.push(Fix::DuplicateNode(n.id));
            continue;
        }
        if !n.x.is_finite()
            || !n.y.is_finite()
            || n.x.abs() > COORD_LIMIT
            || n.y.abs() > COORD_LIMIT
        {
            n.x = clamp_coord(n.x);
            n.y = clamp_coord(n.y);
            fixes.push(Fix::Coord(n.id));
        }
        let long = n.name.chars().count() > MAX_NAME
            || n.notes.chars().count() > MAX_NOTES
            || n.birthday.chars().count() > MAX_TAG
            || n.anniversary.chars().count() > MAX_TAG
            || n.tags.len() > MAX_TAGS
            || n.tags.iter().any(|t| t.chars().count() > MAX_TAG);
        if long {
            n.name = cut(&n.name, MAX_NAME);
            n.notes = cut(&n.notes, MAX_NOTES);
            n.birthday = cut(&n.birthday, MAX_TAG);
            n.anniversary = cut(&n.anniversary, MAX_TAG);
            n.tags.truncate(MAX_TAGS);
            for t in n.tags.iter_mut() {
                *t = cut(t, MAX_TAG);
            }
            fixes.push(Fix::LongText(n.id));
        }
        if !n.since.is_empty() && parse_date(&n.since).is_none() {
            n.since.clear();
            fixes.push(Fix::BadDate(n.id));
        }
        nodes.push(n);
    }
    let node_ids = seen;
    let mut link_ids = HashSet::new();
    let mut links = Vec::with_capacity(g.links.len());
    for mut l in g.links {
        if node_ids.contains(&l.id) || !link_ids.insert(l.id) {
            fixes.push(Fix::DuplicateLink(l.id));
            continue;
        }
        if !node_ids.contains(&l.from) || !node_ids.contains(&l.to) {
            fixes.push(Fix::DanglingLink(l.id));
            continue;
        }
        if l.from == l.to {
            fixes.push(Fix::SelfLink(l.id));
            continue;
        }
        if l.label.chars().count() > MAX_NAME {
            l.label = cut(&l.label, MAX_NAME);
            fixes.push(Fix::LongText(l.id));
        }
        links.push(l);
    }
    let max = node_ids.iter().chain(link_ids.iter()).max().copied();
    let next = max.map(|m| m.saturating_add(1)).unwrap_or(1);
    let g = Graph {
        nodes,
        links,
        next_id: g.next_id.max(next),
    };
    (g, fixes)
}

/// Strict check (for stored documents): Ok if `sanitize` would change nothing.
pub fn check(g: &Graph) -> Result<(), String> {
    let (_, fixes) = sanitize(g.clone());
    match fixes.first() {
        None => Ok(()),
        Some(f) => Err(format!("{f:?}")),
    }
}

#[cfg(test)]
mod tests;
