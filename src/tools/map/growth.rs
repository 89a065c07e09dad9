//! The group's growth over time (DESIGN.md §2): each person's `since` date
//! (when they joined the client's network / became known) gives the
//! cumulative number of people and links month by month, the counts by kind
//! over time, and the map as it was on a given day. Pure Rust.
//!
//! People without a date are left out of the series (when they came is not
//! known) and count as present on any day. A link counts from the later of
//! its two people's dates, and only when both are dated.

use super::model::{parse_date, Graph, Id, NodeKind};
use super::svg::f1;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }
    pub fn next(self) -> Month {
        if self.month >= 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }
    /// The month `n` months later.
    pub fn plus(self, n: u32) -> Month {
        let m = self.month - 1 + n;
        Month {
            year: self.year + (m / 12) as i32,
            month: m % 12 + 1,
        }
    }
    /// Months from `self` to `other` (negative when `other` is earlier).
    pub fn until(self, other: Month) -> i64 {
        (other.year as i64 - self.year as i64) * 12 + other.month as i64 - self.month as i64
    }
    /// `2024年3月` or `Mar 2024`.
    pub fn label(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}年{}月", self.year, self.month),
            Lang::En => format!("{} {}", crate::dates::month_abbr(self.month), self.year),
        }
    }
}

/// One month of the series: the counts at the end of the month (cumulative).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub month: Month,
    /// Dated people known by the end of the month.
    pub people: usize,
    /// Links whose two people are both dated and known by then.
    pub links: usize,
    /// Dated people by kind (the kinds of `Growth::kinds`, in that order).
    pub by_kind: Vec<usize>,
}

/// The growth series of a map: one step per month from the first dated
/// person's month to the last one's, months without change included.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Growth {
    pub steps: Vec<Step>,
    /// The kinds among the dated people (in `NodeKind::ALL` order).
    pub kinds: Vec<NodeKind>,
    /// People with a date, and without.
    pub dated: usize,
    pub undated: usize,
    /// Links whose two people are both dated.
    pub dated_links: usize,
}

impl Growth {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
    pub fn first(&self) -> Option<Month> {
        self.steps.first().map(|s| s.month)
    }
    pub fn last(&self) -> Option<Month> {
        self.steps.last().map(|s| s.month)
    }
    /// The step of the month of `day`, clamped to the series.
    pub fn index_of(&self, day: NaiveDate) -> Option<usize> {
        let first = self.first()?;
        let i = first
            .until(Month::of(day))
            .clamp(0, self.steps.len() as i64 - 1);
        Some(i as usize)
    }
}

/// The growth series of `g` (counted per month, no sorting: linear in the
/// size of the map plus the number of months).
pub fn growth(g: &Graph) -> Growth {
    let dates: HashMap<Id, NaiveDate> = g
        .nodes
        .iter()
        .filter_map(|n| Some((n.id, parse_date(&n.since)?)))
        .collect();
    let people: Vec<(Month, NodeKind)> = g
        .nodes
        .iter()
        .filter_map(|n| Some((Month::of(parse_date(&n.since)?), n.kind)))
        .collect();
    let undated = g.nodes.len() - people.len();
    let (Some(first), Some(last)) = (
        people.iter().map(|p| p.0).min(),
        people.iter().map(|p| p.0).max(),
    ) else {
        return Growth {
            undated,
            ..Default::default()
        };
    };
    let kinds: Vec<NodeKind> = NodeKind::ALL
        .into_iter()
        .filter(|k| people.iter().any(|p| p.1 == *k))
        .collect();
    let n = first.until(last) as usize + 1;
    // New people (by kind) and new links in each month.
    let mut new_people = vec![vec![0usize; kinds.len()]; n];
    let mut new_links = vec![0usize; n];
    for (m, k) in &people {
        let slot = kinds.iter().position(|x| x == k).unwrap_or(0);
        new_people[first.until(*m) as usize][slot] += 1;
    }
    let mut dated_links = 0;
    for l in &g.links {
        if let (Some(a), Some(b)) = (dates.get(&l.from), dates.get(&l.to)) {
            new_links[first.until(Month::of(*a.max(b))) as usize] += 1;
            dated_links += 1;
        }
    }
    let mut steps = Vec::with_capacity(n);
    let (mut by_kind, mut links) = (vec![0; kinds.len()], 0);
    for (i, (added, linked)) in new_people.iter().zip(&new_links).enumerate() {
        for (c, a) in by_kind.iter_mut().zip(added) {
            *c += a;
        }
        links += linked;
        steps.push(Step {
            month: first.plus(i as u32),
            people: by_kind.iter().sum(),
            links,
            by_kind: by_kind.clone(),
        });
    }
    Growth {
        steps,
        kinds,
        dated: people.len(),
        undated,
        dated_links,
    }
}

