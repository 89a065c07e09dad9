//! A Rust panic never leaves a dead blank page: the hook replaces the page with
//! an error screen (in the user's language) whose buttons are plain JavaScript
//! (defined in index.html), so they work even though the wasm instance is gone:
//! "Export data" downloads every `rmt:` key from localStorage as a file.

use crate::i18n::{t, Lang};
use crate::settings::Settings;
use crate::storage::codec::{decode, doc_key, Decoded};

fn saved_lang() -> Lang {
    crate::storage::browser::storage()
        .and_then(|st| st.get_item(&doc_key("settings")).ok().flatten())
        .and_then(|raw| match decode::<Settings>(&raw) {
            Decoded::Ok { data, .. } | Decoded::Recovered { data, .. } => Some(data.lang),
            _ => None,
        })
        .unwrap_or_default()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        let lang = saved_lang();
        // Only our own static strings and the escaped panic text are inserted.
        let html = format!(
            r#"<section class="crash" role="alert" data-testid="crash-screen">
<h1>{title}</h1><p>{body}</p>
<div class="crash-actions"><button type="button" class="btn primary" data-testid="crash-export" onclick="window.rmtExportAll()">{export}</button>
<button type="button" class="btn" onclick="location.hash='#/';location.reload()">{reload}</button></div>
<details><summary>Details</summary><pre>{detail}</pre></details></section>"#,
            title = t(lang, "panic.title"),
            body = t(lang, "panic.body"),
            export = t(lang, "panic.export"),
            reload = t(lang, "panic.reload"),
            detail = escape(&msg),
        );
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            body.set_inner_html(&html);
        }
    }));
}
