//! Round trips, rejections and measured sizes of whole pieces.

use super::*;
use crate::i18n::Lang;
use crate::storage::codec::DocData;
use crate::tools::{assess as at, clv as ct, map as mt, scripts as st, tiering as tt};
use proptest::prelude::*;

/// A page address of typical length (a project site in a sub-folder).
const PAGE: &str = "https://rm-toolkit.example.org/app/";

fn arb_piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        clv::tests::arb_case().prop_map(Piece::Clv),
        tiering::tests::arb_settings().prop_map(Piece::Tiering),
        map::tests::arb_map().prop_map(Piece::Map),
        script::tests::arb_script().prop_map(|s| Piece::Script(script::shareable(&s))),
        assess::tests::arb_quiz().prop_map(Piece::Quiz),
        assess::tests::arb_result().prop_map(Piece::Result),
    ]
}

/// Every demo piece of every tool, named.
fn demo_pieces(lang: Lang) -> Vec<(String, Piece)> {
    let mut v = Vec::new();
    for s in &ct::doc::ClvDoc::demo(lang).scenarios {
        v.push((
            format!("clv: {}", s.name),
            Piece::Clv(clv::ClvCase::from_scenario(s)),
        ));
    }
    v.push((
        "tiering: demo settings".into(),
        Piece::Tiering(tiering::TierSettings::from_doc(&tt::doc::TieringDoc::demo(
            lang,
        ))),
    ));
    for m in &mt::doc::MapDoc::demo(lang).maps {
        let p = map::MapPiece::from_entry(m);
        v.push((
            format!("map: {} ({} people)", m.name, m.graph.nodes.len()),
            Piece::Map(p.clone()),
        ));
        v.push((
            format!("map: {} anonymised", m.name),
            Piece::Map(p.anonymised(lang)),
        ));
    }
    for s in &st::library::ScriptsDoc::demo(lang).scripts {
        let json = serde_json::to_string(s).unwrap_or_default().len();
        v.push((
            format!("script: {} ({json} B JSON)", s.name),
            Piece::Script(script::shareable(s)),
        ));
    }
    let doc = at::doc::AssessDoc::demo(lang);
    for q in at::data::QUESTIONNAIRES {
        let mut with_target = doc.clone();
        for d in q.dims {
            with_target.set_target(q.id, d.id, Some(75.0));
        }
        v.push((
            format!("quiz: {} with target", q.id),
            Piece::Quiz(assess::QuizPiece::new(q.id, Some(&with_target)).unwrap()),
        ));
        let attempt = at::doc::Attempt {
            id: 1,
            questionnaire: q.id.into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            answers: at::score::uniform_answers(q, 4),
        };
        v.push((
            format!("result: {} ({} answers)", q.id, q.items.len()),
            Piece::Result(assess::ResultPiece::from_attempt(&attempt, &doc.trainee).unwrap()),
        ));
    }
    v
}

#[test]
fn every_demo_piece_round_trips_in_both_alphabets_and_languages() {
    for lang in Lang::ALL {
        for (name, p) in demo_pieces(lang) {
            assert!(p.check().is_ok(), "{name}");
            assert_eq!(decode(&p.link(PAGE)).as_ref(), Ok(&p), "{name}");
            assert_eq!(decode(&p.qr_text(Some(PAGE))).as_ref(), Ok(&p), "{name}");
            assert_eq!(decode(&p.qr_text(None)).as_ref(), Ok(&p), "{name}");
            assert_eq!(decode_as(&p.link(PAGE), p.kind()).as_ref(), Ok(&p));
        }
    }
}

