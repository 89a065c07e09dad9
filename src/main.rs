#[cfg(target_arch = "wasm32")]
fn main() {
    rm_toolkit::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RM Toolkit is a web app: build it with `trunk build` (see README.md).");
}
