//! PPF nine-grid (PPF九宫格): Past / Present / Future × three themes of the
//! client's life. Each cell holds the questions to ask and the client's
//! answers; the grid gives an interview plan (questions in speaking order
//! past → present → future, with transitions) and a needs summary.

use super::text::{self, Bi};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The three times, in speaking order.
pub const TIMES: [Bi; 3] = [
    Bi::new("过去", "Past"),
    Bi::new("现在", "Present"),
    Bi::new("未来", "Future"),
];

/// Spoken when moving into each time.
pub const TIME_TRANSITIONS: [Bi; 3] = [
    Bi::new("我们先从过去聊起。", "Let's start with how things were."),
    Bi::new(
        "说完过去，我们聊聊现在。",
        "Now, let's talk about where things stand today.",
    ),
    Bi::new("最后，我们看看将来。", "Finally, let's look ahead."),
];

/// Spoken between two themes within one time.
pub const THEME_TRANSITION: Bi = Bi::new("再说说{theme}方面，", "Turning to {theme}, ");

/// The default themes.
pub const DEFAULT_THEMES: [Bi; 3] = [
    Bi::new("工作事业", "work and career"),
    Bi::new("家庭生活", "family and life"),
    Bi::new("财务状况", "money and finances"),
];

/// Suggested questions per cell: `BANK[time][theme]`.
pub static BANK: [[&[Bi]; 3]; 3] = [
    [
        &[
            Bi::new(
                "您是怎么开始做现在这份工作的？",
                "How did you get started in your line of work?",
            ),
            Bi::new(
                "这些年工作上最大的变化是什么？",
                "What has changed most in your work over the years?",
            ),
        ],
        &[
            Bi::new(
                "您的家人这几年有什么变化？",
                "How has your family changed in recent years?",
            ),
            Bi::new(
                "以前家里的大事一般是怎么安排的？",
                "How did your family plan big events in the past?",
            ),
        ],
        &[
            Bi::new(
                "您以前主要把钱放在哪里？",
                "Where did you usually keep your money in the past?",
            ),
            Bi::new(
                "过去的投资经历中，有什么让您印象深刻的？",
                "What stands out from your past investments?",
            ),
        ],
    ],
    [
        &[
            Bi::new(
                "您现在的工作最忙的是什么？",
                "What keeps you busiest at work now?",
            ),
            Bi::new(
                "目前收入稳定吗？",
                "How steady is your income at the moment?",
            ),
        ],
        &[
            Bi::new(
                "孩子现在多大了？在哪里上学？",
                "How old are your children now, and where do they study?",
            ),
            Bi::new(
                "家里现在最操心的事情是什么？",
                "What is your family's biggest concern right now?",
            ),
        ],
        &[
            Bi::new(
                "您现在的资金主要是怎么安排的？",
                "How is your money arranged at the moment?",
            ),
            Bi::new(
                "对现在的收益满意吗？",
                "Are you happy with what your money earns now?",
            ),
        ],
    ],
    [
        &[
            Bi::new(
                "未来三到五年，您在工作上有什么打算？",
                "What are your plans for work in the next three to five years?",
            ),
            Bi::new(
                "有没有考虑过退休后的安排？",
                "Have you thought about retirement?",
            ),
        ],
        &[
            Bi::new(
                "孩子将来的教育您有什么规划？",
                "What plans do you have for your children's education?",
            ),
            Bi::new(
                "家里接下来有没有大的开支，比如换房、买车？",
                "Are there big expenses coming, such as a new home or a car?",
            ),
        ],
        &[
            Bi::new(
                "您希望这笔钱将来帮您实现什么目标？",
                "What would you like this money to achieve for you?",
            ),
            Bi::new(
                "如果投资出现波动，您能接受的程度是多少？",
                "How much fluctuation could you accept in your investments?",
            ),
        ],
    ],
];

/// One cell of the grid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cell {
    pub questions: Vec<String>,
    pub answers: String,
}

/// The grid: three editable themes and nine cells, `cells[time * 3 + theme]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Grid {
    pub themes: Vec<String>,
    pub cells: Vec<Cell>,
}

impl Default for Grid {
    fn default() -> Self {
        Grid::new(Lang::Zh)
    }
}

impl Grid {
    /// An empty grid with the default themes in a language.
    pub fn new(lang: Lang) -> Grid {
        Grid {
            themes: DEFAULT_THEMES
                .iter()
                .map(|t| t.get(lang).to_string())
                .collect(),
            cells: vec![Cell::default(); 9],
        }
    }

    /// A grid with the first suggested question of every cell.
    pub fn with_suggestions(lang: Lang) -> Grid {
        let mut g = Grid::new(lang);
        for (time, row) in BANK.iter().enumerate() {
            for (theme, bank) in row.iter().enumerate() {
                if let (Some(q), Some(c)) = (bank.first(), g.cell_mut(time, theme)) {
                    c.questions.push(q.get(lang).to_string());
                }
            }
        }
        g
    }

