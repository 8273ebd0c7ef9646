use std::path::{Path, PathBuf};

use crate::export::{ExportFormat, Preset};
use crate::jobs::FigureRequest;

/// The formats offered, with their extension.
const FORMATS: [(ExportFormat, &str); 4] = [
    (ExportFormat::Svg, "svg"),
    (ExportFormat::Png, "png"),
    (ExportFormat::Pdf, "pdf"),
    (ExportFormat::Tiff, "tiff"),
];

/// The Export figure… window: the options of `causal-web export` (format,
/// journal preset, width, dpi, legend, title, transparency).
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
    problem: Option<String>,
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
            problem: None,
        }
    }
}

impl ExportDialog {
    /// Shows the window.
    pub fn open(&mut self) {
        self.open = true;
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
        request.dpi = Some(self.dpi);
        request.legend = self.legend;
        request.title = (self.title && !title.trim().is_empty()).then(|| title.to_string());
        request.transparent = self.transparent;
        Ok(request)
    }

    /// Shows the options while open; returns true when the user asks to
    /// choose the file and write it.
    pub fn show(&mut self, ctx: &egui::Context) -> bool {
        if !self.open {
            return false;
        }
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
                        ui.label("");
                        ui.vertical(|ui| {
                            ui.checkbox(&mut self.legend, "Legend");
                            ui.checkbox(&mut self.title, "Title (the web's title)");
                            ui.checkbox(&mut self.transparent, "Transparent background");
                        });
                        ui.end_row();
                    });
                if let Some(p) = &self.problem {
                    ui.colored_label(ui.visuals().error_fg_color, p);
                }
                if ui.button("Export…").clicked() {
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

fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}
