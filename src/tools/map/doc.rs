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
    /// The name an imported map gets: its own, or with `suffix` ("(imported)")
    /// when a map of that name exists, numbered if that exists too.
    pub fn import_name(&self, name: &str, suffix: &str) -> String {
        let taken = |n: &str| self.maps.iter().any(|m| m.name == n);
        let name = model::cut(name.trim(), model::MAX_NAME - 16);
        if !taken(&name) {
            return name;
        }
        let first = format!("{name}{suffix}");
        if !taken(&first) {
            return first;
        }
        (2..)
            .map(|k| format!("{first} {k}"))
            .find(|c| !taken(c))
            .unwrap_or(first)
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
    /// Where the JSON stops being valid (line, column), for "not JSON".
    pub at: Option<(usize, usize)>,
}

impl ImportFail {
    /// The message in the user's language: file name, reason, and where the
    /// file is broken (never the parser's own English text).
    pub fn message(&self, lang: Lang, file: &str) -> String {
        let mut out = String::new();
        if !file.is_empty() {
            out.push_str(file);
            out.push_str(": ");
        }
        out.push_str(i18n::t(lang, self.key));
        if let Some((line, col)) = self.at {
            out.push(' ');
            out.push_str(&i18n::tf(
                lang,
                "map.imp.at",
                &[("line", &line.to_string()), ("col", &col.to_string())],
            ));
        }
        out
    }
}

/// Something in a map file that was left out or reset on import.
#[derive(Clone, Debug, PartialEq)]
pub enum Dropped {
    /// The `at`-th person of the file (1-based) was left out.
    Person {
        at: usize,
        name: Option<String>,
        why: Why,
    },
    /// The `at`-th link of the file (1-based) was left out.
    Link { at: usize, why: Why },
    /// The file's list of links could not be read at all.
    Links,
    /// A field of the `at`-th person could not be read and was reset.
    PersonField {
        at: usize,
        name: Option<String>,
        field: &'static str,
    },
    /// A field of the `at`-th link could not be read and was reset.
    LinkField { at: usize, field: &'static str },
}

/// Why an entry of a map file was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Not an object (`null`, a number, a text…).
    NotObject,
    /// No usable id (a whole number).
    NoId,
    /// A link without both of its people (`from`, `to`).
    NoEnds,
}

impl Why {
    fn key(self) -> &'static str {
        match self {
            Why::NotObject => "map.drop.not_object",
            Why::NoId => "map.drop.no_id",
            Why::NoEnds => "map.drop.no_ends",
        }
    }
}

/// A map file read and repaired: name, graph, what was left out or reset,
/// and the repairs made.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub name: String,
    pub graph: Graph,
    pub dropped: Vec<Dropped>,
    pub fixes: Vec<model::Fix>,
}

/// The user's words for a field of a person or link.
fn field_key(field: &str) -> &'static str {
    match field {
        "x" | "y" => "map.field.position",
        "kind" => "map.field.kind",
        "role" => "map.field.role",
        "name" => "map.field.name",
        "notes" => "map.field.notes",
        "birthday" => "map.field.birthday",
        "anniversary" => "map.field.anniversary",
        "tags" => "map.field.tags",
        "since" => "map.field.since",
        "relation" => "map.field.relation",
        "strength" => "map.field.strength",
        "directed" => "map.field.directed",
        "label" => "map.field.label",
        _ => "map.field.other",
    }
}

/// Most report lines listed one by one (the rest are counted).
pub const REPORT_LINES: usize = 12;

