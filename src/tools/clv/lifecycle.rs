//! Lifecycle stages, needs by age, the prospect funnel and the follow-up
//! planner (contact dates by prospect stage, a month calendar, .ics export).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The six lifecycle stages: (name key, what-to-do key).
pub const STAGES: [(&str, &str); 6] = [
    ("clv.life.s1", "clv.life.s1.do"),
    ("clv.life.s2", "clv.life.s2.do"),
    ("clv.life.s3", "clv.life.s3.do"),
    ("clv.life.s4", "clv.life.s4.do"),
    ("clv.life.s5", "clv.life.s5.do"),
    ("clv.life.s6", "clv.life.s6.do"),
];

/// Needs by age: (age band key, needs key).
pub const NEEDS_BY_AGE: [(&str, &str); 4] = [
    ("clv.age.a1", "clv.age.a1.needs"),
    ("clv.age.a2", "clv.age.a2.needs"),
    ("clv.age.a3", "clv.age.a3.needs"),
    ("clv.age.a4", "clv.age.a4.needs"),
];

/// New prospects needed per week for `deals_per_week` deals at a closing
/// ratio of 1:`k` (rounded up). `None` for impossible inputs (negative,
/// non-finite, k < 1, or beyond a million).
pub fn prospects_needed(k: f64, deals_per_week: f64) -> Option<f64> {
    if !k.is_finite() || !deals_per_week.is_finite() || k < 1.0 || deals_per_week < 0.0 {
        return None;
    }
    let v = (k * deals_per_week - 1e-9).ceil().max(0.0);
    (v <= 1e6).then_some(v)
}

/// Where a prospect stands, with the course's follow-up frequency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProspectStage {
    /// Deposit paid: weekly.
    DepositPaid,
    /// Closing within 7 days: daily.
    Within7Days,
    /// Closing within a month: weekly.
    #[default]
    WithinMonth,
    /// 1–3 months: twice a month.
    OneToThreeMonths,
    /// Over 3 months: monthly.
    OverThreeMonths,
}

impl ProspectStage {
    pub const ALL: [ProspectStage; 5] = [
        ProspectStage::DepositPaid,
        ProspectStage::Within7Days,
        ProspectStage::WithinMonth,
        ProspectStage::OneToThreeMonths,
        ProspectStage::OverThreeMonths,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProspectStage::DepositPaid => "clv.fu.deposit",
            ProspectStage::Within7Days => "clv.fu.week",
            ProspectStage::WithinMonth => "clv.fu.month",
            ProspectStage::OneToThreeMonths => "clv.fu.quarter",
            ProspectStage::OverThreeMonths => "clv.fu.later",
        }
    }

    /// Translation key of the follow-up frequency.
    pub fn freq_key(self) -> &'static str {
        match self {
            ProspectStage::DepositPaid | ProspectStage::WithinMonth => "clv.fu.f.weekly",
            ProspectStage::Within7Days => "clv.fu.f.daily",
            ProspectStage::OneToThreeMonths => "clv.fu.f.twice_month",
            ProspectStage::OverThreeMonths => "clv.fu.f.monthly",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ProspectStage::DepositPaid => "deposit",
            ProspectStage::Within7Days => "week",
            ProspectStage::WithinMonth => "month",
            ProspectStage::OneToThreeMonths => "quarter",
            ProspectStage::OverThreeMonths => "later",
        }
    }

    pub fn from_slug(s: &str) -> Option<ProspectStage> {
        Self::ALL.into_iter().find(|p| p.slug() == s)
    }

    /// Contact dates from `start` (inclusive) over the stage's planning
    /// window: weekly for 4 weeks (deposit paid), daily for 7 days, weekly
    /// for a month, twice a month (1st and 15th day after each month start)
    /// for 3 months, monthly for 6 months.
    pub fn contact_dates(self, start: NaiveDate) -> Vec<NaiveDate> {
        let step_days = |step: i64, count: i64| -> Vec<NaiveDate> {
            (0..count)
                .filter_map(|i| start.checked_add_signed(Duration::days(step * i)))
                .collect()
        };
        let months = |count: u32, twice: bool| -> Vec<NaiveDate> {
            let mut out = Vec::new();
            for i in 0..count {
                if let Some(d) = start.checked_add_months(Months::new(i)) {
                    out.push(d);
                    if twice {
                        if let Some(mid) = d.checked_add_signed(Duration::days(15)) {
                            out.push(mid);
                        }
                    }
                }
            }
            out
        };
        match self {
            ProspectStage::DepositPaid => step_days(7, 4),
            ProspectStage::Within7Days => step_days(1, 7),
            ProspectStage::WithinMonth => step_days(7, 5),
            ProspectStage::OneToThreeMonths => months(3, true),
            ProspectStage::OverThreeMonths => months(6, false),
        }
    }
}

