use super::*;
use proptest::prelude::*;

fn node(id: Id, kind: NodeKind, name: &str) -> Node {
    Node {
        id,
        kind,
        name: name.into(),
        x: id as f64 * 10.0,
        y: 0.0,
        ..Default::default()
    }
}

fn link(id: Id, from: Id, to: Id) -> Link {
    Link {
        id,
        from,
        to,
        ..Default::default()
    }
}

fn small() -> Graph {
    let mut g = Graph::default();
    for (i, k) in [NodeKind::Rm, NodeKind::Client, NodeKind::Family]
        .iter()
        .enumerate()
    {
        let id = g.fresh_id();
        g.nodes.push(node(id, *k, &format!("n{i}")));
    }
    let id = g.fresh_id();
    g.links.push(link(id, 1, 2));
    let id = g.fresh_id();
    g.links.push(link(id, 2, 3));
    g
}

#[test]
fn fresh_ids_never_collide() {
    let mut g = small();
    assert_eq!(g.fresh_id(), 6);
    g.next_id = 0;
    assert_eq!(g.fresh_id(), 6);
}

#[test]
fn delete_node_removes_links_and_undo_restores_order() {
    let mut g = small();
    let start = g.clone();
    let mut h = History::default();
    h.run(&mut g, Op::DeleteNodes(vec![2]));
    assert_eq!(g.nodes.len(), 2);
    assert!(g.links.is_empty());
    assert!(h.undo(&mut g));
    assert_eq!(g.nodes, start.nodes);
    assert_eq!(g.links, start.links);
    assert!(h.redo(&mut g));
    assert!(g.links.is_empty());
    assert!(!h.redo(&mut g));
}

#[test]
fn link_to_missing_node_is_refused() {
    let mut g = small();
    let inv = apply(&mut g, Op::add_link(link(99, 1, 42)));
    assert_eq!(inv, Op::DeleteLinks(vec![]));
    assert_eq!(g.links.len(), 2);
}

#[test]
fn replace_and_setpos_round_trip() {
    let mut g = small();
    let start = g.clone();
    let mut h = History::default();
    let mut n = g.node(1).cloned().unwrap();
    n.name = "改名 <b>".into();
    h.run(&mut g, Op::ReplaceNode(Box::new(n)));
    h.run(&mut g, Op::SetPos(vec![(1, 5.0, 6.0), (1, f64::NAN, 1e12)]));
    assert_eq!(g.node(1).map(|n| (n.x, n.y)), Some((0.0, COORD_LIMIT)));
    let mut l = g.link(4).cloned().unwrap();
    l.strength = Strength::Conflict;
    h.run(&mut g, Op::ReplaceLink(l));
    while h.undo(&mut g) {}
    assert_eq!(g, start);
}

#[test]
fn history_is_bounded_and_new_edit_clears_redo() {
    let mut g = small();
    let mut h = History::default();
    for i in 0..(HISTORY_LIMIT + 50) {
        h.run(&mut g, Op::SetPos(vec![(1, i as f64, 0.0)]));
    }
    assert_eq!(h.undo_len(), HISTORY_LIMIT);
    h.undo(&mut g);
    assert!(h.can_redo());
    h.run(&mut g, Op::SetPos(vec![(2, 1.0, 1.0)]));
    assert!(!h.can_redo());
}

#[test]
fn noop_edits_are_not_recorded() {
    let mut g = small();
    let mut h = History::default();
    h.run(&mut g, Op::DeleteNodes(vec![77]));
    assert!(!h.can_undo());
}

#[test]
fn sanitize_repairs_bad_imports() {
    let mut g = small();
    g.nodes.push(node(1, NodeKind::Other, "dup"));
    g.nodes[0].x = f64::INFINITY;
    g.nodes[1].y = -5e9;
    g.nodes[2].name = "长".repeat(10_000);
    g.links.push(link(50, 1, 999));
    g.links.push(link(51, 3, 3));
    g.links.push(link(4, 1, 3));
    let mut l = link(52, 1, 3);
    l.label = "<script>".repeat(2_000);
    g.links.push(l);
    let (fixed, fixes) = sanitize(g);
    assert_eq!(fixed.nodes.len(), 3);
    assert_eq!(fixed.links.len(), 3);
    assert!(fixes.contains(&Fix::DuplicateNode(1)));
    assert!(fixes.contains(&Fix::DanglingLink(50)));
    assert!(fixes.contains(&Fix::SelfLink(51)));
    assert!(fixes.contains(&Fix::DuplicateLink(4)));
    assert!(fixes.contains(&Fix::Coord(1)));
    assert!(fixes.contains(&Fix::Coord(2)));
    assert!(fixes.contains(&Fix::LongText(3)));
    assert!(fixes.contains(&Fix::LongText(52)));
    assert_eq!(fixed.nodes[0].x, 0.0);
    assert_eq!(fixed.nodes[1].y, -COORD_LIMIT);
    assert_eq!(fixed.nodes[2].name.chars().count(), MAX_NAME);
    assert_eq!(fixed.links[2].label.chars().count(), MAX_NAME);
    assert!(check(&fixed).is_ok());
    assert!(check(&small()).is_ok());
}

