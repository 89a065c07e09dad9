//! How nodes and links look (shared by the page and the export) and the
//! standalone SVG export. Every piece of user text is XML-escaped.

use super::model::{Graph, Link, Node, NodeKind, Role, Strength};
use crate::i18n::{self, Lang};

/// Fill colour, shape and icon of a node kind.
pub struct Look {
    pub fill: &'static str,
    pub icon: Icon,
    pub radius: f64,
}

/// A kind's icon: a path centred on (0, 0), about 16 px across, drawn in
/// white on the shape — filled, or (`line`) as a 2 px line. A path, not a
/// glyph of text: the browser lays out a text element for every person
/// drawn, which made the icons a third of the time a 2,000-person map
/// takes to appear (an undo, opening the page); a path costs a tenth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Icon {
    pub d: &'static str,
    pub line: bool,
}

const fn filled(d: &'static str) -> Icon {
    Icon { d, line: false }
}

const fn line(d: &'static str) -> Icon {
    Icon { d, line: true }
}

impl Icon {
    /// The `class` of the icon's path.
    pub fn class(&self) -> &'static str {
        if self.line {
            "map-node-icon line"
        } else {
            "map-node-icon"
        }
    }

    /// The icon as a standalone SVG element (the export, no stylesheet).
    pub fn svg(&self) -> String {
        if self.line {
            format!("<path d=\"{}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>", self.d)
        } else {
            format!("<path d=\"{}\" fill=\"#ffffff\"/>", self.d)
        }
    }
}

const STAR: Icon =
    filled("M0-7.4L1.9-2.1L7.6-1.9L3.1 1.6L4.7 7.1L0 3.9L-4.7 7.1L-3.1 1.6L-7.6-1.9L-1.9-2.1Z");
const YEN: Icon = line("M-5-7L0-.5L5-7M0-.5V7M-4 .5H4M-4 3.8H4");

pub fn look(kind: NodeKind) -> Look {
    let (fill, icon, radius) = match kind {
        // ★
        NodeKind::Client => ("#d97706", STAR, 28.0),
        // ♥
        NodeKind::Family => ("#db2777", filled("M0 6.5C-5 3-7.5 0-7.5-3C-7.5-5.5-5.8-7-3.8-7C-2.2-7-.8-6.1 0-4.7C.8-6.1 2.2-7 3.8-7C5.8-7 7.5-5.5 7.5-3C7.5 0 5 3 0 6.5Z"), 22.0),
        // ☺
        NodeKind::Friend => ("#16a34a", line("M-6.5 0A6.5 6.5 0 1 0 6.5 0A6.5 6.5 0 1 0-6.5 0ZM-2.4-2.6V-1.6M2.4-2.6V-1.6M-3.4 1.6Q0 5 3.4 1.6"), 22.0),
        // ≡
        NodeKind::Colleague => ("#0891b2", filled("M-6-5.5H6V-3.5H-6ZM-6-1H6V1H-6ZM-6 3.5H6V5.5H-6Z"), 22.0),
        // ▦
        NodeKind::Employer => ("#475569", filled("M-6-6H-1.6V-1.6H-6ZM1.6-6H6V-1.6H1.6ZM-6 1.6H-1.6V6H-6ZM1.6 1.6H6V6H1.6Z"), 24.0),
        // ◆
        NodeKind::DecisionMaker => ("#7c3aed", filled("M0-7.5L6.5 0L0 7.5L-6.5 0Z"), 24.0),
        // ✦
        NodeKind::Influencer => ("#ea580c", filled("M0-8L2-2L8 0L2 2L0 8L-2 2L-8 0L-2-2Z"), 24.0),
        // ¥
        NodeKind::Rm => ("#b91c1c", YEN, 26.0),
        NodeKind::BankColleague => ("#e11d48", YEN, 22.0),
        // ?
        NodeKind::Other => ("#6b7280", line("M-3.2-3.4C-3.2-7.6 3.2-7.6 3.2-3.4C3.2-.6 0-.8 0 2.4M0 6.2V6.3"), 20.0),
    };
    Look { fill, icon, radius }
}

/// A coordinate with one decimal, without a trailing ".0" (0 when not finite).
pub(crate) fn f1(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = crate::num::fixed(v, 1);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn polygon(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&f1(*x));
        d.push(' ');
        d.push_str(&f1(*y));
    }
    d.push('Z');
    d
}

