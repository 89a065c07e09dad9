//! A Rust panic never leaves a dead blank page: the hook replaces the page with
//! an error screen (in the user's language) whose buttons are plain JavaScript
//! (web/boot.js: `data-rmt-action`, no inline handlers, so the CSP holds), so they work even though the wasm instance is gone:
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

/// Append a `tag` element with `text` (as text, never markup) and attributes to `parent`.
fn add(
    doc: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    text: &str,
    attrs: &[(&str, &str)],
) -> Option<web_sys::Element> {
    let el = doc.create_element(tag).ok()?;
    for (k, v) in attrs {
        el.set_attribute(k, v).ok()?;
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// Replace the page with the error screen. The buttons' handlers are static
/// JavaScript; the panic text is inserted as text.
fn show_error_screen(lang: Lang, msg: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let body = doc.body()?;
    body.set_text_content(None);
    let section = add(
        &doc,
        &body,
        "section",
        "",
        &[
            ("class", "crash"),
            ("role", "alert"),
            ("data-testid", "crash-screen"),
        ],
    )?;
    add(&doc, &section, "h1", t(lang, "panic.title"), &[])?;
    add(&doc, &section, "p", t(lang, "panic.body"), &[])?;
    let actions = add(&doc, &section, "div", "", &[("class", "crash-actions")])?;
    add(
        &doc,
        &actions,
        "button",
        t(lang, "panic.export"),
        &[
            ("type", "button"),
            ("class", "btn primary"),
            ("data-testid", "crash-export"),
            ("data-rmt-action", "export"),
        ],
    )?;
    add(
        &doc,
        &actions,
        "button",
        t(lang, "panic.reload"),
        &[
            ("type", "button"),
            ("class", "btn"),
            ("data-rmt-action", "home"),
        ],
    )?;
    let details = add(&doc, &section, "details", "", &[])?;
    add(&doc, &details, "summary", "Details", &[])?;
    add(&doc, &details, "pre", msg, &[])?;
    Some(())
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        show_error_screen(saved_lang(), &msg);
    }));
}
