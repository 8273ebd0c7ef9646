//! The `causal-web` binary: a thin shell around the library's command line.

fn main() -> std::process::ExitCode {
    causal_web::cli::main()
}