#[test]
fn links_route_to_the_right_tool() {
    use crate::route::Route;
    for (name, p) in demo_pieces(Lang::Zh) {
        let link = p.link(PAGE);
        let hash = &link[link.find('#').unwrap()..];
        match Route::parse(hash) {
            Route::Tool(t, sub) => {
                assert_eq!(t, p.kind().tool(), "{name}");
                assert!(sub.starts_with("open/"), "{name}");
                assert_eq!(decode(&sub).as_ref(), Ok(&p), "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn a_piece_of_another_kind_is_refused_where_a_result_is_expected() {
    let p = Piece::Map(map::sample_map(3));
    assert_eq!(
        decode_as(&p.qr_text(None), Kind::Result),
        Err(ShareError::WrongKind(Kind::Map))
    );
}

#[test]
fn intact_but_unusable_links_are_invalid() {
    let mut s = script::shareable(&st::library::ScriptsDoc::demo(Lang::Zh).scripts[0]);
    s.framework = "unknown".into();
    let t = Piece::Script(s).token(Alphabet::Base64Url);
    assert!(matches!(decode(&t), Err(ShareError::Invalid(_))));
    // A body with bytes after the piece is damaged, not silently accepted.
    let mut body = Piece::Map(map::sample_map(2)).body();
    body.push(0);
    let t = codec::seal(Kind::Map, 1, &body, Alphabet::Base64Url);
    assert_eq!(decode(&t), Err(ShareError::Damaged));
    // A result for a questionnaire whose statements changed.
    let q = &at::data::QUESTIONNAIRES[0];
    let mut r = assess::ResultPiece::from_attempt(
        &at::doc::Attempt {
            questionnaire: q.id.into(),
            answers: at::score::uniform_answers(q, 3),
            ..Default::default()
        },
        "x",
    )
    .unwrap();
    r.version = r.version.wrapping_add(1);
    assert_eq!(
        decode(&Piece::Result(r).token(Alphabet::Base32)),
        Err(ShareError::Outdated)
    );
}

#[test]
fn every_message_key_is_translated() {
    let errors = [
        ShareError::Empty,
        ShareError::Foreign,
        ShareError::Newer {
            kind: Kind::Map,
            version: 2,
        },
        ShareError::Truncated,
        ShareError::Damaged,
        ShareError::TooLarge,
        ShareError::OtherEdition,
        ShareError::Invalid(String::new()),
        ShareError::Outdated,
        ShareError::WrongKind(Kind::Clv),
    ];
    for lang in Lang::ALL {
        for e in &errors {
            assert_ne!(crate::i18n::t(lang, e.message_key()), e.message_key());
        }
        for k in Kind::ALL {
            assert_ne!(crate::i18n::t(lang, k.name_key()), k.name_key());
        }
    }
}

/// The sizes promised in the issue (characters of URL, JSON → deflate →
/// base64url) are upper bounds for our links; a 40-answer result fits a
/// version-6 QR code. Run with `--nocapture` to see the table.
#[test]
fn measured_sizes_stay_within_the_issues_figures() {
    println!("page = {PAGE} ({} chars)", PAGE.len());
    println!(
        "{:<58} {:>5} {:>5} {:>6} {:>5} {:>4} {:>5}",
        "piece", "body", "token", "link", "qrtxt", "QRv", "bareQ"
    );
    let mut rows = Vec::new();
    for lang in Lang::ALL {
        for (name, p) in demo_pieces(lang) {
            rows.push((format!("[{}] {name}", lang.code()), p));
        }
    }
    for n in [10, 50, 100] {
        let m = map::sample_map(n);
        rows.push((format!("sample map, {n} people"), Piece::Map(m.clone())));
        rows.push((
            format!("sample map, {n} people, anonymised"),
            Piece::Map(m.anonymised(Lang::Zh)),
        ));
    }
    let mut over = Vec::new();
    for (name, p) in &rows {
        let link = p.link(PAGE);
        let qr_text = p.qr_text(Some(PAGE));
        let qr = qr::qr_svg(&qr_text).map(|c| c.version).unwrap_or(0);
        let bare = qr::qr_svg(&p.qr_text(None)).map(|c| c.version).unwrap_or(0);
        println!(
            "{:<58} {:>5} {:>5} {:>6} {:>5} {:>4} {:>5}",
            name,
            p.body().len(),
            p.token(Alphabet::Base64Url).len(),
            link.chars().count(),
            qr_text.len(),
            qr,
            bare
        );
        let bound = match p {
            Piece::Clv(_) | Piece::Tiering(_) | Piece::Quiz(_) | Piece::Result(_) => 250,
            Piece::Script(_) => 420,
            // The demo maps carry a note, dates and tags on nearly everyone:
            // richer than the issue's measured maps; a regression guard only.
            Piece::Map(_) if !name.starts_with("sample") => 700,
            Piece::Map(m) if m.people.len() <= 11 => 550,
            Piece::Map(m) if m.people.len() <= 50 => 1500,
            Piece::Map(_) => 2600,
        };
        if link.len() > bound {
            over.push(format!("{name}: {} > {bound}", link.len()));
        }
        if let Piece::Result(r) = p {
            let n = at::data::questionnaire(&r.questionnaire)
                .unwrap()
                .items
                .len();
            if n <= 40 {
                assert!(bare <= 6, "{name}: version {bare}");
            }
        }
    }
    assert!(over.is_empty(), "{over:#?}");
    // The alphanumeric trick, on the largest map that fits a code.
    let p = Piece::Map(map::sample_map(50));
    let b32 = qr::qr_svg(&p.qr_text(Some(PAGE))).unwrap().version;
    let b64 = qr::qr_svg(&p.link(PAGE)).unwrap().version;
    println!("50-person map: QR version {b32} with base32 tail, {b64} with base64url link");
    assert!(b32 < b64);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Random pieces of every kind survive link, QR text and bare token.
    #[test]
    fn random_pieces_round_trip(p in arb_piece()) {
        prop_assume!(p.check().is_ok());
        prop_assert_eq!(decode(&p.link(PAGE)), Ok(p.clone()));
        prop_assert_eq!(decode(&p.qr_text(Some(PAGE))), Ok(p.clone()));
        prop_assert_eq!(decode(&p.qr_text(None)), Ok(p));
    }

    /// Every cut of a link (and of a QR text) is refused.
    #[test]
    fn every_truncation_is_refused(p in arb_piece()) {
        prop_assume!(p.check().is_ok());
        for text in [p.link(PAGE), p.qr_text(None)] {
            let start = text.find("/open/").map(|i| i + 6).unwrap_or(0);
            for cut in start..text.len() {
                prop_assert!(decode(&text[..cut]).is_err(), "cut at {} of {}", cut, text.len());
            }
        }
    }
}

#[test]
fn cuts_anywhere_in_a_demo_link_are_refused() {
    for (name, p) in demo_pieces(Lang::Zh) {
        let link = p.link(PAGE);
        for cut in 0..link.len() {
            if link.is_char_boundary(cut) {
                assert!(decode(&link[..cut]).is_err(), "{name}: cut at {cut}");
            }
        }
    }
}

#[test]
fn demo_codes_scan_back_into_the_same_piece() {
    for (name, p) in demo_pieces(Lang::Zh) {
        let text = match p {
            Piece::Result(_) => p.qr_text(None),
            _ => p.qr_text(Some(PAGE)),
        };
        let code = qr::qr_svg(&text).unwrap();
        let scanned = qr::tests::scan(&code).unwrap_or_else(|| panic!("{name}: no scan"));
        assert_eq!(decode(&scanned).as_ref(), Ok(&p), "{name}");
    }
}
