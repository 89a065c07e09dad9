//! A script (FABE, PPF nine-grid or step conversation) as a share piece:
//! the whole `Script` except its id.
//!
//! Body v1: a flag byte (bit 0 English, 1 has a PPF grid, 2 has an edited
//! spoken text, 3 the edit is stale, i.e. its base differs from today's
//! assembled text and is carried too); name, framework id, template id,
//! need; product and client risk (0 none, level + 1); the parts; the grid
//! (themes, then cells: questions and answers); the edited text and, when
//! stale, its base. A fresh edit's base is the assembled text, rebuilt on
//! arrival instead of being sent twice.

use super::bin::{BinError, Reader, Writer};
use super::codec::ShareError;
use crate::i18n::Lang;
use crate::tools::scripts::library::{validate_script, Script, ScriptsDoc};
use crate::tools::scripts::ppf::{Cell, Grid};

fn write_strs(w: &mut Writer, v: &[String]) {
    w.uv(v.len() as u64);
    for s in v {
        w.str(s);
    }
}

fn read_strs(r: &mut Reader) -> Result<Vec<String>, BinError> {
    let n = r.count()?;
    (0..n).map(|_| r.str()).collect()
}

fn level(v: Option<u8>) -> u64 {
    v.map(|l| u64::from(l) + 1).unwrap_or(0)
}

fn read_level(r: &mut Reader) -> Result<Option<u8>, BinError> {
    match r.uv()? {
        0 => Ok(None),
        n => Ok(Some(u8::try_from(n - 1).map_err(|_| BinError)?)),
    }
}

/// Does the edit's base differ from the text the parts assemble to?
fn stale(s: &Script) -> bool {
    s.edited_script.is_some() && s.edited_base != s.spoken()
}

pub(super) fn write(s: &Script, w: &mut Writer) {
    let stale = stale(s);
    w.u8(u8::from(s.lang == Lang::En)
        | u8::from(s.grid.is_some()) << 1
        | u8::from(s.edited_script.is_some()) << 2
        | u8::from(stale) << 3);
    for t in [&s.name, &s.framework, &s.template, &s.need] {
        w.str(t);
    }
    w.uv(level(s.product_risk));
    w.uv(level(s.client_risk));
    write_strs(w, &s.parts);
    if let Some(g) = &s.grid {
        write_strs(w, &g.themes);
        w.uv(g.cells.len() as u64);
        for c in &g.cells {
            write_strs(w, &c.questions);
            w.str(&c.answers);
        }
    }
    if let Some(e) = &s.edited_script {
        w.str(e);
        if stale {
            w.str(&s.edited_base);
        }
    }
}

pub(super) fn read(r: &mut Reader) -> Result<Script, BinError> {
    let flags = r.u8()?;
    if flags > 15 || (flags & 8 != 0 && flags & 4 == 0) {
        return Err(BinError);
    }
    let mut s = Script {
        id: 0,
        lang: if flags & 1 != 0 { Lang::En } else { Lang::Zh },
        name: r.str()?,
        framework: r.str()?,
        template: r.str()?,
        need: r.str()?,
        product_risk: read_level(r)?,
        client_risk: read_level(r)?,
        parts: read_strs(r)?,
        grid: None,
        edited_script: None,
        edited_base: String::new(),
    };
    if flags & 2 != 0 {
        let themes = read_strs(r)?;
        let n = r.count()?;
        let cells = (0..n)
            .map(|_| {
                Ok(Cell {
                    questions: read_strs(r)?,
                    answers: r.str()?,
                })
            })
            .collect::<Result<_, BinError>>()?;
        s.grid = Some(Grid { themes, cells });
    }
    if flags & 4 != 0 {
        s.edited_script = Some(r.str()?);
        s.edited_base = if flags & 8 != 0 {
            let base = r.str()?;
            if base == s.spoken() {
                return Err(BinError);
            }
            base
        } else {
            s.spoken()
        };
    }
    Ok(s)
}

pub(super) fn check(s: &Script) -> Result<(), ShareError> {
    validate_script(s).map_err(ShareError::Invalid)
}

/// The script as the piece carries it: id 0, and no edit base without an
/// edit (the only parts of a `Script` a link does not keep).
pub fn shareable(s: &Script) -> Script {
    let mut s = s.clone();
    s.id = 0;
    if s.edited_script.is_none() {
        s.edited_base.clear();
    }
    s
}

/// Add a received script to the library (new id, a unique name); the
/// trainee's scripts are untouched. `None` when the library is full.
pub fn add_to(s: &Script, doc: &mut ScriptsDoc) -> Option<u64> {
    doc.add(s.clone())
}

