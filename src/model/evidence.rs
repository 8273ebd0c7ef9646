use serde::{Deserialize, Serialize};

/// One citation: a study that supports a node or a link, with where and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// Id of the cited study.
    pub study: String,
    /// The supporting excerpt; empty when none was recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// Page or location in the study; empty when none was recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub page: String,
    /// Id of the context-mechanism-outcome configuration this citation was
    /// extracted as (e.g. `C12`); empty when it belongs to none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cmoc: String,
}

impl Evidence {
    /// A citation of `study` with no quote, page or CMOC id.
    pub fn of(study: impl Into<String>) -> Self {
        Evidence {
            study: study.into(),
            ..Default::default()
        }
    }
}