fn regular(n: usize, r: f64, rot: f64) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let a = rot + std::f64::consts::TAU * i as f64 / n as f64;
            (r * a.cos(), r * a.sin())
        })
        .collect()
}

/// The node's outline as a path centred on (0, 0).
pub fn shape_path(kind: NodeKind) -> String {
    let r = look(kind).radius;
    let circle = |r: f64| {
        let rs = f1(r);
        format!(
            "M{} 0A{rs} {rs} 0 1 0 {} 0A{rs} {rs} 0 1 0 {} 0Z",
            f1(-r),
            f1(r),
            f1(-r)
        )
    };
    match kind {
        NodeKind::Client | NodeKind::Family | NodeKind::Friend | NodeKind::Other => circle(r),
        NodeKind::Colleague => {
            let s = r * 0.9;
            format!(
                "M{a} {b}H{c}Q{s} {b} {s} {a}V{c}Q{s} {s} {c} {s}H{a}Q{b} {s} {b} {c}V{a}Q{b} {b} {a} {b}Z",
                a = f1(-s + 6.0),
                b = f1(-s),
                c = f1(s - 6.0),
                s = f1(s)
            )
        }
        NodeKind::Employer => {
            polygon(&[(-r, -r * 0.8), (r, -r * 0.8), (r, r * 0.8), (-r, r * 0.8)])
        }
        NodeKind::DecisionMaker => polygon(&regular(4, r * 1.15, -std::f64::consts::FRAC_PI_2)),
        NodeKind::Influencer => {
            let pts: Vec<(f64, f64)> = (0..10)
                .map(|i| {
                    let rr = if i % 2 == 0 { r * 1.2 } else { r * 0.6 };
                    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::PI * i as f64 / 5.0;
                    (rr * a.cos(), rr * a.sin())
                })
                .collect();
            polygon(&pts)
        }
        NodeKind::Rm | NodeKind::BankColleague => polygon(&regular(6, r, 0.0)),
    }
}

/// Stroke colour, width and dash pattern of a link.
pub fn link_style(s: Strength) -> (&'static str, f64, &'static str) {
    match s {
        Strength::Strong => ("#334155", 3.5, ""),
        Strength::Normal => ("#64748b", 2.0, ""),
        Strength::Weak => ("#94a3b8", 1.5, "6 4"),
        Strength::Conflict => ("#dc2626", 2.5, "2 5"),
    }
}

/// A link's end points, shortened so they stop at the node outlines.
pub fn link_ends(a: &Node, b: &Node) -> (f64, f64, f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let d = (dx * dx + dy * dy).sqrt();
    if d < 1e-6 {
        return (a.x, a.y, b.x, b.y);
    }
    let (ra, rb) = (look(a.kind).radius + 2.0, look(b.kind).radius + 6.0);
    let (ux, uy) = (dx / d, dy / d);
    if d <= ra + rb {
        return (a.x, a.y, b.x, b.y);
    }
    (a.x + ux * ra, a.y + uy * ra, b.x - ux * rb, b.y - uy * rb)
}

/// Escape text for XML content and attribute values; drop characters XML
/// cannot carry.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A node's caption: name (cut for display) and decision-maker role.
pub fn caption(n: &Node, lang: Lang) -> String {
    let name = super::model::cut(n.name.trim(), 24);
    let name = if n.name.chars().count() > 24 {
        format!("{name}…")
    } else {
        name
    };
    if n.kind == NodeKind::DecisionMaker && n.role != Role::None {
        format!("{name} · {}", i18n::t(lang, n.role.key()))
    } else {
        name
    }
}

/// Most characters on one line of an exported caption (longer names wrap).
pub const CAPTION_LINE: usize = 20;
/// Line height of exported captions.
const CAPTION_DY: f64 = 16.0;

/// A node's caption for export (SVG, PNG): the whole name, wrapped onto as
/// many lines as it needs, and the decision-maker role.
pub fn caption_lines(n: &Node, lang: Lang) -> Vec<String> {
    let chars: Vec<char> = n.name.trim().chars().collect();
    let mut lines: Vec<String> = chars
        .chunks(CAPTION_LINE)
        .map(|c| c.iter().collect())
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    if n.kind == NodeKind::DecisionMaker && n.role != Role::None {
        let role = i18n::t(lang, n.role.key());
        let last = lines.len() - 1;
        if lines[last].chars().count() + role.chars().count() + 3 <= CAPTION_LINE {
            lines[last] = format!("{} · {role}", lines[last]);
        } else {
            lines.push(format!("· {role}"));
        }
    }
    lines
}