    /// Make the shape right after loading damaged or hand-edited data: three
    /// themes, nine cells (extra cells dropped, missing ones added).
    pub fn normalise(&mut self, lang: Lang) {
        self.themes.truncate(3);
        while self.themes.len() < 3 {
            let i = self.themes.len();
            self.themes.push(DEFAULT_THEMES[i].get(lang).to_string());
        }
        self.cells.resize(9, Cell::default());
    }

    pub fn cell(&self, time: usize, theme: usize) -> Option<&Cell> {
        self.cells.get(time * 3 + theme)
    }

    pub fn cell_mut(&mut self, time: usize, theme: usize) -> Option<&mut Cell> {
        self.cells.get_mut(time * 3 + theme)
    }

    /// The theme's name, or the default one when left empty.
    pub fn theme_name(&self, theme: usize, lang: Lang) -> String {
        match self.themes.get(theme).map(|s| s.trim()) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => DEFAULT_THEMES
                .get(theme)
                .map(|b| b.get(lang).to_string())
                .unwrap_or_default(),
        }
    }
}

/// One line of the interview plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanLine {
    /// Entering a time (past/present/future): its name and transition.
    Time { time: usize, transition: String },
    /// A question, with the transition into its theme when the theme changes.
    Question {
        time: usize,
        theme: usize,
        transition: Option<String>,
        text: String,
    },
}

/// The interview plan: times in order past → present → future, within each
/// time the themes in order, within each cell the questions in order; empty
/// questions and times without questions are left out.
pub fn interview_plan(grid: &Grid, lang: Lang) -> Vec<PlanLine> {
    let mut out = Vec::new();
    for (time, time_transition) in TIME_TRANSITIONS.iter().enumerate() {
        let mut first_theme_done = false;
        let mut lines = Vec::new();
        for theme in 0..3 {
            let Some(cell) = grid.cell(time, theme) else {
                continue;
            };
            let mut first_q = true;
            for q in cell
                .questions
                .iter()
                .map(|q| q.trim())
                .filter(|q| !q.is_empty())
            {
                let transition = (first_q && first_theme_done).then(|| {
                    crate::i18n::fill(
                        THEME_TRANSITION.get(lang),
                        &[("theme", &grid.theme_name(theme, lang))],
                    )
                });
                // "Turning to family, how has…": the question runs on after
                // an English transition.
                let text = if transition.is_some() && lang == Lang::En {
                    text::lower_first(q)
                } else {
                    q.to_string()
                };
                lines.push(PlanLine::Question {
                    time,
                    theme,
                    transition,
                    text,
                });
                first_q = false;
            }
            if !first_q {
                first_theme_done = true;
            }
        }
        if !lines.is_empty() {
            out.push(PlanLine::Time {
                time,
                transition: time_transition.get(lang).to_string(),
            });
            out.extend(lines);
        }
    }
    out
}

/// The plan as plain text (for copying and printing).
pub fn plan_text(plan: &[PlanLine], lang: Lang) -> String {
    let mut out = String::new();
    let mut n = 0;
    for line in plan {
        match line {
            PlanLine::Time { time, transition } => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("【{}】{}\n", TIMES[*time].get(lang), transition));
            }
            PlanLine::Question {
                transition, text, ..
            } => {
                n += 1;
                let tr = transition.as_deref().unwrap_or("");
                out.push_str(&format!("{n}. {tr}{text}\n"));
            }
        }
    }
    out
}

