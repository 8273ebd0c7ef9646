//! The command line: parse the arguments, run a job, print its report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::export::Preset;
use crate::io::load_project;
use crate::jobs::{self, Report};
use crate::layout::{Direction, LayeredSettings};
use crate::ui::{config_dir, run_editor, AppOptions, RecentFiles, ScreenshotRequest};

/// causal-web: the causal webs of realist reviews, figure and evidence in one file.
///
/// With no subcommand, opens the editor window (on FILE when given).
#[derive(Debug, Parser)]
#[command(
    name = "causal-web",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A project file (NAME.cweb.json) to open in the editor
    pub file: Option<PathBuf>,
    /// Open the window on FILE, wait until the web has settled, save the
    /// window as this PNG and exit
    #[arg(long, value_name = "OUT.png", requires = "file")]
    pub screenshot: Option<PathBuf>,
    /// Window size for --screenshot, in points
    #[arg(long, value_name = "WxH", value_parser = parse_size, requires = "screenshot")]
    pub size: Option<(u32, u32)>,
    /// Select this node (id or label) before the screenshot, as a click
    /// would: the inspector lists its supporting studies
    #[arg(long, value_name = "NODE", requires = "screenshot")]
    pub select: Option<String>,
}

/// Reads a length in canvas units: a finite number above 0.
fn positive_units(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(n),
        _ => Err(format!(
            "'{text}' is not a length above 0 (in canvas units)"
        )),
    }
}

/// Reads `WxH` (e.g. `1280x800`).
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("'{text}' is not a size like 1280x800");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(100..=8192).contains(&w) || !(100..=8192).contains(&h) {
        return Err(format!(
            "'{text}': width and height must be between 100 and 8192"
        ));
    }
    Ok((w, h))
}