/// The library's script that a received script already is (scanned or
/// pasted twice): the same content under the same name, or under the name
/// the library gave the copy ("name (2)"). Ids are not compared.
pub fn already_in(doc: &ScriptsDoc, s: &Script) -> Option<u64> {
    let mut probe = shareable(s);
    probe.normalise();
    let base = probe.name.trim().to_string();
    doc.scripts
        .iter()
        .find(|x| {
            let renamed = x
                .name
                .strip_prefix(base.as_str())
                .is_some_and(|r| r.starts_with(" (") && r.ends_with(')'));
            let mut y = shareable(x);
            (y.name == base || renamed) && {
                y.name = probe.name.clone();
                y == probe
            }
        })
        .map(|x| x.id)
}

/// A received hand-in code for the script library: the script, and the
/// library's copy of it when it is already there. Nothing is changed.
pub fn receive(doc: &ScriptsDoc, text: &str) -> Result<(Script, Option<u64>), ShareError> {
    let s: Script = super::one::decode(text)?;
    let dup = already_in(doc, &s);
    Ok((s, dup))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::storage::codec::DocData;
    use proptest::prelude::*;

    #[test]
    fn a_script_handed_in_twice_is_a_duplicate() {
        use crate::i18n::Lang;
        use crate::share::{Alphabet, Piece};
        let mut trainer = ScriptsDoc::demo(Lang::Zh);
        let mine = ScriptsDoc::demo(Lang::Zh).scripts[0].clone();
        let mut pitch = mine.clone();
        pitch.name = "张敏的代发薪FABE".into();
        pitch.parts[0] = "我们的代发薪当天到账".into();
        let code = Piece::Script(shareable(&pitch)).qr_text(None);
        let (s, dup) = receive(&trainer, &code).unwrap();
        assert_eq!(dup, None);
        let id = add_to(&s, &mut trainer).unwrap();
        let (_, dup) = receive(&trainer, &code).unwrap();
        assert_eq!(dup, Some(id));
        // The demo script itself is in the trainer's library already (same
        // name, same content); a copy renamed "(2)" is found too.
        let demo = Piece::Script(shareable(&mine)).token(Alphabet::Base32);
        assert_eq!(receive(&trainer, &demo).unwrap().1, Some(mine.id));
        let id2 = add_to(&shareable(&mine), &mut trainer).unwrap();
        trainer.scripts.retain(|x| x.id != mine.id);
        assert_eq!(receive(&trainer, &demo).unwrap().1, Some(id2));
        // Another kind of code is refused.
        let quiz = Piece::Quiz(crate::share::assess::QuizPiece::new("kash", None).unwrap());
        assert!(receive(&trainer, &quiz.qr_text(None)).is_err());
    }

    /// Random scripts of every framework, with and without grids and edits.
    pub fn arb_script() -> impl Strategy<Value = Script> {
        let text = "[a-z 。，利益客户需求0-9]{0,30}";
        (
            prop_oneof![
                Just("fabe"),
                Just("ppf"),
                Just("objection"),
                Just("complaint"),
                Just("dormant"),
                Just("referral")
            ],
            any::<bool>(),
            (text, text, text),
            (proptest::option::of(1u8..=5), proptest::option::of(1u8..=5)),
            proptest::collection::vec(text, 0..7),
            proptest::option::of(proptest::collection::vec(
                (proptest::collection::vec(text, 0..3), text),
                9,
            )),
            proptest::option::of((text, any::<bool>())),
        )
            .prop_map(
                |(fw, en, (name, need, template), (pr, cr), parts, grid, edit)| {
                    let mut s = Script {
                        name,
                        framework: fw.into(),
                        lang: if en { Lang::En } else { Lang::Zh },
                        parts,
                        need,
                        product_risk: pr,
                        client_risk: cr,
                        template,
                        grid: grid.map(|cells| Grid {
                            themes: vec!["家庭".into(), "事业".into(), "理财".into()],
                            cells: cells
                                .into_iter()
                                .map(|(questions, answers)| Cell { questions, answers })
                                .collect(),
                        }),
                        ..Script::default()
                    };
                    if let Some((text, fresh)) = edit {
                        s.edited_script = Some(text.clone());
                        s.edited_base = if fresh {
                            s.spoken()
                        } else {
                            format!("旧{text}")
                        };
                    }
                    s
                },
            )
    }

    #[test]
    fn demo_scripts_are_shareable() {
        let mut doc = ScriptsDoc::demo(Lang::Zh);
        let n = doc.scripts.len();
        let s = shareable(&doc.scripts[2]);
        assert_eq!(s.id, 0);
        assert!(check(&s).is_ok());
        let id = add_to(&s, &mut doc).unwrap();
        assert_eq!(doc.scripts.len(), n + 1);
        assert_ne!(doc.get(id).unwrap().name, s.name, "a unique name");
        assert!(doc.validate().is_ok());
        let mut bad = s.clone();
        bad.framework = "nope".into();
        assert!(check(&bad).is_err());
    }
}
