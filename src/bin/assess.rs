//! The `#/assess` binary: the shell and one tool (see `web/loader.js`).

#[cfg(target_arch = "wasm32")]
fn main() {
    rm_toolkit::app::start(Some(rm_toolkit::tools::assess::tool()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RM Toolkit is a web app: build it with `trunk build` (see README.md).");
}
