//! The one storage layer every tool uses.
//!
//! - [`codec`]: pure envelope/versioning/migration/import logic (native tests).
//! - `browser` (wasm only): localStorage via gloo-storage, debounced autosave,
//!   quarantine of unreadable data, quota errors, revision checks and
//!   cross-tab sync through the `storage` event.

pub mod codec;

#[cfg(target_arch = "wasm32")]
pub mod browser;
