//! The one storage layer every tool uses.
//!
//! - [`codec`]: pure envelope/versioning/migration/import logic (native tests).
//! - `browser` (wasm only): localStorage via gloo-storage, debounced autosave,
//!   quarantine of unreadable data, quota errors, revision checks and
//!   cross-tab sync through the `storage` event; IndexedDB for the large
//!   documents (`DocData::LARGE`), through
//! - `idb` (wasm only): the few IndexedDB operations the layer needs.

pub mod codec;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod idb;
