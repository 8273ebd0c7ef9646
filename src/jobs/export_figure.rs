//! `causal-web export`: a project's figure as SVG, PNG, PDF or TIFF, at a
//! journal's width and resolution, with a preflight of text and line sizes.

use std::path::{Path, PathBuf};

use crate::export::{
    self, export_bytes, pixel_width, preflight, ExportFormat, ExportSettings, Preset,
};
use crate::figure::{Figure, FigureStyle, Point};
use crate::io::{load_project, write_atomically};
use crate::model::Project;

use super::Report;

/// What figure to write, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRequest {
    /// The file to write; its extension gives the format.
    pub output: PathBuf,
    /// Dots per inch of a PNG or TIFF; default the preset's, else 300.
    pub dpi: Option<f64>,
    /// Printed width; default the preset's, else the natural size.
    pub width_mm: Option<f64>,
    pub preset: Option<Preset>,
    pub legend: bool,
    /// A title above the web.
    pub title: Option<String>,
    /// No background (SVG, PNG, PDF).
    pub transparent: bool,
}

impl FigureRequest {
    /// A request for `output` with every default: natural size, 300 dpi,
    /// a legend, no title.
    pub fn new(output: impl Into<PathBuf>) -> Self {
        FigureRequest {
            output: output.into(),
            dpi: None,
            width_mm: None,
            preset: None,
            legend: true,
            title: None,
            transparent: false,
        }
    }
}

/// The largest printed width accepted, in millimetres (a metre: a poster).
const MAX_WIDTH_MM: f64 = 1000.0;
/// The resolutions accepted, in dots per inch.
const DPI_RANGE: (f64, f64) = (10.0, 2400.0);

/// Reads the project at `input`, draws its figure and writes it as the
/// request says. Prints what was written; a preflight warning (small text,
/// thin lines) is printed too but does not fail the job.
pub fn export_figure(input: &Path, request: &FigureRequest) -> Report {
    match load_project(input) {
        Ok(project) => export_project_figure(&project, request),
        Err(problems) => Report::failed(problems.0),
    }
}

/// Draws the figure of `project` and writes it as the request says.
pub fn export_project_figure(project: &Project, request: &FigureRequest) -> Report {
    let out = request.output.display().to_string();
    let format = match ExportFormat::from_path(&request.output) {
        Ok(f) => f,
        Err(e) => return Report::failed([e]),
    };
    let settings = match settings_of(request) {
        Ok(s) => s,
        Err(e) => return Report::failed([format!("{out}: {e}")]),
    };
    let figure = project_figure(project, request);
    let bytes = match export_bytes(&figure, format, &settings) {
        Ok(b) => b,
        Err(e) => return Report::failed([format!("{out}: {e}")]),
    };
    if let Err(e) = write_atomically(&request.output, &bytes) {
        return Report::failed([format!("{out}: could not write the figure: {e}")]);
    }
    let mut warnings = Vec::new();
    if let Some(preset) = request.preset {
        if let Some(wanted) = preset.format().filter(|f| *f != format) {
            warnings.push(format!(
                "{} asks for {}; wrote {} as the extension of {out} says",
                preset.name(),
                wanted.name(),
                format.name()
            ));
        }
    }
    if request.transparent && format == ExportFormat::Tiff {
        warnings.push("a TIFF is always written on white (journals ask for no alpha)".into());
    }
    let width_mm = settings.width_mm_of(&figure);
    if format.is_raster() && settings.dpi < 300.0 {
        warnings.push(format!(
            "{} dpi is less than the 300 dpi journals ask for",
            settings.dpi
        ));
    }
    warnings.extend(preflight(&figure, width_mm));
    let height_mm = width_mm * figure.bounds.height() / figure.bounds.width();
    let mut stdout = format!(
        "wrote {out}: {}, {:.1} × {:.1} mm",
        format.name(),
        width_mm,
        height_mm
    );
    if format.is_raster() {
        let w = pixel_width(width_mm, settings.dpi);
        let h = (f64::from(w) * figure.bounds.height() / figure.bounds.width()).round();
        stdout.push_str(&format!(", {w} × {h} px at {} dpi", settings.dpi));
    }
    stdout.push('\n');
    for w in warnings {
        stdout.push_str(&format!("warning: {w}\n"));
    }
    Report::printed(stdout)
}

/// The figure of `project` as the request asks: legend, title, positions.
pub fn project_figure(project: &Project, request: &FigureRequest) -> Figure {
    let style = FigureStyle {
        legend: request.legend,
        title: request.title.clone(),
        ..FigureStyle::default()
    };
    let positions: Vec<Point> = project
        .nodes
        .iter()
        .map(|n| {
            let (x, y) = n.position().unwrap_or((0.0, 0.0));
            Point::new(x, y)
        })
        .collect();
    Figure::build(project, &style, &positions)
}

/// Width, dpi and background from the request, its preset and the defaults.
fn settings_of(request: &FigureRequest) -> Result<ExportSettings, String> {
    let width_mm = request.width_mm.or(request.preset.map(Preset::width_mm));
    if let Some(w) = width_mm {
        if !(w.is_finite() && w > 0.0 && w <= MAX_WIDTH_MM) {
            return Err(format!(
                "a width of {w} mm is out of range (more than 0, at most {MAX_WIDTH_MM} mm)"
            ));
        }
    }
    let dpi = request
        .dpi
        .or(request.preset.map(Preset::dpi))
        .unwrap_or(export::DEFAULT_DPI);
    if !(dpi.is_finite() && dpi >= DPI_RANGE.0 && dpi <= DPI_RANGE.1) {
        return Err(format!(
            "{dpi} dpi is out of range ({} to {} dpi)",
            DPI_RANGE.0, DPI_RANGE.1
        ));
    }
    Ok(ExportSettings {
        width_mm,
        dpi,
        transparent: request.transparent,
    })
}
