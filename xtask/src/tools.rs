//! Making sure the external tools are there, installing them when we can.
//!
//! * the `wasm32-unknown-unknown` target, through `rustup`;
//! * `wasm-bindgen` and `wasm-bindgen-test-runner` at exactly
//!   [`WASM_BINDGEN_VERSION`] (must match the `=` pin in the root
//!   `Cargo.toml`), through `cargo install --root .tools`;
//! * `wasm-opt`: binaryen [`BINARYEN_VERSION`] from npm, pinned in
//!   `xtask/binaryen/` and installed into `.tools/binaryen/` (Debian 12's
//!   binaryen 108 corrupts wasm-bindgen output, see [`find_wasm_opt`]);
//! * Chromium + ChromeDriver, Node.js + npm, through `apt-get` when we are
//!   root on a Debian-like system.
//!
//! Every check is cheap when the tool is already present, so the commands
//! that call these are idempotent.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::project::{find_in_path, find_tool, Project};
use crate::Result;

/// The wasm-bindgen CLI version; must equal the crate version pinned in `Cargo.toml`.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs the wasm32 target with rustup unless it is already installed.
pub fn ensure_wasm_target(project: &Project) -> Result<()> {
    if find_in_path("rustup").is_none() {
        eprintln!(
            "xtask: notice: rustup not found; assuming the {WASM_TARGET} target is installed"
        );
        return Ok(());
    }
    let installed =
        project.output(
            project
                .command("rustup")
                .args(["target", "list", "--installed"]),
        )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    project.run(
        project
            .command("rustup")
            .args(["target", "add", WASM_TARGET]),
    )
}

/// Returns the path of `.tools/bin/wasm-bindgen` at the pinned version,
/// installing (or reinstalling) it first if needed.
pub fn ensure_wasm_bindgen(project: &Project) -> Result<PathBuf> {
    check_lockfile_pin(project)?;
    let bin = project.tools_bin().join("wasm-bindgen");
    let runner = project.tools_bin().join("wasm-bindgen-test-runner");
    if runner.is_file() && tool_version(&bin).as_deref() == Some(WASM_BINDGEN_VERSION) {
        return Ok(bin);
    }
    eprintln!(
        "xtask: installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into .tools/ \
         (a few minutes, once)"
    );
    let tools_root = project.tools_root();
    project.run(
        project
            .cargo()
            .args(["install", "wasm-bindgen-cli", "--force", "--version"])
            .arg(format!("={WASM_BINDGEN_VERSION}"))
            .arg("--root")
            .arg(&tools_root),
    )?;
    match tool_version(&bin) {
        Some(v) if v == WASM_BINDGEN_VERSION => Ok(bin),
        other => Err(format!(
            "after installing, {} reports version {:?}, expected {WASM_BINDGEN_VERSION}",
            bin.display(),
            other
        )),
    }
}

