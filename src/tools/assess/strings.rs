//! This tool's part of the translation tables (keys start with "assess.").

use crate::i18n::Table;

pub static ZH: Table = &[];

pub static EN: Table = &[];
