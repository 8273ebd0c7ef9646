use std::sync::Arc;

use crate::figure::{FONT_BYTES, FONT_FAMILY};

/// The egui font family that holds the bundled label font, so the canvas
/// sets labels with the very font the figure geometry was measured with.
pub fn label_family() -> egui::FontFamily {
    egui::FontFamily::Name(FONT_FAMILY.into())
}

/// Registers the bundled DejaVu Sans as the [`label_family`] (and as a
/// fallback of the proportional family, for characters egui's own font lacks).
pub fn install_label_font(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        FONT_FAMILY.to_string(),
        Arc::new(egui::FontData::from_static(FONT_BYTES)),
    );
    fonts
        .families
        .insert(label_family(), vec![FONT_FAMILY.to_string()]);
    fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default()
        .push(FONT_FAMILY.to_string());
    ctx.set_fonts(fonts);
}
