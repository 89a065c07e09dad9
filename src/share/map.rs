//! A relationship map as a share piece, and its anonymisation.
//!
//! People are listed in order and links refer to them by position, so ids
//! are not carried (the receiving document numbers them afresh). Positions
//! are rounded to whole units (the canvas never shows less).
//!
//! Body v1: map name; the number of people; a grid step `g` (the greatest
//! common divisor of every coordinate, so template-like maps drawn on a
//! 10-unit grid spend one byte per coordinate); for each person a byte
//! (bits 0–3 kind, 4–6 role, 7 "has more"), the name, x / g and y / g, and
//! when "has more" a byte of flags (bit 0 notes, 1 tags, 2–3 since,
//! 4–5 birthday, 6–7 anniversary: 0 empty, 1 an ISO date stored as a day
//! number, 2 free text) then those fields; the number of links; for each
//! link the two people's positions and a byte (bits 0–3 relation, 4–5
//! strength, 6 directed, 7 has a label), then the label.

use super::bin::{day_number, from_day_number, BinError, Reader, Writer};
use super::codec::ShareError;
use crate::i18n::Lang;
use crate::tools::map::doc::{MapDoc, MapEntry};
use crate::tools::map::model::{
    self, parse_date, Graph, Id, Link, Node, NodeKind, Relation, Role, Strength,
};
use std::collections::{BTreeMap, HashMap};

/// One person of a shared map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapPerson {
    pub kind: NodeKind,
    pub role: Role,
    pub name: String,
    pub notes: String,
    pub birthday: String,
    pub anniversary: String,
    pub tags: Vec<String>,
    pub since: String,
    pub x: i32,
    pub y: i32,
}

/// One link; `from` and `to` are positions in [`MapPiece::people`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLink {
    pub from: u32,
    pub to: u32,
    pub relation: Relation,
    pub strength: Strength,
    pub directed: bool,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapPiece {
    pub name: String,
    pub people: Vec<MapPerson>,
    pub links: Vec<MapLink>,
}

/// What a map piece holds, for the share dialog ("what will be in the link").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MapContents {
    pub people: usize,
    pub links: usize,
    /// People with a name.
    pub names: usize,
    pub notes: usize,
    pub tags: usize,
    /// Birthdays and anniversaries.
    pub dates: usize,
    /// "Known since" dates.
    pub since: usize,
    /// Links with a label.
    pub labels: usize,
}

fn round_coord(v: f64) -> i32 {
    model::clamp_coord(v).round() as i32
}

impl MapPiece {
    pub fn from_entry(m: &MapEntry) -> MapPiece {
        MapPiece::from_graph(&m.name, &m.graph)
    }