/// The map as it was at the end of `day`: who and which links came later.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AsOf {
    /// People dated after the day, and links touching one of them.
    pub later_nodes: HashSet<Id>,
    pub later_links: HashSet<Id>,
    /// People and links there on the day (the undated ones included).
    pub people: usize,
    pub links: usize,
    /// People there on the day by kind (kinds with nobody left out).
    pub by_kind: Vec<(NodeKind, usize)>,
}

pub fn as_of(g: &Graph, day: NaiveDate) -> AsOf {
    let later_nodes: HashSet<Id> = g
        .nodes
        .iter()
        .filter(|n| parse_date(&n.since).is_some_and(|d| d > day))
        .map(|n| n.id)
        .collect();
    let later_links: HashSet<Id> = g
        .links
        .iter()
        .filter(|l| later_nodes.contains(&l.from) || later_nodes.contains(&l.to))
        .map(|l| l.id)
        .collect();
    let by_kind = NodeKind::ALL
        .into_iter()
        .map(|k| {
            let c = g
                .nodes
                .iter()
                .filter(|n| n.kind == k && !later_nodes.contains(&n.id))
                .count();
            (k, c)
        })
        .filter(|(_, c)| *c > 0)
        .collect();
    AsOf {
        people: g
            .nodes
            .iter()
            .filter(|n| !later_nodes.contains(&n.id))
            .count(),
        links: g.links.len() - later_links.len(),
        later_nodes,
        later_links,
        by_kind,
    }
}

// ---------------------------------------------------------------------------
// The step chart: SVG path data in a w×h box (y down, 0 people at the bottom).

/// Largest count on the chart's scale (at least 1).
pub fn scale_max(gr: &Growth) -> usize {
    gr.steps.last().map(|s| s.people).unwrap_or(0).max(1)
}

/// The outline of the people count: a step line, each month its own step.
pub fn people_path(gr: &Growth, w: f64, h: f64) -> String {
    let n = gr.steps.len().max(1) as f64;
    let max = scale_max(gr) as f64;
    let y = |v: usize| h - v as f64 / max * h;
    let mut d = format!("M0 {}", f1(h));
    for (i, s) in gr.steps.iter().enumerate() {
        d.push_str(&format!(
            "V{}H{}",
            f1(y(s.people)),
            f1((i + 1) as f64 * w / n)
        ));
    }
    d
}

/// One filled area per kind, stacked in `gr.kinds` order: how many people
/// of each kind were known, month by month.
pub fn kind_areas(gr: &Growth, w: f64, h: f64) -> Vec<(NodeKind, String)> {
    let n = gr.steps.len();
    if n == 0 {
        return Vec::new();
    }
    let max = scale_max(gr) as f64;
    let y = |v: usize| f1(h - v as f64 / max * h);
    let x = |i: usize| f1(i as f64 * w / n as f64);
    let mut out = Vec::with_capacity(gr.kinds.len());
    for (k, kind) in gr.kinds.iter().enumerate() {
        let lower: Vec<usize> = gr
            .steps
            .iter()
            .map(|s| s.by_kind[..k].iter().sum())
            .collect();
        let upper: Vec<usize> = gr
            .steps
            .iter()
            .zip(&lower)
            .map(|(s, lo)| lo + s.by_kind[k])
            .collect();
        let mut d = format!("M0 {}", y(upper[0]));
        for (i, u) in upper.iter().enumerate() {
            d.push_str(&format!("V{}H{}", y(*u), x(i + 1)));
        }
        for i in (0..n).rev() {
            d.push_str(&format!("V{}H{}", y(lower[i]), x(i)));
        }
        d.push('Z');
        out.push((*kind, d));
    }
    out
}

