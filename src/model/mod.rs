//! The causal web itself: studies, nodes, links and their evidence, with the
//! queries every view derives from them. No egui and no I/O here.

mod evidence;
mod link;
mod node;
mod project;
mod study;
mod study_labels;
mod support;
mod text_form;
mod unknown_fields;
mod validation;
mod view_choice;
mod view_place;
mod web_part;

pub use evidence::Evidence;
pub use link::{Link, Polarity};
pub use node::{label_key, Node, NodeKind};
pub use project::{fresh_id, node_id_base, Attributes, Project, FORMAT_NAME, FORMAT_VERSION};
pub use study::Study;
pub use study_labels::StudyLabels;
pub use support::{Citation, Cmoc, StudyReach, StudySupport};
pub use text_form::{TextForm, BYTE_ORDER_MARK};
pub use unknown_fields::{Fields, UnknownFields};
pub use validation::{validate, ModelProblem};
pub use view_choice::ViewChoice;
pub use view_place::ViewPlace;
