//! `causal-web export`: a project's figure as SVG, PNG, PDF or TIFF, at a
//! journal's width and resolution, with a preflight of text and line sizes.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::export::{
    self, export_bytes, pixel_width, preflight, ExportFormat, ExportSettings, Preset, PrintSizes,
    MIN_TEXT_PT,
};
use crate::figure::{Figure, FigureStyle, LabelStyle, Point, ROUTE_CLEARANCE};
use crate::io::{load_project, write_atomically};
use crate::layout::{force_layout, layered_layout, ForceSettings, LayeredSettings, LayoutGraph};
use crate::model::{Project, ViewChoice};

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
    /// Where the nodes stand.
    pub layout: FigureLayout,
    /// Whether links with a shape in their way may go round it: they do
    /// unless the project's view turns that off
    /// ([`crate::model::ViewChoice::LinksRoundShapes`]); else every link is
    /// straight, through whatever is in its way.
    pub route_links: bool,
    /// Draw only these nodes (ids or labels) and the links among them; the
    /// whole web when empty.
    pub nodes: Vec<String>,
    /// With `nodes`: every node linked to one of them too.
    pub neighbours: bool,
}

/// Where the nodes of an exported figure stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FigureLayout {
    /// Where they were saved; nodes without a position are placed around
    /// them by the force layout, which moves no saved node.
    #[default]
    Keep,
    /// The force-directed layout, from the saved positions (pinned nodes stay).
    Force,
    /// The layered layout: contexts, then mechanisms, then outcomes.
    Layered,
}

impl FigureLayout {
    /// Every choice, as the command line lists them.
    pub const ALL: [FigureLayout; 3] = [
        FigureLayout::Keep,
        FigureLayout::Force,
        FigureLayout::Layered,
    ];

    /// The name given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FigureLayout::Keep => "keep",
            FigureLayout::Force => "force",
            FigureLayout::Layered => "layered",
        }
    }

    /// The choice with this name.
    pub fn from_name(name: &str) -> Result<FigureLayout, String> {
        FigureLayout::ALL
            .into_iter()
            .find(|l| l.name() == name.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown layout {name:?}; the layouts are keep, force, layered"))
    }
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
            layout: FigureLayout::Keep,
            route_links: true,
            nodes: Vec::new(),
            neighbours: false,
        }
    }
}

/// The largest printed width accepted, in millimetres (a metre: a poster).
const MAX_WIDTH_MM: f64 = 1000.0;
/// The resolutions accepted, in dots per inch.
const DPI_RANGE: (f64, f64) = (10.0, 2400.0);

/// Reads the project at `input`, draws its figure and writes it as the
/// request says. Prints what was written; a preflight warning (small text,
/// thin lines) goes to the report's warnings and does not fail the job.
pub fn export_figure(input: &Path, request: &FigureRequest) -> Report {
    match load_project(input) {
        Ok(project) => export_project_figure(&project, request),
        Err(problems) => Report::failed(problems.0),
    }
}

/// The web the request draws: the whole of `project`, or the part its
/// `nodes` name (an unknown node is an error naming it).
fn drawn_web<'a>(
    project: &'a Project,
    request: &FigureRequest,
) -> Result<Cow<'a, Project>, String> {
    if request.nodes.is_empty() {
        return Ok(Cow::Borrowed(project));
    }
    let mut ids = Vec::new();
    for key in &request.nodes {
        ids.push(project.find_node(key)?.id.as_str());
    }
    Ok(Cow::Owned(project.part(&ids, request.neighbours)))
}

/// Draws the figure of `project` and writes it as the request says.
pub fn export_project_figure(project: &Project, request: &FigureRequest) -> Report {
    let out = request.output.display().to_string();
    let project = match drawn_web(project, request) {
        Ok(web) => web,
        Err(e) => return Report::failed([format!("{out}: {e}")]),
    };
    let format = match ExportFormat::from_path(&request.output) {
        Ok(f) => f,
        Err(e) => return Report::failed([e]),
    };
    let settings = match settings_of(request) {
        Ok(s) => s,
        Err(e) => return Report::failed([format!("{out}: {e}")]),
    };
    let figure = project_figure(&project, request);
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
    if let Some(dpi) = request.dpi.filter(|_| !format.is_raster()) {
        warnings.push(format!(
            "--dpi {dpi} applies to PNG and TIFF only: {} has no pixels",
            format.name()
        ));
    }
    if let (Some(preset), Some(width)) = (request.preset, request.width_mm) {
        if width != preset.width_mm() {
            warnings.push(format!(
                "--width-mm {width} replaces {}'s width of {} mm",
                preset.name(),
                preset.width_mm()
            ));
        }
    }
    if request.transparent && format == ExportFormat::Tiff {
        warnings.push("a TIFF is always written on white (journals ask for no alpha)".into());
    }
    let width_mm = settings.width_mm_of(&figure);
    let height_mm = width_mm * figure.bounds.height() / figure.bounds.width();
    let dpi = format.is_raster().then_some(settings.dpi);
    match request.preset {
        Some(preset) => warnings.extend(preset.objections(width_mm, height_mm, dpi)),
        None => {
            if let Some(dpi) = dpi.filter(|d| *d < 300.0) {
                warnings.push(format!(
                    "{dpi} dpi is less than the 300 dpi journals ask for"
                ));
            }
        }
    }
    warnings.extend(preflight(&figure, width_mm));
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
    Report {
        warnings,
        ..Report::printed(stdout)
    }
}

