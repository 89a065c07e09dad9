//! Hash routing: `#/clv/retention` → [`Route`]. Works from any static host and
//! any sub-folder because the path is never touched.

use crate::tools::ToolId;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    /// A tool, with the rest of the path (e.g. `retention`), possibly empty.
    Tool(ToolId, String),
    /// My data: export, import, reset, kept-aside copies.
    Data,
    /// Deliberate panic, used by the end-to-end test of the error screen.
    Crash,
    /// In-browser benchmarks (scripts/bench.sh).
    Bench,
    NotFound(String),
}

impl Route {
    /// Parse `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            return Route::Home;
        }
        let (head, rest) = path.split_once('/').unwrap_or((path, ""));
        match head {
            "data" => Route::Data,
            "crash-test" => Route::Crash,
            "bench" => Route::Bench,
            _ => match ToolId::from_slug(head) {
                Some(t) => Route::Tool(t, rest.to_string()),
                None => Route::NotFound(path.to_string()),
            },
        }
    }

    /// The hash for this route, e.g. `#/map`.
    pub fn hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Tool(t, sub) if sub.is_empty() => format!("#/{}", t.slug()),
            Route::Tool(t, sub) => format!("#/{}/{}", t.slug(), sub),
            Route::Data => "#/data".into(),
            Route::Crash => "#/crash-test".into(),
            Route::Bench => "#/bench".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/clv"), Route::Tool(ToolId::Clv, "".into()));
        assert_eq!(
            Route::parse("#/clv/retention/"),
            Route::Tool(ToolId::Clv, "retention".into())
        );
        assert_eq!(
            Route::parse("#/map?x=1"),
            Route::Tool(ToolId::Map, "".into())
        );
        assert_eq!(Route::parse("#/data"), Route::Data);
        assert_eq!(Route::parse("#/nope"), Route::NotFound("nope".into()));
        for t in ToolId::ALL {
            let r = Route::Tool(t, "".into());
            assert_eq!(Route::parse(&r.hash()), r);
            let r = Route::Tool(t, "x/y".into());
            assert_eq!(Route::parse(&r.hash()), r);
        }
    }
}
