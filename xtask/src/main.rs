//! `cargo xtask`: the mqci project's build tool.
//!
//! * `cargo xtask build [--dev]` compiles the `mqci` crate to WebAssembly, runs
//!   `wasm-bindgen` (and `wasm-opt` for release builds) into `www/pkg/`, and
//!   prints the size report with the first-result budget.
//! * `cargo xtask serve [--no-build] [--dev] [--port N] [--root DIR]` builds and
//!   then serves `www/` (or `DIR`) on `127.0.0.1` with the production CSP.
//! * `cargo xtask dist` writes `dist/`: what a host copies, with sizes and SRI hashes.
//! * `cargo xtask bench` measures size and time to first result against a reference.
//! * `cargo xtask test` installs what the tests need and runs every tier:
//!   native, browser (wasm-bindgen-test in headless Chromium), and end-to-end
//!   (Playwright driving the built page).
//!
//! The tool uses only `std` apart from `flate2` for gzip sizes, and never
//! depends on the `mqci` crate itself, so it builds while the core does not.

mod bench;
mod bundle;
mod dist;
mod project;
mod serve;
mod sizes;
mod testing;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use project::Project;

/// Errors are human-readable messages that already carry their context.
pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  build [--dev]              build the widget into www/pkg (release unless --dev)
                             and print the size report
  serve [options]            build, then serve www/ on 127.0.0.1
      --no-build             serve what is already there
      --dev                  build the dev profile (no wasm-opt)
      --port N               port to listen on (default: $PORT, else 8080; 0 = any)
      --root DIR             serve DIR instead of www/ (implies --no-build)
  dist                       build, then write dist/: the static files a host copies,
                             with a manifest of sizes and SRI hashes
  bench                      build, then measure size and time to first result
                             (against a reference measured in the same run)
  test                       install what is missing and run every test tier
  help                       print this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Err("no command given".to_string());
    };
    match command.as_str() {
        "build" => {
            let mut release = true;
            for arg in rest {
                match arg.as_str() {
                    "--dev" => release = false,
                    "--release" => release = true,
                    other => return Err(unknown_option("build", other)),
                }
            }
            let project = Project::locate()?;
            bundle::build(&project, release)
        }
        "serve" => serve_command(rest),
        "bench" => {
            if let Some(other) = rest.first() {
                return Err(unknown_option("bench", other));
            }
            bench::bench(&Project::locate()?)
        }
        "dist" => {
            if let Some(other) = rest.first() {
                return Err(unknown_option("dist", other));
            }
            dist::dist(&Project::locate()?)
        }
        "test" => {
            if let Some(other) = rest.first() {
                return Err(unknown_option("test", other));
            }
            let project = Project::locate()?;
            testing::run_all(&project)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprint!("{USAGE}");
            Err(format!("unknown command `{other}`"))
        }
    }
}

fn unknown_option(command: &str, option: &str) -> String {
    format!("unknown option `{option}` for `{command}` (see `cargo xtask help`)")
}

fn serve_command(args: &[String]) -> Result<()> {
    let mut build = true;
    let mut release = true;
    let mut port: Option<u16> = None;
    let mut root: Option<PathBuf> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--dev" => release = false,
            "--port" => {
                let value = args.next().ok_or("`--port` needs a value")?;
                port = Some(parse_port(value, "--port")?);
            }
            "--root" => {
                let value = args.next().ok_or("`--root` needs a directory")?;
                root = Some(PathBuf::from(value));
            }
            other => return Err(unknown_option("serve", other)),
        }
    }
    let port = match port {
        Some(port) => port,
        None => match std::env::var("PORT") {
            Ok(value) if !value.trim().is_empty() => parse_port(value.trim(), "$PORT")?,
            _ => 8080,
        },
    };

    let project = Project::locate()?;
    let (dir, label) = match root {
        Some(dir) => {
            let label = dir.display().to_string();
            // Relative to where the command was typed; failing that, to the repository.
            let from_cwd = std::env::current_dir()
                .map(|cwd| cwd.join(&dir))
                .unwrap_or_else(|_| dir.clone());
            let dir = if from_cwd.is_dir() {
                from_cwd
            } else {
                project.root().join(dir)
            };
            (dir, label)
        }
        None => {
            if build {
                bundle::build(&project, release)?;
            }
            (project.www(), "www/".to_string())
        }
    };
    let server = serve::serve_with(
        &dir,
        port,
        serve::Options {
            log_requests: true,
            ..serve::Options::default()
        },
    )
    .map_err(|e| format!("cannot serve {} on 127.0.0.1:{port}: {e}", dir.display()))?;
    println!("Serving {label} at {}", server.url());
    println!("(Ctrl-C to stop)");
    server.wait()
}

fn parse_port(value: &str, what: &str) -> Result<u16> {
    value
        .parse::<u16>()
        .map_err(|_| format!("{what}: `{value}` is not a port number (0-65535)"))
}