/// The headless jobs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check project files against the file format
    Validate {
        /// Project files (NAME.cweb.json)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Count nodes, links, citations, studies and CMOCs
    Stats {
        file: PathBuf,
        /// Print the figures as JSON
        #[arg(long)]
        json: bool,
    },
    /// List the studies that support a node
    Studies {
        file: PathBuf,
        /// The node's id or label
        node: String,
    },
    /// Read a CMOC table (CSV) into a new or an existing project
    ImportCmocs {
        /// The table: cmoc,context,mechanism,outcome,study,quote,page
        table: PathBuf,
        /// The project file to write
        #[arg(short, long)]
        output: PathBuf,
        /// Add the table to this project instead of starting empty
        #[arg(long)]
        into: Option<PathBuf>,
    },
    /// Write a project's evidence as a CMOC table (CSV)
    ExportCmocs {
        project: PathBuf,
        /// The table to write
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Lay out a project's figure and save it with the new positions (pinned nodes stay)
    Layout {
        /// The project file
        file: PathBuf,
        /// The project file to write (may be the same file)
        #[arg(short, long)]
        output: PathBuf,
        /// force: untangle from the current positions; layered: contexts first, in reading order
        #[arg(long, value_enum, default_value = "force")]
        algorithm: AlgorithmArg,
        /// Layered layout: direction of the layers [default: lr]
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Layered layout: at most N shapes side by side in a layer; longer
        /// layers are folded into several rows (or columns), for a compact figure
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        max_per_layer: Option<u64>,
        /// Layered layout: no layer longer than N units (a row's width with
        /// --direction tb, a column's height with lr); longer layers are folded
        /// into several rows (or columns), so that the figure fits a page's width
        #[arg(long, value_name = "N", value_parser = positive_units)]
        max_layer_span: Option<f64>,
        /// Layered layout: the empty space between two layers, where the links
        /// run [default: 80]
        #[arg(long, value_name = "N", value_parser = positive_units)]
        layer_gap: Option<f64>,
        /// The least empty space between two shapes, in units (labels are 14
        /// units high); more leaves links room to run apart between shapes
        #[arg(long, value_name = "N", default_value_t = LayeredSettings::default().margin, value_parser = positive_units)]
        margin: f64,
        /// Force layout: seed of its random start [default: 1]
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Write the web's figure as SVG, PNG, PDF or TIFF (the format comes from the extension)
    Export {
        /// The project file
        file: PathBuf,
        /// The figure to write: OUT.svg, OUT.png, OUT.pdf or OUT.tiff
        #[arg(short, long)]
        output: PathBuf,
        /// Resolution of a PNG or TIFF [default: 300, or the preset's]
        #[arg(long, allow_negative_numbers = true)]
        dpi: Option<f64>,
        /// Printed width in millimetres [default: the preset's, or the natural size at 96 units per inch]
        #[arg(long, allow_negative_numbers = true)]
        width_mm: Option<f64>,
        /// A journal's width, resolution and format: bmc-single (85 mm), bmc-double (176 mm), plos (19.05 cm, TIFF, 300 dpi)
        #[arg(long, value_parser = parse_preset)]
        preset: Option<Preset>,
        /// Leave the legend out
        #[arg(long)]
        no_legend: bool,
        /// A title above the web
        #[arg(long)]
        title: Option<String>,
        /// No background (SVG, PNG, PDF)
        #[arg(long)]
        transparent: bool,
        /// Where the nodes stand: keep (as saved; unplaced nodes are placed), force or layered (with a width or preset: top to bottom, rows no wider than text of 8 pt allows)
        #[arg(long, default_value = "keep", value_parser = parse_figure_layout)]
        layout: jobs::FigureLayout,
        /// Draw every link straight, even behind a shape in its way (by default such a link goes round the shapes, unless the project's view says `"links_round_shapes": false`, as View ▸ Links round shapes saves it; webs of more than 300 nodes always have straight links)
        #[arg(long)]
        straight_links: bool,
        /// Draw only this node (id or label) and the links among the nodes so named; repeat it for each node. For a figure of one part of the web, small enough for a journal's text size (with --layout layered it is laid out on its own)
        #[arg(long = "node", value_name = "NODE")]
        nodes: Vec<String>,
        /// With --node: every node linked to one of them too
        #[arg(long, requires = "nodes")]
        neighbours: bool,
    },
}

/// `--algorithm` of `causal-web layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AlgorithmArg {
    Force,
    Layered,
}

/// `--direction` of `causal-web layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DirectionArg {
    /// Left to right
    Lr,
    /// Top to bottom
    Tb,
}

fn parse_preset(name: &str) -> Result<Preset, String> {
    Preset::from_name(name)
}

fn parse_figure_layout(name: &str) -> Result<jobs::FigureLayout, String> {
    jobs::FigureLayout::from_name(name)
}