/// If `Cargo.lock` resolves the `wasm-bindgen` crate, it must be the CLI's version:
/// the two speak a private protocol and refuse to work together otherwise.
fn check_lockfile_pin(project: &Project) -> Result<()> {
    let lock = project.root().join("Cargo.lock");
    let Ok(text) = std::fs::read_to_string(&lock) else {
        return Ok(()); // no lockfile yet: cargo will create one honouring the `=` pin
    };
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                if version != WASM_BINDGEN_VERSION {
                    return Err(format!(
                        "Cargo.lock resolves wasm-bindgen {version}, but xtask installs the CLI \
                         {WASM_BINDGEN_VERSION}; keep WASM_BINDGEN_VERSION in xtask/src/tools.rs \
                         equal to the `=` pin in Cargo.toml"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The version a `--version` flag prints as its last word (`wasm-bindgen 0.2.130`).
fn tool_version(bin: &std::path::Path) -> Option<String> {
    let output = std::process::Command::new(bin)
        .arg("--version")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace().last().map(str::to_string)
}

/// The binaryen release `cargo xtask build` optimises with: the npm package
/// (binaryen compiled to JS + wasm, run by Node), pinned with its lockfile in
/// `xtask/binaryen/` and installed into `.tools/binaryen/`.
pub const BINARYEN_VERSION: &str = "132.0.0";

/// Older binaryen writes modules with several tables back wrongly: the export
/// of wasm-bindgen's externref table ends up naming the function table
/// (binaryen#4711), and the page dies at start-up in `WebAssembly.Table.set()`.
/// Debian 12's binaryen 108 has this bug, so it is not used.
const MIN_BINARYEN: u32 = 110;

/// A usable `wasm-opt` and what it supports.
pub struct WasmOpt {
    program: PathBuf,
    leading_args: Vec<PathBuf>,
    version: u32,
    help: String,
}

impl WasmOpt {
    /// A command running this wasm-opt, from the repository root.
    pub fn command(&self, project: &Project) -> Command {
        let mut command = project.command(&self.program);
        command.args(&self.leading_args);
        command
    }

    /// Whether `--help` lists `flag` (feature flags come and go between releases).
    pub fn supports(&self, flag: &str) -> bool {
        self.help
            .split_whitespace()
            .any(|word| word.trim_end_matches(',') == flag)
    }

    pub fn describe(&self) -> String {
        let mut parts = vec![self.program.display().to_string()];
        parts.extend(self.leading_args.iter().map(|a| a.display().to_string()));
        format!("{} (binaryen {})", parts.join(" "), self.version)
    }
}

/// Finds a wasm-opt that handles wasm-bindgen output: `$WASM_OPT` if set, else
/// the pinned npm binaryen (installed on first use when Node.js and npm are
/// there), else a `wasm-opt` on PATH of version [`MIN_BINARYEN`] or later.
/// `None` means optimisation has to be skipped (a notice has been printed).
pub fn find_wasm_opt(project: &Project) -> Option<WasmOpt> {
    if let Some(path) = std::env::var_os("WASM_OPT").filter(|p| !p.is_empty()) {
        match probe_wasm_opt(PathBuf::from(&path), Vec::new()) {
            Ok(found) => return Some(found),
            Err(e) => eprintln!("xtask: notice: $WASM_OPT: {e}"),
        }
    }
    match npm_binaryen(project) {
        Ok(found) => return Some(found),
        Err(e) => eprintln!("xtask: notice: binaryen {BINARYEN_VERSION} from npm unavailable: {e}"),
    }
    if let Some(path) = find_in_path("wasm-opt") {
        match probe_wasm_opt(path.clone(), Vec::new()) {
            Ok(found) if found.version >= MIN_BINARYEN => return Some(found),
            Ok(found) => eprintln!(
                "xtask: notice: not using {}: binaryen {} corrupts modules with several \
                 tables (wasm-bindgen's externref table); {MIN_BINARYEN} or later is needed",
                path.display(),
                found.version
            ),
            Err(e) => eprintln!("xtask: notice: {e}"),
        }
    }
    eprintln!(
        "xtask: notice: no usable wasm-opt; skipping wasm optimisation, so sizes are \
         larger than a real release (install Node.js + npm, or set $WASM_OPT)"
    );
    None
}

/// Installs (once) and returns the pinned binaryen from npm.
fn npm_binaryen(project: &Project) -> Result<WasmOpt> {
    let node = find_in_path("node").ok_or("node is not on PATH")?;
    let dir = project.tools_root().join("binaryen");
    let package = dir.join("node_modules/binaryen");
    let installed = std::fs::read_to_string(package.join("package.json"))
        .map(|text| json_version(&text).as_deref() == Some(BINARYEN_VERSION))
        .unwrap_or(false);
    if !installed {
        let npm = find_in_path("npm").ok_or("npm is not on PATH")?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let pins = project.root().join("xtask/binaryen");
        for file in ["package.json", "package-lock.json"] {
            let (from, to) = (pins.join(file), dir.join(file));
            std::fs::copy(&from, &to)
                .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))?;
        }
        eprintln!("xtask: installing binaryen {BINARYEN_VERSION} from npm into .tools/binaryen/");
        project.run(
            project
                .command(npm)
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
        )?;
    }
    let found = probe_wasm_opt(node, vec![package.join("bin/wasm-opt")])?;
    if found.version < MIN_BINARYEN {
        return Err(format!("it reports version {}", found.version));
    }
    Ok(found)
}

/// The `"version"` of a package.json (the first such key: the package's own).
fn json_version(package_json: &str) -> Option<String> {
    let after_key = &package_json[package_json.find("\"version\"")? + 9..];
    let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = after_colon.strip_prefix('"')?;
    Some(value[..value.find('"')?].to_string())
}

/// Runs `--version` (`wasm-opt version 132 (version_132)`) and `--help`.
fn probe_wasm_opt(program: PathBuf, leading_args: Vec<PathBuf>) -> Result<WasmOpt> {
    let run = |flag: &str| -> Result<String> {
        let output = Command::new(&program)
            .args(&leading_args)
            .arg(flag)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
        if !output.status.success() {
            return Err(format!(
                "{} {flag} failed ({})",
                program.display(),
                output.status
            ));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let version_text = run("--version")?;
    let version = parse_binaryen_version(&version_text).ok_or_else(|| {
        format!(
            "cannot read a binaryen version from `{}`",
            version_text.trim()
        )
    })?;
    let help = run("--help")?;
    Ok(WasmOpt {
        program,
        leading_args,
        version,
        help,
    })
}

fn parse_binaryen_version(text: &str) -> Option<u32> {
    let rest = &text[text.find("version")? + "version".len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Paths of the browser and its driver used by the test tiers.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

const CHROMIUM_NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// Finds Chromium and ChromeDriver (`$CHROME_PATH` / `$CHROMEDRIVER` win),
/// installing Debian's `chromium` and `chromium-driver` when possible.
pub fn ensure_browser(project: &Project) -> Result<Browser> {
    let find = || {
        Some(Browser {
            chromium: find_tool("CHROME_PATH", CHROMIUM_NAMES)?,
            chromedriver: find_tool("CHROMEDRIVER", &["chromedriver"])?,
        })
    };
    if let Some(browser) = find() {
        return Ok(browser);
    }
    if can_apt() {
        apt_install(project, &["chromium", "chromium-driver"])?;
        if let Some(browser) = find() {
            return Ok(browser);
        }
    }
    Err(
        "Chromium and ChromeDriver are needed for the browser and end-to-end tiers; \
         install them (Debian: `apt-get install chromium chromium-driver`) or point \
         $CHROME_PATH and $CHROMEDRIVER at them"
            .to_string(),
    )
}

/// Makes sure a CJK font is installed, so that screenshots of the Chinese page show characters
/// rather than boxes (Debian's `fonts-noto-cjk`, when we may install packages). Missing fonts
/// do not fail the tests: the page works without them, only the screenshots suffer.
pub fn ensure_cjk_font(project: &Project) {
    let present = std::path::Path::new("/usr/share/fonts/opentype/noto").is_dir()
        || project
            .output(project.command("fc-list").arg(":lang=zh"))
            .map(|out| !out.trim().is_empty())
            .unwrap_or(false);
    if !present && can_apt() {
        if let Err(e) = apt_install(project, &["fonts-noto-cjk"]) {
            eprintln!("xtask: could not install a CJK font ({e}); zh screenshots will show boxes");
        }
    }
}

/// Makes sure `node` and `npm` are on PATH, installing Debian's packages when possible.
pub fn ensure_node(project: &Project) -> Result<()> {
    let present = || find_in_path("node").is_some() && find_in_path("npm").is_some();
    if present() {
        return Ok(());
    }
    if can_apt() {
        apt_install(project, &["nodejs", "npm"])?;
        if present() {
            return Ok(());
        }
    }
    Err(
        "Node.js and npm are needed for the end-to-end tier; install them \
         (Debian: `apt-get install nodejs npm`)"
            .to_string(),
    )
}

/// True when we may install system packages: root, with `apt-get` available.
pub fn can_apt() -> bool {
    is_root() && find_in_path("apt-get").is_some()
}

fn is_root() -> bool {
    // std has no getuid(); /proc tells us on Linux ("Uid: real effective ...").
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().nth(1).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// `apt-get install -y PACKAGES`, after one `apt-get update` per run.
fn apt_install(project: &Project, packages: &[&str]) -> Result<()> {
    if !APT_UPDATED.load(Ordering::SeqCst) {
        project.run(
            project
                .command("apt-get")
                .arg("update")
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        APT_UPDATED.store(true, Ordering::SeqCst);
    }
    project.run(
        project
            .command("apt-get")
            .args(["install", "-y"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binaryen_versions() {
        assert_eq!(parse_binaryen_version("wasm-opt version 108\n"), Some(108));
        assert_eq!(
            parse_binaryen_version("wasm-opt version 132 (version_132)"),
            Some(132)
        );
        assert_eq!(parse_binaryen_version("something else"), None);
    }

    #[test]
    fn package_json_version() {
        let text = "{\n  \"name\": \"binaryen\",\n  \"version\": \"132.0.0\",\n  \"x\": {}\n}";
        assert_eq!(json_version(text).as_deref(), Some("132.0.0"));
        assert_eq!(json_version("{}"), None);
    }

    /// The constant and the committed npm pin must agree.
    #[test]
    fn binaryen_pin_matches_the_lockfile() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("binaryen");
        let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
        assert!(manifest.contains(&format!("\"binaryen\": \"{BINARYEN_VERSION}\"")));
        let lock = std::fs::read_to_string(dir.join("package-lock.json")).unwrap();
        assert!(lock.contains(&format!("\"version\": \"{BINARYEN_VERSION}\"")));
    }
}
