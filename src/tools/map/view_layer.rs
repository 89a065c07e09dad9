//! The map layer's people and links, drawn by hand (wasm only).
//!
//! The `g.map-links` and `g.map-nodes` groups of the main `svg.map-layer`
//! are filled from a [`Layer`] (pure bookkeeping, see `layer.rs`) instead of
//! one reactive view per element: each element is a clone of a prototype
//! of its kind, new elements are built in a detached fragment and inserted
//! at once, and a change touches only the elements (and attributes) it
//! concerns. Pointer events are handled once per group (see `view.rs`,
//! `target_id`). User text is set as text (`textContent`), never as markup.

use super::layer::{self, f1, Layer, LinkItem, NodeItem, Patch, Place, States};
use super::model::{Graph, Id, NodeKind, Strength};
use super::svg;
use crate::i18n::Lang;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

const NS: &str = "http://www.w3.org/2000/svg";

// `setAttribute` with the name as a JS string made once and the value as
// a number (a layout frame sets tens of thousands of coordinates: no text
// is decoded per call).
#[wasm_bindgen]
extern "C" {
    type Attr;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_num(this: &Attr, name: &JsValue, value: f64);
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_str(this: &Attr, name: &JsValue, value: &str);
}

// A link's lines are placed through their animated lengths (`x1.baseVal`
// and so on, kept per line): about ten times cheaper than `setAttribute`,
// which has the browser parse each number again (the attributes read back
// the same).
#[wasm_bindgen]
extern "C" {
    type Line;
    #[wasm_bindgen(method, getter)]
    fn x1(this: &Line) -> AnimLen;
    #[wasm_bindgen(method, getter)]
    fn y1(this: &Line) -> AnimLen;
    #[wasm_bindgen(method, getter)]
    fn x2(this: &Line) -> AnimLen;
    #[wasm_bindgen(method, getter)]
    fn y2(this: &Line) -> AnimLen;
    type AnimLen;
    #[wasm_bindgen(method, getter, js_name = baseVal)]
    fn base_val(this: &AnimLen) -> Len;
    type Len;
    #[wasm_bindgen(method, setter)]
    fn set_value(this: &Len, v: f64);
}

/// The four lengths of a line: x1, y1, x2, y2.
fn lens(e: &Element) -> [Len; 4] {
    let l = e.unchecked_ref::<Line>();
    [
        l.x1().base_val(),
        l.y1().base_val(),
        l.x2().base_val(),
        l.y2().base_val(),
    ]
}

/// The attribute names set per element, as JS strings.
struct Names {
    x: JsValue,
    y: JsValue,
    transform: JsValue,
    class: JsValue,
    testid: JsValue,
}

impl Names {
    fn new() -> Names {
        let s = |v: &str| JsValue::from_str(v);
        Names {
            x: s("x"),
            y: s("y"),
            transform: s("transform"),
            class: s("class"),
            testid: s("data-testid"),
        }
    }
}

