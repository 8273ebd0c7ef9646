//! Every change to the web as a command value, applied in one place, with
//! undo and redo. No egui here: the editor window sends [`EditCommand`]s to an
//! [`Editor`] and redraws from [`Editor::project`].

mod command;
mod editor;

pub use command::{EditCommand, EvidenceOwner, NodePlacement};
pub use editor::{EditRefused, Editor};
