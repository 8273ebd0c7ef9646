use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::export::{ExportFormat, Preset, PrintSizes, MIN_LINE_PT, MIN_TEXT_PT};
use crate::jobs::{figure_print_sizes, FigureLayout, FigureRequest};
use crate::model::Project;

/// The formats offered, with their extension.
const FORMATS: [(ExportFormat, &str); 4] = [
    (ExportFormat::Svg, "svg"),
    (ExportFormat::Png, "png"),
    (ExportFormat::Pdf, "pdf"),
    (ExportFormat::Tiff, "tiff"),
];

/// The Export figure… window: the options of `causal-web export` (format,
/// journal preset, width, dpi, legend, title, transparency), and how the
/// figure would print with them: its size, smallest text and thinnest line.
#[derive(Debug)]
pub struct ExportDialog {
    open: bool,
    format: usize,
    preset: Option<Preset>,
    /// Printed width in mm; natural size when empty.
    width_mm: String,
    dpi: f64,
    legend: bool,
    title: bool,
    transparent: bool,
    /// Draw only the selected nodes (and the links among them).
    only_selection: bool,
    /// With `only_selection`: the nodes linked to them too.
    neighbours: bool,
    /// Where the nodes stand in the figure.
    layout: FigureLayout,
    /// The nodes selected when the window was last shown.
    selected: Vec<String>,
    problem: Option<String>,
    /// How the figure would print, and what it was worked out for.
    reading: Option<(ReadingKey, Reading)>,
    /// A reading being worked out on a thread of its own (a layout or a
    /// large web can take a moment), and what for.
    pending: Option<(ReadingKey, Arc<Mutex<Option<Reading>>>)>,
}

/// What the printed sizes depend on: the web's state (its edit number) and
/// the request as far as it changes the figure or its width (or what is
/// wrong with it).
type ReadingKey = (u64, Result<FigureRequest, String>);

/// The line under the options: what the figure would print like, and
/// whether it falls short of what journals ask.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    text: String,
    short: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            open: false,
            format: 0,
            preset: None,
            width_mm: String::new(),
            dpi: 300.0,
            legend: true,
            title: false,
            transparent: false,
            only_selection: false,
            neighbours: false,
            layout: FigureLayout::Keep,
            selected: Vec::new(),
            problem: None,
            reading: None,
            pending: None,
        }
    }
}

impl ExportDialog {
    /// Shows the window, without the problem of an earlier export.
    pub fn open(&mut self) {
        self.open = true;
        self.problem = None;
    }

    /// When the file name chosen for `output` gives another format than the
    /// one picked in the window, a note saying which was written.
    pub fn format_note(&self, output: &Path) -> Option<String> {
        let chosen = FORMATS[self.format].0;
        let written = ExportFormat::from_path(output).ok()?;
        (written != chosen).then(|| {
            format!(
                "wrote {} as the file name says, not the {} picked in the window",
                written.name(),
                chosen.name()
            )
        })
    }