/// Where the end of `day` falls on the chart's x axis (clamped to 0..=w).
pub fn x_of(gr: &Growth, day: NaiveDate, w: f64) -> f64 {
    let Some(first) = gr.first() else {
        return 0.0;
    };
    let n = gr.steps.len() as f64;
    let m = Month::of(day);
    let frac = day.day() as f64 / m.last_day().day() as f64;
    ((first.until(m) as f64 + frac) / n * w).max(0.0).min(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::map::model::{Link, Node};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn graph(people: &[(NodeKind, &str)], links: &[(Id, Id)]) -> Graph {
        let mut g = Graph::default();
        for (i, (k, since)) in people.iter().enumerate() {
            g.nodes.push(Node {
                id: i as Id + 1,
                kind: *k,
                since: since.to_string(),
                ..Default::default()
            });
        }
        for (i, (a, b)) in links.iter().enumerate() {
            g.links.push(Link {
                id: 100 + i as Id,
                from: *a,
                to: *b,
                ..Default::default()
            });
        }
        g
    }

    #[test]
    fn months_step_and_label() {
        let m = Month::of(d("2023-12-15"));
        assert_eq!(
            m.next(),
            Month {
                year: 2024,
                month: 1
            }
        );
        let feb = Month {
            year: 2024,
            month: 2,
        };
        assert_eq!(feb.last_day(), d("2024-02-29"));
        assert_eq!(m.until(feb), 2);
        assert_eq!(feb.until(m), -2);
        assert_eq!(m.plus(0), m);
        assert_eq!(m.plus(2), feb);
        assert_eq!(
            m.plus(25),
            Month {
                year: 2026,
                month: 1
            }
        );
        assert_eq!(feb.label(Lang::Zh), "2024年2月");
        assert_eq!(feb.label(Lang::En), "Feb 2024");
    }

    #[test]
    fn growth_counts_people_links_and_kinds_by_month() {
        use NodeKind::*;
        let g = graph(
            &[
                (Rm, "2023-11-20"),
                (Client, "2024-01-05"),
                (Family, "2024-01-31"),
                (Family, "2024-03-02"),
                (Friend, ""),
                (Friend, "not a date"),
            ],
            &[(1, 2), (2, 3), (3, 4), (4, 5), (1, 4)],
        );
        let gr = growth(&g);
        assert_eq!((gr.dated, gr.undated, gr.dated_links), (4, 2, 4));
        assert_eq!(gr.kinds, vec![Client, Family, Rm]);
        let months: Vec<String> = gr.steps.iter().map(|s| s.month.label(Lang::En)).collect();
        assert_eq!(
            months,
            ["Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024"]
        );
        let people: Vec<usize> = gr.steps.iter().map(|s| s.people).collect();
        assert_eq!(people, [1, 1, 3, 3, 4]);
        let links: Vec<usize> = gr.steps.iter().map(|s| s.links).collect();
        assert_eq!(links, [0, 0, 2, 2, 4]);
        assert_eq!(gr.steps[2].by_kind, vec![1, 1, 1]);
        assert_eq!(gr.steps[4].by_kind, vec![1, 2, 1]);
        assert_eq!(gr.index_of(d("2020-01-01")), Some(0));
        assert_eq!(gr.index_of(d("2024-02-10")), Some(3));
        assert_eq!(gr.index_of(d("2030-01-01")), Some(4));
    }

    #[test]
    fn no_dates_no_series() {
        let g = graph(&[(NodeKind::Client, ""), (NodeKind::Rm, "")], &[(1, 2)]);
        let gr = growth(&g);
        assert!(gr.is_empty());
        assert_eq!((gr.dated, gr.undated), (0, 2));
        assert_eq!(gr.index_of(d("2024-01-01")), None);
        assert!(kind_areas(&gr, 100.0, 50.0).is_empty());
        assert_eq!(growth(&Graph::default()), Growth::default());
    }

    #[test]
    fn the_map_as_of_a_day() {
        use NodeKind::*;
        let g = graph(
            &[
                (Rm, "2023-11-20"),
                (Client, "2024-01-05"),
                (Family, "2024-03-02"),
                (Friend, ""),
            ],
            &[(1, 2), (2, 3), (3, 4), (1, 4)],
        );
        let a = as_of(&g, d("2024-01-05"));
        assert_eq!(a.later_nodes, HashSet::from([3]));
        assert_eq!(a.later_links, HashSet::from([101, 102]));
        assert_eq!((a.people, a.links), (3, 2));
        assert_eq!(a.by_kind, vec![(Client, 1), (Friend, 1), (Rm, 1)]);
        let a = as_of(&g, d("2024-01-04"));
        assert_eq!(a.later_nodes, HashSet::from([2, 3]));
        assert_eq!(as_of(&g, d("2030-01-01")).later_nodes, HashSet::new());
        // Before anybody: only the undated person is there.
        assert_eq!(as_of(&g, d("2000-01-01")).people, 1);
    }

    #[test]
    fn chart_paths() {
        use NodeKind::*;
        let g = graph(&[(Rm, "2024-01-10"), (Client, "2024-02-10")], &[]);
        let gr = growth(&g);
        assert_eq!(people_path(&gr, 100.0, 50.0), "M0 50V25H50V0H100");
        let areas = kind_areas(&gr, 100.0, 50.0);
        assert_eq!(
            areas[0],
            (Client, "M0 50V50H50V25H100V50H50V50H0Z".to_string())
        );
        assert_eq!(areas[1], (Rm, "M0 25V25H50V0H100V25H50V50H0Z".to_string()));
        assert_eq!(x_of(&gr, d("2024-01-31"), 100.0), 50.0);
        assert_eq!(x_of(&gr, d("2023-01-31"), 100.0), 0.0);
        assert_eq!(x_of(&gr, d("2026-01-31"), 100.0), 100.0);
    }

    fn any_date() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("garbage".to_string()),
            (1990i32..2030, 1u32..13, 1u32..29)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        ]
    }

    proptest! {
        #[test]
        fn counts_never_fall_and_end_at_the_dated_people(
            people in proptest::collection::vec((0usize..10, any_date()), 0..40),
            links in proptest::collection::vec((0u32..40, 0u32..40), 0..60),
            day in (1990i32..2030, 1u32..13, 1u32..29),
        ) {
            let mut g = Graph::default();
            for (i, (k, since)) in people.iter().enumerate() {
                g.nodes.push(Node { id: i as Id + 1, kind: NodeKind::ALL[*k], since: since.clone(), ..Default::default() });
            }
            let n = people.len() as Id;
            for (i, (a, b)) in links.iter().enumerate() {
                if n > 0 {
                    g.links.push(Link { id: 1000 + i as Id, from: a % n + 1, to: b % n + 1, ..Default::default() });
                }
            }
            let gr = growth(&g);
            let dated = g.nodes.iter().filter(|n| parse_date(&n.since).is_some()).count();
            prop_assert_eq!(gr.dated, dated);
            prop_assert_eq!(gr.dated + gr.undated, g.nodes.len());
            for w in gr.steps.windows(2) {
                prop_assert!(w[0].people <= w[1].people);
                prop_assert!(w[0].links <= w[1].links);
                prop_assert!(w[0].by_kind.iter().zip(&w[1].by_kind).all(|(a, b)| a <= b));
                prop_assert_eq!(w[0].month.next(), w[1].month);
            }
            for s in &gr.steps {
                prop_assert_eq!(s.by_kind.iter().sum::<usize>(), s.people);
            }
            prop_assert_eq!(gr.steps.last().map(|s| s.people).unwrap_or(0), dated);
            prop_assert_eq!(gr.steps.last().map(|s| s.links).unwrap_or(0), gr.dated_links);
            // The map as of a day agrees with the dates (plus the undated).
            let day = NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap();
            let a = as_of(&g, day);
            let on_day = g.nodes.iter().filter(|n| parse_date(&n.since).is_some_and(|d| d <= day)).count();
            prop_assert_eq!(a.people, gr.undated + on_day);
            // Each step counts everyone dated up to its month's end.
            if let Some(i) = gr.index_of(day) {
                let end = gr.steps[i].month.last_day();
                let by_end = g.nodes.iter().filter(|n| parse_date(&n.since).is_some_and(|d| d <= end)).count();
                prop_assert_eq!(gr.steps[i].people, by_end);
            }
        }
    }
}