/// A coordinate as drawn: one decimal (a number JS prints as "12.3").
fn c1(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

fn set_num(e: &Element, name: &JsValue, v: f64) {
    e.unchecked_ref::<Attr>().set_num(name, c1(v));
}

fn set_str(e: &Element, name: &JsValue, v: &str) {
    e.unchecked_ref::<Attr>().set_str(name, v);
}

/// A person's element and what it shows.
struct NodeEl {
    g: Element,
    shown: NodeItem,
}

/// A link's elements: its line (`line.map-link`, with the link's test id
/// and state classes; no group around it, one element less per link) and
/// its label, if it has text, drawn just after the line.
struct LinkEls {
    line: Element,
    /// What the elements show.
    shown: LinkItem,
    /// x1, y1, x2, y2 of the line.
    ends: [Len; 4],
    label: Option<Element>,
}

impl LinkEls {
    fn set_flags(&self, names: &Names, flags: u8) {
        set_str(&self.line, &names.class, &link_class(flags));
        if let Some(t) = &self.label {
            set_str(t, &names.class, &layer::class("map-link-label", flags));
        }
    }

    fn remove(&self) {
        self.line.remove();
        if let Some(t) = &self.label {
            t.remove();
        }
    }
}

/// The `class` of a link's line.
fn link_class(flags: u8) -> String {
    layer::class("map-link map-link-line", flags)
}

struct Dom {
    doc: Document,
    names: Names,
    nodes_g: Element,
    links_g: Element,
    nodes: HashMap<Id, NodeEl>,
    links: HashMap<Id, LinkEls>,
    /// The elements of the people and links removed last, kept detached:
    /// the same items coming back (an undo) take them again instead of
    /// new ones (only their position and classes are brought up to date).
    spare_nodes: HashMap<Id, NodeEl>,
    spare_links: HashMap<Id, LinkEls>,
    node_protos: HashMap<NodeKind, Element>,
    link_protos: HashMap<(Strength, bool), Element>,
    label_proto: Option<Element>,
}

/// The map layer: what it shows and its elements.
#[derive(Default)]
pub struct MapLayer {
    layer: Layer,
    dom: Option<Dom>,
}

fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Element {
    let e = doc
        .create_element_ns(Some(NS), tag)
        .expect("createElementNS");
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    e
}

fn node_proto(doc: &Document, kind: NodeKind) -> Element {
    let lk = svg::look(kind);
    let r = lk.radius;
    let g = el(
        doc,
        "g",
        &[("class", "map-node"), ("data-kind", kind.slug())],
    );
    let icon = el(doc, "path", &[("class", lk.icon.class()), ("d", lk.icon.d)]);
    // No element for the tap target beyond the shape: the canvas finds the
    // person near a press (`MapLayer::node_at`), which keeps a large map's
    // element count, and so its redraws, smaller.
    let parts = [
        el(
            doc,
            "path",
            &[
                ("class", "map-node-shape"),
                ("d", &svg::shape_path(kind)),
                ("fill", lk.fill),
            ],
        ),
        icon,
        el(
            doc,
            "text",
            &[
                ("class", "map-node-name"),
                ("text-anchor", "middle"),
                ("y", &f1(r + 16.0)),
            ],
        ),
        el(
            doc,
            "circle",
            &[
                ("class", "map-handle"),
                ("cx", &f1(r + 4.0)),
                ("cy", "0"),
                ("r", "7"),
            ],
        ),
    ];
    for p in parts {
        let _ = g.append_child(&p);
    }
    g
}

fn link_proto(doc: &Document, strength: Strength, directed: bool) -> Element {
    let (col, width, dash) = svg::link_style(strength);
    // No wide, unpainted hit line: the canvas finds the link near a press
    // (`MapLayer::link_at`), one element less per link.
    let line = el(
        doc,
        "line",
        &[
            ("class", &link_class(0)),
            ("stroke", col),
            ("stroke-width", &crate::num::short(width, 3)),
        ],
    );
    if !dash.is_empty() {
        let _ = line.set_attribute("stroke-dasharray", dash);
    }
    if directed {
        let _ = line.set_attribute("marker-end", "url(#map-arrow)");
    }
    line
}

fn clone(e: &Element) -> Element {
    e.clone_node_with_deep(true)
        .expect("cloneNode")
        .unchecked_into::<Element>()
}

fn set_ends(n: &Names, els: &LinkEls, l: &LinkItem) {
    let (x1, y1, x2, y2) = l.ends;
    let v = [c1(x1), c1(y1), c1(x2), c1(y2)];
    for (len, v) in els.ends.iter().zip(&v) {
        len.set_value(*v);
    }
    if let Some(t) = &els.label {
        set_num(t, &n.x, l.mid.0);
        set_num(t, &n.y, l.mid.1 - 4.0);
    }
}

impl Dom {
    fn node_el(&mut self, id: Id, n: &NodeItem) -> NodeEl {
        if let Some(mut e) = self.spare_nodes.remove(&id) {
            if e.shown.look == n.look {
                if (e.shown.x, e.shown.y) != (n.x, n.y) {
                    set_str(&e.g, &self.names.transform, &layer::translate(n.x, n.y));
                }
                if e.shown.flags != n.flags {
                    set_str(&e.g, &self.names.class, &layer::class("map-node", n.flags));
                }
                e.shown = n.clone();
                return e;
            }
        }
        let doc = &self.doc;
        let proto = self
            .node_protos
            .entry(n.look.kind)
            .or_insert_with(|| node_proto(doc, n.look.kind));
        let g = clone(proto);
        let names = &self.names;
        if n.flags != 0 {
            set_str(&g, &names.class, &layer::class("map-node", n.flags));
        }
        set_str(&g, &names.testid, &format!("map-node-{id}"));
        set_str(&g, &names.transform, &layer::translate(n.x, n.y));
        if let Some(handle) = g.last_element_child() {
            set_str(&handle, &names.testid, &format!("map-handle-{id}"));
            if let Some(name) = handle.previous_element_sibling() {
                name.set_text_content(Some(&n.look.caption));
            }
        }
        NodeEl {
            g,
            shown: n.clone(),
        }
    }

    fn link_els(&mut self, id: Id, l: &LinkItem) -> LinkEls {
        if let Some(mut e) = self.spare_links.remove(&id) {
            if e.shown.look == l.look {
                if (e.shown.ends, e.shown.mid) != (l.ends, l.mid) {
                    set_ends(&self.names, &e, l);
                }
                if e.shown.flags != l.flags {
                    e.set_flags(&self.names, l.flags);
                }
                e.shown = l.clone();
                return e;
            }
        }
        let doc = &self.doc;
        let proto = self
            .link_protos
            .entry((l.look.strength, l.look.directed))
            .or_insert_with(|| link_proto(doc, l.look.strength, l.look.directed));
        let line = clone(proto);
        set_str(&line, &self.names.testid, &format!("map-link-{id}"));
        // No element for a link without text (most links of a large map).
        let label = (!l.look.text.is_empty()).then(|| {
            let proto = self.label_proto.get_or_insert_with(|| {
                el(
                    doc,
                    "text",
                    &[("class", "map-link-label"), ("text-anchor", "middle")],
                )
            });
            let t = clone(proto);
            t.set_text_content(Some(&l.look.text));
            t
        });
        let els = LinkEls {
            ends: lens(&line),
            line,
            shown: l.clone(),
            label,
        };
        if l.flags != 0 {
            els.set_flags(&self.names, l.flags);
        }
        set_ends(&self.names, &els, l);
        els
    }

    fn apply(&mut self, layer: &Layer, p: &Patch) {
        // Removals (everything at once when nothing is left); the removed
        // elements become the spare ones.
        if !p.node_removed.is_empty() {
            self.spare_nodes.clear();
        }
        if layer.node_order().is_empty() && !self.nodes.is_empty() {
            self.nodes_g.set_text_content(None);
            self.spare_nodes.extend(self.nodes.drain());
        }
        for id in &p.node_removed {
            if let Some(e) = self.nodes.remove(id) {
                e.g.remove();
                self.spare_nodes.insert(*id, e);
            }
        }
        if !p.link_removed.is_empty() {
            self.spare_links.clear();
        }
        if layer.link_order().is_empty() && !self.links.is_empty() {
            self.links_g.set_text_content(None);
            self.spare_links.extend(self.links.drain());
        }
        for id in &p.link_removed {
            if let Some(e) = self.links.remove(id) {
                e.remove();
                self.spare_links.insert(*id, e);
            }
        }
        // Additions.
        for (id, _) in &p.node_added {
            if let Some(n) = layer.node(*id) {
                let e = self.node_el(*id, n);
                self.nodes.insert(*id, e);
            }
        }
        insert(&self.doc, &self.nodes_g, &p.node_added, |id| {
            self.nodes.get(&id).map(|e| (&e.g, None))
        });
        for (id, _) in &p.link_added {
            if let Some(l) = layer.link(*id) {
                let e = self.link_els(*id, l);
                self.links.insert(*id, e);
            }
        }
        insert(&self.doc, &self.links_g, &p.link_added, |id| {
            self.links.get(&id).map(|e| (&e.line, e.label.as_ref()))
        });
        if p.reorder_nodes {
            let all: Vec<(Id, Place)> = layer
                .node_order()
                .iter()
                .map(|id| (*id, Place::End))
                .collect();
            insert(&self.doc, &self.nodes_g, &all, |id| {
                self.nodes.get(&id).map(|e| (&e.g, None))
            });
        }
        if p.reorder_links {
            let all: Vec<(Id, Place)> = layer
                .link_order()
                .iter()
                .map(|id| (*id, Place::End))
                .collect();
            insert(&self.doc, &self.links_g, &all, |id| {
                self.links.get(&id).map(|e| (&e.line, e.label.as_ref()))
            });
        }
        // Moves and classes of kept elements.
        for id in &p.node_moved {
            if let (Some(e), Some(n)) = (self.nodes.get_mut(id), layer.node(*id)) {
                set_str(&e.g, &self.names.transform, &layer::translate(n.x, n.y));
                (e.shown.x, e.shown.y) = (n.x, n.y);
            }
        }
        for id in &p.link_moved {
            if let (Some(e), Some(l)) = (self.links.get_mut(id), layer.link(*id)) {
                set_ends(&self.names, e, l);
                (e.shown.ends, e.shown.mid) = (l.ends, l.mid);
            }
        }
        for id in &p.node_class {
            if let (Some(e), Some(n)) = (self.nodes.get_mut(id), layer.node(*id)) {
                set_str(&e.g, &self.names.class, &layer::class("map-node", n.flags));
                e.shown.flags = n.flags;
            }
        }
        for id in &p.link_class {
            if let (Some(e), Some(l)) = (self.links.get_mut(id), layer.link(*id)) {
                e.set_flags(&self.names, l.flags);
                e.shown.flags = l.flags;
            }
        }
    }
}

/// Insert the elements of `items` (looked up with `get`: an element and
/// the one drawn just after it, a link's label) into `parent`: runs of the
/// same place go in together, through one detached fragment.
fn insert<'a>(
    doc: &Document,
    parent: &Element,
    items: &[(Id, Place)],
    get: impl Fn(Id) -> Option<(&'a Element, Option<&'a Element>)>,
) {
    let mut i = 0;
    while i < items.len() {
        let place = items[i].1;
        let frag = doc.create_document_fragment();
        while i < items.len() && items[i].1 == place {
            if let Some((e, next)) = get(items[i].0) {
                let _ = frag.append_child(e);
                if let Some(n) = next {
                    let _ = frag.append_child(n);
                }
            }
            i += 1;
        }
        let before: Option<&Node> = match place {
            Place::End => None,
            Place::Before(a) => get(a).map(|(e, _)| e.unchecked_ref()),
        };
        let _ = parent.insert_before(&frag, before);
    }
}