/// Bounding box of the nodes (with room for shapes and whole captions).
pub fn bounds(g: &Graph) -> (f64, f64, f64, f64) {
    if g.nodes.is_empty() {
        return (0.0, 0.0, 800.0, 600.0);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for n in &g.nodes {
        let chars = n.name.trim().chars().count();
        let lines = chars.div_ceil(CAPTION_LINE).max(1) + 1;
        let half = (chars.min(CAPTION_LINE) as f64 * 13.0 / 2.0 + 10.0).max(90.0);
        x0 = x0.min(n.x - half);
        y0 = y0.min(n.y - 50.0);
        x1 = x1.max(n.x + half);
        y1 = y1.max(n.y + 60.0 + (lines - 1) as f64 * CAPTION_DY);
    }
    (x0, y0, x1, y1)
}

/// The legend of a map: the kinds of people and the strengths of links it
/// uses, in legend order (shared by the export and the printed page).
pub fn legend(g: &Graph) -> (Vec<NodeKind>, Vec<Strength>) {
    let kinds = NodeKind::ALL
        .into_iter()
        .filter(|k| g.nodes.iter().any(|n| n.kind == *k))
        .collect();
    let strengths = Strength::ALL
        .into_iter()
        .filter(|s| g.links.iter().any(|l| l.strength == *s))
        .collect();
    (kinds, strengths)
}

/// Width and height of the exported SVG (for the PNG canvas).
pub fn export_size(g: &Graph) -> (f64, f64) {
    let (x0, y0, x1, y1) = bounds(g);
    let kinds = legend(g).0.len();
    let per_row = (((x1 - x0) / 150.0).floor() as usize).max(1);
    let rows = kinds.div_ceil(per_row) + 1;
    let h = y1 + 10.0 + rows as f64 * 30.0 + 10.0 - y0;
    (x1 - x0, h + 30.0)
}

/// Which node (if any) is under a point: the nearest whose shape contains it.
pub fn hit(
    g: &Graph,
    x: f64,
    y: f64,
    except: Option<super::model::Id>,
) -> Option<super::model::Id> {
    g.nodes
        .iter()
        .filter(|n| Some(n.id) != except)
        .map(|n| (n, (n.x - x).powi(2) + (n.y - y).powi(2)))
        .filter(|(n, d2)| *d2 <= (look(n.kind).radius + 6.0).powi(2))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n.id)
}

