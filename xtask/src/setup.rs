//! Everything `cargo xtask` installs, in one place.
//!
//! * Debian packages ([`APT`]), installed with `apt-get` when missing and we are root;
//! * the Rust target [`WASM_TARGET`] (rustup);
//! * `wasm-bindgen-cli` at [`WASM_BINDGEN_VERSION`] into `.tools/` (`cargo install --root`);
//! * binaryen ([`BINARYEN_VERSION`], the npm build run by Node) into `.tools/binaryen/`;
//! * `wasm-tools` ([`WASM_TOOLS_VERSION`], validation only) into `.tools/` for the floor check;
//! * the npm folders of the test and benchmark scripts ([`npm_ci`]): `tests/e2e`
//!   (playwright-core, axe-core), `tests/fuzz`, `tests/bench` (Lighthouse), `tests/compat`
//!   (es-check, eslint with eslint-plugin-compat).

use std::path::{Path, PathBuf};

use crate::{find_in_path, Project, Result};

/// The wasm-bindgen CLI version; must equal the `=` pin of the crate in `Cargo.toml`.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The npm binaryen pinned (with its lockfile) in `xtask/binaryen/`. Older binaryen (Debian's
/// 108) writes wasm-bindgen's externref table export wrongly (binaryen#4711), so it is not used.
pub const BINARYEN_VERSION: &str = "132.0.0";

/// `wasm-tools`, built with its `validate` subcommand only (a minute, once).
pub const WASM_TOOLS_VERSION: &str = "1.245.1";

/// Debian packages: (what shows the package is there: a path or a program on PATH, package,
/// needed). The font is optional: it only gives screenshots CJK glyphs instead of boxes.
const APT: &[(&str, &str, bool)] = &[
    ("/usr/bin/chromium", "chromium", true),
    ("/usr/bin/chromedriver", "chromium-driver", true),
    ("node", "nodejs", true),
    ("npm", "npm", true),
    ("/usr/share/fonts/opentype/noto", "fonts-noto-cjk", false),
];

/// The browser the test tiers drive (Debian's, so no download of a browser build).
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs what the tests need: system packages, the wasm target and wasm-bindgen.
pub fn for_tests(project: &Project) -> Result<()> {
    wasm_target(project)?;
    wasm_bindgen(project)?;
    system_packages(project, &[])
}

/// Installs the missing Debian packages of [`APT`] (those named in `only`, or all) when we are
/// root; fails if a needed one is still missing.
pub fn system_packages(project: &Project, only: &[&str]) -> Result<()> {
    let present = |what: &str| {
        Path::new(what).is_absolute() && Path::new(what).exists() || find_in_path(what).is_some()
    };
    let wanted = || {
        APT.iter()
            .filter(|(_, p, _)| only.is_empty() || only.contains(p))
    };
    let missing: Vec<_> = wanted().filter(|(what, _, _)| !present(what)).collect();
    let root = std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
    });
    if !missing.is_empty() && root && find_in_path("apt-get").is_some() {
        let apt = |a: &[&str]| {
            project.run(
                project
                    .cmd("apt-get", a)
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )
        };
        apt(&["update"])?;
        for (_, package, needed) in &missing {
            match apt(&["install", "-y", package]) {
                Err(e) if *needed => return Err(e),
                Err(e) => eprintln!("xtask: notice: optional package {package} not installed: {e}"),
                Ok(()) => {}
            }
        }
    }
    let still: Vec<&str> = wanted()
        .filter(|(w, _, n)| *n && !present(w))
        .map(|a| a.1)
        .collect();
    if !still.is_empty() {
        return Err(format!(
            "missing Debian packages: `apt-get install {}` (as root)",
            still.join(" ")
        ));
    }
    Ok(())
}

/// Adds the wasm32 target with rustup unless it is installed.
pub fn wasm_target(project: &Project) -> Result<()> {
    let Some(installed) = project.output(project.cmd("rustup", &["target", "list", "--installed"]))
    else {
        eprintln!("xtask: notice: no rustup; assuming the {WASM_TARGET} target is installed");
        return Ok(());
    };
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    project.run(&mut project.cmd("rustup", &["target", "add", WASM_TARGET]))
}

