//! Reading and writing files: the project file and the CMOC table.

mod atomic_write;
mod cmoc_table;
mod problem;
mod project_file;
mod unknown_fields;

pub use atomic_write::write_atomically;
pub use cmoc_table::{read_cmoc_table, write_cmoc_table, CmocImport};
pub use problem::{Problem, Problems};
pub use project_file::{load_project, parse_project, project_to_json, save_project};