/// The whole map as a standalone SVG document (UTF-8), with a legend of the
/// kinds and strengths used.
pub fn export(g: &Graph, title: &str, lang: Lang) -> String {
    let (x0, y0, x1, mut y1) = bounds(g);
    let legend_top = y1 + 10.0;
    let (kinds, _) = legend(g);
    let per_row = (((x1 - x0) / 150.0).floor() as usize).max(1);
    let rows = kinds.len().div_ceil(per_row) + 1;
    y1 = legend_top + rows as f64 * 30.0 + 10.0;
    let (w, h) = (x1 - x0, y1 - y0);
    let mut s = String::with_capacity(200 + g.nodes.len() * 300 + g.links.len() * 150);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" font-family=\"'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif\">\n",
        f1(x0), f1(y0 - 30.0), f1(w), f1(h + 30.0), f1(w), f1(h + 30.0)
    ));
    s.push_str(&format!("<title>{}</title>\n", escape(title)));
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"12\" markerHeight=\"12\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10Z\" fill=\"#475569\"/></marker></defs>\n");
    s.push_str(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        f1(x0),
        f1(y0 - 30.0),
        f1(w),
        f1(h + 30.0)
    ));
    s.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"18\" font-weight=\"bold\" fill=\"#111827\">{}</text>\n",
        f1(x0 + 12.0),
        f1(y0 - 6.0),
        escape(title)
    ));
    let idx = g.index();
    s.push_str("<g class=\"links\">\n");
    for l in &g.links {
        let (Some(&a), Some(&b)) = (idx.get(&l.from), idx.get(&l.to)) else {
            continue;
        };
        s.push_str(&link_svg(&g.nodes[a], &g.nodes[b], l, lang));
    }
    s.push_str("</g>\n<g class=\"nodes\">\n");
    for n in &g.nodes {
        let lk = look(n.kind);
        let lines: String = caption_lines(n, lang)
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let dy = if i == 0 { 0.0 } else { CAPTION_DY };
                format!("<tspan x=\"0\" dy=\"{}\">{}</tspan>", f1(dy), escape(l))
            })
            .collect();
        s.push_str(&format!(
            "<g transform=\"translate({} {})\"><title>{}</title><path d=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>{}<text text-anchor=\"middle\" y=\"{}\" font-size=\"13\" fill=\"#111827\">{lines}</text></g>\n",
            f1(n.x),
            f1(n.y),
            escape(n.name.trim()),
            shape_path(n.kind),
            lk.fill,
            lk.icon.svg(),
            f1(lk.radius + 16.0),
        ));
    }
    s.push_str("</g>\n<g class=\"legend\" font-size=\"12\" fill=\"#374151\">\n");
    for (i, k) in kinds.iter().enumerate() {
        let (col, row) = (i % per_row, i / per_row);
        let (x, y) = (
            x0 + 20.0 + col as f64 * 150.0,
            legend_top + 15.0 + row as f64 * 30.0,
        );
        s.push_str(&format!(
            "<g transform=\"translate({} {}) scale(0.4)\"><path d=\"{}\" fill=\"{}\"/></g><text x=\"{}\" y=\"{}\">{}</text>\n",
            f1(x),
            f1(y),
            shape_path(*k),
            look(*k).fill,
            f1(x + 16.0),
            f1(y + 4.0),
            escape(i18n::t(lang, k.key()))
        ));
    }
    let y = legend_top + 15.0 + (rows - 1) as f64 * 30.0;
    for (i, st) in Strength::ALL.into_iter().enumerate() {
        let (c, wdt, dash) = link_style(st);
        let x = x0 + 20.0 + i as f64 * 150.0;
        s.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{c}\" stroke-width=\"{}\" stroke-dasharray=\"{dash}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
            f1(x - 8.0),
            f1(y),
            f1(x + 22.0),
            f1(y),
            f1(wdt),
            f1(x + 28.0),
            f1(y + 4.0),
            escape(i18n::t(lang, st.key()))
        ));
    }
    s.push_str("</g>\n</svg>\n");
    s
}

fn link_svg(a: &Node, b: &Node, l: &Link, lang: Lang) -> String {
    let (c, w, dash) = link_style(l.strength);
    let (ax, ay, bx, by) = link_ends(a, b);
    let marker = if l.directed {
        " marker-end=\"url(#arrow)\""
    } else {
        ""
    };
    let mut s = format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{c}\" stroke-width=\"{}\" stroke-dasharray=\"{dash}\"{marker}/>",
        f1(ax),
        f1(ay),
        f1(bx),
        f1(by),
        f1(w)
    );
    let text = link_text(l, lang);
    if !text.is_empty() {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#475569\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            f1((a.x + b.x) / 2.0),
            f1((a.y + b.y) / 2.0 - 4.0),
            escape(&text)
        ));
    }
    s.push('\n');
    s
}

