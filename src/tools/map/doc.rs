//! The stored document (several maps), templates, demo maps, and the map
//! file format (export / validated import).

use super::model::{self, Graph, Id, Link, Node, NodeKind, Relation, Role, Strength};
use crate::i18n::{self, Lang};
use crate::storage::codec::{parse_import_json, DocData, ImportError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapEntry {
    pub id: Id,
    pub name: String,
    pub graph: Graph,
}

/// Every map of the user, and which one is open.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapDoc {
    pub maps: Vec<MapEntry>,
    pub current: Id,
    pub next_id: Id,
}

/// Most maps kept in one document.
pub const MAX_MAPS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    Blank,
    Family,
    Corporate,
    Community,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Blank,
        Template::Family,
        Template::Corporate,
        Template::Community,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Template::Blank => "map.tpl.blank",
            Template::Family => "map.tpl.family",
            Template::Corporate => "map.tpl.corporate",
            Template::Community => "map.tpl.community",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            Template::Blank => "blank",
            Template::Family => "family",
            Template::Corporate => "corporate",
            Template::Community => "community",
        }
    }
    pub fn from_slug(s: &str) -> Template {
        Template::ALL
            .into_iter()
            .find(|t| t.slug() == s)
            .unwrap_or(Template::Blank)
    }
}

/// Build a graph from compact rows: nodes (kind, role, name, notes, x, y)
/// numbered from 1, links (from, to, relation, strength, directed).
type NodeRow<'a> = (NodeKind, Role, &'a str, &'a str, f64, f64);
type LinkRow = (Id, Id, Relation, Strength, bool);

fn build(nodes: &[NodeRow], links: &[LinkRow]) -> Graph {
    let mut g = Graph::default();
    for (i, (kind, role, name, notes, x, y)) in nodes.iter().enumerate() {
        g.nodes.push(Node {
            id: i as Id + 1,
            kind: *kind,
            role: *role,
            name: name.to_string(),
            notes: notes.to_string(),
            x: *x,
            y: *y,
            ..Default::default()
        });
    }
    let base = nodes.len() as Id + 1;
    for (i, (a, b, rel, st, dir)) in links.iter().enumerate() {
        g.links.push(Link {
            id: base + i as Id,
            from: *a,
            to: *b,
            relation: *rel,
            strength: *st,
            directed: *dir,
            label: String::new(),
        });
    }
    g.next_id = base + links.len() as Id;
    g
}

/// Give the people of a built graph their "known since" dates, in order.
trait Since {
    fn since(self, dates: &[&str]) -> Self;
}

impl Since for Graph {
    fn since(mut self, dates: &[&str]) -> Graph {
        for (n, d) in self.nodes.iter_mut().zip(dates) {
            n.since = d.to_string();
        }
        self
    }
}

use NodeKind as K;
use Relation as R;
use Role as P;
use Strength as S;