impl MapLayer {
    /// Attach to the two groups (again if they are new elements: the
    /// drawing starts over).
    fn attach(&mut self, nodes_g: &Element, links_g: &Element) {
        let same = self
            .dom
            .as_ref()
            .is_some_and(|d| d.nodes_g == *nodes_g && d.links_g == *links_g);
        if same {
            return;
        }
        let Some(doc) = nodes_g.owner_document() else {
            return;
        };
        nodes_g.set_text_content(None);
        links_g.set_text_content(None);
        let states = std::mem::take(&mut self.layer).take_states();
        self.layer.set_states(states);
        self.dom = Some(Dom {
            doc,
            names: Names::new(),
            nodes_g: nodes_g.clone(),
            links_g: links_g.clone(),
            nodes: HashMap::new(),
            links: HashMap::new(),
            spare_nodes: HashMap::new(),
            spare_links: HashMap::new(),
            node_protos: HashMap::new(),
            link_protos: HashMap::new(),
            label_proto: None,
        });
    }

    fn apply(&mut self, p: Patch) {
        if let Some(d) = self.dom.as_mut() {
            if !p.is_empty() {
                d.apply(&self.layer, &p);
            }
        }
    }

    /// Draw the graph `g` into the groups.
    pub fn sync(&mut self, nodes_g: &Element, links_g: &Element, g: &Graph, lang: Lang) {
        self.attach(nodes_g, links_g);
        let p = self.layer.sync(g, lang);
        self.apply(p);
    }