/// The text shown on a link: its label, or else its relation.
pub fn link_text(l: &Link, lang: Lang) -> String {
    let label = l.label.trim();
    if !label.is_empty() {
        let cut = super::model::cut(label, 20);
        if label.chars().count() > 20 {
            format!("{cut}…")
        } else {
            cut
        }
    } else if l.relation == super::model::Relation::Other {
        String::new()
    } else {
        i18n::t(lang, l.relation.key()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::map::model::{Id, Link, Node};

    /// Every icon is a path of absolute commands that stays inside a
    /// 17 px box around the centre (the smallest shape has a 20 px radius),
    /// and the export draws it the same way, with no text glyph.
    #[test]
    fn icons_are_small_centred_paths() {
        for k in NodeKind::ALL {
            let ic = look(k).icon;
            assert!(
                ic.d.chars().all(|c| "MLHVCQAZ.- 0123456789".contains(c)),
                "{k:?}: {}",
                ic.d
            );
            assert!(ic.d.starts_with('M'), "{k:?}");
            let nums: Vec<f64> =
                ic.d.split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                    .flat_map(|t| {
                        // "-2-2" is two numbers, ".5" one.
                        let mut out = Vec::new();
                        let mut cur = String::new();
                        for ch in t.chars() {
                            if ch == '-' && !cur.is_empty() {
                                out.push(std::mem::take(&mut cur));
                            }
                            cur.push(ch);
                        }
                        if !cur.is_empty() {
                            out.push(cur);
                        }
                        out
                    })
                    .map(|t| t.parse::<f64>().unwrap_or_else(|_| panic!("{k:?}: {t:?}")))
                    .collect();
            assert!(nums.len() >= 4, "{k:?}");
            assert!(nums.iter().all(|v| v.abs() <= 8.5), "{k:?}: {nums:?}");
            assert_eq!(ic.class().contains("line"), ic.line);
        }
        let mut g = Graph::default();
        for (i, k) in NodeKind::ALL.into_iter().enumerate() {
            g.nodes.push(Node {
                id: i as Id + 1,
                kind: k,
                name: format!("P{i}"),
                ..Default::default()
            });
        }
        let out = export(&g, "t", Lang::Zh);
        for k in NodeKind::ALL {
            assert!(out.contains(look(k).icon.d), "{k:?}");
        }
        for glyph in ["★", "♥", "☺", "≡", "▦", "◆", "✦", "¥"] {
            assert!(!out.contains(glyph), "{glyph}");
        }
        assert!(well_formed(&out).is_ok());
    }

    /// A small well-formedness check: tags balance, attributes are quoted,
    /// no stray `<` or `&` in text.
    fn well_formed(s: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find(['<', '&']) {
            let text = &rest[..i];
            if text.contains('>') {
                return Err(format!("stray > in {text:?}"));
            }
            rest = &rest[i..];
            if rest.starts_with('&') {
                let end = rest.find(';').ok_or("bad entity")?;
                let ent = &rest[1..end];
                if !["amp", "lt", "gt", "quot", "apos"].contains(&ent) {
                    return Err(format!("entity {ent}"));
                }
                rest = &rest[end + 1..];
                continue;
            }
            let end = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[1..end];
            if tag.contains('<') {
                return Err(format!("< inside tag {tag:?}"));
            }
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes {tag:?}"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or("close without open")?;
                if open != name {
                    return Err(format!("{open} closed by {name}"));
                }
            } else if !tag.starts_with('?') && !tag.ends_with('/') {
                let name = tag.split_whitespace().next().unwrap_or("").to_string();
                stack.push(name);
            }
            rest = &rest[end + 1..];
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed {stack:?}"))
        }
    }

    fn sample() -> Graph {
        let mut g = Graph::default();
        for (i, k) in NodeKind::ALL.into_iter().enumerate() {
            g.nodes.push(Node {
                id: i as u32 + 1,
                kind: k,
                role: if k == NodeKind::DecisionMaker {
                    Role::TopManagement
                } else {
                    Role::None
                },
                name: format!("张三<script>alert('x')</script>&{i}\u{1}"),
                x: (i as f64) * 120.0,
                y: ((i % 3) as f64) * 90.0,
                ..Default::default()
            });
        }
        for i in 1..10u32 {
            g.links.push(Link {
                id: 100 + i,
                from: i,
                to: i + 1,
                strength: Strength::ALL[i as usize % 4],
                directed: i % 2 == 0,
                label: if i == 3 {
                    "介绍人 \"老王\" <b>".into()
                } else {
                    String::new()
                },
                ..Default::default()
            });
        }
        g
    }

    #[test]
    fn export_is_well_formed_escaped_and_keeps_chinese() {
        let s = export(&sample(), "王总的关系地图 <&>", Lang::Zh);
        well_formed(&s).unwrap();
        assert!(s.contains("张三&lt;script&gt;alert(&apos;x&apos;)</tspan>"));
        assert!(!s.contains("<script"));
        assert!(!s.contains('\u{1}'));
        assert!(s.contains("<title>王总的关系地图 &lt;&amp;&gt;</title>"));
        assert!(s.contains("介绍人 &quot;老王&quot; &lt;b&gt;"));
        assert!(s.contains("marker-end=\"url(#arrow)\""));
        assert!(s.contains("客户"), "legend in Chinese");
        assert!(s.contains("高层"), "role shown");
        let en = export(&sample(), "Map", Lang::En);
        well_formed(&en).unwrap();
        assert!(en.contains("Client"));
    }

    #[test]
    fn export_size_matches_the_svg_and_hit_finds_nodes() {
        let g = sample();
        let s = export(&g, "t", Lang::Zh);
        let (w, h) = export_size(&g);
        assert!(s.contains(&format!("width=\"{}\" height=\"{}\"", f1(w), f1(h))));
        assert_eq!(hit(&g, 121.0, 91.0, None), Some(2));
        assert_eq!(hit(&g, 121.0, 91.0, Some(2)), None);
        assert_eq!(hit(&g, 60.0, 300.0, None), None);
    }

    #[test]
    fn export_of_empty_map_is_valid() {
        let s = export(&Graph::default(), "", Lang::En);
        well_formed(&s).unwrap();
        assert!(!s.contains("NaN"));
    }

    #[test]
    fn shapes_are_distinct_and_finite() {
        let mut seen = std::collections::HashSet::new();
        for k in NodeKind::ALL {
            let p = shape_path(k);
            assert!(!p.contains("NaN"));
            seen.insert((p, look(k).fill));
        }
        assert_eq!(seen.len(), NodeKind::ALL.len());
    }

    #[test]
    fn link_ends_stop_at_outlines() {
        let a = Node {
            x: 0.0,
            y: 0.0,
            ..Default::default()
        };
        let b = Node {
            x: 200.0,
            y: 0.0,
            ..Default::default()
        };
        let (ax, _, bx, _) = link_ends(&a, &b);
        assert!(ax > 20.0 && bx < 180.0);
        let c = Node {
            x: 0.0,
            y: 0.0,
            ..Default::default()
        };
        assert_eq!(link_ends(&a, &c), (0.0, 0.0, 0.0, 0.0));
    }

    /// Issue 15 item 23: an exported map shows whole names (wrapped), its
    /// name and its legend.
    #[test]
    fn export_shows_whole_names_the_title_and_the_legend() {
        let long = "中国工商银行股份有限公司北京市分行营业部对公客户经理团队负责人王某某";
        let mut g = sample();
        g.nodes[0].name = long.into();
        g.nodes[0].kind = NodeKind::DecisionMaker;
        g.nodes[0].role = Role::TopManagement;
        let lines = caption_lines(&g.nodes[0], Lang::Zh);
        assert_eq!(
            lines.concat().replace(" · 高层", "").replace("· 高层", ""),
            long
        );
        assert!(lines.iter().all(|l| l.chars().count() <= CAPTION_LINE));
        assert!(lines.last().unwrap().contains("高层"));
        let s = export(&g, "王总的关系地图", Lang::Zh);
        well_formed(&s).unwrap();
        for l in &lines {
            assert!(s.contains(&format!(">{}</tspan>", escape(l))), "{l}");
        }
        assert!(
            s.contains(&format!("<title>{long}</title>")),
            "full name as a tooltip"
        );
        assert!(s.contains(">王总的关系地图</text>"), "map name shown");
        // The caption fits inside the exported picture.
        let (x0, _, x1, y1) = bounds(&g);
        let n = &g.nodes[0];
        assert!(n.x - x0 >= 20.0 * 13.0 / 2.0 && x1 - n.x >= 20.0 * 13.0 / 2.0);
        assert!(y1 >= n.y + 40.0 + (lines.len() as f64 - 1.0) * 16.0);
        // The legend lists what the map uses, in the export and in print.
        let (kinds, strengths) = legend(&g);
        assert!(kinds.contains(&NodeKind::DecisionMaker));
        assert_eq!(strengths.len(), 4);
        for k in &kinds {
            assert!(s.contains(&format!(">{}</text>", i18n::t(Lang::Zh, k.key()))));
        }
        let small =
            crate::tools::map::doc::template(crate::tools::map::doc::Template::Blank, Lang::Zh);
        assert_eq!(
            legend(&small),
            (vec![NodeKind::Client, NodeKind::Rm], vec![Strength::Normal])
        );
    }

    #[test]
    fn captions_and_link_texts_are_cut() {
        let n = Node {
            name: "长".repeat(100),
            ..Default::default()
        };
        assert_eq!(caption(&n, Lang::Zh).chars().count(), 25);
        let l = Link {
            label: "x".repeat(50),
            ..Default::default()
        };
        assert_eq!(link_text(&l, Lang::Zh).chars().count(), 21);
        let l = Link {
            relation: crate::tools::map::model::Relation::Spouse,
            ..Default::default()
        };
        assert_eq!(link_text(&l, Lang::Zh), "配偶");
        assert_eq!(escape("a\tb"), "a b");
    }
}
