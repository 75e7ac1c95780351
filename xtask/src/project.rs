//! Where the project lives and how child processes are run.
//!
//! Every child runs with the repository root as its working directory and
//! with `<root>/.tools/bin` at the front of `PATH` (set once for this process
//! in [`Project::locate`], so lookups here and in children agree).

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::Result;

/// The repository and its well-known folders.
pub struct Project {
    root: PathBuf,
}

impl Project {
    /// Finds the repository root (the parent of this crate's manifest
    /// directory) and puts `<root>/.tools/bin` first on `PATH`.
    pub fn locate() -> Result<Project> {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .parent()
            .ok_or_else(|| format!("{} has no parent folder", manifest_dir.display()))?
            .to_path_buf();
        if !root.join("Cargo.toml").is_file() {
            return Err(format!(
                "expected the repository root at {} (no Cargo.toml there)",
                root.display()
            ));
        }
        let project = Project { root };
        let tools_bin = project.tools_bin();
        let old_path = std::env::var_os("PATH").unwrap_or_default();
        if !std::env::split_paths(&old_path).any(|p| p == tools_bin) {
            let new_path = std::env::join_paths(
                std::iter::once(tools_bin).chain(std::env::split_paths(&old_path)),
            )
            .map_err(|e| format!("cannot extend PATH with .tools/bin: {e}"))?;
            // Single-threaded at this point: nothing else reads the environment.
            std::env::set_var("PATH", new_path);
        }
        Ok(project)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `<root>/.tools`: the `cargo install --root` for pinned helper tools.
    pub fn tools_root(&self) -> PathBuf {
        self.root.join(".tools")
    }

    pub fn tools_bin(&self) -> PathBuf {
        self.tools_root().join("bin")
    }

    pub fn www(&self) -> PathBuf {
        self.root.join("www")
    }

    pub fn pkg(&self) -> PathBuf {
        self.www().join("pkg")
    }

    /// Cargo's target directory (honours `CARGO_TARGET_DIR`).
    pub fn target_dir(&self) -> PathBuf {
        for var in ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"] {
            if let Some(dir) = std::env::var_os(var).filter(|d| !d.is_empty()) {
                return self.root.join(PathBuf::from(dir));
            }
        }
        self.root.join("target")
    }

    /// A command that runs in the repository root.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root);
        command
    }

    /// `cargo`, the same binary that is running us when started by `cargo xtask`.
    pub fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        self.command(cargo)
    }

    /// Runs a command to completion with inherited output; fails unless it exits 0.
    pub fn run(&self, command: &mut Command) -> Result<()> {
        let shown = describe(command);
        eprintln!("$ {shown}");
        let status = command
            .status()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        check(status, &shown)
    }

    /// Runs a command and returns its standard output; fails unless it exits 0.
    pub fn output(&self, command: &mut Command) -> Result<String> {
        let shown = describe(command);
        let output = command
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        check(output.status, &shown)?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Runs a command, echoing its standard output line by line while also
    /// collecting it (so test counts can be read off it). Standard error is
    /// inherited. Returns the exit status; starting failures are errors.
    pub fn run_tee(&self, command: &mut Command) -> Result<(ExitStatus, String)> {
        let shown = describe(command);
        eprintln!("$ {shown}");
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        let mut collected = String::new();
        if let Some(stdout) = child.stdout.take() {
            let mut reader = BufReader::new(stdout);
            let mut line = Vec::new();
            let out = std::io::stdout();
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => break,
                    Ok(_) => {
                        let mut out = out.lock();
                        // A closed stdout must not stop the child from finishing.
                        let _ = out.write_all(&line);
                        let _ = out.flush();
                        collected.push_str(&String::from_utf8_lossy(&line));
                    }
                    Err(e) => {
                        eprintln!("xtask: reading output of `{shown}`: {e}");
                        break;
                    }
                }
            }
        }
        let status = child
            .wait()
            .map_err(|e| format!("waiting for `{shown}`: {e}"))?;
        Ok((status, collected))
    }
}

fn check(status: ExitStatus, shown: &str) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// A shell-like rendering of a command for messages.
pub fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(char::is_whitespace) {
            format!("'{a}'")
        } else {
            a.into_owned()
        }
    }));
    parts.join(" ")
}

/// Finds an executable on `PATH`, like `which`.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// An explicit override from the environment if it names an executable file,
/// else the first `names` entry found on `PATH`.
pub fn find_tool(env_override: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env_override).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        if is_executable(&path) {
            return Some(path);
        }
        eprintln!(
            "xtask: notice: ${env_override}={} is not an executable file; looking on PATH",
            path.display()
        );
    }
    names.iter().find_map(|name| find_in_path(name))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Regular files under `dir`, recursively, sorted. `descend` decides which sub-folders are
/// entered and `keep` which files are listed.
pub fn files_under(
    dir: &Path,
    descend: impl Fn(&Path) -> bool,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("listing {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                if descend(&path) {
                    pending.push(path);
                }
            } else if path.is_file() && keep(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
