use std::path::PathBuf;

use crate::edit::EditCommand;
use crate::export::Preset;
use crate::model::NodeKind;

use super::Selection;

/// Something the user asked for in a panel, menu or the canvas. Panels only
/// describe what they want; the app carries it out after the frame's UI, so
/// that every change of the web goes through [`crate::edit::Editor`].
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Change the web.
    Edit(EditCommand),
    /// Select something (or nothing).
    Select(Selection),
    /// Add a node of this kind with its centre at this canvas point (the
    /// centre of the view when `None`), select it and focus its label.
    AddNode(NodeKind, Option<(f64, f64)>),
    /// Add a link between these two nodes and select it.
    AddLink {
        source: String,
        target: String,
    },
    /// Delete what is selected.
    DeleteSelection,
    Undo,
    Redo,
    /// Start a new, empty web.
    New,
    /// Ask for a project file to open.
    Open,
    /// Open this project file.
    OpenPath(PathBuf),
    /// Open the bundled example.
    OpenExample,
    Save,
    SaveAs,
    /// Ask for a CMOC table to read into the open web.
    ImportCmocs,
    /// Ask where to write the open web's CMOC table.
    ExportCmocs,
    /// Show the figure export options.
    ExportFigure,
    /// Select the first node whose label contains this text (case
    /// ignored) and centre the view on it.
    FindNode(String),
    /// Fit the whole web in view.
    FitView,
    /// Run the force layout on every unpinned node, animated.
    LayoutForce,
    /// Lay the web out in layers, contexts → mechanisms → outcomes.
    LayoutLayered {
        left_to_right: bool,
    },
    /// Lay the web out in layers, top to bottom, to fit a journal's page
    /// width with labels of about 6 pt.
    LayoutLayeredForPage(Preset),
    /// Stop a running layout, keeping the positions it has reached.
    LayoutStop,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
}