impl Imported {
    /// What was left out, reset or repaired, one line each, in the user's
    /// language (empty when the file was read as it was).
    pub fn report(&self, lang: Lang) -> Vec<String> {
        let tr = |k: &'static str| i18n::t(lang, k);
        let who = |at: usize, name: &Option<String>| match name {
            Some(n) if !n.trim().is_empty() => i18n::tf(
                lang,
                "map.drop.person_named",
                &[("n", &at.to_string()), ("name", &model::cut(n.trim(), 40))],
            ),
            _ => i18n::tf(lang, "map.drop.person", &[("n", &at.to_string())]),
        };
        let link = |at: usize| i18n::tf(lang, "map.drop.link", &[("n", &at.to_string())]);
        let mut lines: Vec<String> = self
            .dropped
            .iter()
            .map(|d| match d {
                Dropped::Person { at, name, why } => {
                    format!(
                        "{}{}{}",
                        who(*at, name),
                        tr("map.drop.colon"),
                        tr(why.key())
                    )
                }
                Dropped::Link { at, why } => {
                    format!("{}{}{}", link(*at), tr("map.drop.colon"), tr(why.key()))
                }
                Dropped::Links => tr("map.drop.links").to_string(),
                Dropped::PersonField { at, name, field } => format!(
                    "{}{}{}",
                    who(*at, name),
                    tr("map.drop.colon"),
                    i18n::tf(lang, "map.drop.field", &[("field", tr(field_key(field)))])
                ),
                Dropped::LinkField { at, field } => format!(
                    "{}{}{}",
                    link(*at),
                    tr("map.drop.colon"),
                    i18n::tf(lang, "map.drop.field", &[("field", tr(field_key(field)))])
                ),
            })
            .collect();
        // Repairs, one line per kind with its count.
        let mut kinds: Vec<(&'static str, usize)> = Vec::new();
        for f in &self.fixes {
            match kinds.iter_mut().find(|(k, _)| *k == f.key()) {
                Some((_, n)) => *n += 1,
                None => kinds.push((f.key(), 1)),
            }
        }
        for (k, n) in kinds {
            lines.push(if n > 1 {
                format!("{} ×{n}", tr(k))
            } else {
                tr(k).to_string()
            });
        }
        if lines.len() > REPORT_LINES {
            let more = lines.len() - (REPORT_LINES - 1);
            lines.truncate(REPORT_LINES - 1);
            lines.push(super::strings::count(lang, "map.drop.more", more));
        }
        lines
    }

    /// The whole import message: the new map's name and the report.
    pub fn message(&self, lang: Lang) -> String {
        let lines = self.report(lang);
        if lines.is_empty() {
            return i18n::tf(lang, "map.imp.ok", &[("name", &self.name)]);
        }
        let head = super::strings::count_with(
            lang,
            "map.imp.fixed",
            self.dropped.len() + self.fixes.len(),
            &[("name", &self.name)],
        );
        format!("{head}\n{}", lines.join("\n"))
    }
}

/// A whole number usable as an id (also written as text: "12").
fn as_id(v: Option<&Value>) -> Option<Id> {
    let v = v?;
    let n = v
        .as_u64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        .or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        })?;
    Id::try_from(n).ok()
}

/// Fields that hold text: a number or true/false there is read as text.
const TEXT_FIELDS: [&str; 6] = ["name", "notes", "birthday", "anniversary", "since", "label"];

