//! Helper of `benches/export_peers.sh`: `generate N SEED DIR` writes a random
//! web of N nodes as `DIR/web_N.cweb.json` and the same web as
//! `DIR/web_N.dot`. Run with
//! `cargo run --release --example export_webs -- generate N SEED DIR`.

use std::path::Path;
use std::process::ExitCode;

use causal_web::io::save_project;

#[path = "export_web.rs"]
mod export_web;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, n, seed, dir] = args.as_slice() else {
        eprintln!("usage: export_webs generate N SEED DIR");
        return ExitCode::from(2);
    };
    let (Ok(n), Ok(seed)) = (n.parse::<usize>(), seed.parse::<u64>()) else {
        eprintln!("N and SEED must be whole numbers: {n} {seed}");
        return ExitCode::from(2);
    };
    if command != "generate" {
        eprintln!("unknown command {command}; usage: export_webs generate N SEED DIR");
        return ExitCode::from(2);
    }
    let dir = Path::new(dir);
    let project = export_web::random_web(n, seed);
    let json = dir.join(format!("web_{n}.cweb.json"));
    let dot = dir.join(format!("web_{n}.dot"));
    let written = std::fs::create_dir_all(dir)
        .map_err(|e| e.to_string())
        .and_then(|_| save_project(&project, &json).map_err(|e| e.to_string()))
        .and_then(|_| {
            std::fs::write(&dot, export_web::to_dot(&project)).map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => {
            println!(
                "{}: {} nodes, {} links",
                json.display(),
                n,
                project.links.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