/// The needs summary: the answers of every cell that has some, by theme,
/// present and future first (needs are what the client has and wants now and
/// next), then the past as background. One line per cell.
pub fn needs_summary(grid: &Grid, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for time in [2usize, 1, 0] {
        for theme in 0..3 {
            let Some(cell) = grid.cell(time, theme) else {
                continue;
            };
            let a = cell.answers.trim();
            if a.is_empty() {
                continue;
            }
            let sep = if lang == Lang::Zh { "：" } else { ": " };
            out.push(format!(
                "{}·{}{sep}{}",
                grid.theme_name(theme, lang),
                TIMES[time].get(lang),
                a.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    out
}

/// The need to hand to the FABE builder: the future answers (what the client
/// wants), or, when there are none, the present ones; joined into one phrase.
pub fn need_for_fabe(grid: &Grid, lang: Lang) -> String {
    for time in [2usize, 1, 0] {
        let parts: Vec<&str> = (0..3)
            .filter_map(|theme| grid.cell(time, theme))
            .map(|c| text::strip_end_punct(&c.answers))
            .filter(|a| !a.is_empty())
            .collect();
        if !parts.is_empty() {
            let sep = if lang == Lang::Zh { "；" } else { "; " };
            return parts.join(sep);
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_with(qs: &[(usize, usize, &str)]) -> Grid {
        let mut g = Grid::new(Lang::En);
        for &(time, theme, q) in qs {
            g.cell_mut(time, theme)
                .unwrap()
                .questions
                .push(q.to_string());
        }
        g
    }

    #[test]
    fn bank_has_questions_for_every_cell_in_both_languages() {
        for row in &BANK {
            for cell in row {
                assert!(!cell.is_empty());
                for q in *cell {
                    assert!(!q.zh.is_empty() && !q.en.is_empty());
                }
            }
        }
    }

    #[test]
    fn plan_orders_past_present_future_whatever_the_entry_order() {
        let g = grid_with(&[
            (2, 0, "F-work"),
            (0, 2, "P-money"),
            (1, 1, "N-family"),
            (0, 0, "P-work"),
            (2, 2, "F-money"),
            (0, 0, "P-work-2"),
        ]);
        let plan = interview_plan(&g, Lang::En);
        let qs: Vec<_> = plan
            .iter()
            .filter_map(|l| match l {
                PlanLine::Question { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            qs,
            ["P-work", "P-work-2", "P-money", "N-family", "F-work", "F-money"]
        );
        let times: Vec<_> = plan
            .iter()
            .filter_map(|l| match l {
                PlanLine::Time { time, .. } => Some(*time),
                _ => None,
            })
            .collect();
        assert_eq!(times, [0, 1, 2]);
    }

    #[test]
    fn transitions_between_times_and_themes() {
        let g = grid_with(&[
            (0, 0, "A?"),
            (0, 0, "B?"),
            (0, 2, "C?"),
            (2, 1, "D?"),
            (2, 2, "Where to?"),
        ]);
        let plan = interview_plan(&g, Lang::En);
        assert_eq!(
            plan,
            vec![
                PlanLine::Time {
                    time: 0,
                    transition: "Let's start with how things were.".into()
                },
                PlanLine::Question {
                    time: 0,
                    theme: 0,
                    transition: None,
                    text: "A?".into()
                },
                PlanLine::Question {
                    time: 0,
                    theme: 0,
                    transition: None,
                    text: "B?".into()
                },
                PlanLine::Question {
                    time: 0,
                    theme: 2,
                    transition: Some("Turning to money and finances, ".into()),
                    text: "C?".into()
                },
                PlanLine::Time {
                    time: 2,
                    transition: "Finally, let's look ahead.".into()
                },
                PlanLine::Question {
                    time: 2,
                    theme: 1,
                    transition: None,
                    text: "D?".into()
                },
                PlanLine::Question {
                    time: 2,
                    theme: 2,
                    transition: Some("Turning to money and finances, ".into()),
                    text: "where to?".into()
                },
            ]
        );
        let text = plan_text(&plan, Lang::En);
        assert!(text.starts_with("【Past】Let's start with how things were.\n1. A?\n"));
        assert!(text.contains("3. Turning to money and finances, C?"));
        assert!(!text.contains("Present"));
    }

    #[test]
    fn empty_grid_gives_empty_plan_and_summary() {
        let g = Grid::new(Lang::Zh);
        assert!(interview_plan(&g, Lang::Zh).is_empty());
        assert!(needs_summary(&g, Lang::Zh).is_empty());
        assert_eq!(need_for_fabe(&g, Lang::Zh), "");
        let mut g = grid_with(&[(1, 1, "   ")]);
        g.cells.truncate(2); // damaged: never panics
        assert!(interview_plan(&g, Lang::Zh).is_empty());
    }

    #[test]
    fn summary_and_need_from_answers() {
        let mut g = Grid::new(Lang::Zh);
        g.cell_mut(0, 2).unwrap().answers = "以前只存活期".into();
        g.cell_mut(2, 1).unwrap().answers = "孩子三年后上大学。".into();
        g.cell_mut(2, 2).unwrap().answers = "希望收益稳一些".into();
        let s = needs_summary(&g, Lang::Zh);
        assert_eq!(
            s,
            vec![
                "家庭生活·未来：孩子三年后上大学。",
                "财务状况·未来：希望收益稳一些",
                "财务状况·过去：以前只存活期",
            ]
        );
        assert_eq!(
            need_for_fabe(&g, Lang::Zh),
            "孩子三年后上大学；希望收益稳一些"
        );
        g.cells[7].answers.clear();
        g.cells[8].answers.clear();
        assert_eq!(need_for_fabe(&g, Lang::Zh), "以前只存活期");
    }

    #[test]
    fn themes_are_editable_and_empty_ones_fall_back() {
        let mut g = grid_with(&[(0, 0, "Q1"), (0, 1, "Q2")]);
        g.themes[1] = "hobbies".into();
        let plan = interview_plan(&g, Lang::En);
        assert!(
            matches!(&plan[2], PlanLine::Question { transition: Some(t), .. } if t == "Turning to hobbies, ")
        );
        g.themes[1] = "  ".into();
        assert_eq!(g.theme_name(1, Lang::En), "family and life");
        let mut bad = Grid {
            themes: vec![],
            cells: vec![],
        };
        bad.normalise(Lang::En);
        assert_eq!((bad.themes.len(), bad.cells.len()), (3, 9));
        let sugg = Grid::with_suggestions(Lang::Zh);
        assert!(sugg.cells.iter().all(|c| c.questions.len() == 1));
    }
}
