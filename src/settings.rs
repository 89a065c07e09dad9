//! App-wide settings (language, presentation mode), stored like every other
//! document. Schema history:
//! - 1: `{"language": "zh-CN", "bigText": true}` (first release)
//! - 2: `{"lang": "zh", "presentation": true}`

use crate::i18n::Lang;
use crate::storage::codec::DocData;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub presentation: bool,
}

impl DocData for Settings {
    const NAME: &'static str = "settings";
    const SCHEMA: u32 = 2;

    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        match from {
            1 => {
                let lang = data
                    .get("language")
                    .and_then(Value::as_str)
                    .and_then(Lang::from_code)
                    .unwrap_or_default();
                let presentation = data
                    .get("bigText")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                Ok(json!({ "lang": lang, "presentation": presentation }))
            }
            _ => Err(format!("unknown settings schema {from}")),
        }
    }

    fn demo(lang: Lang) -> Self {
        Settings {
            lang,
            presentation: false,
        }
    }

    fn recover(data: &Value) -> Option<Self> {
        // Keep whichever field is still readable.
        let lang = data
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::from_code)
            .unwrap_or_default();
        let presentation = data
            .get("presentation")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        Some(Settings { lang, presentation })
    }
}