    /// The extension of the chosen format.
    pub fn extension(&self) -> &'static str {
        FORMATS[self.format].1
    }

    /// The request for writing to `path` (its extension is set to the chosen
    /// format's when it names no other figure format). `title` is the web's.
    pub fn request(&self, path: &Path, title: &str) -> Result<FigureRequest, String> {
        let mut output = path.to_path_buf();
        if ExportFormat::from_path(&output).is_err() {
            output = with_extension(&output, self.extension());
        }
        let width = self.width_mm.trim();
        let width_mm = if width.is_empty() {
            None
        } else {
            Some(
                width
                    .parse::<f64>()
                    .map_err(|_| format!("width '{width}' is not a number of millimetres"))?,
            )
        };
        let mut request = FigureRequest::new(output);
        request.preset = self.preset;
        request.width_mm = width_mm;
        // Only a raster has pixels: a dpi given for SVG or PDF is warned of.
        let raster = ExportFormat::from_path(&request.output).is_ok_and(|f| f.is_raster());
        request.dpi = raster.then_some(self.dpi);
        request.legend = self.legend;
        request.title = (self.title && !title.trim().is_empty()).then(|| title.to_string());
        request.transparent = self.transparent;
        request.layout = self.layout;
        if self.only_selection && !self.selected.is_empty() {
            request.nodes = self.selected.clone();
            request.neighbours = self.neighbours;
        }
        Ok(request)
    }

    /// Whether a reading of how the figure would print is being worked out.
    pub fn is_reading(&self) -> bool {
        self.pending.is_some()
    }

    /// How the figure of `project` (in edit state `state`) would print with
    /// the options as they are: worked out on a thread of its own when they
    /// or the web change (the last reading is shown meanwhile, greyed).
    /// Returns the reading and whether it is for the options as they are.
    fn reading(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        state: u64,
    ) -> Option<(Reading, bool)> {
        // Format, resolution and background change neither.
        let request = self
            .request(Path::new("figure"), &project.title)
            .map(|r| FigureRequest {
                output: PathBuf::new(),
                dpi: None,
                transparent: false,
                ..r
            });
        let key: ReadingKey = (state, request.clone());
        if let Some((done_key, slot)) = &self.pending {
            let done = slot.lock().ok().and_then(|mut r| r.take());
            if let Some(reading) = done {
                self.reading = Some((done_key.clone(), reading));
                self.pending = None;
            }
        }
        let current = self.reading.as_ref().is_some_and(|(k, _)| *k == key);
        let asked = self.pending.as_ref().is_some_and(|(k, _)| *k == key);
        if !current && !asked {
            let slot = Arc::new(Mutex::new(None));
            let (out, project, ctx) = (Arc::clone(&slot), project.clone(), ctx.clone());
            std::thread::spawn(move || {
                let reading = work_out_reading(&project, request);
                if let Ok(mut r) = out.lock() {
                    *r = Some(reading);
                }
                ctx.request_repaint();
            });
            self.pending = Some((key, slot));
        }
        match &self.reading {
            Some((_, r)) => Some((r.clone(), current)),
            None => Some((
                Reading {
                    text: "Working out how it would print…".to_string(),
                    short: false,
                },
                false,
            )),
        }
    }

    /// Shows the options while open, with how the figure of `web` (the
    /// project and its edit state) would print; `selected` are the nodes
    /// selected on the canvas, which the figure may be limited to. Returns
    /// true when the user asks to choose the file and write it.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        web: Option<(&Project, u64)>,
        selected: &[String],
    ) -> bool {
        if !self.open {
            return false;
        }
        if self.selected != selected {
            self.selected = selected.to_vec();
        }
        let reading = web.and_then(|(project, state)| self.reading(ctx, project, state));
        let mut export = false;
        let mut open = self.open;
        egui::Window::new("Export figure")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("export-options")
                    .num_columns(2)
                    .show(ui, |ui| {
                        ui.label("Format");
                        ui.horizontal(|ui| {
                            for (i, (_, ext)) in FORMATS.iter().enumerate() {
                                ui.radio_value(&mut self.format, i, ext.to_uppercase());
                            }
                        });
                        ui.end_row();
                        ui.label("Journal preset");
                        egui::ComboBox::from_id_salt("export-preset")
                            .selected_text(self.preset.map_or("none", |p| p.name()))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut self.preset, None, "none");
                                for p in Preset::ALL {
                                    ui.selectable_value(&mut self.preset, Some(p), p.name());
                                }
                            });
                        ui.end_row();
                        ui.label("Width (mm)");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.width_mm)
                                .hint_text(match self.preset {
                                    Some(p) => format!("{} (preset)", p.width_mm()),
                                    None => "natural size".to_string(),
                                })
                                .desired_width(120.0),
                        );
                        ui.end_row();
                        ui.label("Resolution (dpi)");
                        ui.add(egui::DragValue::new(&mut self.dpi).range(10.0..=2400.0));
                        ui.end_row();
                        ui.label("Nodes");
                        ui.vertical(|ui| {
                            let n = self.selected.len();
                            ui.add_enabled_ui(n > 0, |ui| {
                                ui.checkbox(
                                    &mut self.only_selection,
                                    format!("Only the selected ({n})"),
                                )
                                .on_disabled_hover_text(
                                    "Select nodes on the canvas to draw only them",
                                );
                                ui.add_enabled(
                                    self.only_selection,
                                    egui::Checkbox::new(
                                        &mut self.neighbours,
                                        "and the nodes linked to them",
                                    ),
                                );
                            });
                        });
                        ui.end_row();
                        ui.label("Layout");
                        egui::ComboBox::from_id_salt("export-layout")
                            .selected_text(layout_name(self.layout))
                            .show_ui(ui, |ui| {
                                for layout in FigureLayout::ALL {
                                    ui.selectable_value(
                                        &mut self.layout,
                                        layout,
                                        layout_name(layout),
                                    );
                                }
                            });
                        ui.end_row();
                        ui.label("");
                        ui.vertical(|ui| {
                            ui.checkbox(&mut self.legend, "Legend");
                            ui.checkbox(&mut self.title, "Title (the web's title)");
                            ui.checkbox(&mut self.transparent, "Transparent background");
                        });
                        ui.end_row();
                    });
                if let Some((r, current)) = &reading {
                    if !current {
                        ui.weak(&r.text);
                    } else if r.short {
                        ui.colored_label(ui.visuals().warn_fg_color, &r.text);
                    } else {
                        ui.label(&r.text);
                    }
                }
                if let Some(p) = &self.problem {
                    ui.colored_label(ui.visuals().error_fg_color, p);
                }
                // A width that is not a number is said above (the reading);
                // there is nothing to export until it is put right.
                let valid = self.request(Path::new("figure.svg"), "").is_ok();
                if ui
                    .add_enabled(valid, egui::Button::new("Export…"))
                    .on_disabled_hover_text("Put the width right first")
                    .clicked()
                {
                    export = true;
                }
            });
        self.open = open && !export;
        export
    }

    /// Reopens the window with a problem to show (a bad width).
    pub fn refuse(&mut self, problem: String) {
        self.problem = Some(problem);
        self.open = true;
    }

    /// Clears a shown problem.
    pub fn clear_problem(&mut self) {
        self.problem = None;
    }
}