/// Read one entry leniently: every field that reads is kept, every field
/// that does not is reset (and named in `bad`).
fn read_lenient<T: serde::de::DeserializeOwned>(
    obj: &serde_json::Map<String, Value>,
    fields: &[&'static str],
    bad: &mut Vec<&'static str>,
) -> Option<T> {
    let mut clean = serde_json::Map::new();
    for (k, v) in obj {
        let v = match v {
            Value::Number(_) | Value::Bool(_) if TEXT_FIELDS.contains(&k.as_str()) => {
                Value::String(v.to_string())
            }
            Value::Array(items) if k == "tags" => Value::Array(
                items
                    .iter()
                    .filter(|t| !t.is_null())
                    .map(|t| match t {
                        Value::String(_) => t.clone(),
                        other => Value::String(other.to_string()),
                    })
                    .collect(),
            ),
            _ => v.clone(),
        };
        let one = Value::Object(std::iter::once((k.clone(), v.clone())).collect());
        if serde_json::from_value::<T>(one).is_ok() {
            clean.insert(k.clone(), v);
        } else if let Some(f) = fields.iter().find(|f| **f == k.as_str()) {
            bad.push(f);
        }
    }
    serde_json::from_value(Value::Object(clean)).ok()
}

const NODE_FIELDS: [&str; 11] = [
    "id",
    "kind",
    "role",
    "name",
    "notes",
    "birthday",
    "anniversary",
    "tags",
    "since",
    "x",
    "y",
];
const LINK_FIELDS: [&str; 7] = [
    "id", "from", "to", "relation", "strength", "directed", "label",
];

/// Read a graph value person by person and link by link: every usable
/// entry is kept, the rest listed in `dropped`.
fn read_graph(gv: &Value, dropped: &mut Vec<Dropped>) -> Option<Graph> {
    let nodes = gv.get("nodes")?.as_array()?;
    let mut g = Graph {
        next_id: as_id(gv.get("next_id")).unwrap_or(0),
        ..Graph::default()
    };
    for (i, v) in nodes.iter().enumerate() {
        let at = i + 1;
        let Some(obj) = v.as_object() else {
            dropped.push(Dropped::Person {
                at,
                name: None,
                why: Why::NotObject,
            });
            continue;
        };
        let name = obj.get("name").and_then(|n| match n {
            Value::String(s) => Some(s.clone()),
            Value::Number(x) => Some(x.to_string()),
            _ => None,
        });
        let Some(id) = as_id(obj.get("id")) else {
            dropped.push(Dropped::Person {
                at,
                name,
                why: Why::NoId,
            });
            continue;
        };
        let mut bad = Vec::new();
        let mut obj = obj.clone();
        obj.remove("id");
        let mut n: Node = read_lenient(&obj, &NODE_FIELDS, &mut bad).unwrap_or_default();
        n.id = id;
        for field in bad {
            // x and y are one "position": listed once.
            let dup = field == "y"
                && dropped.last().is_some_and(
                    |d| matches!(d, Dropped::PersonField { at: a, field: "x", .. } if *a == at),
                );
            if !dup {
                dropped.push(Dropped::PersonField {
                    at,
                    name: Some(n.name.clone()).filter(|s| !s.is_empty()),
                    field,
                });
            }
        }
        g.nodes.push(n);
    }
    match gv.get("links") {
        None | Some(Value::Null) => {}
        Some(Value::Array(links)) => {
            for (i, v) in links.iter().enumerate() {
                let at = i + 1;
                let Some(obj) = v.as_object() else {
                    dropped.push(Dropped::Link {
                        at,
                        why: Why::NotObject,
                    });
                    continue;
                };
                let Some(id) = as_id(obj.get("id")) else {
                    dropped.push(Dropped::Link { at, why: Why::NoId });
                    continue;
                };
                let (Some(from), Some(to)) = (as_id(obj.get("from")), as_id(obj.get("to"))) else {
                    dropped.push(Dropped::Link {
                        at,
                        why: Why::NoEnds,
                    });
                    continue;
                };
                let mut bad = Vec::new();
                let mut obj = obj.clone();
                for k in ["id", "from", "to"] {
                    obj.remove(k);
                }
                let mut l: Link = read_lenient(&obj, &LINK_FIELDS, &mut bad).unwrap_or_default();
                (l.id, l.from, l.to) = (id, from, to);
                for field in bad {
                    dropped.push(Dropped::LinkField { at, field });
                }
                g.links.push(l);
            }
        }
        Some(_) => dropped.push(Dropped::Links),
    }
    Some(g)
}

/// Where a JSON text stops being valid (line, column), if it does.
fn json_error_at(text: &str) -> Option<(usize, usize)> {
    let text = text.trim_start_matches('\u{feff}');
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .err()
        .map(|e| (e.line(), e.column()))
        .filter(|(l, _)| *l > 0)
}

/// Read a map file: our export, or a bare `{nodes, links}` graph. Size,
/// depth and JSON are checked first; then every person and link that can
/// be used is kept (unreadable fields reset), the rest listed, and the graph
/// repaired (`sanitize`). A file with no usable person is refused.
pub fn import_json(text: &str, fallback_name: &str) -> Result<Imported, ImportFail> {
    let v = parse_import_json(text, model::MAX_FILE_BYTES).map_err(|e| match e {
        ImportError::TooLarge { .. } => ImportFail {
            key: "map.imp.too_large",
            at: None,
        },
        ImportError::Empty => ImportFail {
            key: "map.imp.empty",
            at: None,
        },
        ImportError::NotJson(_) => ImportFail {
            key: "map.imp.not_json",
            at: json_error_at(text),
        },
        _ => ImportFail {
            key: "map.imp.not_json",
            at: None,
        },
    })?;
    let bad = ImportFail {
        key: "map.imp.not_map",
        at: None,
    };
    let (name, gv) = match v.get("graph") {
        Some(g) => {
            if v.get("kind")
                .and_then(Value::as_str)
                .is_some_and(|k| k != "map")
            {
                return Err(bad);
            }
            let name = match v.get("name") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => fallback_name.to_string(),
            };
            (name, g)
        }
        None => (fallback_name.to_string(), &v),
    };
    let mut dropped = Vec::new();
    let graph = read_graph(gv, &mut dropped).ok_or(bad.clone())?;
    if graph.nodes.is_empty() && !dropped.is_empty() {
        return Err(bad);
    }
    let (graph, fixes) = model::sanitize(graph);
    let name = model::cut(name.trim(), model::MAX_NAME);
    let name = if name.is_empty() {
        fallback_name.to_string()
    } else {
        name
    };
    Ok(Imported {
        name,
        graph,
        dropped,
        fixes,
    })
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

    /// Issue 15 item 21: one bad person does not reject the file; what was
    /// left out is listed in the user's language, with no parser text.
    #[test]
    fn one_bad_node_keeps_the_rest_and_is_reported() {
        let text = r#"{"nodes":[
            {"id":1,"name":"甲","kind":"client","x":10,"y":20},
            {"id":2,"name":"乙","x":"abc","y":"def"},
            {"id":3,"name":12345},
            null,
            {"id":"x","name":"丁"},
            {"id":5,"name":"戊","kind":7,"tags":["vip",3]}
          ],
          "links":[{"id":10,"from":1,"to":2},{"id":11,"from":1},{"id":12,"from":2,"to":3,"strength":"???"},
                   {"id":13,"from":1,"to":5,"directed":"yes"}, 7]}"#;
        let imp = import_json(text, "导入").unwrap();
        let names: Vec<&str> = imp.graph.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["甲", "乙", "12345", "戊"]);
        assert_eq!((imp.graph.nodes[1].x, imp.graph.nodes[1].y), (0.0, 0.0));
        assert_eq!(imp.graph.nodes[3].tags, ["vip", "3"]);
        let links: Vec<Id> = imp.graph.links.iter().map(|l| l.id).collect();
        assert_eq!(links, [10, 12, 13]);
        assert_eq!(imp.graph.links[1].strength, Strength::Normal);
        assert!(model::check(&imp.graph).is_ok());
        assert_eq!(
            imp.dropped,
            vec![
                Dropped::PersonField {
                    at: 2,
                    name: Some("乙".into()),
                    field: "x"
                },
                Dropped::Person {
                    at: 4,
                    name: None,
                    why: Why::NotObject
                },
                Dropped::Person {
                    at: 5,
                    name: Some("丁".into()),
                    why: Why::NoId
                },
                Dropped::PersonField {
                    at: 6,
                    name: Some("戊".into()),
                    field: "kind"
                },
                Dropped::Link {
                    at: 2,
                    why: Why::NoEnds
                },
                Dropped::LinkField {
                    at: 4,
                    field: "directed"
                },
                Dropped::Link {
                    at: 5,
                    why: Why::NotObject
                },
            ]
        );
        let zh = imp.message(Lang::Zh);
        assert!(
            zh.contains("文件中第 2 个人物“乙”：位置无法读取，已重置"),
            "{zh}"
        );
        assert!(
            zh.contains("文件中第 4 个人物：不是有效的数据，已跳过"),
            "{zh}"
        );
        assert!(
            zh.contains("文件中第 5 个人物“丁”：没有有效的编号，已跳过"),
            "{zh}"
        );
        assert!(zh.contains("文件中第 2 条关系：缺少两端的人物"), "{zh}");
        for raw in ["invalid", "expected", "f64", "string"] {
            assert!(!zh.contains(raw), "{zh}");
        }
        let en = imp.message(Lang::En);
        assert!(
            en.contains("Person 2 in the file (“乙”): the position could not be read"),
            "{en}"
        );
        assert!(
            en.starts_with("Imported as a new map \"导入\"; 7 problems"),
            "{en}"
        );
        // A clean file has no report.
        let d = MapDoc::demo(Lang::Zh);
        let ok = import_json(&export_json(&d.maps[0]), "x").unwrap();
        assert!(ok.report(Lang::Zh).is_empty());
        assert!(ok.message(Lang::Zh).starts_with("已导入为新地图"));
        // Long reports are cut, with the rest counted.
        let many: Vec<String> = (0..30).map(|_| "null".to_string()).collect();
        let text = format!(r#"{{"nodes":[{{"id":1}},{}]}}"#, many.join(","));
        let lines = import_json(&text, "x").unwrap().report(Lang::En);
        assert_eq!(lines.len(), REPORT_LINES);
        assert_eq!(lines.last().unwrap(), "…and 19 more");
    }

    #[test]
    fn refusals_are_in_the_users_language() {
        let e = import_json("{\n  \"nodes\": [1,,]\n}", "x").unwrap_err();
        assert_eq!(e.key, "map.imp.not_json");
        assert_eq!(e.at, Some((2, 15)));
        assert_eq!(
            e.message(Lang::Zh, "a.json"),
            "a.json: 文件不是有效的 JSON，未导入。 （第 2 行第 15 列）"
        );
        assert!(e.message(Lang::En, "").ends_with("(line 2, column 15)"));
        let e = import_json(r#"{"nodes":[null, {"id":"a"}]}"#, "x").unwrap_err();
        assert_eq!(e.message(Lang::Zh, ""), "文件不是关系地图，未导入。");
    }

    /// Issue 15 item 25: a re-imported map is told apart from the original.
    #[test]
    fn reimported_maps_get_an_imported_name() {
        let mut d = MapDoc::demo(Lang::Zh);
        let name = d.maps[0].name.clone();
        assert_eq!(d.import_name("新的", "（导入）"), "新的");
        let first = d.import_name(&name, "（导入）");
        assert_eq!(first, format!("{name}（导入）"));
        d.add(&first, Graph::default());
        assert_eq!(
            d.import_name(&name, "（导入）"),
            format!("{name}（导入） 2")
        );
        assert_eq!(
            d.import_name(&format!("  {name} "), " (imported)"),
            format!("{name} (imported)")
        );
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
