//! The relationship map page (wasm only): an SVG canvas over the pure model.
//!
//! The open map is edited in a working copy (`g`); every edit goes through
//! the undo history and is then written to the stored document. Dragging
//! only moves an offset signal (coalesced to one update per animation frame)
//! and is committed as one undoable move on release. While people are
//! dragged, they and their links are drawn on a separate overlay layer (and
//! hidden on the map layer), so a pointer move redraws a few elements, not
//! the whole map.

use super::analysis;
use super::doc::{self, MapDoc, Template};
use super::growth::{self, AsOf, Growth};
use super::layout;
use super::model::{
    self, Graph, History, Id, Lift, Link, Node, NodeKind, Op, Relation, Role, Strength,
};
use super::svg;
use super::viewport;
use crate::storage::browser::use_doc;
use crate::ui::{self, use_i18n};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

/// Run `f` once per animation frame while it returns true.
fn run_frames(mut f: impl FnMut() -> bool + 'static) {
    request_animation_frame(move || {
        if f() {
            run_frames(f);
        }
    });
}

/// Milliseconds (for the animation's time budget per frame).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

#[derive(Clone, Debug, Default)]
enum Drag {
    #[default]
    None,
    Nodes {
        start: (f64, f64),
        moved: bool,
    },
    Pan {
        start: (f64, f64),
        pan0: (f64, f64),
    },
    Link {
        from: Id,
    },
    /// Shift-drag on the background: select the nodes in a rectangle.
    Box {
        start: (f64, f64),
    },
    /// Two fingers on the background.
    Pinch {
        z0: f64,
        pan0: (f64, f64),
        mid0: (f64, f64),
        d0: f64,
    },
}

fn f1(v: f64) -> String {
    crate::num::fixed(if v.is_finite() { v } else { 0.0 }, 1)
}

/// People up to which an auto layout is computed in one go (no animation).
const SMALL_MAP: usize = 60;