/// How the figure the request asks for would print, or what is wrong with
/// the request.
fn work_out_reading(project: &Project, request: Result<FigureRequest, String>) -> Reading {
    match request.and_then(|request| figure_print_sizes(project, &request)) {
        Ok(Some(sizes)) => reading_of(&sizes),
        Ok(None) => Reading {
            text: "The web is empty.".to_string(),
            short: false,
        },
        Err(text) => Reading { text, short: true },
    }
}

/// How a figure layout is named in the window.
fn layout_name(layout: FigureLayout) -> &'static str {
    match layout {
        FigureLayout::Keep => "as on the canvas",
        FigureLayout::Force => "force-directed, anew",
        FigureLayout::Layered => "layered (fits a set width)",
    }
}

/// "Printed 176 × 219 mm: text 5.5 pt at the smallest, lines 0.7 pt at the
/// thinnest", and what journals ask when either falls short.
fn reading_of(sizes: &PrintSizes) -> Reading {
    let mut text = format!("Printed {:.0} × {:.0} mm", sizes.width_mm, sizes.height_mm);
    let mut parts = Vec::new();
    if let Some(t) = sizes.smallest_text_pt {
        parts.push(format!("text {t:.1} pt at the smallest"));
    }
    if let Some(l) = sizes.thinnest_line_pt {
        parts.push(format!("lines {l:.2} pt at the thinnest"));
    }
    if !parts.is_empty() {
        text.push_str(": ");
        text.push_str(&parts.join(", "));
    }
    text.push('.');
    let short = !sizes.passes();
    if short {
        text.push_str(&format!(
            "\nJournals ask for text of at least {MIN_TEXT_PT} pt and lines of at least {MIN_LINE_PT} pt: print it at least {:.0} mm wide, or show less in it.",
            sizes.width_needed_mm().ceil()
        ));
    }
    Reading { text, short }
}

fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}