    /// Show people at other positions (a layout frame; the graph unchanged).
    pub fn show(&mut self, items: &[(Id, f64, f64)]) {
        let p = self.layer.show(items);
        self.apply(p);
    }

    /// New selection, path, lifted and "later" sets.
    pub fn set_states(&mut self, s: States) {
        let p = self.layer.set_states(s);
        self.apply(p);
    }

    /// Give the person under a pointer its tooltip (a `<title>` with the
    /// full name, made when first pointed at rather than for every person
    /// drawn: the map's `role="img"` makes it no accessible name, and a
    /// large map is drawn faster without 2,000 of them). A changed name
    /// rebuilds the person's element, so the title is never stale.
    pub fn add_title(&self, ev: &web_sys::Event) {
        let Some(id) = target_id(ev, "g.map-node", "map-node-") else {
            return;
        };
        let (Some(d), Some(n)) = (self.dom.as_ref(), self.layer.node(id)) else {
            return;
        };
        let Some(e) = d.nodes.get(&id) else {
            return;
        };
        if e.g
            .first_element_child()
            .is_some_and(|c| c.tag_name() == "title")
        {
            return;
        }
        let t = el(&d.doc, "title", &[]);
        t.set_text_content(Some(&n.look.name));
        let _ = e.g.insert_before(&t, e.g.first_child().as_ref());
    }

    /// See [`Layer::node_at`].
    pub fn node_at(&self, x: f64, y: f64, slop: f64) -> Option<Id> {
        self.layer.node_at(x, y, slop)
    }

    /// See [`Layer::link_at`].
    pub fn link_at(&self, x: f64, y: f64, tol: f64) -> Option<Id> {
        self.layer.link_at(x, y, tol)
    }
}

/// The id of the person (`map-node-…`, or its link handle when `handle`)
/// or link (`map-link-…`) under an event's target, found with `closest`.
pub fn target_id(ev: &web_sys::Event, selector: &str, prefix: &str) -> Option<Id> {
    let t = ev.target()?.dyn_into::<Element>().ok()?;
    let e = t.closest(selector).ok()??;
    e.get_attribute("data-testid")?
        .strip_prefix(prefix)?
        .parse()
        .ok()
}
