//! The encoder of share links and QR codes, as a module of its own: the
//! compressor (miniz_oxide's deflate) and the QR symbol encoder
//! (qrcodegen) are not needed until a share or hand-in dialog opens, so no
//! address downloads them on its first visit. `crate::ui::share` imports
//! this module's glue (`@encoder` in the page's route table, see
//! scripts/postbuild.mjs) when a dialog is about to open; each tool's page
//! has the service worker keep it for offline use.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// `body` deflated after the preset dictionary `dict`
/// (`rm_toolkit::share::codec::deflate`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn deflate(dict: &[u8], body: &[u8]) -> Vec<u8> {
    rm_toolkit::share::codec::deflate(dict, body)
}

/// The QR symbol of `text` as `Symbol::to_bytes`; empty when it does not
/// fit any QR code.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn qr_symbol(text: &str) -> Vec<u8> {
    rm_toolkit::share::qr::symbol(text)
        .map(|s| s.to_bytes())
        .unwrap_or_default()
}

fn main() {}