#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let _ = sub;
    let i18n = use_i18n();
    let doc = use_doc::<MapDoc>();
    super::view_share::open_link(doc);

    // Working copy of the open map and its history.
    let g = RwSignal::new(
        doc.with_untracked(|d| d.current_map().map(|m| m.graph.clone()).unwrap_or_default()),
    );
    let open_id = RwSignal::new(doc.with_untracked(|d| d.current_map().map(|m| m.id).unwrap_or(0)));
    let hist = StoredValue::new(History::default());
    let hist_ver = RwSignal::new(0u32);
    let sel = RwSignal::new(Vec::<Id>::new());
    let sel_link = RwSignal::new(None::<Id>);
    let pan = RwSignal::new((60.0f64, 60.0f64));
    let zoom = RwSignal::new(1.0f64);
    let drag = StoredValue::new(Drag::None);
    // The people a node drag would move; lifted onto the overlay on the
    // first move (`lifted`), put back on release.
    let drag_ids = StoredValue::new(HashSet::<Id>::new());
    let lifted = RwSignal::new(None::<Lift>);
    let offset = RwSignal::new((0.0f64, 0.0f64));
    let link_end = RwSignal::new(None::<(Id, f64, f64)>);
    let pending = StoredValue::new(None::<(f64, f64)>);
    let frame_queued = StoredValue::new(false);
    let renaming = RwSignal::new(None::<Id>);
    let show_help = RwSignal::new(false);
    let show_analysis = RwSignal::new(true);
    // "Show the map as of" a day (None: the whole map, nobody dimmed).
    let as_of_day = RwSignal::new(None::<NaiveDate>);
    let message = RwSignal::new(None::<(bool, String)>);
    let new_tpl = RwSignal::new("family".to_string());
    let canvas_ref = NodeRef::<leptos::html::Div>::new();
    let box_rect = RwSignal::new(None::<(f64, f64, f64, f64)>);
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    // Space held (outside text fields): any drag pans, as in drawing tools.
    let space_held = RwSignal::new(false);
    let panning = RwSignal::new(false);
    let over_canvas = StoredValue::new(false);

    // Selection changes notify only when the value changes: hundreds of
    // people and links watch these.
    let set_sel = move |v: Vec<Id>| {
        if sel.with_untracked(|s| *s != v) {
            sel.set(v);
        }
    };
    let set_sel_link = move |v: Option<Id>| {
        if sel_link.get_untracked() != v {
            sel_link.set(v);
        }
    };

    // An automatic layout being drawn frame by frame: its generation (a
    // new one, or any edit, stops the old) and the positions shown so far
    // (not yet in the graph).
    let anim_gen = StoredValue::new(0u32);
    let anim_shown = StoredValue::new(None::<Vec<(Id, f64, f64)>>);

    // Keep the working copy in step with the document (map switch, other tab).
    Effect::new(move |_| {
        // Compared in place: the graph is copied only when it differs (not
        // after each of this page's own edits, which the document echoes).
        let (cur, graph) = doc.with(|d| {
            let m = d.current_map();
            let cur = m.map(|m| m.id).unwrap_or(0);
            let same = cur == open_id.get_untracked()
                && g.with_untracked(|w| m.map_or(*w == Graph::default(), |m| *w == m.graph));
            (
                cur,
                (!same).then(|| m.map(|m| m.graph.clone()).unwrap_or_default()),
            )
        });
        if let Some(graph) = graph {
            if cur != open_id.get_untracked() {
                set_sel(Vec::new());
                set_sel_link(None);
                as_of_day.set(None);
            }
            anim_gen.update_value(|n| *n += 1);
            anim_shown.set_value(None);
            open_id.set(cur);
            g.set(graph);
            hist.update_value(|h| h.clear());
            hist_ver.update(|v| *v += 1);
        }
    });

    let save = move || {
        let graph = g.get_untracked();
        let id = open_id.get_untracked();
        doc.update(|d| {
            if let Some(m) = d.maps.iter_mut().find(|m| m.id == id) {
                m.graph = graph;
            }
        });
    };
    // An edit during an automatic layout keeps the positions drawn so far
    // (one undo step) and stops the layout.
    let settle_anim = move || {
        if let Some(items) = anim_shown.try_update_value(|a| a.take()).flatten() {
            anim_gen.update_value(|n| *n += 1);
            if items.is_empty() {
                // Started, nothing drawn yet: just stop it.
                return;
            }
            g.update(|gr| hist.update_value(|h| h.run(gr, Op::SetPos(items))));
            hist_ver.update(|v| *v += 1);
            save();
        }
    };
    let run = move |op: Op| {
        settle_anim();
        g.update(|gr| hist.update_value(|h| h.run(gr, op)));
        hist_ver.update(|v| *v += 1);
        save();
    };
    let push_inverse = move |inv: Op| {
        settle_anim();
        hist.update_value(|h| h.push_inverse(inv));
        hist_ver.update(|v| *v += 1);
        save();
    };
    // Undo (`forward` false) or redo one edit.
    let step = move |forward: bool| {
        settle_anim();
        let mut done = false;
        g.update(|gr| hist.update_value(|h| done = if forward { h.redo(gr) } else { h.undo(gr) }));
        if done {
            hist_ver.update(|v| *v += 1);
            prune_selection(g, sel, sel_link);
            save();
        }
    };
    let undo = move || step(false);
    let redo = move || step(true);
    let can_undo = move || {
        hist_ver.track();
        hist.with_value(|h| h.can_undo())
    };
    let can_redo = move || {
        hist_ver.track();
        hist.with_value(|h| h.can_redo())
    };

    // Screen <-> map coordinates.
    let rect_origin = move || -> (f64, f64, f64, f64) {
        canvas_ref
            .get_untracked()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                (r.left(), r.top(), r.width(), r.height())
            })
            .unwrap_or((0.0, 0.0, 800.0, 600.0))
    };
    let to_world = move |cx: f64, cy: f64| -> (f64, f64) {
        let (l, t, _, _) = rect_origin();
        let (px, py) = pan.get_untracked();
        let z = zoom.get_untracked();
        ((cx - l - px) / z, (cy - t - py) / z)
    };
    let view_centre = move || -> (f64, f64) {
        let (l, t, w, h) = rect_origin();
        to_world(l + w / 2.0, t + h / 2.0)
    };

    let add_node_at = move |x: f64, y: f64| {
        let lang = i18n.lang_untracked();
        if g.with_untracked(|gr| gr.nodes.len()) >= model::MAX_NODES {
            return;
        }
        let mut id = 0;
        g.update_untracked(|gr| id = gr.fresh_id());
        let n = g.with_untracked(|gr| gr.nodes.len()) + 1;
        let node = Node {
            id,
            kind: NodeKind::Client,
            name: crate::i18n::tf(lang, "map.new_person", &[("n", &n.to_string())]),
            x: model::clamp_coord(x),
            y: model::clamp_coord(y),
            ..Default::default()
        };
        run(Op::add_node(node));
        set_sel(vec![id]);
        set_sel_link(None);
    };
    // The panel's close button (on a phone the panel is a bottom sheet).
    let close_panel = move || {
        set_sel(Vec::new());
        set_sel_link(None);
    };
    let delete_selection = move || {
        let nodes = sel.get_untracked();
        if !nodes.is_empty() {
            run(Op::DeleteNodes(nodes));
            set_sel(Vec::new());
        } else if let Some(l) = sel_link.get_untracked() {
            run(Op::DeleteLinks(vec![l]));
            set_sel_link(None);
        }
    };
    let fit_to = move |w: f64, h: f64| {
        let b = g.with_untracked(svg::bounds);
        let (z, p) = viewport::fit(b, w, h);
        zoom.set(z);
        pan.set(p);
    };
    let fit = move || {
        let (_, _, w, h) = rect_origin();
        fit_to(w, h);
    };
    // Show the whole map when it is opened (also on first display). On
    // first display the map is drawn only once the canvas was measured and
    // the view fitted: measuring a drawn map would have the browser lay out
    // every person first, and a new zoom restyle them all again.
    // The canvas is measured at once when it has its size (the map is
    // then drawn in the same task and painted in the first frame), else in
    // the next frame.
    let measured = RwSignal::new(false);
    Effect::new(move |_| {
        open_id.track();
        if !measured.get_untracked() {
            let (_, _, w, h) = rect_origin();
            if w > 0.0 && h > 0.0 && canvas_ref.get_untracked().is_some() {
                fit_to(w, h);
                measured.set(true);
                return;
            }
        }
        request_animation_frame(move || {
            fit();
            if !measured.get_untracked() {
                measured.set(true);
            }
        });
    });
    let zoom_by = move |factor: f64, cx: f64, cy: f64| {
        let (z, p) =
            viewport::zoom_about(zoom.get_untracked(), pan.get_untracked(), factor, (cx, cy));
        pan.set(p);
        zoom.set(z);
    };
    let zoom_centre = move |factor: f64| {
        let (_, _, w, h) = rect_origin();
        zoom_by(factor, w / 2.0, h / 2.0);
    };

    // Pointer handling, coalesced to one update per animation frame.
    let process_move = move || {
        let Some((cx, cy)) = pending.get_value() else {
            return;
        };
        pending.set_value(None);
        let (wx, wy) = to_world(cx, cy);
        match drag.get_value() {
            Drag::Nodes { start, moved } => {
                if !moved {
                    let ids = drag_ids.get_value();
                    lifted.set(Some(g.with_untracked(|gr| model::lift(gr, &ids))));
                }
                offset.set((wx - start.0, wy - start.1));
                drag.update_value(|d| {
                    if let Drag::Nodes { moved, .. } = d {
                        *moved = true;
                    }
                });
            }
            Drag::Pan { start, pan0 } => {
                pan.set((pan0.0 + cx - start.0, pan0.1 + cy - start.1));
            }
            Drag::Link { from } => link_end.set(Some((from, wx, wy))),
            Drag::Box { start } => box_rect.set(Some((start.0, start.1, wx, wy))),
            Drag::Pinch { z0, pan0, mid0, d0 } => {
                let ps = pointers.get_value();
                if ps.len() >= 2 {
                    let (l, t, _, _) = rect_origin();
                    let mid = ((ps[0].1 + ps[1].1) / 2.0 - l, (ps[0].2 + ps[1].2) / 2.0 - t);
                    let d = ((ps[0].1 - ps[1].1).powi(2) + (ps[0].2 - ps[1].2).powi(2)).sqrt();
                    let (z, p) = viewport::pinch(z0, pan0, mid0, d0, mid, d);
                    zoom.set(z);
                    pan.set(p);
                }
            }
            Drag::None => {}
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let pid = ev.pointer_id();
        pointers.update_value(|ps| {
            if let Some(p) = ps.iter_mut().find(|p| p.0 == pid) {
                p.1 = ev.client_x() as f64;
                p.2 = ev.client_y() as f64;
            }
        });
        if matches!(drag.get_value(), Drag::None) {
            return;
        }
        pending.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
        if !frame_queued.get_value() {
            frame_queued.set_value(true);
            request_animation_frame(move || {
                frame_queued.set_value(false);
                process_move();
            });
        }
    };
    let capture = move |ev: &leptos::ev::PointerEvent| {
        if let Some(el) = canvas_ref.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };
    // The map layer's people and links, drawn by hand (view_layer.rs).
    let map_layer = StoredValue::new_local(super::view_layer::MapLayer::default());
    let on_node_down = move |ev: leptos::ev::PointerEvent, id: Id| {
        // With Space held the event bubbles to the canvas, which pans.
        if ev.button() != 0 || space_held.get_untracked() {
            return;
        }
        ev.stop_propagation();
        capture(&ev);
        settle_anim();
        set_sel_link(None);
        if ev.shift_key() {
            sel.update(|s| {
                if let Some(p) = s.iter().position(|x| *x == id) {
                    s.remove(p);
                } else {
                    s.push(id);
                }
            });
        } else if !sel.with_untracked(|s| s.contains(&id)) {
            set_sel(vec![id]);
        }
        let ids: HashSet<Id> = sel.get_untracked().into_iter().collect();
        if ids.contains(&id) {
            drag_ids.set_value(ids);
            offset.set((0.0, 0.0));
            drag.set_value(Drag::Nodes {
                start: to_world(ev.client_x() as f64, ev.client_y() as f64),
                moved: false,
            });
        }
    };
    let on_handle_down = move |ev: leptos::ev::PointerEvent, id: Id| {
        if ev.button() != 0 || space_held.get_untracked() {
            return;
        }
        ev.stop_propagation();
        capture(&ev);
        let (wx, wy) = to_world(ev.client_x() as f64, ev.client_y() as f64);
        drag.set_value(Drag::Link { from: id });
        link_end.set(Some((id, wx, wy)));
    };
    let on_bg_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        // A press near a person or a link (their tap targets reach past
        // what is drawn, with no element of their own): as on it.
        if pointers.with_value(|ps| ps.is_empty()) && !space_held.get_untracked() && !ev.shift_key()
        {
            let (wx, wy) = to_world(ev.client_x() as f64, ev.client_y() as f64);
            let z = zoom.get_untracked().max(1e-6);
            // 13 px around a person (a person drawn 18 px across is a
            // 44 px target), 7 px either side of a link.
            if let Some(id) = map_layer.with_value(|m| m.node_at(wx, wy, 13.0 / z)) {
                on_node_down(ev, id);
                return;
            }
            if let Some(id) = map_layer.with_value(|m| m.link_at(wx, wy, 7.0 / z)) {
                ev.stop_propagation();
                set_sel(Vec::new());
                set_sel_link(Some(id));
                return;
            }
        }
        capture(&ev);
        let (cx, cy) = (ev.client_x() as f64, ev.client_y() as f64);
        let pid = ev.pointer_id();
        pointers.update_value(|ps| {
            ps.retain(|p| p.0 != pid);
            ps.push((pid, cx, cy));
        });
        renaming.set(None);
        let ps = pointers.get_value();
        if ps.len() >= 2 {
            let (l, t, _, _) = rect_origin();
            let mid0 = ((ps[0].1 + ps[1].1) / 2.0 - l, (ps[0].2 + ps[1].2) / 2.0 - t);
            let d0 = ((ps[0].1 - ps[1].1).powi(2) + (ps[0].2 - ps[1].2).powi(2)).sqrt();
            drag.set_value(Drag::Pinch {
                z0: zoom.get_untracked(),
                pan0: pan.get_untracked(),
                mid0,
                d0,
            });
            return;
        }
        if ev.shift_key() && !space_held.get_untracked() {
            let w = to_world(cx, cy);
            box_rect.set(Some((w.0, w.1, w.0, w.1)));
            drag.set_value(Drag::Box { start: w });
            return;
        }
        if !space_held.get_untracked() {
            set_sel(Vec::new());
            set_sel_link(None);
        }
        panning.set(true);
        drag.set_value(Drag::Pan {
            start: (cx, cy),
            pan0: pan.get_untracked(),
        });
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        if let Some(el) = canvas_ref.get_untracked() {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        let pid = ev.pointer_id();
        pointers.update_value(|ps| ps.retain(|p| p.0 != pid));
        if panning.get_untracked() {
            panning.set(false);
        }
        if matches!(drag.get_value(), Drag::Pinch { .. }) {
            drag.set_value(Drag::None);
            return;
        }
        pending.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
        process_move();
        match drag.get_value() {
            Drag::Nodes { moved, .. } => {
                let (dx, dy) = offset.get_untracked();
                let ids = drag_ids.get_value();
                if moved && (dx.abs() > 0.5 || dy.abs() > 0.5) {
                    let items: Vec<(Id, f64, f64)> = g.with_untracked(|gr| {
                        gr.nodes
                            .iter()
                            .filter(|n| ids.contains(&n.id))
                            .map(|n| (n.id, n.x + dx, n.y + dy))
                            .collect()
                    });
                    let mut inv = Op::Batch(Vec::new());
                    g.update(|gr| inv = model::apply(gr, Op::SetPos(items)));
                    push_inverse(inv);
                }
                drag_ids.set_value(HashSet::new());
                lifted.set(None);
                offset.set((0.0, 0.0));
            }
            Drag::Link { from } => {
                if let Some((_, wx, wy)) = link_end.get_untracked() {
                    let target = g.with_untracked(|gr| svg::hit(gr, wx, wy, Some(from)));
                    if let Some(to) = target {
                        if !g.with_untracked(|gr| gr.linked(from, to)) {
                            let mut id = 0;
                            g.update_untracked(|gr| id = gr.fresh_id());
                            run(Op::add_link(Link {
                                id,
                                from,
                                to,
                                ..Default::default()
                            }));
                            set_sel(Vec::new());
                            set_sel_link(Some(id));
                        }
                    }
                }
                link_end.set(None);
            }
            Drag::Box { .. } => {
                if let Some((x0, y0, x1, y1)) = box_rect.get_untracked() {
                    let (ax, bx) = (x0.min(x1), x0.max(x1));
                    let (ay, by) = (y0.min(y1), y0.max(y1));
                    let inside: Vec<Id> = g.with_untracked(|gr| {
                        gr.nodes
                            .iter()
                            .filter(|n| n.x >= ax && n.x <= bx && n.y >= ay && n.y <= by)
                            .map(|n| n.id)
                            .collect()
                    });
                    sel.update(|s| {
                        for id in inside {
                            if !s.contains(&id) {
                                s.push(id);
                            }
                        }
                    });
                }
                box_rect.set(None);
            }
            _ => {}
        }
        drag.set_value(Drag::None);
    };
    let on_dbl = move |ev: leptos::ev::MouseEvent| {
        if space_held.get_untracked() {
            return;
        }
        let (wx, wy) = to_world(ev.client_x() as f64, ev.client_y() as f64);
        match g.with_untracked(|gr| svg::hit(gr, wx, wy, None)) {
            Some(id) => renaming.set(Some(id)),
            None => add_node_at(wx, wy),
        }
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let (l, t, _, _) = rect_origin();
        let factor = if ev.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 };
        zoom_by(factor, ev.client_x() as f64 - l, ev.client_y() as f64 - t);
    };

    // Keyboard shortcuts (ignored while typing in a field).
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if typing {
            return;
        }
        settle_anim();
        if ev.key() == " " {
            // Keep Space on a focused control (keyboard activation) unless the
            // pointer is over the canvas or focus is on the page itself.
            let on_control = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|e| matches!(e.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY" | "INPUT"))
                .unwrap_or(false);
            if !on_control || over_canvas.get_value() {
                ev.prevent_default();
                if !space_held.get_untracked() {
                    space_held.set(true);
                }
            }
            return;
        }
        let cmd = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        match key.as_str() {
            "z" | "Z" if cmd && ev.shift_key() => {
                ev.prevent_default();
                redo();
            }
            "z" | "Z" if cmd => {
                ev.prevent_default();
                undo();
            }
            "y" | "Y" if cmd => {
                ev.prevent_default();
                redo();
            }
            "Delete" | "Backspace"
                if !sel.with_untracked(|s| s.is_empty()) || sel_link.get_untracked().is_some() =>
            {
                ev.prevent_default();
                delete_selection();
            }
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown"
                if !sel.with_untracked(|s| s.is_empty()) =>
            {
                ev.prevent_default();
                let step = if ev.shift_key() { 50.0 } else { 10.0 };
                let (dx, dy) = match key.as_str() {
                    "ArrowLeft" => (-step, 0.0),
                    "ArrowRight" => (step, 0.0),
                    "ArrowUp" => (0.0, -step),
                    _ => (0.0, step),
                };
                let ids = sel.get_untracked();
                let items: Vec<(Id, f64, f64)> = g.with_untracked(|gr| {
                    gr.nodes
                        .iter()
                        .filter(|n| ids.contains(&n.id))
                        .map(|n| (n.id, n.x + dx, n.y + dy))
                        .collect()
                });
                run(Op::SetPos(items));
            }
            "F2" => {
                if let Some(id) = sel.with_untracked(|s| s.first().copied()) {
                    renaming.set(Some(id));
                }
            }
            "Escape" => {
                set_sel(Vec::new());
                set_sel_link(None);
                renaming.set(None);
                show_help.set(false);
            }
            "?" => show_help.update(|v| *v = !*v),
            "+" | "=" if !cmd => zoom_centre(1.2),
            "-" if !cmd => zoom_centre(1.0 / 1.2),
            "0" if !cmd => fit(),
            "n" | "N" if !cmd => {
                let (x, y) = view_centre();
                add_node_at(x, y);
            }
            "a" | "A" if cmd => {
                ev.prevent_default();
                set_sel(g.with_untracked(|gr| gr.nodes.iter().map(|n| n.id).collect()));
            }
            _ => {}
        }
    });
    let keys_up = window_event_listener(leptos::ev::keyup, move |ev: web_sys::KeyboardEvent| {
        if ev.key() == " " && space_held.get_untracked() {
            ev.prevent_default();
            space_held.set(false);
        }
    });
    let blur = window_event_listener(leptos::ev::blur, move |_| space_held.set(false));
    on_cleanup(move || {
        keys.remove();
        keys_up.remove();
        blur.remove();
    });

    // Analysis (recomputed only when the structure changes, not on moves).
    // A move keeps the old value without copying the graph.
    let structure = Memo::new_owning(move |old: Option<Graph>| {
        g.with(|gr| match old {
            Some(old) if old.same_structure(gr) => (old, false),
            _ => (gr.structure(), true),
        })
    });
    // The analysis panel follows the structure a moment later, after the
    // frame that shows an edit (a 2,000-person undo is drawn first, then
    // analysed), and on opening after the map is drawn.
    let settled = RwSignal::new(0u32);
    let settle_queued = StoredValue::new(false);
    Effect::new(move |_| {
        structure.track();
        if !settle_queued.get_value() {
            settle_queued.set_value(true);
            ui::after_next_paint(move || {
                settle_queued.set_value(false);
                settled.update(|v| *v = v.wrapping_add(1));
            });
        }
    });
    let summary = Memo::new(move |_| {
        if !show_analysis.get() {
            return analysis::Summary::default();
        }
        // Not before the map is first drawn (`settled` is 0 until then).
        if settled.get() == 0 {
            return analysis::Summary::default();
        }
        structure.with_untracked(|s| analysis::summary(s, 5))
    });
    let growth_m = Memo::new(move |_| {
        if !show_analysis.get() {
            return Growth::default();
        }
        if settled.get() == 0 {
            return Growth::default();
        }
        structure.with_untracked(growth::growth)
    });
    let as_of = Memo::new(move |_| -> Option<AsOf> {
        let day = as_of_day.get()?;
        Some(structure.with(|s| growth::as_of(s, day)))
    });
    let path_mode = RwSignal::new(analysis::PathMode::default());
    let path = Memo::new(move |_| -> Option<Vec<Id>> {
        let target = sel.with(|s| (s.len() == 1).then(|| s[0]))?;
        structure.with(|s| {
            let rm = analysis::rm_node(s)?;
            if rm == target {
                return None;
            }
            analysis::intro_path_by(s, rm, target, path_mode.get())
        })
    });
    let path_nodes =
        Memo::new(move |_| -> HashSet<Id> { path.with(|p| p.iter().flatten().copied().collect()) });
    let path_pairs = Memo::new(move |_| -> HashSet<(Id, Id)> {
        path.with(|p| {
            p.iter()
                .flat_map(|v| v.windows(2).flat_map(|w| [(w[0], w[1]), (w[1], w[0])]))
                .collect()
        })
    });

    // The map layer's people and links are drawn by hand (view_layer.rs):
    // one pass per change of the graph, the language or the states, which
    // touches only the elements concerned.
    let nodes_ref = NodeRef::<leptos::svg::G>::new();
    let links_ref = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |_| {
        let lang = i18n.lang();
        let (Some(ng), Some(lg)) = (nodes_ref.get(), links_ref.get()) else {
            return;
        };
        if !measured.get() {
            return;
        }
        g.with(|gr| map_layer.update_value(|m| m.sync(&ng, &lg, gr, lang)));
    });
    Effect::new(move |_| {
        let states = super::layer::States {
            selected: sel.with(|s| s.iter().copied().collect()),
            path_nodes: path_nodes.get(),
            lifted: lifted.with(|lf| {
                lf.as_ref()
                    .map(|lf| lf.node_ids.clone())
                    .unwrap_or_default()
            }),
            later: as_of.with(|a| {
                a.as_ref()
                    .map(|a| a.later_nodes.clone())
                    .unwrap_or_default()
            }),
            link_selected: sel_link.get(),
            path_pairs: path_pairs.get(),
        };
        map_layer.update_value(|m| m.set_states(states));
    });
    let pos_of = move |id: Id| -> (f64, f64) {
        g.with(|gr| gr.node(id).map(|n| (n.x, n.y)).unwrap_or_default())
    };
    // A name for a panel that is redrawn when `settled` changes.
    let name_now = move |id: Id| -> String {
        g.with_untracked(|gr| gr.node(id).map(|n| n.name.clone()).unwrap_or_default())
    };
    let name_of = move |id: Id| -> String {
        g.with(|gr| gr.node(id).map(|n| n.name.clone()).unwrap_or_default())
    };

    // Map management.
    let lang = move || i18n.lang_untracked();
    let on_new_map = move |_| {
        let t = Template::from_slug(&new_tpl.get_untracked());
        let mut ok = false;
        doc.update(|d| ok = d.create(t, lang()).is_some());
        if !ok {
            message.set(Some((false, i18n.t("map.imp.full").to_string())));
        }
    };
    let on_dup = move |_| {
        let suffix = i18n.t("map.copy_suffix");
        doc.update(|d| {
            let cur = d.current_map().map(|m| m.id).unwrap_or(0);
            d.duplicate(cur, suffix);
        });
    };
    let on_delete_map = move |_| {
        if ui::confirm(i18n.t("map.delete_confirm")) {
            doc.update(|d| {
                let cur = d.current_map().map(|m| m.id).unwrap_or(0);
                d.delete(cur);
            });
        }
    };
    let current_name =
        move || doc.with(|d| d.current_map().map(|m| m.name.clone()).unwrap_or_default());

    // Export / import.
    let export_svg = move |_| {
        let text = g.with_untracked(|gr| svg::export(gr, &current_name(), lang()));
        ui::download(
            &format!("map-{}.svg", ui::file_stamp()),
            "image/svg+xml",
            &text,
        );
    };
    let export_png = move |_| {
        let (text, size) = g.with_untracked(|gr| {
            (
                svg::export(gr, &current_name(), lang()),
                svg::export_size(gr),
            )
        });
        export_png_file(text, size);
    };
    let export_json = move |_| {
        let entry = doc.with_untracked(|d| d.current_map().cloned());
        if let Some(mut m) = entry {
            m.graph = g.get_untracked();
            ui::download(
                &format!("map-{}.json", ui::file_stamp()),
                "application/json",
                &doc::export_json(&m),
            );
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let lang = i18n.lang_untracked();
        let t = move |k| crate::i18n::t(lang, k);
        let refuse = move |msg| message.set(Some((false, msg)));
        ui::read_import_file(
            &ev,
            model::MAX_FILE_BYTES,
            lang,
            refuse,
            move |name, text| {
                let stem = name.trim_end_matches(".json").to_string();
                match doc::import_json(&text, &stem) {
                    Err(e) => {
                        message.set(Some((false, e.message(lang, &name))));
                    }
                    Ok(mut imp) => {
                        let mut added = false;
                        doc.update(|d| {
                            imp.name = d.import_name(&imp.name, t("map.imported_suffix"));
                            added = d.add(&imp.name, imp.graph.clone()).is_some();
                        });
                        if !added {
                            message.set(Some((false, t("map.imp.full").to_string())));
                            return;
                        }
                        message.set(Some((true, imp.message(lang))));
                    }
                }
            },
        );
    };
    let on_print = move |_| {
        // The print stylesheet gives the canvas 255 mm × 160 mm, below the
        // map's name and legend: one landscape A4 or Letter page.
        fit_to(960.0, 600.0);
        request_animation_frame(move || {
            ui::print();
            fit();
        });
    };

    // Layouts.
    // Positions drawn without touching the graph (an animation frame).
    let show = move |items: &[(Id, f64, f64)]| map_layer.update_value(|m| m.show(items));
    // The force layout, drawn as it settles: as many iterations per frame
    // as fit in a few milliseconds; the result is one undo step.
    let do_force = move |_| {
        settle_anim();
        let mut sim = g.with_untracked(|gr| layout::Force::new(gr, &layout::ForceOpts::default()));
        let gen = anim_gen.get_value() + 1;
        anim_gen.set_value(gen);
        let frame = move |sim: &mut layout::Force, budget: f64| -> bool {
            let t0 = now_ms();
            let mut more = true;
            while more {
                more = sim.step();
                if now_ms() - t0 >= budget {
                    break;
                }
            }
            let items = sim.positions();
            show(&items);
            if more {
                anim_shown.set_value(Some(items));
            } else {
                anim_shown.set_value(None);
                run(Op::SetPos(items));
                fit();
            }
            more
        };
        // A small map (a case, a template: a millisecond or two of work) is
        // laid out at once however busy the machine, so the same click always
        // shows the same drawing; a large one is drawn here as far as it got
        // in a few milliseconds, so that the next frame paints it, and goes on
        // from the frame after (the first frame only paints).
        let small = g.with_untracked(|gr| gr.nodes.len() <= SMALL_MAP);
        let more = frame(&mut sim, if small { f64::INFINITY } else { 1.5 });
        if !more {
            return;
        }
        let mut first = true;
        run_frames(move || {
            if anim_gen.get_value() != gen {
                return false;
            }
            if std::mem::take(&mut first) {
                return true;
            }
            frame(&mut sim, 6.0)
        });
    };
    let do_radial = move |_| {
        let centre = sel.with_untracked(|s| s.first().copied()).or_else(|| {
            g.with_untracked(|gr| {
                gr.nodes
                    .iter()
                    .find(|n| n.kind == NodeKind::Client)
                    .or(gr.nodes.first())
                    .map(|n| n.id)
            })
        });
        if let Some(c) = centre {
            let items = g.with_untracked(|gr| layout::radial(gr, c));
            run(Op::SetPos(items));
            fit();
        }
    };

    // Side panel edits (one undo step per field change).
    let edit_node = move |id: Id, f: Box<dyn FnOnce(&mut Node)>| {
        if let Some(mut n) = g.with_untracked(|gr| gr.node(id).cloned()) {
            f(&mut n);
            run(Op::ReplaceNode(Box::new(n)));
        }
    };
    let edit_link = move |id: Id, f: Box<dyn FnOnce(&mut Link)>| {
        if let Some(mut l) = g.with_untracked(|gr| gr.link(id).cloned()) {
            f(&mut l);
            run(Op::ReplaceLink(l));
        }
    };

    // Presentation mode keeps text at least 18 px at any zoom (map.css).
    let map_zoom = move || crate::num::short(zoom.get(), 6);
    let view_transform = move || {
        let (x, y) = pan.get();
        format!(
            "translate({} {}) scale({})",
            f1(x),
            f1(y),
            crate::num::short(zoom.get(), 6)
        )
    };

    let maps_list = move || {
        doc.with(|d| {
            d.maps
                .iter()
                .map(|m| (m.id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="page map-page" data-testid="tool-map">
            <div class="map-head">
                <h1>{i18n.text("tool.map.name")}</h1>
                <crate::ui::SaveBadge state=Signal::derive(move || doc.state())/>
                <super::view_share::Share doc=doc />
                <super::view_share::HandIn doc=doc />
                <super::view_share::Receive doc=doc />
            </div>
            {move || message.get().map(|(ok, text)| view! {
                <div class="notice" class:warn=!ok role="status" data-testid="map-message">
                    <span>{text}</span>
                    <button type="button" class="btn small ghost" aria-label=i18n.text("map.dismiss")
                        on:click=move |_| message.set(None)>"×"</button>
                </div>
            })}
            <div class="map-bar map-maps">
                <label class="map-inline">
                    <span>{i18n.text("map.maps")}</span>
                    <select data-testid="map-select" aria-label=i18n.text("map.maps")
                        prop:value=move || doc.with(|d| d.current_map().map(|m| m.id.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            if let Ok(id) = event_target_value(&ev).parse::<Id>() {
                                doc.update(|d| d.current = id);
                            }
                        }>
                        {move || maps_list().into_iter().map(|(id, name)| view! {
                            <option value=id.to_string()>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <input type="text" class="map-name" data-testid="map-rename" aria-label=i18n.text("map.rename")
                    prop:value=current_name maxlength="200"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        doc.update(|d| {
                            let cur = d.current_map().map(|m| m.id).unwrap_or(0);
                            d.rename(cur, &v);
                        });
                    }/>
                <button type="button" class="btn small" data-testid="map-duplicate" on:click=on_dup>{i18n.text("map.duplicate")}</button>
                <button type="button" class="btn small danger" data-testid="map-delete" on:click=on_delete_map>{i18n.text("map.delete")}</button>
                <span class="map-sep"></span>
                <select data-testid="map-template" aria-label=i18n.text("map.template")
                    prop:value=move || new_tpl.get()
                    on:change=move |ev| new_tpl.set(event_target_value(&ev))>
                    {Template::ALL.into_iter().map(|t| view! {
                        <option value=t.slug()>{move || i18n.t(t.key())}</option>
                    }).collect_view()}
                </select>
                <button type="button" class="btn small primary" data-testid="map-new" on:click=on_new_map>{i18n.text("map.new")}</button>
            </div>
            <div class="map-bar map-tools" role="toolbar" aria-label=i18n.text("map.toolbar")>
                <button type="button" class="btn small primary" data-testid="map-add-node"
                    on:click=move |_| { let (x, y) = view_centre(); add_node_at(x, y); }>{i18n.text("map.add_node")}</button>
                <button type="button" class="btn small" data-testid="map-undo" prop:disabled=move || !can_undo()
                    aria-label=i18n.text("map.undo") title=i18n.text("map.undo") on:click=move |_| undo()>"↶ "{i18n.text("map.undo")}</button>
                <button type="button" class="btn small" data-testid="map-redo" prop:disabled=move || !can_redo()
                    aria-label=i18n.text("map.redo") title=i18n.text("map.redo") on:click=move |_| redo()>"↷ "{i18n.text("map.redo")}</button>
                <button type="button" class="btn small" data-testid="map-delete-sel"
                    prop:disabled=move || sel.with(|s| s.is_empty()) && sel_link.get().is_none()
                    on:click=move |_| delete_selection()>{i18n.text("map.delete_sel")}</button>
                <span class="map-sep"></span>
                <button type="button" class="btn small" data-testid="map-zoom-in" aria-label=i18n.text("map.zoom_in") on:click=move |_| zoom_centre(1.2)>"+"</button>
                <button type="button" class="btn small" data-testid="map-zoom-out" aria-label=i18n.text("map.zoom_out") on:click=move |_| zoom_centre(1.0 / 1.2)>"−"</button>
                <button type="button" class="btn small" data-testid="map-fit" on:click=move |_| fit()>{i18n.text("map.fit")}</button>
                <button type="button" class="btn small" data-testid="map-layout-force" on:click=do_force>{i18n.text("map.layout_force")}</button>
                <button type="button" class="btn small" data-testid="map-layout-radial" on:click=do_radial>{i18n.text("map.layout_radial")}</button>
                <span class="map-sep"></span>
                <button type="button" class="btn small" data-testid="map-export-svg" on:click=export_svg>"SVG"</button>
                <button type="button" class="btn small" data-testid="map-export-png" on:click=export_png>"PNG"</button>
                <button type="button" class="btn small" data-testid="map-export-json" on:click=export_json>{i18n.text("map.export_json")}</button>
                <label class="btn small file-btn">
                    {i18n.text("map.import_json")}
                    <input type="file" accept=".json,application/json" data-testid="map-import"
                        aria-label=i18n.text("map.import_json") on:change=on_import/>
                </label>
                <button type="button" class="btn small" data-testid="map-print" on:click=on_print>{i18n.text("map.print")}</button>
                <button type="button" class="btn small ghost" data-testid="map-help-toggle" aria-expanded=move || show_help.get().to_string()
                    on:click=move |_| show_help.update(|v| *v = !*v)>"? "{i18n.text("map.shortcuts")}</button>
            </div>
            {move || show_help.get().then(|| view! {
                <div class="card map-help" data-testid="map-help">
                    <h2>{i18n.text("map.shortcuts")}</h2>
                    <ul>
                        {["map.k.add", "map.k.dbl", "map.k.link", "map.k.select", "map.k.move", "map.k.delete",
                          "map.k.rename", "map.k.nudge", "map.k.undo", "map.k.redo", "map.k.pan", "map.k.space", "map.k.zoom", "map.k.touch", "map.k.all", "map.k.esc"]
                            .into_iter().map(|k| view! { <li>{i18n.text(k)}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            <div class="map-main">
                // Printed above the map: its name and legend (hidden on screen).
                <div class="map-print-head" data-testid="map-print-head">
                    <h2>{current_name}</h2>
                    <ul class="map-print-legend">
                        {move || {
                            let (kinds, strengths) = structure.with(svg::legend);
                            let lang = i18n.lang();
                            let kinds = kinds.into_iter().map(|k| {
                                let lk = svg::look(k);
                                view! {
                                    <li><svg viewBox="-32 -32 64 64" width="14" height="14" aria-hidden="true"><path d=svg::shape_path(k) fill=lk.fill/></svg>
                                        {crate::i18n::t(lang, k.key())}</li>
                                }
                            }).collect_view();
                            let strengths = strengths.into_iter().map(|st| {
                                let (c, w, d) = svg::link_style(st);
                                view! {
                                    <li><svg viewBox="0 0 30 10" width="24" height="8" aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" stroke=c stroke-width=crate::num::short(w, 3) stroke-dasharray=d/></svg>
                                        {crate::i18n::t(lang, st.key())}</li>
                                }
                            }).collect_view();
                            view! { {kinds}{strengths} }
                        }}
                    </ul>
                </div>
                <div class="map-canvas-wrap" node_ref=canvas_ref data-testid="map-canvas"
                    class:map-space=move || space_held.get() class:map-panning=move || panning.get()
                    on:pointerenter=move |_| over_canvas.set_value(true) on:pointerleave=move |_| over_canvas.set_value(false)
                    on:pointerdown=on_bg_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
                    on:dblclick=on_dbl on:wheel=on_wheel>
                    <svg class="map-svg map-layer" role="img" aria-label=i18n.text("tool.map.name")>
                        <defs>
                            <marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                                <path d="M0 0L10 5L0 10Z" fill="#475569"/>
                            </marker>
                        </defs>
                        <g transform=view_transform style:--map-zoom=map_zoom>
                            // Filled by `map_layer`; one pointerdown handler per group.
                            <g class="map-links" node_ref=links_ref
                                on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                                    if space_held.get_untracked() {
                                        return;
                                    }
                                    if let Some(id) = super::view_layer::target_id(&ev, ".map-link", "map-link-") {
                                        ev.stop_propagation();
                                        set_sel(Vec::new());
                                        set_sel_link(Some(id));
                                    }
                                }></g>
                            <g class="map-nodes" node_ref=nodes_ref
                                on:pointerover=move |ev: leptos::ev::PointerEvent| map_layer.with_value(|m| m.add_title(&ev))
                                on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                                    if let Some(id) = super::view_layer::target_id(&ev, ".map-handle", "map-handle-") {
                                        on_handle_down(ev, id);
                                    } else if let Some(id) = super::view_layer::target_id(&ev, "g.map-node", "map-node-") {
                                        on_node_down(ev, id);
                                    }
                                }></g>
                        </g>
                    </svg>
                    // The overlay layer: what moves during a drag (the lifted
                    // people and their links), the link being drawn and the
                    // selection box. Only this layer is redrawn per pointer move.
                    <svg class="map-svg map-overlay" aria-hidden="true" data-testid="map-overlay">
                        <g transform=view_transform style:--map-zoom=map_zoom>
                            {move || lifted.get().map(|lf| {
                                let on_path = path_pairs.get_untracked();
                                let on_path_nodes = path_nodes.get_untracked();
                                let later = as_of.get_untracked().unwrap_or_default();
                                let links = lf.links.iter().map(|(l, a, b)| {
                                    let (ma, mb) = (lf.moves(a.id), lf.moves(b.id));
                                    let (a, b) = ((a.x, a.y, a.kind), (b.x, b.y, b.kind));
                                    let at = move |p: (f64, f64, NodeKind), moves: bool| {
                                        let (dx, dy) = if moves { offset.get() } else { (0.0, 0.0) };
                                        Node { x: p.0 + dx, y: p.1 + dy, kind: p.2, ..Default::default() }
                                    };
                                    let ends = Signal::derive(move || svg::link_ends(&at(a, ma), &at(b, mb)));
                                    let mid = Signal::derive(move || {
                                        let (a, b) = (at(a, ma), at(b, mb));
                                        ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
                                    });
                                    let cls = layer_class("map-link", on_path.contains(&(l.from, l.to)), later.later_links.contains(&l.id));
                                    view! { <g class=cls>{link_body(l.clone(), ends, mid, i18n.lang_untracked())}</g> }
                                }).collect_view();
                                let nodes = lf.nodes.iter().map(|n| {
                                    let (id, x, y) = (n.id, n.x, n.y);
                                    let r = svg::look(n.kind).radius;
                                    let cls = layer_class("map-node selected", on_path_nodes.contains(&id), later.later_nodes.contains(&id));
                                    view! {
                                        <g class=cls data-kind=n.kind.slug()
                                            transform=move || { let (dx, dy) = offset.get(); format!("translate({} {})", f1(x + dx), f1(y + dy)) }>
                                            {node_body(n.kind, n.role, n.name.clone(), i18n.lang_untracked())}
                                            <circle class="map-handle" cx=f1(r + 4.0) cy="0" r="7"/>
                                        </g>
                                    }
                                }).collect_view();
                                view! { <g class="map-links">{links}</g><g class="map-nodes">{nodes}</g> }
                            })}
                            {move || box_rect.get().map(|(x0, y0, x1, y1)| view! {
                                <rect class="map-box" x=f1(x0.min(x1)) y=f1(y0.min(y1)) width=f1((x1 - x0).abs()) height=f1((y1 - y0).abs())/>
                            })}
                            {move || link_end.get().map(|(from, x, y)| {
                                let (ax, ay) = pos_of(from);
                                view! { <line class="map-link-draft" x1=f1(ax) y1=f1(ay) x2=f1(x) y2=f1(y)/> }
                            })}
                        </g>
                    </svg>
                    {move || renaming.get().map(|id| {
                        let (x, y) = pos_of(id);
                        let (px, py) = pan.get();
                        let z = zoom.get();
                        let (left, top) = (format!("{}px", f1(x * z + px - 80.0)), format!("{}px", f1(y * z + py + 30.0 * z)));
                        let value = name_of(id);
                        view! {
                            <input type="text" class="map-rename-input" data-testid="map-inline-rename" style:left=left style:top=top
                                aria-label=i18n.text("map.f.name") prop:value=value maxlength="200" autofocus
                                on:pointerdown=|ev| ev.stop_propagation()
                                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                    if ev.key() == "Enter" {
                                        let v = event_target_value(&ev);
                                        renaming.set(None);
                                        edit_node(id, Box::new(move |n| n.name = model::cut(v.trim(), model::MAX_NAME)));
                                    } else if ev.key() == "Escape" {
                                        renaming.set(None);
                                    }
                                }
                                on:blur=move |ev| {
                                    if renaming.get_untracked() == Some(id) {
                                        let v = event_target_value(&ev);
                                        renaming.set(None);
                                        edit_node(id, Box::new(move |n| n.name = model::cut(v.trim(), model::MAX_NAME)));
                                    }
                                }/>
                        }
                    })}
                </div>
                <aside class="map-side">
                    {move || {
                        let one = sel.with(|s| (s.len() == 1).then(|| s[0]));
                        let many = sel.with(|s| s.len());
                        if let Some(id) = one {
                            g.with_untracked(|gr| gr.node(id).cloned()).map(|n| node_panel(n, edit_node, close_panel).into_any())
                        } else if many > 1 {
                            Some(view! { <div class="card" data-testid="map-multi"><p>{move || super::strings::count(i18n.lang(), "map.n_selected", many)}</p></div> }.into_any())
                        } else if let Some(lid) = sel_link.get() {
                            g.with_untracked(|gr| gr.link(lid).cloned()).map(|l| {
                                let names = (name_of(l.from), name_of(l.to));
                                link_panel(l, names, edit_link, delete_selection, close_panel).into_any()
                            })
                        } else {
                            Some(view! { <div class="card muted" data-testid="map-hint"><p>{i18n.text("map.hint")}</p></div> }.into_any())
                        }
                    }}
                    <div class="card map-legend" data-testid="map-legend">
                        <h2>{i18n.text("map.legend")}</h2>
                        <ul>
                            {NodeKind::ALL.into_iter().map(|k| {
                                let lk = svg::look(k);
                                view! {
                                    <li>
                                        <svg viewBox="-32 -32 64 64" width="20" height="20" aria-hidden="true"><path d=svg::shape_path(k) fill=lk.fill/></svg>
                                        <span>{move || i18n.t(k.key())}</span>
                                    </li>
                                }
                            }).collect_view()}
                            {Strength::ALL.into_iter().map(|s| {
                                let (c, w, d) = svg::link_style(s);
                                view! {
                                    <li>
                                        <svg viewBox="0 0 30 10" width="30" height="10" aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" stroke=c stroke-width=crate::num::short(w, 3) stroke-dasharray=d/></svg>
                                        <span>{move || i18n.t(s.key())}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                    <div class="card map-analysis" data-testid="map-analysis">
                        <h2>
                            <button type="button" class="btn small ghost" aria-expanded=move || show_analysis.get().to_string()
                                on:click=move |_| {
                                    // Nothing stays dimmed with its control hidden.
                                    if show_analysis.get_untracked() {
                                        as_of_day.set(None);
                                    }
                                    show_analysis.update(|v| *v = !*v);
                                }>{i18n.text("map.analysis")}</button>
                        </h2>
                        {move || show_analysis.get().then(|| {
                            settled.track();
                            let s = summary.get();
                            let connectors = s.connectors.clone();
                            let unreached = s.unreached.clone();
                            view! {
                                <h3>{i18n.text("map.connectors")}</h3>
                                <ol data-testid="map-connectors">
                                    {connectors.into_iter().map(|r| {
                                        let nm = name_now(r.id);
                                        let detail = super::strings::count_with(i18n.lang(), "map.connector_detail", r.degree, &[("b", &crate::i18n::format::fmt_number(r.betweenness, 1))]);
                                        view! { <li><button type="button" class="linkish" on:click=move |_| { set_sel(vec![r.id]); set_sel_link(None); }>{nm}</button>" "<span class="muted">{detail}</span></li> }
                                    }).collect_view()}
                                </ol>
                                <h3>{i18n.text("map.path")}</h3>
                                <div class="map-row" role="radiogroup" aria-label=i18n.text("map.path_mode")>
                                    {analysis::PathMode::ALL.into_iter().map(|m| view! {
                                        <button type="button" class="btn small" role="radio"
                                            data-testid=format!("map-path-{}", m.slug())
                                            class:primary=move || path_mode.get() == m
                                            aria-checked=move || (path_mode.get() == m).to_string()
                                            on:click=move |_| path_mode.set(m)>{move || i18n.t(m.key())}</button>
                                    }).collect_view()}
                                </div>
                                <p data-testid="map-path">{move || match (sel.with(|s| s.len()), path.get()) {
                                    (1, Some(p)) => p.iter().map(|id| name_of(*id)).collect::<Vec<_>>().join(" → "),
                                    (1, None) => i18n.t("map.path_none").to_string(),
                                    _ => i18n.t("map.path_pick").to_string(),
                                }}</p>
                                <h3>{i18n.text("map.unreached")}</h3>
                                <p data-testid="map-unreached">{
                                    if !s.has_bank_side {
                                        i18n.t("map.no_rm").to_string()
                                    } else if unreached.is_empty() {
                                        i18n.t("map.all_reached").to_string()
                                    } else {
                                        unreached.iter().map(|id| name_now(*id)).collect::<Vec<_>>().join("、")
                                    }
                                }</p>
                                <h3>{i18n.text("map.counts")}</h3>
                                <ul class="map-counts">
                                    {s.by_kind.iter().map(|(k, c)| view! { <li>{i18n.t(k.key())}": "{c.to_string()}</li> }).collect_view()}
                                    {s.by_strength.iter().map(|(k, c)| view! { <li>{i18n.t("map.links")}" · "{i18n.t(k.key())}": "{c.to_string()}</li> }).collect_view()}
                                </ul>
                            }
                        })}
                        {move || show_analysis.get().then(|| view! {
                            <h3>{i18n.text("map.growth")}</h3>
                            {move || growth_panel(growth_m.get(), as_of_day, as_of)}
                        })}
                    </div>
                </aside>
            </div>
        </section>
    }
}

fn prune_selection(g: RwSignal<Graph>, sel: RwSignal<Vec<Id>>, sel_link: RwSignal<Option<Id>>) {
    let (nodes, links): (HashSet<Id>, HashSet<Id>) = g.with_untracked(|gr| {
        (
            gr.nodes.iter().map(|n| n.id).collect(),
            gr.links.iter().map(|l| l.id).collect(),
        )
    });
    sel.update(|s| s.retain(|id| nodes.contains(id)));
    if sel_link
        .get_untracked()
        .is_some_and(|l| !links.contains(&l))
    {
        sel_link.set(None);
    }
}

/// A link's line and label on the drag overlay (the map layer draws its
/// links by hand, `view_layer.rs`).
fn link_body(
    l: Link,
    ends: Signal<(f64, f64, f64, f64)>,
    mid: Signal<(f64, f64)>,
    lang: crate::i18n::Lang,
) -> impl IntoView {
    let (col, width, dash) = svg::link_style(l.strength);
    let marker = if l.directed { "url(#map-arrow)" } else { "" };
    view! {
        <line class="map-link-line" stroke=col stroke-width=crate::num::short(width, 3) stroke-dasharray=dash marker-end=marker
            x1=move || f1(ends.get().0) y1=move || f1(ends.get().1) x2=move || f1(ends.get().2) y2=move || f1(ends.get().3)/>
        // No element for a link without text (most links of a large map).
        {
            let text = svg::link_text(&l, lang);
            (!text.is_empty()).then(|| view! {
                <text class="map-link-label" text-anchor="middle" x=move || f1(mid.get().0) y=move || f1(mid.get().1 - 4.0)>{text}</text>
            })
        }
    }
}

/// Chart size (viewBox units): plot width and height, and the margins.
const GROWTH_W: f64 = 264.0;
const GROWTH_H: f64 = 76.0;

/// "Growth over time" in the analysis panel: a step chart of the people
/// known month by month (stacked by kind, in the legend's colours) and the
/// "map as of" slider and date. Rebuilt only when the series changes; the
/// marker and the counts follow the chosen day.
fn growth_panel(
    gr: Growth,
    day: RwSignal<Option<NaiveDate>>,
    as_of: Memo<Option<AsOf>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (Some(first), Some(last)) = (gr.first(), gr.last()) else {
        return view! {
            <p class="muted" data-testid="map-growth-empty">{i18n.text("map.growth_empty")}</p>
        }
        .into_any();
    };
    let n = gr.steps.len();
    let (dated, undated) = (gr.dated, gr.undated);
    let (start, end) = (gr.steps[0].people, gr.steps[n - 1].people);
    let max = growth::scale_max(&gr);
    let areas = growth::kind_areas(&gr, GROWTH_W, GROWTH_H);
    let outline = growth::people_path(&gr, GROWTH_W, GROWTH_H);
    let gr = StoredValue::new(gr);
    let marker = move || {
        day.get()
            .map(|d| f1(gr.with_value(|g| growth::x_of(g, d, GROWTH_W))))
    };
    // The slider's step: the month of the day (clamped), or the last month.
    let index = move || -> u32 {
        day.get()
            .and_then(|d| gr.with_value(|g| g.index_of(d)))
            .unwrap_or(n - 1) as u32
    };
    let aria = move || {
        let lang = i18n.lang();
        i18n.tf(
            "map.growth_aria",
            &[
                ("from", &first.label(lang)),
                ("to", &last.label(lang)),
                ("a", &start.to_string()),
                ("b", &end.to_string()),
            ],
        )
    };
    view! {
        <svg class="map-growth-chart" data-testid="map-growth-chart" viewBox="0 0 280 118" role="img" aria-label=aria>
            <text x="8" y="12">{move || super::strings::count(i18n.lang(), "map.growth_max", max)}</text>
            <g transform="translate(8 18)">
                {areas.into_iter().map(|(k, d)| view! { <path d=d fill=svg::look(k).fill fill-opacity="0.75"/> }).collect_view()}
                <path class="map-growth-line" d=outline/>
                <line class="map-growth-axis" x1="0" y1=f1(GROWTH_H) x2=f1(GROWTH_W) y2=f1(GROWTH_H)/>
                {move || marker().map(|x| view! {
                    <line class="map-growth-marker" data-testid="map-growth-marker" x1=x.clone() y1="-4" x2=x y2=f1(GROWTH_H)/>
                })}
            </g>
            <text x="8" y="112">{move || first.label(i18n.lang())}</text>
            <text x="272" y="112" text-anchor="end">{move || last.label(i18n.lang())}</text>
        </svg>
        <label class="field map-asof"><span>{i18n.text("map.as_of")}</span>
            <input type="range" data-testid="map-asof-range" min="0" max=(n - 1).to_string() step="1"
                aria-label=i18n.text("map.as_of_month")
                aria-valuetext=move || first.plus(index()).label(i18n.lang())
                prop:value=move || index().to_string()
                on:input=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<u32>() {
                        day.set(Some(first.plus(i.min(n as u32 - 1)).last_day()));
                    }
                }/>
        </label>
        <div class="map-row map-asof-row">
            <input type="date" data-testid="map-asof-date" min="1900-01-01" max="2100-12-31"
                aria-label=i18n.text("map.as_of_date")
                prop:value=move || day.get().map(|d| d.to_string()).unwrap_or_default()
                on:change=move |ev| day.set(model::parse_date(event_target_value(&ev).trim()))/>
            <button type="button" class="btn small" data-testid="map-asof-all"
                prop:disabled=move || day.get().is_none() on:click=move |_| day.set(None)>{i18n.text("map.as_of_all")}</button>
        </div>
        <p data-testid="map-asof-count" aria-live="polite">{move || {
            let lang = i18n.lang();
            match (day.get(), as_of.get()) {
                (Some(d), Some(a)) => i18n.tf("map.as_of_count", &[
                    ("d", &crate::i18n::format::fmt_date(lang, d)),
                    ("p", &super::strings::people(lang, a.people)),
                    ("l", &super::strings::links(lang, a.links)),
                    ("later", &super::strings::people(lang, a.later_nodes.len())),
                ]),
                _ => i18n.tf("map.growth_summary", &[("n", &super::strings::people(lang, dated)), ("u", &super::strings::people(lang, undated))]),
            }
        }}</p>
        {move || as_of.get().map(|a| view! {
            <ul class="map-counts" data-testid="map-asof-kinds">
                {a.by_kind.into_iter().map(|(k, c)| view! { <li>{move || i18n.t(k.key())}": "{c.to_string()}</li> }).collect_view()}
            </ul>
        })}
    }
    .into_any()
}

/// The class of an element on the drag overlay: on the introduction path
/// (highlighted, never dimmed) or added after the "map as of" day (dimmed).
fn layer_class(base: &str, on_path: bool, later: bool) -> String {
    match (on_path, later) {
        (true, _) => format!("{base} on-path"),
        (false, true) => format!("{base} map-later"),
        (false, false) => base.to_string(),
    }
}

/// A person's shape, icon and caption, centred on (0, 0).
fn node_body(kind: NodeKind, role: Role, name: String, lang: crate::i18n::Lang) -> impl IntoView {
    let lk = svg::look(kind);
    let cap_node = Node {
        kind,
        role,
        name,
        ..Default::default()
    };
    view! {
        // Not painted: a tap target of at least 44 px at any zoom (map.css).
        <circle class="map-node-hit" r=f1(lk.radius)/>
        <path class="map-node-shape" d=svg::shape_path(kind) fill=lk.fill/>
        <path class=lk.icon.class() d=lk.icon.d/>
        <text class="map-node-name" text-anchor="middle" y=f1(lk.radius + 16.0)>{svg::caption(&cap_node, lang)}</text>
    }
}

fn node_panel(
    n: Node,
    edit: impl Fn(Id, Box<dyn FnOnce(&mut Node)>) + Copy + Send + Sync + 'static,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = n.id;
    let is_dm = n.kind == NodeKind::DecisionMaker;
    view! {
        <div class="card map-panel" data-testid="map-node-panel">
            <div class="map-panel-head">
                <h2>{i18n.text("map.person")}</h2>
                <button type="button" class="btn small ghost" data-testid="map-sheet-close"
                    aria-label=i18n.text("map.close_panel") on:click=move |_| close()>"×"</button>
            </div>
            <label class="field"><span>{i18n.text("map.f.name")}</span>
                <input type="text" data-testid="map-f-name" maxlength="200" prop:value=n.name.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |n| n.name = model::cut(v.trim(), model::MAX_NAME))); }/>
            </label>
            <label class="field"><span>{i18n.text("map.f.kind")}</span>
                <select data-testid="map-f-kind" prop:value=n.kind.slug()
                    on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |n| n.kind = NodeKind::from_slug(&v))); }>
                    {NodeKind::ALL.into_iter().map(|k| view! { <option value=k.slug() selected=k == n.kind>{move || i18n.t(k.key())}</option> }).collect_view()}
                </select>
            </label>
            {is_dm.then(|| view! {
                <label class="field"><span>{i18n.text("map.f.role")}</span>
                    <select data-testid="map-f-role" prop:value=n.role.slug()
                        on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |n| n.role = Role::from_slug(&v))); }>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.slug() selected=r == n.role>{move || i18n.t(r.key())}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <label class="field"><span>{i18n.text("map.f.notes")}</span>
                <textarea data-testid="map-f-notes" rows="3" maxlength="5000" prop:value=n.notes.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |n| n.notes = model::cut(&v, model::MAX_NOTES))); }></textarea>
            </label>
            <div class="grid-2">
                <label class="field"><span>{i18n.text("map.f.birthday")}</span>
                    <input type="text" placeholder="1980-05-18" maxlength="50" prop:value=n.birthday.clone()
                        on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |n| n.birthday = model::cut(v.trim(), model::MAX_TAG))); }/>
                </label>
                <label class="field"><span>{i18n.text("map.f.anniversary")}</span>
                    <input type="text" placeholder="2000-10-01" maxlength="50" prop:value=n.anniversary.clone()
                        on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |n| n.anniversary = model::cut(v.trim(), model::MAX_TAG))); }/>
                </label>
            </div>
            <label class="field"><span>{i18n.text("map.f.since")}</span>
                <input type="date" data-testid="map-f-since" min="1900-01-01" max="2100-12-31" prop:value=n.since.clone()
                    on:change=move |ev| {
                        let v = event_target_value(&ev).trim().to_string();
                        // The date picker gives yyyy-mm-dd or nothing; anything else is ignored.
                        if v.is_empty() || model::parse_date(&v).is_some() {
                            edit(id, Box::new(move |n| n.since = v));
                        }
                    }/>
            </label>
            <label class="field"><span>{i18n.text("map.f.tags")}</span>
                <input type="text" maxlength="500" prop:value=n.tags.join(", ")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(id, Box::new(move |n| {
                            n.tags = v.split([',', '，', '、']).map(|t| model::cut(t.trim(), model::MAX_TAG)).filter(|t| !t.is_empty()).take(model::MAX_TAGS).collect();
                        }));
                    }/>
            </label>
        </div>
    }
}