/// A template's graph, with placeholder names in `lang` and no "known since"
/// dates (a template starts a real client's map; the user fills them in).
pub fn template(t: Template, lang: Lang) -> Graph {
    let tr = |k: &'static str| i18n::t(lang, k);
    match t {
        Template::Blank => build(
            &[
                (K::Rm, P::None, tr("map.t.me"), "", 0.0, 0.0),
                (K::Client, P::None, tr("map.t.client"), "", 220.0, 0.0),
            ],
            &[(1, 2, R::Serves, S::Normal, false)],
        ),
        Template::Family => build(
            &[
                (K::Client, P::None, tr("map.t.client"), "", 0.0, 0.0),
                (K::Family, P::None, tr("map.t.spouse"), "", 180.0, -60.0),
                (K::Family, P::None, tr("map.t.child"), "", 150.0, 130.0),
                (K::Family, P::None, tr("map.t.parent"), "", -40.0, -190.0),
                (K::Friend, P::None, tr("map.t.neighbour"), "", -200.0, 80.0),
                (K::Friend, P::None, tr("map.t.friend"), "", -190.0, -80.0),
                (K::Employer, P::None, tr("map.t.employer"), "", 0.0, 210.0),
                (K::Rm, P::None, tr("map.t.me"), "", -380.0, 0.0),
            ],
            &[
                (1, 2, R::Spouse, S::Strong, false),
                (1, 3, R::Family, S::Strong, false),
                (1, 4, R::Family, S::Normal, false),
                (1, 5, R::Neighbour, S::Normal, false),
                (1, 6, R::Friend, S::Normal, false),
                (1, 7, R::Colleague, S::Normal, true),
                (8, 1, R::Serves, S::Normal, false),
            ],
        ),
        Template::Corporate => build(
            &[
                (K::Employer, P::None, tr("map.t.company"), "", 0.0, -260.0),
                (
                    K::DecisionMaker,
                    P::TopManagement,
                    tr("map.t.top"),
                    "",
                    0.0,
                    -130.0,
                ),
                (
                    K::DecisionMaker,
                    P::Management,
                    tr("map.t.mgmt"),
                    "",
                    -160.0,
                    0.0,
                ),
                (
                    K::DecisionMaker,
                    P::Purchasing,
                    tr("map.t.purchasing"),
                    "",
                    0.0,
                    20.0,
                ),
                (K::DecisionMaker, P::User, tr("map.t.user"), "", 160.0, 0.0),
                (
                    K::DecisionMaker,
                    P::Support,
                    tr("map.t.support"),
                    "",
                    60.0,
                    160.0,
                ),
                (K::Influencer, P::None, tr("map.t.kol"), "", 300.0, -130.0),
                (K::Rm, P::None, tr("map.t.me"), "", -330.0, 150.0),
                (
                    K::BankColleague,
                    P::None,
                    tr("map.t.bank"),
                    "",
                    -330.0,
                    -120.0,
                ),
            ],
            &[
                (2, 1, R::ReportsTo, S::Strong, true),
                (3, 2, R::ReportsTo, S::Normal, true),
                (4, 3, R::ReportsTo, S::Normal, true),
                (5, 3, R::ReportsTo, S::Normal, true),
                (6, 4, R::Colleague, S::Weak, false),
                (7, 2, R::Friend, S::Normal, false),
                (8, 4, R::Serves, S::Normal, false),
                (9, 2, R::BusinessPartner, S::Weak, false),
                (8, 9, R::Colleague, S::Strong, false),
            ],
        ),
        Template::Community => build(
            &[
                (K::Other, P::None, tr("map.t.community"), "", 0.0, 0.0),
                (K::Influencer, P::None, tr("map.t.kol"), "", 0.0, -170.0),
                (K::Client, P::None, tr("map.t.member_a"), "", 170.0, -40.0),
                (K::Client, P::None, tr("map.t.member_b"), "", 120.0, 140.0),
                (K::Client, P::None, tr("map.t.member_c"), "", -120.0, 140.0),
                (K::Friend, P::None, tr("map.t.friend"), "", 320.0, 60.0),
                (K::Rm, P::None, tr("map.t.me"), "", -250.0, -60.0),
            ],
            &[
                (2, 1, R::Other, S::Strong, false),
                (3, 1, R::Other, S::Normal, false),
                (4, 1, R::Other, S::Normal, false),
                (5, 1, R::Other, S::Weak, false),
                (3, 6, R::Friend, S::Normal, false),
                (5, 2, R::IntroducedBy, S::Normal, true),
                (7, 2, R::Serves, S::Strong, false),
            ],
        ),
    }
}

