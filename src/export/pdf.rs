//! The figure as PDF, converted from the SVG by svg2pdf with the bundled
//! font embedded (subset), as vector shapes and selectable text.

use resvg::usvg;

/// The PDF of a parsed figure. The page has the SVG's physical size (its
/// width and height in mm, or 96 units per inch at the natural size).
pub fn encode_pdf(tree: &usvg::Tree) -> Result<Vec<u8>, String> {
    svg2pdf::to_pdf(
        tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi: 96.0 },
    )
    .map_err(|e| format!("could not convert the figure to PDF: {e}"))
}