/// Runs the command and returns its report.
pub fn run(command: Command) -> Report {
    match command {
        Command::Validate { files } => jobs::validate_files(&files),
        Command::Stats { file, json } => match load_project(&file) {
            Ok(p) => {
                let stats = jobs::stats(&p);
                Report::printed(if json {
                    stats.to_json()
                } else {
                    stats.to_text()
                })
            }
            Err(problems) => Report::failed(problems.0),
        },
        Command::Studies { file, node } => match load_project(&file) {
            Ok(p) => match jobs::studies_of_node(&p, &node) {
                Ok(lines) => {
                    let mut report =
                        Report::printed(lines.iter().map(|l| format!("{l}\n")).collect::<String>());
                    if lines.is_empty() {
                        // Said on stderr: stdout stays one line per study.
                        report.warnings.push(format!("no study supports '{node}'"));
                    }
                    report
                }
                Err(message) => Report::failed([format!("{}: {message}", file.display())]),
            },
            Err(problems) => Report::failed(problems.0),
        },
        Command::ImportCmocs {
            table,
            output,
            into,
        } => jobs::import_cmocs(&table, &output, into.as_deref()),
        Command::ExportCmocs { project, output } => jobs::export_cmocs(&project, &output),
        Command::Layout {
            file,
            output,
            algorithm,
            direction,
            max_per_layer,
            max_layer_span,
            layer_gap,
            margin,
            seed,
        } => {
            // Options of the other algorithm are taken, and said to be unused.
            let (algorithm, unused) = match algorithm {
                AlgorithmArg::Force => (
                    jobs::LayoutAlgorithm::Force,
                    [
                        ("--direction", direction.is_some()),
                        ("--max-per-layer", max_per_layer.is_some()),
                        ("--max-layer-span", max_layer_span.is_some()),
                        ("--layer-gap", layer_gap.is_some()),
                    ]
                    .iter()
                    .filter(|(_, given)| *given)
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>(),
                ),
                AlgorithmArg::Layered => (
                    jobs::LayoutAlgorithm::Layered,
                    seed.map(|_| vec!["--seed"]).unwrap_or_default(),
                ),
            };
            let defaults = LayeredSettings::default();
            let mut report = jobs::layout_project(
                &file,
                &output,
                algorithm,
                &LayeredSettings {
                    direction: match direction.unwrap_or(DirectionArg::Lr) {
                        DirectionArg::Lr => Direction::LeftToRight,
                        DirectionArg::Tb => Direction::TopToBottom,
                    },
                    max_per_layer: max_per_layer.map(|n| n as usize),
                    max_layer_span,
                    layer_gap: layer_gap.unwrap_or(defaults.layer_gap),
                    margin,
                    ..defaults
                },
                seed.unwrap_or(1),
            );
            if !unused.is_empty() && report.problems.is_empty() {
                let other = match algorithm {
                    jobs::LayoutAlgorithm::Force => "layered",
                    jobs::LayoutAlgorithm::Layered => "force",
                };
                report.warnings.push(format!(
                    "{} {} to the {other} layout only, and {} not used",
                    unused.join(", "),
                    if unused.len() == 1 {
                        "applies"
                    } else {
                        "apply"
                    },
                    if unused.len() == 1 { "was" } else { "were" },
                ));
            }
            report
        }
        Command::Export {
            file,
            output,
            dpi,
            width_mm,
            preset,
            no_legend,
            title,
            transparent,
            layout,
            straight_links,
            nodes,
            neighbours,
        } => jobs::export_figure(
            &file,
            &jobs::FigureRequest {
                output,
                dpi,
                width_mm,
                preset,
                legend: !no_legend,
                title,
                transparent,
                layout,
                route_links: !straight_links,
                nodes,
                neighbours,
            },
        ),
    }
}

/// Opens the editor window; for a screenshot, the file must read cleanly
/// first (its problems are printed and the exit code is 1 otherwise).
fn open_editor(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    size: Option<(u32, u32)>,
    select: Option<String>,
) -> ExitCode {
    if let Some(f) = file.as_ref().filter(|f| !f.exists()) {
        eprintln!(
            "causal-web: '{}' is neither a file nor a command (see causal-web --help)",
            f.display()
        );
        return ExitCode::from(2);
    }
    let screenshot = match (screenshot, &file) {
        (Some(out), Some(file)) => {
            let project = match load_project(file) {
                Ok(project) => project,
                Err(problems) => {
                    eprintln!("{problems}");
                    return ExitCode::from(1);
                }
            };
            if let Some(Err(why)) = select.as_deref().map(|k| project.find_node(k)) {
                eprintln!("{}: {why}", file.display());
                return ExitCode::from(1);
            }
            Some(ScreenshotRequest {
                out,
                size: size.unwrap_or((1280, 800)),
                failure: Default::default(),
            })
        }
        _ => None,
    };
    // A screenshot's window is of the size asked for, whatever the last.
    let window_store = match screenshot {
        None => config_dir().map(|dir| dir.join("window.ron")),
        Some(_) => None,
    };
    run_editor(AppOptions {
        file,
        screenshot,
        recent_store: RecentFiles::default_store(),
        window_store,
        path_field_only: false,
        select,
    })
}

/// Parses the process's arguments, runs the command, prints its report and
/// gives the exit code: 0 on success, 1 when the job found problems, 2 for
/// bad usage.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return open_editor(cli.file, cli.screenshot, cli.size, cli.select);
    };
    let report = run(command);
    print!("{}", report.stdout);
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