fn demo_family(lang: Lang) -> (String, Graph) {
    let zh = lang == Lang::Zh;
    let pick = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut g = build(
        &[
            (
                K::Client,
                P::None,
                pick("王建国", "Wang Jianguo"),
                pick(
                    "私营企业主，代发薪客户，关注子女教育金",
                    "Business owner, payroll client, saving for his son's education",
                ),
                0.0,
                0.0,
            ),
            (
                K::Family,
                P::None,
                pick("李秀英（妻子）", "Li Xiuying (wife)"),
                pick(
                    "中学教师，家庭理财主要决策人",
                    "Teacher; decides the family's savings",
                ),
                200.0,
                -70.0,
            ),
            (
                K::Family,
                P::None,
                pick("王小明（儿子）", "Wang Xiaoming (son)"),
                pick("高三，明年出国留学", "Final school year, will study abroad"),
                170.0,
                140.0,
            ),
            (
                K::Family,
                P::None,
                pick("王父", "Wang's father"),
                pick(
                    "退休干部，养老金在本行",
                    "Retired, pension paid at our bank",
                ),
                -30.0,
                -210.0,
            ),
            (
                K::Friend,
                P::None,
                pick("赵大姐（邻居）", "Mrs Zhao (neighbour)"),
                pick("小区业委会主任", "Chairs the residents' committee"),
                -220.0,
                90.0,
            ),
            (
                K::Friend,
                P::None,
                pick("陈总（球友）", "Mr Chen (golf friend)"),
                pick(
                    "同行业老板，可转介绍",
                    "Owner in the same trade, possible referral",
                ),
                -210.0,
                -110.0,
            ),
            (
                K::Employer,
                P::None,
                pick("建国五金有限公司", "Jianguo Hardware Ltd"),
                pick("客户控股公司，员工120人", "Client's company, 120 staff"),
                20.0,
                230.0,
            ),
            (
                K::Rm,
                P::None,
                pick("我（客户经理）", "Me (RM)"),
                "",
                -430.0,
                0.0,
            ),
            (
                K::BankColleague,
                P::None,
                pick("张行长", "Branch head Zhang"),
                pick("曾为王父办理养老金", "Set up the father's pension"),
                -330.0,
                -230.0,
            ),
        ],
        &[
            (1, 2, R::Spouse, S::Strong, false),
            (1, 3, R::Family, S::Strong, false),
            (1, 4, R::Family, S::Normal, false),
            (1, 5, R::Neighbour, S::Normal, false),
            (1, 6, R::Friend, S::Strong, false),
            (1, 7, R::Colleague, S::Strong, true),
            (8, 5, R::Neighbour, S::Weak, false),
            (9, 4, R::Serves, S::Strong, false),
            (8, 9, R::Colleague, S::Strong, false),
            (6, 8, R::IntroducedBy, S::Weak, true),
        ],
    )
    .since(&[
        "2019-03-12",
        "2019-06-20",
        "2021-09-01",
        "2018-11-05",
        "2022-04-16",
        "2023-08-09",
        "2019-03-12",
        "2018-09-01",
        "2018-09-01",
    ]);
    g.nodes[0].birthday = "1972-05-18".into();
    g.nodes[1].anniversary = "1998-10-01".into();
    g.nodes[0].tags = vec![
        pick("代发薪", "payroll").into(),
        pick("私行潜力", "private banking prospect").into(),
    ];
    (pick("王建国家庭关系图", "Wang family map").into(), g)
}

fn demo_corporate(lang: Lang) -> (String, Graph) {
    let zh = lang == Lang::Zh;
    let pick = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut g = build(
        &[
            (
                K::Employer,
                P::None,
                pick("华信控股集团", "Huaxin Holdings"),
                pick("控股公司", "Holding company"),
                0.0,
                -280.0,
            ),
            (
                K::Employer,
                P::None,
                pick("华信精密制造", "Huaxin Precision"),
                pick("目标企业，拟办代发薪", "Target: payroll services"),
                0.0,
                -150.0,
            ),
            (
                K::DecisionMaker,
                P::TopManagement,
                pick("刘总经理", "GM Liu"),
                pick("最终拍板", "Final say"),
                -180.0,
                -40.0,
            ),
            (
                K::DecisionMaker,
                P::Management,
                pick("周财务总监", "CFO Zhou"),
                pick("关注成本与效率", "Cares about cost and efficiency"),
                0.0,
                20.0,
            ),
            (
                K::DecisionMaker,
                P::Purchasing,
                pick("孙采购经理", "Purchasing manager Sun"),
                "",
                180.0,
                -40.0,
            ),
            (
                K::DecisionMaker,
                P::User,
                pick("人事部吴主管", "HR lead Wu"),
                pick("代发薪的实际使用者", "Will run the payroll"),
                180.0,
                120.0,
            ),
            (
                K::DecisionMaker,
                P::Support,
                pick("IT部郑工", "IT engineer Zheng"),
                pick("负责系统对接", "Handles the integration"),
                0.0,
                190.0,
            ),
            (
                K::Influencer,
                P::None,
                pick("行业协会钱会长", "Association chair Qian"),
                pick("刘总的老领导", "GM Liu's former boss"),
                -380.0,
                -170.0,
            ),
            (
                K::Rm,
                P::None,
                pick("我（客户经理）", "Me (RM)"),
                "",
                -330.0,
                150.0,
            ),
            (
                K::BankColleague,
                P::None,
                pick("公司部李经理", "Corporate banker Li"),
                "",
                -420.0,
                20.0,
            ),
            (
                K::Colleague,
                P::None,
                pick("他行客户经理", "Rival bank's RM"),
                pick("现合作银行", "Current bank"),
                340.0,
                40.0,
            ),
        ],
        &[
            (2, 1, R::ReportsTo, S::Strong, true),
            (3, 2, R::ReportsTo, S::Strong, true),
            (4, 3, R::ReportsTo, S::Strong, true),
            (5, 4, R::ReportsTo, S::Normal, true),
            (6, 4, R::ReportsTo, S::Normal, true),
            (7, 6, R::Colleague, S::Weak, false),
            (8, 3, R::Friend, S::Strong, false),
            (9, 6, R::Serves, S::Normal, false),
            (10, 8, R::BusinessPartner, S::Normal, false),
            (9, 10, R::Colleague, S::Strong, false),
            (11, 5, R::BusinessPartner, S::Strong, false),
            (11, 9, R::Other, S::Conflict, false),
        ],
    )
    .since(&[
        "2024-01-08",
        "2024-01-08",
        "2024-03-15",
        "2024-02-20",
        "2024-05-10",
        "2024-04-02",
        "2024-07-18",
        "2023-11-30",
        "2023-10-09",
        "2023-10-09",
        "2024-06-05",
    ]);
    g.links[6].label = pick("老领导", "former boss").into();
    (pick("华信精密决策链", "Huaxin decision chain").into(), g)
}

