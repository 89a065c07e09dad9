//! The tool's sub-pages (`#/scripts/<sub>`), parsed from the rest of the hash.

/// A sub-page of the script builders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sub {
    Library,
    Edit(u64),
    Cards(u64),
    Practice(u64),
    Quiz,
}

impl Sub {
    pub fn parse(sub: &str) -> Sub {
        let mut it = sub.trim_matches('/').split('/');
        let head = it.next().unwrap_or("");
        let id = it.next().and_then(|s| s.parse::<u64>().ok());
        match (head, id) {
            ("edit", Some(id)) => Sub::Edit(id),
            ("cards", Some(id)) => Sub::Cards(id),
            ("practice", Some(id)) => Sub::Practice(id),
            ("quiz", _) => Sub::Quiz,
            _ => Sub::Library,
        }
    }

    /// The hash of this sub-page.
    pub fn hash(self) -> String {
        match self {
            Sub::Library => "#/scripts".into(),
            Sub::Edit(id) => format!("#/scripts/edit/{id}"),
            Sub::Cards(id) => format!("#/scripts/cards/{id}"),
            Sub::Practice(id) => format!("#/scripts/practice/{id}"),
            Sub::Quiz => "#/scripts/quiz".into(),
        }
    }

    /// The script this page is about.
    pub fn script(self) -> Option<u64> {
        match self {
            Sub::Edit(id) | Sub::Cards(id) | Sub::Practice(id) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips() {
        for s in [
            Sub::Library,
            Sub::Edit(3),
            Sub::Cards(12),
            Sub::Practice(1),
            Sub::Quiz,
        ] {
            let h = s.hash();
            let rest = h.trim_start_matches("#/scripts").trim_start_matches('/');
            assert_eq!(Sub::parse(rest), s);
        }
        assert_eq!(Sub::parse(""), Sub::Library);
        assert_eq!(Sub::parse("edit/x"), Sub::Library);
        assert_eq!(Sub::parse("edit"), Sub::Library);
        assert_eq!(Sub::parse("nonsense/4"), Sub::Library);
        assert_eq!(Sub::Edit(5).script(), Some(5));
        assert_eq!(Sub::Quiz.script(), None);
    }
}
