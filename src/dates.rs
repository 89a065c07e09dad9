//! Dates as the app writes and reads them: ISO `yyyy-mm-dd` (documents,
//! date inputs), iCalendar's `yyyymmdd`, English month abbreviations and
//! `hh:mm`. Written by hand so that no binary links chrono's strftime
//! formatter and parser (about 22 KB of wasm in every binary); chrono still
//! does the calendar arithmetic.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// `2026-11-23`.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `20261123` (iCalendar `VALUE=DATE`).
pub fn compact(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `14:05`.
pub fn hour_minute(dt: NaiveDateTime) -> String {
    format!("{:02}:{:02}", dt.hour(), dt.minute())
}

/// `Jan` … `Dec` for months 1 to 12 (empty otherwise).
pub fn month_abbr(month: u32) -> &'static str {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    M.get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// An ISO date `yyyy-mm-dd` as chrono's `FromStr` reads it: a year of one to
/// four digits, a month and a day of one or two, surrounding spaces ignored;
/// `None` unless it is a real calendar day.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('-');
    let mut num = |max_len: usize| -> Option<u32> {
        let p = parts.next()?.trim();
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (y, m, d) = (num(4)?, num(2)?, num(2)?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// `#[serde(with = "crate::dates::serde_iso")]` for a `NaiveDate` field:
/// written and read as `yyyy-mm-dd`, the way chrono's serde support does.
pub mod serde_iso {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_iso(&s).ok_or_else(|| D::Error::custom(format_args!("not a date: {s}")))
    }
}

/// The same for an `Option<NaiveDate>` field (`null` for none).
pub mod serde_iso_opt {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&super::iso(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => super::parse_iso(&s)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format_args!("not a date: {s}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn writes_as_chrono_does() {
        for date in [
            d(2026, 11, 23),
            d(2024, 2, 29),
            d(1999, 1, 1),
            d(33, 12, 31),
        ] {
            assert_eq!(iso(date), date.format("%Y-%m-%d").to_string());
            assert_eq!(iso(date), date.to_string());
            assert_eq!(compact(date), date.format("%Y%m%d").to_string());
            assert_eq!(month_abbr(date.month()), date.format("%b").to_string());
        }
        let dt = d(2026, 11, 23).and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(hour_minute(dt), dt.format("%H:%M").to_string());
        assert_eq!(month_abbr(0), "");
        assert_eq!(month_abbr(13), "");
    }

    #[test]
    fn reads_what_chrono_reads() {
        for s in [
            "2026-11-23",
            "2024-02-29",
            " 2026-1-5 ",
            "0033-12-31",
            "1970-01-01",
        ] {
            assert_eq!(parse_iso(s), s.trim().parse::<NaiveDate>().ok(), "{s}");
            assert!(parse_iso(s).is_some(), "{s}");
        }
        for s in [
            "",
            "2026",
            "2026-11",
            "2026-13-01",
            "2023-02-29",
            "2026-11-23x",
            "2026/11/23",
            "2026-11-23-1",
            "x-1-1",
            "2026--1",
        ] {
            assert_eq!(parse_iso(s), None, "{s}");
        }
        for date in [d(2026, 11, 23), d(1900, 3, 1), d(2100, 12, 31)] {
            assert_eq!(parse_iso(&iso(date)), Some(date));
        }
    }

    #[test]
    fn serde_round_trip_matches_chrono() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct A {
            #[serde(with = "serde_iso")]
            date: NaiveDate,
            #[serde(with = "serde_iso_opt")]
            start: Option<NaiveDate>,
        }
        #[derive(serde::Serialize)]
        struct B {
            date: NaiveDate,
            start: Option<NaiveDate>,
        }
        let a = A {
            date: d(2026, 11, 23),
            start: None,
        };
        let b = B {
            date: a.date,
            start: None,
        };
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        let a = A {
            date: d(2026, 11, 23),
            start: Some(d(2025, 1, 2)),
        };
        let b = B {
            date: a.date,
            start: a.start,
        };
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), text);
        assert_eq!(serde_json::from_str::<A>(&text).unwrap(), a);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::from_value::<A>(v).unwrap(), a);
        assert!(serde_json::from_str::<A>(r#"{"date":"2026-02-30","start":null}"#).is_err());
        assert!(serde_json::from_str::<A>(r#"{"date":5,"start":null}"#).is_err());
    }
}
