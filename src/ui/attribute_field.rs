//! An attribute's value in the inspector or the study editor: a text field
//! as wide as its row leaves, so that a long value can be read, followed by
//! the button that removes the attribute.

use super::text_width::text_width;

/// What the user did with one attribute's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct AttributeEdit {
    /// The value was typed into.
    pub edited: bool,
    /// The remove button was clicked.
    pub removed: bool,
}

/// Text of the button that removes an attribute.
const REMOVE: &str = "✕";

/// Shows `value` in a field that fills the rest of the row, then the remove
/// button (hovering it shows `remove_hint`).
pub(super) fn attribute_field(
    ui: &mut egui::Ui,
    value: &mut String,
    remove_hint: &str,
) -> AttributeEdit {
    ui.horizontal(|ui| {
        let button_width =
            text_width(ui, REMOVE, egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.x;
        let width = (ui.available_width() - button_width - ui.spacing().item_spacing.x)
            .max(ui.spacing().interact_size.x);
        let edited = ui
            .add(egui::TextEdit::singleline(value).desired_width(width))
            .changed();
        let removed = ui.small_button(REMOVE).on_hover_text(remove_hint).clicked();
        AttributeEdit { edited, removed }
    })
    .inner
}