fn link_panel(
    l: Link,
    names: (String, String),
    edit: impl Fn(Id, Box<dyn FnOnce(&mut Link)>) + Copy + Send + Sync + 'static,
    delete: impl Fn() + Copy + Send + Sync + 'static,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = l.id;
    view! {
        <div class="card map-panel" data-testid="map-link-panel">
            <div class="map-panel-head">
                <h2>{i18n.text("map.link")}</h2>
                <button type="button" class="btn small ghost" data-testid="map-sheet-close"
                    aria-label=i18n.text("map.close_panel") on:click=move |_| close()>"×"</button>
            </div>
            <p class="muted">{names.0}" — "{names.1}</p>
            <label class="field"><span>{i18n.text("map.f.relation")}</span>
                <select data-testid="map-f-relation" prop:value=l.relation.slug()
                    on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |l| l.relation = Relation::from_slug(&v))); }>
                    {Relation::ALL.into_iter().map(|r| view! { <option value=r.slug() selected=r == l.relation>{move || i18n.t(r.key())}</option> }).collect_view()}
                </select>
            </label>
            <label class="field"><span>{i18n.text("map.f.strength")}</span>
                <select data-testid="map-f-strength" prop:value=l.strength.slug()
                    on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |l| l.strength = Strength::from_slug(&v))); }>
                    {Strength::ALL.into_iter().map(|s| view! { <option value=s.slug() selected=s == l.strength>{move || i18n.t(s.key())}</option> }).collect_view()}
                </select>
            </label>
            <label class="map-check">
                <input type="checkbox" data-testid="map-f-directed" prop:checked=l.directed
                    on:change=move |ev| { let v = event_target_checked(&ev); edit(id, Box::new(move |l| l.directed = v)); }/>
                <span>{i18n.text("map.f.directed")}</span>
            </label>
            <label class="field"><span>{i18n.text("map.f.label")}</span>
                <input type="text" data-testid="map-f-label" maxlength="200" prop:value=l.label.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |l| l.label = model::cut(v.trim(), model::MAX_NAME))); }/>
            </label>
            <div class="map-row">
                <button type="button" class="btn small" on:click=move |_| edit(id, Box::new(|l| std::mem::swap(&mut l.from, &mut l.to)))>{i18n.text("map.reverse")}</button>
                <button type="button" class="btn small danger" data-testid="map-link-delete" on:click=move |_| delete()>{i18n.text("map.delete_link")}</button>
            </div>
        </div>
    }
}

/// Draw the exported SVG into a canvas and download it as PNG.
fn export_png_file(svg_text: String, size: (f64, f64)) {
    let scale = (2.0f64).min(8000.0 / size.0.max(size.1).max(1.0));
    let (w, h) = (
        (size.0 * scale).round().max(1.0),
        (size.1 * scale).round().max(1.0),
    );
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&svg_text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let doc = document();
        let Ok(el) = doc.create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = el.unchecked_into();
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        if let Ok(Some(ctx)) = canvas.get_context("2d") {
            let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
            ctx.set_fill_style_str("#ffffff");
            ctx.fill_rect(0.0, 0.0, w, h);
            let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w, h);
            if let Ok(data) = canvas.to_data_url_with_type("image/png") {
                if let Ok(a) = doc.create_element("a") {
                    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
                    a.set_href(&data);
                    a.set_download(&format!("map-{}.png", ui::file_stamp()));
                    if let Some(body) = doc.body() {
                        let _ = body.append_child(&a);
                        a.click();
                        let _ = body.remove_child(&a);
                    }
                }
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url2);
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}
