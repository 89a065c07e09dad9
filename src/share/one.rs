//! One kind of piece at a time: a piece's own type encodes and decodes it,
//! so a binary that shares only CLV cases holds neither the map nor the
//! script code and dictionaries ([`super::Piece`] and [`super::decode`]
//! name every kind, so whatever uses them holds all of them). The tokens
//! are the same as [`super::Piece::token`]'s.

use super::bin::{BinError, Reader, Writer};
use super::codec::{self, Alphabet, Kind, ShareError};
use super::{assess, clv, dict, map, script, tiering};
use crate::tools::scripts::library::Script;

/// A piece type that encodes and decodes itself.
pub trait OnePiece: Sized {
    const KIND: Kind;
    /// The preset dictionary of the kind (see `dict.rs`; empty: none).
    fn dict() -> &'static [u8] {
        &[]
    }
    fn write_body(&self, w: &mut Writer);
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError>;
    fn check_piece(&self) -> Result<(), ShareError>;
}

/// The token of `p` (as [`super::Piece::token`]).
pub fn token<P: OnePiece>(p: &P, alphabet: Alphabet) -> String {
    token_using(p, alphabet, &codec::deflate)
}

/// [`token`] with the compressor given (see [`codec::seal_using`]).
pub fn token_using<P: OnePiece>(p: &P, alphabet: Alphabet, deflate: codec::Deflate) -> String {
    let mut w = Writer::new();
    p.write_body(&mut w);
    let kind = P::KIND;
    codec::seal_using(
        kind,
        kind.current_version(),
        &w.into_bytes(),
        P::dict(),
        alphabet,
        deflate,
    )
}

/// Open a link, fragment or token holding a `P` (as [`super::decode_as`]:
/// another kind is [`ShareError::WrongKind`]). Nothing is changed either way.
pub fn decode<P: OnePiece>(text: &str) -> Result<P, ShareError> {
    let (_version, body) = codec::open_kind(text, P::KIND, P::dict())?;
    let mut r = Reader::new(&body);
    let p = P::read_body(&mut r).map_err(|_| ShareError::Damaged)??;
    r.end().map_err(|_| ShareError::Damaged)?;
    p.check_piece()?;
    Ok(p)
}

impl OnePiece for clv::ClvCase {
    const KIND: Kind = Kind::Clv;
    fn write_body(&self, w: &mut Writer) {
        self.write(w)
    }
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError> {
        Self::read(r).map(Ok)
    }
    fn check_piece(&self) -> Result<(), ShareError> {
        self.check()
    }
}

impl OnePiece for tiering::TierSettings {
    const KIND: Kind = Kind::Tiering;
    fn write_body(&self, w: &mut Writer) {
        self.write(w)
    }
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError> {
        Self::read(r).map(Ok)
    }
    fn check_piece(&self) -> Result<(), ShareError> {
        self.check()
    }
}

impl OnePiece for map::MapPiece {
    const KIND: Kind = Kind::Map;
    fn dict() -> &'static [u8] {
        dict::map()
    }
    fn write_body(&self, w: &mut Writer) {
        self.write(w)
    }
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError> {
        Self::read(r).map(Ok)
    }
    fn check_piece(&self) -> Result<(), ShareError> {
        self.check()
    }
}

/// A script; write [`script::shareable`] copies (its id is not carried).
impl OnePiece for Script {
    const KIND: Kind = Kind::Script;
    fn dict() -> &'static [u8] {
        dict::script()
    }
    fn write_body(&self, w: &mut Writer) {
        script::write(self, w)
    }
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError> {
        script::read(r).map(Ok)
    }
    fn check_piece(&self) -> Result<(), ShareError> {
        script::check(self)
    }
}

impl OnePiece for assess::QuizPiece {
    const KIND: Kind = Kind::Quiz;
    fn write_body(&self, w: &mut Writer) {
        self.write(w)
    }
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError> {
        Self::read(r)
    }
    fn check_piece(&self) -> Result<(), ShareError> {
        self.check()
    }
}

impl OnePiece for assess::ResultPiece {
    const KIND: Kind = Kind::Result;
    fn write_body(&self, w: &mut Writer) {
        self.write(w)
    }
    fn read_body(r: &mut Reader) -> Result<Result<Self, ShareError>, BinError> {
        Self::read(r)
    }
    fn check_piece(&self) -> Result<(), ShareError> {
        self.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::share::{decode as decode_any, Piece};
    use crate::storage::codec::DocData;

    fn same<P: OnePiece + Clone + PartialEq + std::fmt::Debug>(p: &P, wrap: fn(P) -> Piece) {
        for a in [Alphabet::Base64Url, Alphabet::Base32] {
            let t = token(p, a);
            assert_eq!(t, wrap(p.clone()).token(a), "same token as Piece");
            assert_eq!(decode::<P>(&t).as_ref(), Ok(p));
            assert_eq!(decode_any(&t), Ok(wrap(p.clone())));
            let cut = &t[..t.len() - 3];
            assert_eq!(decode::<P>(cut).err(), decode_any(cut).err());
        }
    }

    /// Every kind gives the same tokens and the same answers as [`Piece`];
    /// another kind of token is refused as such.
    #[test]
    fn one_kind_agrees_with_piece() {
        for lang in Lang::ALL {
            let c = crate::tools::clv::doc::ClvDoc::demo(lang);
            same(&clv::ClvCase::from_scenario(&c.scenarios[0]), Piece::Clv);
            let t = crate::tools::tiering::doc::TieringDoc::demo(lang);
            same(&tiering::TierSettings::from_doc(&t), Piece::Tiering);
            let m = crate::tools::map::doc::MapDoc::demo(lang);
            let mp = map::MapPiece::from_entry(&m.maps[0]);
            same(&mp, Piece::Map);
            same(&mp.anonymised(lang), Piece::Map);
            let s = crate::tools::scripts::library::ScriptsDoc::demo(lang);
            for x in &s.scripts {
                same(&script::shareable(x), Piece::Script);
            }
            same(
                &assess::QuizPiece::new("excellent", None).unwrap(),
                Piece::Quiz,
            );
        }
        let clv_token = token(
            &clv::ClvCase::from_scenario(&crate::tools::clv::doc::ClvDoc::default().scenarios[0]),
            Alphabet::Base64Url,
        );
        assert_eq!(
            decode::<map::MapPiece>(&clv_token),
            Err(ShareError::WrongKind(Kind::Clv))
        );
        assert_eq!(
            decode::<map::MapPiece>("nonsense!"),
            decode_any("nonsense!").map(|_| unreachable!())
        );
    }
}
