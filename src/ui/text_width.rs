//! How wide a text is drawn, to decide a row's layout before drawing it.

/// The width of `text` set in `style` on one line, in points.
pub(super) fn text_width(ui: &egui::Ui, text: &str, style: egui::TextStyle) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(ui, None, f32::INFINITY, style)
        .size()
        .x
}