    /// The piece of a graph. Links whose people are missing, and self-links,
    /// are left out (the map editor would drop them too).
    pub fn from_graph(name: &str, g: &Graph) -> MapPiece {
        let index: HashMap<Id, u32> = g
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i as u32))
            .collect();
        let people = g
            .nodes
            .iter()
            .map(|n| MapPerson {
                kind: n.kind,
                role: n.role,
                name: n.name.clone(),
                notes: n.notes.clone(),
                birthday: n.birthday.clone(),
                anniversary: n.anniversary.clone(),
                tags: n.tags.clone(),
                since: n.since.clone(),
                x: round_coord(n.x),
                y: round_coord(n.y),
            })
            .collect();
        let links = g
            .links
            .iter()
            .filter_map(|l| {
                let (from, to) = (*index.get(&l.from)?, *index.get(&l.to)?);
                (from != to).then(|| MapLink {
                    from,
                    to,
                    relation: l.relation,
                    strength: l.strength,
                    directed: l.directed,
                    label: l.label.clone(),
                })
            })
            .collect();
        MapPiece {
            name: name.to_string(),
            people,
            links,
        }
    }

    /// The graph: people get ids 1…n, links n + 1…, in order; texts longer
    /// than the editor's limits are cut (`model::sanitize`).
    pub fn to_graph(&self) -> Graph {
        let n = self.people.len() as Id;
        let mut g = Graph {
            nodes: self
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| Node {
                    id: i as Id + 1,
                    kind: p.kind,
                    role: p.role,
                    name: p.name.clone(),
                    notes: p.notes.clone(),
                    birthday: p.birthday.clone(),
                    anniversary: p.anniversary.clone(),
                    tags: p.tags.clone(),
                    since: p.since.clone(),
                    x: f64::from(p.x),
                    y: f64::from(p.y),
                })
                .collect(),
            links: self
                .links
                .iter()
                .enumerate()
                .map(|(i, l)| Link {
                    id: n + 1 + i as Id,
                    from: l.from + 1,
                    to: l.to + 1,
                    relation: l.relation,
                    strength: l.strength,
                    directed: l.directed,
                    label: l.label.clone(),
                })
                .collect(),
            next_id: 0,
        };
        g.next_id = n + self.links.len() as Id + 1;
        model::sanitize(g).0
    }

    /// Add the map as a new map of the document and open it; the trainee's
    /// maps are untouched. `None` when the document is full.
    pub fn add_to(&self, doc: &mut MapDoc) -> Option<Id> {
        doc.add(&self.name, self.to_graph())
    }

    /// The document's map that this received map already is (handed in
    /// twice): same name and same people, links and positions.
    pub fn already_in(&self, doc: &MapDoc) -> Option<Id> {
        let name = model::cut(self.name.trim(), model::MAX_NAME);
        let probe = MapPiece::from_graph(&name, &self.to_graph());
        doc.maps
            .iter()
            .find(|m| m.name == name && MapPiece::from_entry(m) == probe)
            .map(|m| m.id)
    }

    pub fn contents(&self) -> MapContents {
        let count = |f: &dyn Fn(&MapPerson) -> bool| self.people.iter().filter(|p| f(p)).count();
        MapContents {
            people: self.people.len(),
            links: self.links.len(),
            names: count(&|p| !p.name.trim().is_empty()),
            notes: count(&|p| !p.notes.trim().is_empty()),
            tags: count(&|p| !p.tags.is_empty()),
            dates: count(&|p| !p.birthday.is_empty()) + count(&|p| !p.anniversary.is_empty()),
            since: count(&|p| !p.since.is_empty()),
            labels: self.links.iter().filter(|l| !l.label.is_empty()).count(),
        }
    }

    /// The map with nothing that names or describes a real person: each
    /// name becomes the person's role (or kind) and a number ("Purchasing 1",
    /// "Family 2"), and notes, tags, birthdays, anniversaries and link labels
    /// are dropped; the map is renamed. Kinds, roles, relations, strengths,
    /// directions, positions and "known since" dates (for the growth chart)
    /// stay.
    pub fn anonymised(&self, lang: Lang) -> MapPiece {
        let mut numbers: BTreeMap<&'static str, usize> = BTreeMap::new();
        let people = self
            .people
            .iter()
            .map(|p| {
                let key = if p.role == Role::None {
                    p.kind.key()
                } else {
                    p.role.key()
                };
                let n = numbers.entry(key).or_insert(0);
                *n += 1;
                MapPerson {
                    kind: p.kind,
                    role: p.role,
                    name: format!("{} {n}", crate::i18n::t(lang, key)),
                    since: p.since.clone(),
                    x: p.x,
                    y: p.y,
                    ..MapPerson::default()
                }
            })
            .collect();
        MapPiece {
            name: crate::i18n::t(lang, "share.anon.map_name").to_string(),
            people,
            links: self
                .links
                .iter()
                .map(|l| MapLink {
                    label: String::new(),
                    ..l.clone()
                })
                .collect(),
        }
    }

    pub(super) fn write(&self, w: &mut Writer) {
        w.str(&self.name);
        w.uv(self.people.len() as u64);
        let grid = self
            .people
            .iter()
            .flat_map(|p| [p.x, p.y])
            .fold(0u32, |g, v| gcd(g, v.unsigned_abs()))
            .max(1);
        w.uv(u64::from(grid));
        for p in &self.people {
            let flags = u8::from(!p.notes.is_empty())
                | u8::from(!p.tags.is_empty()) << 1
                | date_code(&p.since) << 2
                | date_code(&p.birthday) << 4
                | date_code(&p.anniversary) << 6;
            w.u8(index_of(&NodeKind::ALL, p.kind)
                | index_of(&Role::ALL, p.role) << 4
                | u8::from(flags != 0) << 7);
            w.str(&p.name);
            w.iv(i64::from(p.x / grid as i32));
            w.iv(i64::from(p.y / grid as i32));
            if flags != 0 {
                w.u8(flags);
                if !p.notes.is_empty() {
                    w.str(&p.notes);
                }
                if !p.tags.is_empty() {
                    w.uv(p.tags.len() as u64);
                    for t in &p.tags {
                        w.str(t);
                    }
                }
                for s in [&p.since, &p.birthday, &p.anniversary] {
                    write_date(w, s);
                }
            }
        }
        w.uv(self.links.len() as u64);
        for l in &self.links {
            w.uv(u64::from(l.from));
            w.uv(u64::from(l.to));
            w.u8(index_of(&Relation::ALL, l.relation)
                | index_of(&Strength::ALL, l.strength) << 4
                | u8::from(l.directed) << 6
                | u8::from(!l.label.is_empty()) << 7);
            if !l.label.is_empty() {
                w.str(&l.label);
            }
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<MapPiece, BinError> {
        let name = r.str()?;
        let n = r.count()?;
        let grid: i64 = r.uv_as::<u32>()?.max(1).into();
        let coord = |v: i64| -> Result<i32, BinError> {
            v.checked_mul(grid)
                .and_then(|v| i32::try_from(v).ok())
                .ok_or(BinError)
        };
        let mut people = Vec::with_capacity(n);
        for _ in 0..n {
            let a = r.u8()?;
            let kind = *NodeKind::ALL.get(usize::from(a & 15)).ok_or(BinError)?;
            let role = *Role::ALL.get(usize::from((a >> 4) & 7)).ok_or(BinError)?;
            let name = r.str()?;
            let x = coord(r.iv()?)?;
            let y = coord(r.iv()?)?;
            let mut p = MapPerson {
                kind,
                role,
                name,
                x,
                y,
                ..MapPerson::default()
            };
            if a & 0x80 != 0 {
                let flags = r.u8()?;
                if flags == 0 {
                    return Err(BinError);
                }
                if flags & 1 != 0 {
                    p.notes = non_empty(r.str()?)?;
                }
                if flags & 2 != 0 {
                    let k = r.count()?;
                    if k == 0 {
                        return Err(BinError);
                    }
                    p.tags = (0..k).map(|_| r.str()).collect::<Result<_, _>>()?;
                }
                p.since = read_date(r, (flags >> 2) & 3)?;
                p.birthday = read_date(r, (flags >> 4) & 3)?;
                p.anniversary = read_date(r, (flags >> 6) & 3)?;
            }
            people.push(p);
        }
        let m = r.count()?;
        let mut links = Vec::with_capacity(m);
        for _ in 0..m {
            let from = r.uv_as()?;
            let to = r.uv_as()?;
            let b = r.u8()?;
            let relation = *Relation::ALL.get(usize::from(b & 15)).ok_or(BinError)?;
            let strength = Strength::ALL[usize::from((b >> 4) & 3)];
            let label = if b & 0x80 != 0 {
                non_empty(r.str()?)?
            } else {
                String::new()
            };
            links.push(MapLink {
                from,
                to,
                relation,
                strength,
                directed: b & 0x40 != 0,
                label,
            });
        }
        Ok(MapPiece {
            name,
            people,
            links,
        })
    }

    pub(super) fn check(&self) -> Result<(), ShareError> {
        let bad = |s: &str| Err(ShareError::Invalid(s.into()));
        if self.people.len() > model::MAX_NODES || self.links.len() > model::MAX_LINKS {
            return bad("too many people or links");
        }
        let n = self.people.len() as u32;
        if self
            .links
            .iter()
            .any(|l| l.from >= n || l.to >= n || l.from == l.to)
        {
            return bad("link to a missing person");
        }
        let limit = model::COORD_LIMIT as i32;
        if self
            .people
            .iter()
            .any(|p| p.x.abs() > limit || p.y.abs() > limit)
        {
            return bad("position");
        }
        Ok(())
    }
}

fn non_empty(s: String) -> Result<String, BinError> {
    if s.is_empty() {
        Err(BinError)
    } else {
        Ok(s)
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn index_of<T: PartialEq>(all: &[T], v: T) -> u8 {
    all.iter().position(|x| *x == v).unwrap_or(0) as u8
}

/// The ISO date `s` stands for, when it is exactly one.
fn iso_date(s: &str) -> Option<chrono::NaiveDate> {
    parse_date(s).filter(|d| crate::dates::iso(*d) == s)
}

fn date_code(s: &str) -> u8 {
    if s.is_empty() {
        0
    } else if iso_date(s).is_some() {
        1
    } else {
        2
    }
}

fn write_date(w: &mut Writer, s: &str) {
    match (date_code(s), iso_date(s)) {
        (1, Some(d)) => w.iv(day_number(d)),
        (2, _) => w.str(s),
        _ => {}
    }
}

fn read_date(r: &mut Reader, code: u8) -> Result<String, BinError> {
    match code {
        0 => Ok(String::new()),
        1 => Ok(crate::dates::iso(from_day_number(r.iv()?)?)),
        2 => non_empty(r.str()?),
        _ => Err(BinError),
    }
}

/// A map of `n` people for size measurements and tests: realistic Chinese
/// names, a note on every third person, a tag and a "known since" date on
/// some, about 1.3 links per person, positions in a loose ring.
pub fn sample_map(n: usize) -> MapPiece {
    const SURNAMES: [&str; 20] = [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
        "林", "何", "郭", "马", "罗",
    ];
    const GIVEN: [&str; 24] = [
        "建国", "秀英", "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "小明",
    ];
    const NOTES: [&str; 6] = [
        "私营企业主，代发薪客户",
        "中学教师，家庭理财决策人",
        "退休，养老金在本行",
        "可转介绍同行",
        "关注子女教育金",
        "他行客户，有意迁移",
    ];
    let mut seed: u32 = 12345;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize
    };
    let people: Vec<MapPerson> = (0..n)
        .map(|i| {
            let angle = i as f64 * 2.4;
            let radius = 80.0 + 14.0 * (i as f64).sqrt() * 10.0;
            let kind = NodeKind::ALL[if i == 0 { 0 } else { next() % 10 }];
            MapPerson {
                kind,
                role: if kind == NodeKind::DecisionMaker {
                    Role::ALL[1 + next() % 5]
                } else {
                    Role::None
                },
                name: format!(
                    "{}{}",
                    SURNAMES[next() % SURNAMES.len()],
                    GIVEN[next() % GIVEN.len()]
                ),
                notes: if i % 3 == 0 {
                    NOTES[next() % NOTES.len()].to_string()
                } else {
                    String::new()
                },
                tags: if i % 7 == 0 {
                    vec!["代发薪".into()]
                } else {
                    Vec::new()
                },
                since: if i % 2 == 0 {
                    format!(
                        "20{:02}-{:02}-{:02}",
                        15 + next() % 10,
                        1 + next() % 12,
                        1 + next() % 28
                    )
                } else {
                    String::new()
                },
                x: (radius * angle.cos()).round() as i32,
                y: (radius * angle.sin()).round() as i32,
                ..MapPerson::default()
            }
        })
        .collect();
    let mut links = Vec::new();
    for i in 1..n {
        let j = next() % i;
        links.push(MapLink {
            from: i as u32,
            to: j as u32,
            relation: Relation::ALL[next() % 10],
            strength: Strength::ALL[next() % 4],
            directed: next() % 4 == 0,
            label: String::new(),
        });
        if i % 3 == 0 && i > 2 {
            let k = (j + 1 + next() % (i - 1)) % i;
            if k != i {
                links.push(MapLink {
                    from: i as u32,
                    to: k as u32,
                    ..MapLink::default()
                });
            }
        }
    }
    MapPiece {
        name: format!("{n}人关系图"),
        people,
        links,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::storage::codec::DocData;
    use proptest::prelude::*;

    fn arb_text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "[a-z 王李张建国秀英（）]{1,12}"]
    }

    fn arb_date() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            (1900i32..=2100, 1u32..=12, 1u32..=28)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            "[0-9-]{1,6}",
        ]
    }

    pub fn arb_map() -> impl Strategy<Value = MapPiece> {
        let person = (
            (0usize..10, 0usize..6),
            arb_text(),
            arb_text(),
            (arb_date(), arb_date(), arb_date()),
            proptest::collection::vec("[a-z代发薪]{1,5}", 0..3),
            (-100_000i32..=100_000, -100_000i32..=100_000),
            any::<bool>(),
        )
            .prop_map(
                |((k, r), name, notes, (since, bd, an), tags, (x, y), grid)| {
                    let snap = |v: i32| if grid { v / 10 * 10 } else { v };
                    MapPerson {
                        kind: NodeKind::ALL[k],
                        role: Role::ALL[r],
                        name,
                        notes,
                        birthday: bd,
                        anniversary: an,
                        tags,
                        since,
                        x: snap(x),
                        y: snap(y),
                    }
                },
            );
        (arb_text(), proptest::collection::vec(person, 0..25)).prop_flat_map(|(name, people)| {
            let n = people.len() as u32;
            let link = (
                0..n.max(1),
                0..n.max(1),
                0usize..10,
                0usize..4,
                any::<bool>(),
                arb_text(),
            )
                .prop_map(|(from, to, rel, st, directed, label)| MapLink {
                    from,
                    to,
                    relation: Relation::ALL[rel],
                    strength: Strength::ALL[st],
                    directed,
                    label,
                });
            let links = proptest::collection::vec(link, 0..40).prop_map(|ls| {
                ls.into_iter()
                    .filter(|l| l.from != l.to)
                    .collect::<Vec<_>>()
            });
            (Just(name), Just(people), links).prop_map(|(name, people, links)| MapPiece {
                links: if people.len() < 2 { Vec::new() } else { links },
                name,
                people,
            })
        })
    }

    #[test]
    fn demo_maps_convert_both_ways() {
        let doc = MapDoc::demo(Lang::Zh);
        for m in &doc.maps {
            let p = MapPiece::from_entry(m);
            let g = p.to_graph();
            assert!(model::check(&g).is_ok());
            // Same people and links (the demo's ids are already 1…n, n+1…).
            assert_eq!(g, m.graph, "{}", m.name);
        }
        let mut mine = MapDoc::default();
        let p = MapPiece::from_entry(&doc.maps[1]);
        let id = p.add_to(&mut mine).unwrap();
        assert_eq!(mine.current, id);
        assert_eq!(mine.maps[0].name, doc.maps[1].name);
        assert!(mine.validate().is_ok());
        // Handed in twice: the second is found; another map is not.
        assert_eq!(p.already_in(&mine), Some(id));
        assert_eq!(MapPiece::from_entry(&doc.maps[0]).already_in(&mine), None);
        let small = sample_map(8);
        assert_eq!(small.already_in(&mine), None);
        let id2 = small.add_to(&mut mine).unwrap();
        let back: MapPiece =
            crate::share::one::decode(&crate::share::Piece::Map(small.clone()).qr_text(None))
                .unwrap();
        assert_eq!(back.already_in(&mine), Some(id2));
    }

    #[test]
    fn anonymising_drops_every_personal_text() {
        let doc = MapDoc::demo(Lang::Zh);
        let p = MapPiece::from_entry(&doc.maps[1]);
        let c = p.contents();
        assert_eq!((c.people, c.links, c.labels), (11, 12, 1));
        assert!(c.notes > 0 && c.names == 11);
        let a = p.anonymised(Lang::Zh);
        let ac = a.contents();
        assert_eq!(
            ac,
            MapContents {
                notes: 0,
                tags: 0,
                dates: 0,
                labels: 0,
                ..c
            }
        );
        let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names[0], "单位/主管/控股 1");
        assert_eq!(names[1], "单位/主管/控股 2");
        assert_eq!(
            names[2],
            format!("{} 1", crate::i18n::t(Lang::Zh, "map.role.top"))
        );
        assert_eq!(a.name, "匿名关系图");
        for (x, y) in p.people.iter().zip(&a.people) {
            assert_eq!(
                (x.kind, x.role, x.x, x.y, &x.since),
                (y.kind, y.role, y.x, y.y, &y.since)
            );
        }
        let all_text: String = a
            .people
            .iter()
            .map(|p| p.name.clone())
            .chain([a.name.clone()])
            .collect();
        for orig in &p.people {
            assert!(!all_text.contains(&orig.name), "{} leaked", orig.name);
        }
        let en = MapPiece::from_entry(&MapDoc::demo(Lang::En).maps[0]).anonymised(Lang::En);
        assert_eq!(en.name, "Anonymised map");
        assert!(en.people.iter().all(|p| p.name.ends_with(char::is_numeric)));
    }

    #[test]
    fn broken_links_are_left_out_and_checked() {
        let mut g = MapDoc::demo(Lang::En).maps[0].graph.clone();
        g.links[0].to = 999;
        g.links[1].to = g.links[1].from;
        let p = MapPiece::from_graph("x", &g);
        assert_eq!(p.links.len(), g.links.len() - 2);
        let mut bad = p.clone();
        bad.links[0].from = 500;
        assert!(bad.check().is_err());
        let mut bad = p.clone();
        bad.people[0].x = 200_000;
        assert!(bad.check().is_err());
        assert!(p.check().is_ok());
    }

    #[test]
    fn the_sample_map_is_well_formed() {
        for n in [1, 10, 50, 100] {
            let m = sample_map(n);
            assert_eq!(m.people.len(), n);
            assert!(m.check().is_ok());
            assert!(model::check(&m.to_graph()).is_ok());
        }
    }
}
