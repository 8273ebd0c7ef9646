//! The file formats a figure is exported to, told by the file's extension.

use std::path::Path;

/// A figure file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Plain SVG 1.1.
    Svg,
    /// PNG rendered by resvg, with its resolution recorded.
    Png,
    /// PDF with the font embedded.
    Pdf,
    /// TIFF, RGB without alpha, LZW-compressed.
    Tiff,
}

impl ExportFormat {
    /// The format named by the path's extension (`.svg`, `.png`, `.pdf`,
    /// `.tif` or `.tiff`, any case).
    pub fn from_path(path: &Path) -> Result<ExportFormat, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("svg") => Ok(ExportFormat::Svg),
            Some("png") => Ok(ExportFormat::Png),
            Some("pdf") => Ok(ExportFormat::Pdf),
            Some("tif" | "tiff") => Ok(ExportFormat::Tiff),
            _ => Err(format!(
                "{}: the figure's format comes from the file's extension: .svg, .png, .pdf or .tiff",
                path.display()
            )),
        }
    }

    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG",
            ExportFormat::Png => "PNG",
            ExportFormat::Pdf => "PDF",
            ExportFormat::Tiff => "TIFF",
        }
    }

    /// Whether the format is a raster of pixels (so `--dpi` applies).
    pub fn is_raster(self) -> bool {
        matches!(self, ExportFormat::Png | ExportFormat::Tiff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_tells_the_format() {
        assert_eq!(
            ExportFormat::from_path(Path::new("a/fig.SVG")),
            Ok(ExportFormat::Svg)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("fig.tif")),
            Ok(ExportFormat::Tiff)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("fig.tiff")),
            Ok(ExportFormat::Tiff)
        );
        let e = ExportFormat::from_path(Path::new("fig.jpg")).unwrap_err();
        assert!(e.contains("fig.jpg") && e.contains(".svg"), "{e}");
        assert!(ExportFormat::from_path(Path::new("fig")).is_err());
    }
}