impl MapDoc {
    pub fn current_map(&self) -> Option<&MapEntry> {
        self.maps
            .iter()
            .find(|m| m.id == self.current)
            .or(self.maps.first())
    }
    pub fn current_mut(&mut self) -> Option<&mut MapEntry> {
        let cur = self.current;
        let i = self
            .maps
            .iter()
            .position(|m| m.id == cur)
            .or((!self.maps.is_empty()).then_some(0))?;
        self.maps.get_mut(i)
    }
    fn fresh_id(&mut self) -> Id {
        let max = self.maps.iter().map(|m| m.id).max().unwrap_or(0);
        let id = self.next_id.max(max + 1).max(1);
        self.next_id = id + 1;
        id
    }
    /// Add a map and open it. None when the limit is reached.
    pub fn add(&mut self, name: &str, graph: Graph) -> Option<Id> {
        if self.maps.len() >= MAX_MAPS {
            return None;
        }
        let id = self.fresh_id();
        self.maps.push(MapEntry {
            id,
            name: model::cut(name.trim(), model::MAX_NAME),
            graph,
        });
        self.current = id;
        Some(id)
    }
    pub fn create(&mut self, t: Template, lang: Lang) -> Option<Id> {
        let name = i18n::t(lang, t.key());
        self.add(name, template(t, lang))
    }
    pub fn rename(&mut self, id: Id, name: &str) {
        let name = model::cut(name.trim(), model::MAX_NAME);
        if name.is_empty() {
            return;
        }
        if let Some(m) = self.maps.iter_mut().find(|m| m.id == id) {
            m.name = name;
        }
    }
    pub fn duplicate(&mut self, id: Id, suffix: &str) -> Option<Id> {
        let m = self.maps.iter().find(|m| m.id == id)?.clone();
        self.add(&format!("{}{suffix}", m.name), m.graph)
    }
    pub fn delete(&mut self, id: Id) {
        let Some(i) = self.maps.iter().position(|m| m.id == id) else {
            return;
        };
        self.maps.remove(i);
        if self.current == id {
            self.current = self
                .maps
                .get(i.min(self.maps.len().saturating_sub(1)))
                .map(|m| m.id)
                .unwrap_or(0);
        }
    }
}

impl DocData for MapDoc {
    const NAME: &'static str = "map";
    /// 2: people have a "known since" date (`Node::since`, empty if unknown).
    const SCHEMA: u32 = 2;

    fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
        match from {
            1 => {
                // Every person gets an empty (unknown) "known since" date.
                let maps = data
                    .get_mut("maps")
                    .and_then(Value::as_array_mut)
                    .ok_or("no maps")?;
                for m in maps {
                    let nodes = m
                        .get_mut("graph")
                        .and_then(|g| g.get_mut("nodes"))
                        .and_then(Value::as_array_mut);
                    for n in nodes.into_iter().flatten() {
                        if let Some(o) = n.as_object_mut() {
                            o.entry("since")
                                .or_insert_with(|| Value::String(String::new()));
                        }
                    }
                }
                Ok(data)
            }
            _ => Err(format!("unknown map schema {from}")),
        }
    }

    fn demo(lang: Lang) -> Self {
        let mut d = MapDoc::default();
        for (name, g) in [demo_family(lang), demo_corporate(lang)] {
            d.add(&name, g);
        }
        d.current = d.maps.first().map(|m| m.id).unwrap_or(0);
        d
    }

    fn validate(&self) -> Result<(), String> {
        if self.maps.len() > MAX_MAPS {
            return Err(format!("{} maps > {MAX_MAPS}", self.maps.len()));
        }
        let mut ids = std::collections::HashSet::new();
        for m in &self.maps {
            if !ids.insert(m.id) {
                return Err(format!("duplicate map id {}", m.id));
            }
            model::check(&m.graph).map_err(|e| format!("map {}: {e}", m.id))?;
        }
        Ok(())
    }

    /// Keep every map that can be read, repaired.
    fn recover(data: &Value) -> Option<Self> {
        let maps = data.get("maps")?.as_array()?;
        let mut d = MapDoc::default();
        for v in maps {
            let Ok(m) = serde_json::from_value::<MapEntry>(v.clone()) else {
                continue;
            };
            if d.maps.iter().any(|x| x.id == m.id) || d.maps.len() >= MAX_MAPS {
                continue;
            }
            let (graph, _) = model::sanitize(m.graph);
            d.maps.push(MapEntry { graph, ..m });
        }
        d.current = data
            .get("current")
            .and_then(Value::as_u64)
            .map(|c| c as Id)
            .filter(|c| d.maps.iter().any(|m| m.id == *c))
            .or(d.maps.first().map(|m| m.id))
            .unwrap_or(0);
        d.next_id = d.maps.iter().map(|m| m.id).max().unwrap_or(0) + 1;
        Some(d)
    }
}

// ---------------------------------------------------------------------------
// Map files.

#[derive(Serialize, Deserialize)]
struct MapFile {
    app: String,
    kind: String,
    format: u32,
    name: String,
    graph: Graph,
}

/// One map as a JSON file.
pub fn export_json(m: &MapEntry) -> String {
    let f = MapFile {
        app: crate::storage::codec::APP_ID.into(),
        kind: "map".into(),
        format: 1,
        name: m.name.clone(),
        graph: m.graph.clone(),
    };
    serde_json::to_string_pretty(&f).unwrap_or_default()
}

/// Why a map file was refused (nothing is changed then).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportFail {
    pub key: &'static str,
    pub detail: String,
}

/// A map file read and repaired: name, graph, repairs made.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub name: String,
    pub graph: Graph,
    pub fixes: Vec<model::Fix>,
}

