//! The QR decoder of the trainer's scanner, as a module of its own
//! (issue #13): `rqrr` and its Galois-field tables are about 100 KB gzipped,
//! so no address downloads them on its first visit. `crate::ui::scan`
//! imports this module's glue (its files are `@qrscan` in the page's route
//! table, see scripts/postbuild.mjs) when the camera is opened.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The texts of the QR codes in a `width × height` grey image.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn read_codes(grey: &[u8], width: usize, height: usize) -> Vec<String> {
    rm_toolkit::share::scan::read_codes(grey, width, height)
}

fn main() {}
