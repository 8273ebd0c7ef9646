use serde::{Deserialize, Serialize};

use super::{Attributes, Evidence};

/// What a node stands for in a context-mechanism-outcome configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// Drawn as a rounded box.
    Context,
    /// Drawn as an ellipse.
    Mechanism,
    /// Drawn as an ellipse with a bolder, double outline.
    Outcome,
}

impl NodeKind {
    /// All kinds, in reading order.
    pub const ALL: [NodeKind; 3] = [NodeKind::Context, NodeKind::Mechanism, NodeKind::Outcome];

    /// The name used in the file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Context => "context",
            NodeKind::Mechanism => "mechanism",
            NodeKind::Outcome => "outcome",
        }
    }

    /// The plural, for counts.
    pub fn plural(self) -> &'static str {
        match self {
            NodeKind::Context => "contexts",
            NodeKind::Mechanism => "mechanisms",
            NodeKind::Outcome => "outcomes",
        }
    }
}

/// A context, mechanism or outcome of the web.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Unique among nodes.
    pub id: String,
    /// Text shown in the shape.
    pub label: String,
    pub kind: NodeKind,
    /// Definition, as in a table of mechanisms.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Centre of the shape in canvas units; `None` until placed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::model::project::serialize_position",
        deserialize_with = "crate::model::project::deserialize_position"
    )]
    pub x: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::model::project::serialize_position",
        deserialize_with = "crate::model::project::deserialize_position"
    )]
    pub y: Option<f64>,
    /// A pinned node is never moved by the force layout.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Studies that support the node itself, apart from any link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Node {
    /// A node with no position, description, attributes or evidence.
    pub fn new(id: impl Into<String>, label: impl Into<String>, kind: NodeKind) -> Self {
        Node {
            id: id.into(),
            label: label.into(),
            kind,
            description: String::new(),
            x: None,
            y: None,
            pinned: false,
            attributes: Attributes::new(),
            evidence: Vec::new(),
        }
    }

    /// The centre of the shape, when the node has been placed.
    pub fn position(&self) -> Option<(f64, f64)> {
        Some((self.x?, self.y?))
    }

    /// Places the node with its centre at `(x, y)`.
    pub fn set_position(&mut self, x: f64, y: f64) {
        self.x = Some(x);
        self.y = Some(y);
    }
}
/// A label as nodes are matched by it (a CMOC table's cells, a command's
/// argument): case and surrounding space ignored.
pub fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}
