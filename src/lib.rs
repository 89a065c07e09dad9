//! RM Toolkit 客户经营工具箱 — customer-relationship tools for bank relationship
//! managers and their trainers.
//!
//! Pure logic (i18n, formatting, storage codec, routing, each tool's model) has no
//! web dependencies and is tested natively. The view layer (`app`, `ui`, each
//! tool's `view`) is compiled for wasm32 only.

pub mod bench;
pub mod dates;
pub mod fold;
pub mod i18n;
pub mod num;
pub mod route;
pub mod settings;
pub mod share;
pub mod sort;
pub mod storage;
pub mod tools;

/// The allocator of every binary: Talc, in place of Rust's default dlmalloc
/// on wasm (faster at the many small allocations of views and of JSON
/// trees, and smaller). Single-threaded: the app has no wasm threads.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Every kind of document the storage layer keeps, with full checks (tests;
/// a binary knows only its own tool's documents fully, see
/// `tools::CATALOGUE`).
pub fn doc_specs() -> Vec<storage::codec::DocSpec> {
    let mut v = vec![storage::codec::DocSpec::of::<settings::Settings>()];
    v.extend(tools::all_doc_specs());
    v
}
