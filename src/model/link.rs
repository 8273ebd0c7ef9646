use serde::{Deserialize, Serialize};

use super::Evidence;

/// How the source of a link drives its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Polarity {
    /// More source, more target.
    #[default]
    #[serde(rename = "+")]
    Positive,
    /// More source, less target.
    #[serde(rename = "-")]
    Negative,
    /// Unclear or mixed.
    #[serde(rename = "?")]
    Unclear,
}

impl Polarity {
    /// The sign written in the file: `+`, `-` or `?`.
    pub fn sign(self) -> &'static str {
        match self {
            Polarity::Positive => "+",
            Polarity::Negative => "-",
            Polarity::Unclear => "?",
        }
    }

    fn is_positive(&self) -> bool {
        *self == Polarity::Positive
    }
}

/// A directed causal link between two nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Unique among links.
    pub id: String,
    /// Id of the node the link leaves.
    pub source: String,
    /// Id of the node the link enters.
    pub target: String,
    #[serde(default, skip_serializing_if = "Polarity::is_positive")]
    pub polarity: Polarity,
    /// The reviewer's annotation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The citations that support this link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Link {
    /// A positive link with no note or evidence.
    pub fn new(
        id: impl Into<String>,
        source: impl Into<String>,
        target: impl Into<String>,
    ) -> Self {
        Link {
            id: id.into(),
            source: source.into(),
            target: target.into(),
            polarity: Polarity::Positive,
            note: String::new(),
            evidence: Vec::new(),
        }
    }
}