/// `.tools/bin/wasm-bindgen` at the pinned version (with its test runner), installed if needed.
pub fn wasm_bindgen(project: &Project) -> Result<PathBuf> {
    let bin = project.root.join(".tools/bin/wasm-bindgen");
    let version = || {
        project
            .output(project.cmd(&bin, &["--version"]))
            .unwrap_or_default()
    };
    let runner = project.root.join(".tools/bin/wasm-bindgen-test-runner");
    if runner.is_file() && version().trim().ends_with(WASM_BINDGEN_VERSION) {
        return Ok(bin);
    }
    eprintln!(
        "xtask: installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into .tools/ (minutes, once)"
    );
    project.run(
        project
            .cargo()
            .args([
                "install",
                "wasm-bindgen-cli",
                "--force",
                // Not --locked: its lockfile pins webpki-roots 1.0.11, which the registry here
                // does not serve; the newest compatible versions build.
                "--version",
            ])
            .arg(format!("={WASM_BINDGEN_VERSION}"))
            .arg("--root")
            .arg(project.root.join(".tools")),
    )?;
    match version() {
        v if v.trim().ends_with(WASM_BINDGEN_VERSION) => Ok(bin),
        v => Err(format!(
            "{} reports `{}`, expected {WASM_BINDGEN_VERSION}",
            bin.display(),
            v.trim()
        )),
    }
}

/// `.tools/bin/wasm-tools` at [`WASM_TOOLS_VERSION`], installed if needed.
pub fn wasm_tools(project: &Project) -> Result<PathBuf> {
    let bin = project.root.join(".tools/bin/wasm-tools");
    let version = || {
        project
            .output(project.cmd(&bin, &["--version"]))
            .unwrap_or_default()
    };
    if version().contains(WASM_TOOLS_VERSION) {
        return Ok(bin);
    }
    eprintln!("xtask: installing wasm-tools {WASM_TOOLS_VERSION} (validate only) into .tools/");
    project.run(
        project
            .cargo()
            .args(["install", "wasm-tools", "--force", "--locked"])
            .args([
                "--no-default-features",
                "--features",
                "validate",
                "--version",
            ])
            .arg(format!("={WASM_TOOLS_VERSION}"))
            .arg("--root")
            .arg(project.root.join(".tools")),
    )?;
    match version() {
        v if v.contains(WASM_TOOLS_VERSION) => Ok(bin),
        v => Err(format!(
            "{} reports `{}`, expected {WASM_TOOLS_VERSION}",
            bin.display(),
            v.trim()
        )),
    }
}

/// The script of binaryen's `wasm-opt` (run with `node`), installed from npm if needed.
pub fn wasm_opt(project: &Project) -> Result<PathBuf> {
    let dir = project.root.join(".tools/binaryen");
    let script = dir.join("node_modules/binaryen/bin/wasm-opt");
    let pin = format!("\"version\": \"{BINARYEN_VERSION}\"");
    let package =
        std::fs::read_to_string(dir.join("node_modules/binaryen/package.json")).unwrap_or_default();
    if !package.contains(&pin) {
        system_packages(project, &["nodejs", "npm"])?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        for file in ["package.json", "package-lock.json"] {
            let from = project.root.join("xtask/binaryen").join(file);
            std::fs::copy(&from, dir.join(file))
                .map_err(|e| format!("copying {}: {e}", from.display()))?;
        }
        eprintln!("xtask: installing binaryen {BINARYEN_VERSION} from npm into .tools/binaryen/");
        npm_ci(project, &dir)?;
    }
    Ok(script)
}

/// `npm ci` in `dir` (which must have a `package-lock.json`).
pub fn npm_ci(project: &Project, dir: &Path) -> Result<()> {
    if !dir.join("package-lock.json").is_file() {
        return Err(format!("{} has no package-lock.json", dir.display()));
    }
    project.run(
        project
            .cmd("npm", &["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constant and the committed npm pin must agree.
    #[test]
    fn binaryen_pin_matches_the_lockfile() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("binaryen");
        let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
        assert!(manifest.contains(&format!("\"binaryen\": \"{BINARYEN_VERSION}\"")));
        let lock = std::fs::read_to_string(dir.join("package-lock.json")).unwrap();
        assert!(lock.contains(&format!("\"version\": \"{BINARYEN_VERSION}\"")));
    }

    /// The CLI must speak the same protocol as the crate the lockfile resolves.
    #[test]
    fn wasm_bindgen_pin_matches_cargo_lock() {
        let lock =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"))
                .unwrap();
        let entry = format!("name = \"wasm-bindgen\"\nversion = \"{WASM_BINDGEN_VERSION}\"");
        assert!(
            lock.contains(&entry),
            "Cargo.lock resolves another wasm-bindgen than {WASM_BINDGEN_VERSION}"
        );
    }
}
