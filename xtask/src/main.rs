//! `cargo xtask`: the mqci project's build tool.
//!
//! * `build [--dev]`: both engines into `www/pkg/` ([`build`]).
//! * `serve [--no-build] [--dev] [--port N] [--root DIR]`: serves `www/` on 127.0.0.1 with the
//!   production CSP and gzip ([`serve`]).
//! * `dist [--no-build] [--www DIR] [--out DIR]`: the release zip `dist/mqci-<version>.zip`
//!   with its manifest (sizes, SRI) and third-party list ([`dist`]).
//! * `bench`: time to first result against a reference, and Lighthouse ([`bench`]).
//! * `test`: installs what the tests need ([`setup`]) and runs every tier ([`test`]).
//!
//! The tool never depends on the `mqci` crate itself, so it builds while the core does not.

mod bench;
mod build;
mod dist;
mod serve;
mod setup;
mod test;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Errors are human-readable messages that already carry their context.
pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

  build [--dev]     build both engines into www/pkg (release unless --dev)
  serve             build, then serve www/ on 127.0.0.1 (gzip, production CSP)
      --no-build    serve what is already there
      --dev         build the dev profile (no wasm-opt)
      --port N      port to listen on (default: $PORT, else 8080; 0 = any)
      --root DIR    serve DIR instead of www/ (implies --no-build)
  dist              build, then write dist/mqci-<version>.zip (and dist/mqci/<version>/):
                    the files, docs, manifest (sizes, SRI), third-party list, snippets
      --no-build    package what is already built
      --www DIR     package DIR instead of www/;  --out DIR  write to DIR instead of dist/
  bench             build, then time the first result against a reference page
                    and run Lighthouse (mobile) when it can
  test              install what is missing and run every test tier
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
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let project = Project::locate()?;
    let no_options = || match rest.first() {
        Some(other) => Err(format!("unknown option `{other}` for `{command}`")),
        None => Ok(()),
    };
    match command.as_str() {
        "build" => match rest {
            [] => build::build(&project, true),
            [dev] if dev == "--dev" => build::build(&project, false),
            _ => Err(format!("unknown options {rest:?} for `build`")),
        },
        "serve" => serve_command(&project, rest),
        "dist" => dist::dist_command(&project, rest),
        "bench" => no_options().and_then(|()| bench::bench(&project)),
        "test" => no_options().and_then(|()| test::run_all(&project)),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

fn serve_command(project: &Project, args: &[String]) -> Result<()> {
    let (mut build, mut release, mut port, mut root) = (true, true, None, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--dev" => release = false,
            "--port" => port = Some(args.next().ok_or("`--port` needs a value")?.clone()),
            "--root" => root = Some(PathBuf::from(args.next().ok_or("`--root` needs a folder")?)),
            other => return Err(format!("unknown option `{other}` for `serve`")),
        }
    }
    let port = port
        .or_else(|| std::env::var("PORT").ok())
        .unwrap_or_else(|| "8080".into());
    let port: u16 = port
        .trim()
        .parse()
        .map_err(|_| format!("`{port}` is not a port (0-65535)"))?;
    let dir = match root {
        // Relative to where the command was typed; failing that, to the repository.
        Some(dir) if dir.is_dir() => dir,
        Some(dir) => project.root.join(dir),
        None => {
            if build {
                build::build(project, release)?;
            }
            project.www()
        }
    };
    let server = serve::Server::start(&dir, port, true)?;
    println!(
        "Serving {} at {} (Ctrl-C to stop)",
        dir.display(),
        server.url()
    );
    server.wait();
    Ok(())
}

/// The repository and how child processes are run in it.
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    /// The repository root (the parent of this crate), with `<root>/.tools/bin` put first on
    /// `PATH` so that lookups here and in children agree.
    fn locate() -> Result<Project> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("xtask has no parent folder")?
            .to_path_buf();
        let bin = root.join(".tools/bin");
        let path = std::env::var_os("PATH").unwrap_or_default();
        if !std::env::split_paths(&path).any(|p| p == bin) {
            let joined =
                std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
                    .map_err(|e| format!("cannot put .tools/bin on PATH: {e}"))?;
            // Single-threaded here: nothing else reads the environment yet.
            std::env::set_var("PATH", joined);
        }
        Ok(Project { root })
    }

    pub fn www(&self) -> PathBuf {
        self.root.join("www")
    }

    /// Cargo's target directory (honours `CARGO_TARGET_DIR`).
    pub fn target_dir(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
            Some(dir) => self.root.join(dir),
            None => self.root.join("target"),
        }
    }

    /// A command that runs in the repository root.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root);
        command
    }

    /// `program args…` in the repository root.
    pub fn cmd(&self, program: impl AsRef<OsStr>, args: &[&str]) -> Command {
        let mut command = self.command(program);
        command.args(args);
        command
    }

    /// `cargo`: the binary that runs us under `cargo xtask`.
    pub fn cargo(&self) -> Command {
        self.command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    /// Runs a command with inherited output; fails unless it exits 0.
    pub fn run(&self, command: &mut Command) -> Result<()> {
        let shown = format!("{command:?}");
        eprintln!("$ {shown}");
        let status = command
            .status()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{shown}` failed ({status})"))
        }
    }

    /// Runs a command and returns its standard output; `None` unless it started and exited 0.
    pub fn output(&self, mut command: Command) -> Option<String> {
        let output = command.output().ok().filter(|o| o.status.success())?;
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// Finds an executable on `PATH`, like `which`.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let executable = |p: &Path| {
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| executable(p))
}

/// Regular files under `dir`, recursively and sorted, skipping dot folders and `node_modules`.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let listing = std::fs::read_dir(dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for path in listing.filter_map(|entry| Some(entry.ok()?.path())) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() && !name.starts_with('.') && name != "node_modules" {
            found.extend(files_under(&path)?);
        } else if path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}
