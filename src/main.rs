//! The shell binary: the home page, "My data" and every address that needs
//! no tool. Each tool has its own binary in `src/bin/` (see `web/loader.js`).

#[cfg(target_arch = "wasm32")]
fn main() {
    rm_toolkit::app::start_shell();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RM Toolkit is a web app: build it with `trunk build` (see README.md).");
}