#[test]
fn dates_are_strict_iso_calendar_days() {
    assert_eq!(
        parse_date("2024-02-29"),
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    for bad in [
        "",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-1-05",
        "24-01-05",
        "2024/01/05",
        "2024-01-05 ",
        "１９９９-01-01",
        "0202-01-01",
        "2101-01-01",
        "2024-01-0x",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    assert!(parse_date("1900-01-01").is_some() && parse_date("2100-12-31").is_some());
}

#[test]
fn sanitize_clears_bad_since_dates() {
    let mut g = small();
    g.nodes[0].since = "2024-02-30".into();
    g.nodes[1].since = "2024-02-29".into();
    g.nodes[2].since = "x".repeat(10_000);
    assert!(check(&g).is_err());
    let (fixed, fixes) = sanitize(g);
    assert_eq!(fixes, vec![Fix::BadDate(1), Fix::BadDate(3)]);
    assert_eq!(fixed.nodes[0].since, "");
    assert_eq!(fixed.nodes[1].since, "2024-02-29");
    assert_eq!(fixed.nodes[2].since, "");
    assert!(check(&fixed).is_ok());
}

#[test]
fn cut_respects_char_boundaries() {
    assert_eq!(cut("客户关系", 2), "客户");
    assert_eq!(cut("ab", 5), "ab");
}

#[test]
fn enums_read_unknown_values_leniently() {
    let n: Node = serde_json::from_str(r#"{"id":3,"kind":"alien","name":"x"}"#).unwrap();
    assert_eq!(n.kind, NodeKind::Other);
    let l: Link = serde_json::from_str(r#"{"id":3,"strength":"mega","relation":"?"}"#).unwrap();
    assert_eq!(l.strength, Strength::Normal);
    assert_eq!(l.relation, Relation::Other);
    for k in NodeKind::ALL {
        assert_eq!(NodeKind::from_slug(k.slug()), k);
    }
    for r in Relation::ALL {
        assert_eq!(Relation::from_slug(r.slug()), r);
    }
    for s in Strength::ALL {
        assert_eq!(Strength::from_slug(s.slug()), s);
    }
    for r in Role::ALL {
        assert_eq!(Role::from_slug(r.slug()), r);
    }
}

#[derive(Clone, Debug)]
enum Action {
    Add(u8, i16, i16),
    Remove(u8),
    Move(u8, i16, i16),
    Link(u8, u8, u8),
    Unlink(u8),
    Rename(u8),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (any::<u8>(), any::<i16>(), any::<i16>()).prop_map(|(k, x, y)| Action::Add(k, x, y)),
        any::<u8>().prop_map(Action::Remove),
        (any::<u8>(), any::<i16>(), any::<i16>()).prop_map(|(k, x, y)| Action::Move(k, x, y)),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, s)| Action::Link(a, b, s)),
        any::<u8>().prop_map(Action::Unlink),
        any::<u8>().prop_map(Action::Rename),
    ]
}

fn to_op(g: &mut Graph, a: &Action) -> Option<Op> {
    let pick = |g: &Graph, k: u8| -> Option<Id> {
        (!g.nodes.is_empty()).then(|| g.nodes[k as usize % g.nodes.len()].id)
    };
    Some(match *a {
        Action::Add(k, x, y) => {
            let id = g.fresh_id();
            let kind = NodeKind::ALL[k as usize % NodeKind::ALL.len()];
            Op::add_node(Node {
                id,
                kind,
                name: format!("p{id}"),
                x: x as f64,
                y: y as f64,
                ..Default::default()
            })
        }
        Action::Remove(k) => Op::DeleteNodes(vec![pick(g, k)?]),
        Action::Move(k, x, y) => Op::SetPos(vec![(pick(g, k)?, x as f64, y as f64)]),
        Action::Link(a, b, s) => {
            let (a, b) = (pick(g, a)?, pick(g, b)?);
            if a == b {
                return None;
            }
            let id = g.fresh_id();
            Op::add_link(Link {
                id,
                from: a,
                to: b,
                strength: Strength::ALL[s as usize % 4],
                ..Default::default()
            })
        }
        Action::Unlink(k) => {
            if g.links.is_empty() {
                return None;
            }
            Op::DeleteLinks(vec![g.links[k as usize % g.links.len()].id])
        }
        Action::Rename(k) => {
            let mut n = g.node(pick(g, k)?)?.clone();
            n.name.push('改');
            Op::ReplaceNode(Box::new(n))
        }
    })
}

fn content(g: &Graph) -> (Vec<Node>, Vec<Link>) {
    (g.nodes.clone(), g.links.clone())
}

proptest! {
    #[test]
    fn undo_all_restores_start_and_redo_all_the_end(actions in proptest::collection::vec(action(), 0..60)) {
        let mut g = small();
        let start = content(&g);
        let mut h = History::default();
        for a in &actions {
            if let Some(op) = to_op(&mut g, a) {
                h.run(&mut g, op);
            }
            prop_assert!(check(&g).is_ok());
        }
        let end = content(&g);
        while h.undo(&mut g) {}
        prop_assert_eq!(content(&g), start);
        while h.redo(&mut g) {}
        prop_assert_eq!(content(&g), end);
    }

    #[test]
    fn sanitize_is_idempotent(xs in proptest::collection::vec((0u32..20, -1e7f64..1e7, 0u32..20, 0u32..20), 0..40)) {
        let mut g = Graph::default();
        for (i, (id, x, a, b)) in xs.iter().enumerate() {
            g.nodes.push(Node { id: *id, x: *x, y: -*x, ..Default::default() });
            g.links.push(Link { id: 100 + (i as u32 % 7), from: *a, to: *b, ..Default::default() });
        }
        let (once, _) = sanitize(g);
        let (twice, fixes) = sanitize(once.clone());
        prop_assert_eq!(once, twice);
        prop_assert!(fixes.is_empty());
    }
}

#[test]
fn lift_takes_the_dragged_people_and_their_links() {
    let mut g = small();
    let ids: Vec<Id> = g.nodes.iter().map(|n| n.id).collect();
    let id = g.fresh_id();
    apply(&mut g, Op::add_link(link(id, ids[1], ids[2])));
    let lifted = lift(&g, &[ids[2], 999].into_iter().collect());
    assert_eq!(lifted.nodes.len(), 1);
    assert!(lifted.moves(ids[2]) && !lifted.moves(ids[0]) && !lifted.moves(999));
    let touching: Vec<Id> = g
        .links
        .iter()
        .filter(|l| l.from == ids[2] || l.to == ids[2])
        .map(|l| l.id)
        .collect();
    assert!(!touching.is_empty());
    let lifted_links: Vec<Id> = lifted.links.iter().map(|(l, _, _)| l.id).collect();
    assert_eq!(lifted_links, touching);
    for (l, a, b) in &lifted.links {
        assert_eq!((a.id, b.id), (l.from, l.to));
    }
    assert_eq!(lift(&g, &HashSet::new()), Lift::default());
}

#[test]
fn insert_at_matches_one_by_one_inserts() {
    type Case = (Vec<u32>, Vec<(usize, u32)>);
    let cases: Vec<Case> = vec![
        (vec![1, 2, 3], vec![(0, 10), (2, 11), (4, 12), (9, 13)]),
        (vec![], vec![(3, 10), (5, 11)]),
        (vec![1, 2], vec![(5, 10), (0, 11)]),
        (vec![1, 2, 3], vec![(1, 10), (1, 11)]),
        (vec![1], vec![]),
    ];
    for (v, items) in cases {
        let mut want = v.clone();
        for (i, x) in items.clone() {
            let at = i.min(want.len());
            want.insert(at, x);
        }
        let mut got = v;
        insert_at(&mut got, items);
        assert_eq!(got, want);
    }
}

#[test]
fn same_structure_ignores_positions_only() {
    let g = super::super::layout::generate(30, 3);
    let mut moved = g.clone();
    for n in moved.nodes.iter_mut() {
        n.x += 17.0;
        n.y -= 3.5;
    }
    assert!(g.same_structure(&moved));
    assert!(g.structure().same_structure(&g));
    assert_eq!(g.structure(), moved.structure());
    assert!(g.structure().nodes.iter().all(|n| n.x == 0.0 && n.y == 0.0));
    let mut renamed = g.clone();
    renamed.nodes[4].name.push('x');
    assert!(!g.same_structure(&renamed));
    let mut relinked = g.clone();
    relinked.links.pop();
    assert!(!g.same_structure(&relinked));
    let mut fewer = g.clone();
    fewer.nodes.pop();
    assert!(!g.same_structure(&fewer));
}
