//! The command line: parse the arguments, run a job, print its report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::load_project;
use crate::jobs::{self, Report};
use crate::layout::Direction;

/// causal-web: the causal webs of realist reviews, figure and evidence in one file.
#[derive(Debug, Parser)]
#[command(name = "causal-web", version, about, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
        /// Direction of the layers of the layered layout
        #[arg(long, value_enum, default_value = "lr")]
        direction: DirectionArg,
        /// Seed of the force layout's random start
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
                    Report::printed(lines.iter().map(|l| format!("{l}\n")).collect::<String>())
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
            seed,
        } => jobs::layout_project(
            &file,
            &output,
            match algorithm {
                AlgorithmArg::Force => jobs::LayoutAlgorithm::Force,
                AlgorithmArg::Layered => jobs::LayoutAlgorithm::Layered,
            },
            match direction {
                DirectionArg::Lr => Direction::LeftToRight,
                DirectionArg::Tb => Direction::TopToBottom,
            },
            seed,
        ),
    }
}

/// Parses the process's arguments, runs the command, prints its report and
/// gives the exit code: 0 on success, 1 when the job found problems, 2 for
/// bad usage.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let report = run(cli.command);
    print!("{}", report.stdout);
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