/// Read a map file: our export, or a bare `{nodes, links}` graph. Size,
/// depth and JSON are checked first; the graph is then repaired (`sanitize`).
pub fn import_json(text: &str, fallback_name: &str) -> Result<Imported, ImportFail> {
    let v = parse_import_json(text, model::MAX_FILE_BYTES).map_err(|e| ImportFail {
        key: match e {
            ImportError::TooLarge { .. } => "map.imp.too_large",
            ImportError::Empty => "map.imp.empty",
            _ => "map.imp.not_json",
        },
        detail: e.detail(),
    })?;
    let bad = |detail: String| ImportFail {
        key: "map.imp.not_map",
        detail,
    };
    let (name, gv) = match v.get("graph") {
        Some(g) => {
            if v.get("kind")
                .and_then(Value::as_str)
                .is_some_and(|k| k != "map")
            {
                return Err(bad("kind".into()));
            }
            let name = v
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(fallback_name)
                .to_string();
            (name, g.clone())
        }
        None => (fallback_name.to_string(), v),
    };
    if !gv.get("nodes").is_some_and(Value::is_array) {
        return Err(bad("nodes".into()));
    }
    let graph: Graph = serde_json::from_value(gv).map_err(|e| bad(e.to_string()))?;
    let (graph, fixes) = model::sanitize(graph);
    let name = model::cut(name.trim(), model::MAX_NAME);
    let name = if name.is_empty() {
        fallback_name.to_string()
    } else {
        name
    };
    Ok(Imported { name, graph, fixes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::codec::{decode, encode, Decoded};

    #[test]
    fn demo_and_templates_are_valid_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let d = MapDoc::demo(lang);
            assert_eq!(d.maps.len(), 2);
            d.validate().unwrap();
            assert_eq!(d.current_map().map(|m| m.id), Some(d.maps[0].id));
            for m in &d.maps {
                let gr = crate::tools::map::growth::growth(&m.graph);
                assert_eq!((gr.dated, gr.undated), (m.graph.nodes.len(), 0));
                assert!(gr.steps.len() >= 6, "{} months", gr.steps.len());
            }
            for t in Template::ALL {
                let g = template(t, lang);
                model::check(&g).unwrap();
                assert!(g.nodes.iter().any(|n| n.kind == NodeKind::Rm));
                assert!(g.nodes.iter().all(|n| !n.name.is_empty()));
                // A template starts a real client's map: no invented dates.
                assert!(g.nodes.iter().all(|n| n.since.is_empty()));
                assert_eq!(Template::from_slug(t.slug()), t);
            }
        }
        assert!(MapDoc::demo(Lang::Zh).maps[0].name.contains("王建国"));
        assert!(MapDoc::demo(Lang::En).maps[0].name.contains("Wang"));
    }

    #[test]
    fn demo_has_paths_from_the_rm() {
        let d = MapDoc::demo(Lang::Zh);
        let g = &d.maps[1].graph;
        let rm = crate::tools::map::analysis::rm_node(g).unwrap();
        let p = crate::tools::map::analysis::intro_path(g, rm, 3).unwrap();
        assert!(p.len() >= 3);
    }

    #[test]
    fn maps_create_rename_duplicate_delete() {
        let mut d = MapDoc::default();
        assert!(d.current_map().is_none());
        let a = d.create(Template::Family, Lang::Zh).unwrap();
        let b = d.create(Template::Corporate, Lang::En).unwrap();
        assert_eq!(d.current, b);
        d.rename(a, "  新名字  ");
        d.rename(a, "   ");
        assert_eq!(d.maps[0].name, "新名字");
        let c = d.duplicate(a, " (2)").unwrap();
        assert_eq!(d.maps[2].name, "新名字 (2)");
        assert_eq!(d.maps[2].graph, d.maps[0].graph);
        assert_eq!(d.current, c);
        d.delete(c);
        assert_eq!(d.current, b);
        d.delete(a);
        d.delete(b);
        assert!(d.maps.is_empty());
        assert_eq!(d.current, 0);
        // Ids are not reused.
        let e = d.create(Template::Blank, Lang::Zh).unwrap();
        assert!(e > c);
        for _ in 0..MAX_MAPS + 3 {
            d.create(Template::Blank, Lang::Zh);
        }
        assert_eq!(d.maps.len(), MAX_MAPS);
    }

    #[test]
    fn document_round_trips_and_recovers_damaged_maps() {
        let d = MapDoc::demo(Lang::Zh);
        let raw = encode(&d, 3, "now");
        match decode::<MapDoc>(&raw) {
            Decoded::Ok { data, .. } => assert_eq!(data, d),
            other => panic!("{other:?}"),
        }
        // A dangling link fails validation; recovery repairs it.
        let mut v: Value = serde_json::from_str(&raw).unwrap();
        v["data"]["maps"][0]["graph"]["links"][0]["to"] = 999.into();
        v["data"]["maps"][1] = Value::String("garbage".into());
        match decode::<MapDoc>(&v.to_string()) {
            Decoded::Recovered { data, .. } => {
                assert_eq!(data.maps.len(), 1);
                assert_eq!(
                    data.maps[0].graph.links.len(),
                    d.maps[0].graph.links.len() - 1
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn schema_1_fixture_migrates_with_unknown_dates() {
        let raw = include_str!("../../../tests/fixtures/map/map_v1.json");
        match decode::<MapDoc>(raw) {
            Decoded::Ok {
                data,
                rev: 7,
                migrated_from: Some(1),
            } => {
                assert_eq!(data.maps.len(), 2);
                assert_eq!(data.current, 2);
                let g = &data.maps[0].graph;
                assert_eq!(g.nodes[0].name, "王建国");
                assert_eq!(g.nodes[0].birthday, "1972-05-18");
                assert_eq!(g.links.len(), 2);
                assert!(data
                    .maps
                    .iter()
                    .flat_map(|m| &m.graph.nodes)
                    .all(|n| n.since.is_empty()));
                data.validate().unwrap();
            }
            other => panic!("{other:?}"),
        }
        // A schema-1 document that is not a map document is refused.
        assert!(MapDoc::migrate(1, serde_json::json!({"x": 1})).is_err());
        assert!(MapDoc::migrate(7, serde_json::json!({})).is_err());
    }

    #[test]
    fn schema_2_fixture_keeps_dates_and_clears_a_bad_one() {
        let raw = include_str!("../../../tests/fixtures/map/map_v2.json");
        // Mr Chen's "2024-02-30" is no date: the map is recovered, the date cleared.
        match decode::<MapDoc>(raw) {
            Decoded::Recovered { data, rev: 8, .. } => {
                let g = &data.maps[0].graph;
                let since: Vec<&str> = g.nodes.iter().map(|n| n.since.as_str()).collect();
                assert_eq!(since, ["2019-03-12", "2019-06-20", "", ""]);
                assert_eq!(g.links.len(), 3);
            }
            other => panic!("{other:?}"),
        }
        let fixed = raw.replace("2024-02-30", "2024-02-29");
        match decode::<MapDoc>(&fixed) {
            Decoded::Ok {
                data,
                migrated_from: None,
                ..
            } => assert_eq!(data.maps[0].graph.nodes[3].since, "2024-02-29"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn map_file_round_trip() {
        let d = MapDoc::demo(Lang::Zh);
        let text = export_json(&d.maps[0]);
        let imp = import_json(&text, "x").unwrap();
        assert_eq!(imp.name, d.maps[0].name);
        assert_eq!(imp.graph, d.maps[0].graph);
        assert!(imp.fixes.is_empty());
    }

    #[test]
    fn map_file_import_refuses_or_repairs_bad_input() {
        assert_eq!(import_json("", "x").unwrap_err().key, "map.imp.empty");
        assert_eq!(
            import_json("{nope", "x").unwrap_err().key,
            "map.imp.not_json"
        );
        assert_eq!(
            import_json("[1,2]", "x").unwrap_err().key,
            "map.imp.not_map"
        );
        assert_eq!(
            import_json(r#"{"kind":"clv","graph":{"nodes":[]}}"#, "x")
                .unwrap_err()
                .key,
            "map.imp.not_map"
        );
        assert_eq!(
            import_json(r#"{"nodes":[{"id":"a"}]}"#, "x")
                .unwrap_err()
                .key,
            "map.imp.not_map"
        );
        let big = format!(
            "{{\"nodes\":[],\"pad\":\"{}\"}}",
            "x".repeat(model::MAX_FILE_BYTES)
        );
        assert_eq!(import_json(&big, "x").unwrap_err().key, "map.imp.too_large");
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(import_json(&deep, "x").is_err());
        // Bare graph with problems: repaired, with fixes listed.
        let label = "<img src=x onerror=alert(1)>".repeat(400);
        let text = format!(
            r#"{{"nodes":[{{"id":1,"name":"甲","x":1e300}},{{"id":1}},{{"id":2,"name":"乙"}}],
               "links":[{{"id":5,"from":1,"to":2,"label":"{label}"}},{{"id":6,"from":1,"to":9}}]}}"#
        );
        let imp = import_json(&text, "导入的地图").unwrap();
        assert_eq!(imp.name, "导入的地图");
        assert_eq!(imp.graph.nodes.len(), 2);
        assert_eq!(imp.graph.links.len(), 1);
        assert_eq!(imp.graph.nodes[0].x, model::COORD_LIMIT);
        assert_eq!(imp.graph.links[0].label.chars().count(), model::MAX_NAME);
        assert_eq!(imp.fixes.len(), 4);
        assert!(imp.graph.next_id > 5);
    }
}