/// How the figure the request asks for would print (its size, smallest text
/// and thinnest line), without writing it: what the editor's export window
/// shows before the file is chosen. The request's output is not used.
pub fn figure_print_sizes(
    project: &Project,
    request: &FigureRequest,
) -> Result<Option<PrintSizes>, String> {
    let settings = settings_of(request)?;
    let web = drawn_web(project, request)?;
    let figure = project_figure(&web, request);
    Ok(PrintSizes::of(&figure, settings.width_mm_of(&figure)))
}

/// The figure of `project` as the request asks: legend, title, positions
/// (the whole of `project`: its `nodes` are not applied here).
pub fn project_figure(project: &Project, request: &FigureRequest) -> Figure {
    let style = FigureStyle {
        legend: request.legend,
        title: request.title.clone(),
        route_links: request.route_links && project.view_choice(ViewChoice::LinksRoundShapes),
        ..FigureStyle::default()
    };
    let page_width_mm = request.width_mm.or(request.preset.map(Preset::width_mm));
    match (request.layout, page_width_mm) {
        (FigureLayout::Layered, Some(w)) => layered_figure_on_page(project, &style, w),
        (layout, _) => Figure::build(
            project,
            &style,
            &figure_positions(project, &style.label, layout),
        ),
    }
}

/// The centre of every node, in node order, as `layout` says. Node sizes
/// come from `label`, so the layouts keep the drawn shapes apart.
pub fn figure_positions(project: &Project, label: &LabelStyle, layout: FigureLayout) -> Vec<Point> {
    let saved = || -> Option<Vec<Point>> {
        project
            .nodes
            .iter()
            .map(|n| n.position().map(|(x, y)| Point::new(x, y)))
            .collect()
    };
    let mut graph = LayoutGraph::from_project(project, label);
    let positions = match layout {
        FigureLayout::Keep => {
            if let Some(all) = saved() {
                return all;
            }
            // Hold every saved node still; place only the others.
            for node in &mut graph.nodes {
                node.pinned = node.position.is_some();
            }
            force_layout(&graph, &ForceSettings::default())
        }
        FigureLayout::Force => force_layout(&graph, &ForceSettings::default()),
        FigureLayout::Layered => layered_layout(&graph, &LayeredSettings::default()),
    };
    positions
        .into_iter()
        .map(|(x, y)| Point::new(x, y))
        .collect()
}

/// Most layouts [`layered_figure_on_page`] tries.
const PAGE_FIT_TRIES: usize = 8;

/// The figure of `project` drawn in `style`, laid out in layers top to
/// bottom for a page `page_width_mm` wide: its layers folded so that the
/// figure is no wider than that width allows for its smallest text
/// (labels, polarity marks, legend) at 8 pt, as journals ask. Rows are
/// first as long as that width less, on each side, the figure's margin and
/// room for a link going round the outermost shape (its clearance, and a
/// second's). Where the figure still comes out wider (more links drawn
/// apart round its edge, a wide legend), the rows are shortened by the
/// excess and the web laid out again, a few times at most; if none fits,
/// the narrowest figure is kept. A web too large for the width still gets
/// smaller text, which the preflight reports.
fn layered_figure_on_page(project: &Project, style: &FigureStyle, page_width_mm: f64) -> Figure {
    let graph = LayoutGraph::from_project(project, &style.label);
    let smallest = style
        .label
        .font_size
        .min(style.mark_font_size)
        .min(style.legend_font_size);
    let fitting = LayeredSettings::fitting_page(page_width_mm, MIN_TEXT_PT, smallest);
    // A hundredth of a unit to spare, so that rounding cannot leave the
    // text a hair under 8 pt.
    let widest = fitting.max_layer_span.unwrap_or(f64::INFINITY) - 0.01;
    let mut span = widest - 2.0 * (style.margin + 2.0 * ROUTE_CLEARANCE);
    let mut best: Option<(f64, Figure)> = None;
    for _ in 0..PAGE_FIT_TRIES {
        let settings = LayeredSettings {
            max_layer_span: Some(span),
            ..fitting.clone()
        };
        let positions: Vec<Point> = layered_layout(&graph, &settings)
            .into_iter()
            .map(|(x, y)| Point::new(x, y))
            .collect();
        let figure = Figure::build(project, style, &positions);
        let over = figure.bounds.width() - widest;
        if best.as_ref().is_none_or(|(least, _)| over < *least) {
            best = Some((over, figure));
        }
        // Rows cannot get shorter than the widest shape: stop there too.
        if over <= 0.0 || span - over <= 0.0 {
            break;
        }
        span -= over;
    }
    best.map(|(_, figure)| figure)
        .expect("at least one layout is tried")
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
