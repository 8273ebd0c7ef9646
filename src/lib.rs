//! causal-web: a desktop editor for the causal webs of realist reviews.
//!
//! The library does the work; the binary (`src/main.rs`) is a thin shell
//! around [`cli`].

pub mod cli;
pub mod edit;
pub mod export;
pub mod figure;
pub mod io;
pub mod jobs;
pub mod layout;
pub mod model;
pub mod ui;
pub mod wording;