/// A prospect in the follow-up planner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prospect {
    pub name: String,
    pub stage: ProspectStage,
}

/// One planned contact.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub date: NaiveDate,
    pub name: String,
    pub stage: ProspectStage,
}

/// All contacts of the prospects from `start`, sorted by date then name.
/// Prospects with an empty name are skipped.
pub fn plan(prospects: &[Prospect], start: NaiveDate) -> Vec<Contact> {
    let mut out: Vec<Contact> = prospects
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .flat_map(|p| {
            p.stage
                .contact_dates(start)
                .into_iter()
                .map(move |date| Contact {
                    date,
                    name: p.name.trim().to_string(),
                    stage: p.stage,
                })
        })
        .collect();
    crate::sort::by(&mut out, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Weeks (Monday first) of the month containing `day`: each cell is a date
/// of that month or `None` for padding.
pub fn month_grid(year: i32, month: u32) -> Vec<[Option<NaiveDate>; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    let mut d = first;
    while d.month() == month {
        let col = d.weekday().num_days_from_monday() as usize;
        week[col] = Some(d);
        if d.weekday() == Weekday::Sun {
            weeks.push(week);
            week = [None; 7];
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    if week.iter().any(|c| c.is_some()) {
        weeks.push(week);
    }
    weeks
}

/// The distinct (year, month) pairs covered by the contacts, in order.
pub fn months_of(contacts: &[Contact]) -> Vec<(i32, u32)> {
    let mut v: Vec<(i32, u32)> = contacts
        .iter()
        .map(|c| (c.date.year(), c.date.month()))
        .collect();
    crate::sort::asc(&mut v);
    v.dedup();
    v
}

/// Escape text for an iCalendar TEXT value (RFC 5545 §3.3.11).
pub fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out
}

/// DTSTAMP text from an ISO UTC time such as `2026-11-23T10:00:00.000Z`
/// (what JavaScript's `toISOString` gives): `20261123T100000Z`. Falls back
/// to the Unix epoch for text it does not understand.
pub fn ics_stamp(iso: &str) -> String {
    let digits: String = iso
        .chars()
        .filter(|c| c.is_ascii_digit())
        .take(14)
        .collect();
    if digits.len() < 14 {
        return "19700101T000000Z".into();
    }
    format!("{}T{}Z", &digits[..8], &digits[8..14])
}

/// An iCalendar file with one all-day event per contact. `summary` turns a
/// contact into its title (e.g. "跟进：张先生（每周）"); `stamp` is the
/// DTSTAMP in UTC form `YYYYMMDDTHHMMSSZ`.
pub fn to_ics(contacts: &[Contact], summary: impl Fn(&Contact) -> String, stamp: &str) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//RM Toolkit//CLV studio//ZH".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for (i, c) in contacts.iter().enumerate() {
        let end = c.date.succ_opt().unwrap_or(c.date);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:rmt-clv-{}-{}-{}@rm-toolkit",
            crate::dates::compact(c.date),
            i,
            c.stage.slug()
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!(
            "DTSTART;VALUE=DATE:{}",
            crate::dates::compact(c.date)
        ));
        lines.push(format!("DTEND;VALUE=DATE:{}", crate::dates::compact(end)));
        lines.push(format!("SUMMARY:{}", ics_escape(&summary(c))));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold(&l));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn funnel() {
        assert_eq!(prospects_needed(5.0, 5.0), Some(25.0));
        assert_eq!(prospects_needed(5.0, 1.0), Some(5.0));
        assert_eq!(prospects_needed(3.0, 1.5), Some(5.0)); // 4.5 → 5
        assert_eq!(prospects_needed(5.0, 0.0), Some(0.0));
        assert_eq!(prospects_needed(0.5, 1.0), None);
        assert_eq!(prospects_needed(5.0, -1.0), None);
        assert_eq!(prospects_needed(f64::NAN, 1.0), None);
        assert_eq!(prospects_needed(1e9, 1e9), None);
    }

    #[test]
    fn frequencies() {
        let s = d(2026, 11, 23);
        let w = ProspectStage::DepositPaid.contact_dates(s);
        assert_eq!(w, vec![s, d(2026, 11, 30), d(2026, 12, 7), d(2026, 12, 14)]);
        let daily = ProspectStage::Within7Days.contact_dates(s);
        assert_eq!(daily.len(), 7);
        assert_eq!(daily[6], d(2026, 11, 29));
        assert_eq!(ProspectStage::WithinMonth.contact_dates(s).len(), 5);
        let twice = ProspectStage::OneToThreeMonths.contact_dates(s);
        assert_eq!(
            twice,
            vec![
                s,
                d(2026, 12, 8),
                d(2026, 12, 23),
                d(2027, 1, 7),
                d(2027, 1, 23),
                d(2027, 2, 7)
            ]
        );
        let monthly = ProspectStage::OverThreeMonths.contact_dates(d(2026, 1, 31));
        assert_eq!(monthly[1], d(2026, 2, 28));
        assert_eq!(monthly.len(), 6);
    }

    #[test]
    fn plan_sorted_and_skips_blank() {
        let ps = vec![
            Prospect {
                name: "王女士".into(),
                stage: ProspectStage::Within7Days,
            },
            Prospect {
                name: "  ".into(),
                stage: ProspectStage::Within7Days,
            },
            Prospect {
                name: "李先生".into(),
                stage: ProspectStage::DepositPaid,
            },
        ];
        let p = plan(&ps, d(2026, 11, 23));
        assert_eq!(p.len(), 11);
        assert!(p.windows(2).all(|w| w[0].date <= w[1].date));
        assert_eq!(months_of(&p), vec![(2026, 11), (2026, 12)]);
    }

    #[test]
    fn grid_of_a_month() {
        // November 2026 starts on a Sunday.
        let g = month_grid(2026, 11);
        assert_eq!(g[0][6], Some(d(2026, 11, 1)));
        assert!(g[0][..6].iter().all(|c| c.is_none()));
        assert_eq!(g.len(), 6);
        assert_eq!(g[5][0], Some(d(2026, 11, 30)));
        let n: usize = g.iter().map(|w| w.iter().flatten().count()).sum();
        assert_eq!(n, 30);
        assert!(month_grid(2026, 13).is_empty());
    }

    #[test]
    fn stamps() {
        assert_eq!(ics_stamp("2026-11-23T10:05:09.123Z"), "20261123T100509Z");
        assert_eq!(ics_stamp("garbage"), "19700101T000000Z");
    }

    #[test]
    fn ics_export() {
        let cs = vec![Contact {
            date: d(2026, 12, 31),
            name: "张, 先生; \\ test".into(),
            stage: ProspectStage::Within7Days,
        }];
        let ics = to_ics(&cs, |c| format!("跟进：{}", c.name), "20261123T100000Z");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261231\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("SUMMARY:跟进：张\\, 先生\\; \\\\ test\r\n"));
        assert!(ics.contains("DTSTAMP:20261123T100000Z\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        // No bare LF.
        assert!(!ics.replace("\r\n", "").contains('\n'));
        // Long lines are folded at 75 octets, on character boundaries.
        let long = vec![Contact {
            date: d(2026, 1, 1),
            name: "客户".repeat(40),
            stage: ProspectStage::DepositPaid,
        }];
        let ics = to_ics(&long, |c| c.name.clone(), "20260101T000000Z");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "客户".repeat(40))));
        assert_eq!(ics_escape("a\nb\r"), "a\\nb");
    }

    proptest::proptest! {
        #[test]
        fn ics_lines_short(name in "\\PC{0,120}") {
            let cs = vec![Contact { date: d(2026, 3, 1), name, stage: ProspectStage::WithinMonth }];
            let ics = to_ics(&cs, |c| c.name.clone(), "20260101T000000Z");
            for line in ics.split("\r\n") {
                proptest::prop_assert!(line.len() <= 75);
            }
        }
    }
}
