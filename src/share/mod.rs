//! Share links, hand-in codes and QR codes (the room loop of
//! ../shared/DESIGN.md). Pure Rust, no web APIs: the views call these.
//!
//! - **Out:** a tool's piece becomes a link `<page>#/<tool>/open/<token>`
//!   ([`Piece::link`]); the fragment never reaches a server. On the
//!   projector, [`Piece::qr_text`] + [`qr::qr_svg`] give the QR code and its
//!   size meter.
//! - **Back:** a trainee's result (or script, or small map) becomes a code on
//!   the phone ([`Piece::qr_text`] with no page: the bare token); the
//!   trainer's scanner reads it with [`decode_as`] and files it with
//!   [`assess::classify`].
//! - **Opening** ([`decode`]) accepts a whole link, a fragment or a bare
//!   token. It never changes anything: it returns a [`Piece`] or a
//!   [`ShareError`] whose `message_key()` is a translated message
//!   ([`strings`]). The view then adds the piece as a copy (`add_to`).
//!
//! Format: see [`codec`] (envelope: kind letter, version, checksum, deflate,
//! base64url or base32) and each piece's module (compact binary body).

pub mod assess;
pub mod bin;
pub mod clv;
pub mod codec;
mod dict;
pub mod map;
pub mod one;
pub mod qr;
pub mod scan;
pub mod script;
pub mod strings;
pub mod tiering;

#[cfg(test)]
mod tests;

pub use codec::{Alphabet, Kind, ShareError};

use crate::tools::scripts::library::Script;
use bin::{Reader, Writer};

/// Anything a link or code can carry.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Clv(clv::ClvCase),
    Tiering(tiering::TierSettings),
    Map(map::MapPiece),
    /// A script; its id is not carried (0 after decoding), see
    /// [`script::shareable`].
    Script(Script),
    Quiz(assess::QuizPiece),
    Result(assess::ResultPiece),
}

impl Piece {
    pub fn kind(&self) -> Kind {
        match self {
            Piece::Clv(_) => Kind::Clv,
            Piece::Tiering(_) => Kind::Tiering,
            Piece::Map(_) => Kind::Map,
            Piece::Script(_) => Kind::Script,
            Piece::Quiz(_) => Kind::Quiz,
            Piece::Result(_) => Kind::Result,
        }
    }

    /// The uncompressed body (current version of the piece's format).
    pub fn body(&self) -> Vec<u8> {
        let mut w = Writer::new();
        match self {
            Piece::Clv(p) => p.write(&mut w),
            Piece::Tiering(p) => p.write(&mut w),
            Piece::Map(p) => p.write(&mut w),
            Piece::Script(p) => script::write(p, &mut w),
            Piece::Quiz(p) => p.write(&mut w),
            Piece::Result(p) => p.write(&mut w),
        }
        w.into_bytes()
    }

    /// The token (`m1.…` in base64url, `M1-…` in base32).
    pub fn token(&self, alphabet: Alphabet) -> String {
        let kind = self.kind();
        codec::seal(kind, kind.current_version(), &self.body(), alphabet)
    }

    /// The share link: `page` (the app's address; its fragment is replaced)
    /// + `#/<tool>/open/<token>`, base64url (the shortest text).
    pub fn link(&self, page: &str) -> String {
        codec::link(page, self.kind(), &self.token(Alphabet::Base64Url))
    }

    /// The text to put in a QR code: the link with a base32 token (smaller
    /// codes, see [`qr`]), or with no `page` the bare token (hand-in codes,
    /// read by the app's own scanner). Both open like the link.
    pub fn qr_text(&self, page: Option<&str>) -> String {
        let token = self.token(Alphabet::Base32);
        match page {
            Some(p) => codec::link(p, self.kind(), &token),
            None => token,
        }
    }

    /// Could this piece be stored by its tool? (The same checks run when
    /// decoding, so a link that encodes also opens.)
    pub fn check(&self) -> Result<(), ShareError> {
        match self {
            Piece::Clv(p) => p.check(),
            Piece::Tiering(p) => p.check(),
            Piece::Map(p) => p.check(),
            Piece::Script(p) => script::check(p),
            Piece::Quiz(p) => p.check(),
            Piece::Result(p) => p.check(),
        }
    }
}

/// Open a link, fragment or token. Nothing is changed either way.
pub fn decode(text: &str) -> Result<Piece, ShareError> {
    let (kind, _version, body) = codec::open(text)?;
    // Only version 1 exists; a later version adds a branch here and keeps
    // this one for old links.
    let damaged = |_| ShareError::Damaged;
    let mut r = Reader::new(&body);
    let piece = match kind {
        Kind::Clv => Piece::Clv(clv::ClvCase::read(&mut r).map_err(damaged)?),
        Kind::Tiering => Piece::Tiering(tiering::TierSettings::read(&mut r).map_err(damaged)?),
        Kind::Map => Piece::Map(map::MapPiece::read(&mut r).map_err(damaged)?),
        Kind::Script => Piece::Script(script::read(&mut r).map_err(damaged)?),
        Kind::Quiz => Piece::Quiz(assess::QuizPiece::read(&mut r).map_err(damaged)??),
        Kind::Result => Piece::Result(assess::ResultPiece::read(&mut r).map_err(damaged)??),
    };
    r.end().map_err(damaged)?;
    piece.check()?;
    Ok(piece)
}

/// [`decode`], refusing any other kind of piece than `kind` (e.g. the
/// hand-in scanner wants [`Kind::Result`]).
pub fn decode_as(text: &str, kind: Kind) -> Result<Piece, ShareError> {
    let p = decode(text)?;
    if p.kind() == kind {
        Ok(p)
    } else {
        Err(ShareError::WrongKind(p.kind()))
    }
}
