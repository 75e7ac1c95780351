//! `cargo xtask test`: installs what the tests need, then runs every tier.
//!
//! 1. setup: wasm target, wasm-bindgen at the pinned version, Chromium +
//!    ChromeDriver, Node.js + npm (installed when missing and we can);
//! 2. `native`: `cargo test --workspace --no-fail-fast`;
//! 3. `browser`: `cargo test --no-fail-fast --target wasm32-unknown-unknown --package mqci`,
//!    run by `wasm-bindgen-test-runner` in headless Chromium (`webdriver.json`);
//! 4. `build`: `cargo xtask build` (release) so `www/pkg` exists, then `budget`: the first
//!    result's gzipped total must stay within 80 KiB;
//! 5. `e2e`: `npm ci` in `tests/e2e`, then Node's test runner over
//!    `tests/e2e/**/*.test.mjs` against `www/` served on an ephemeral port
//!    (`MQCI_BASE_URL`), plus `tests/e2e/host/` on another (`MQCI_HOST_URL`).
//!
//! A failing tier does not stop the later independent ones; the end prints a
//! summary and the command fails naming every failed step.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::project::{find_in_path, Project};
use crate::tools::{self, Browser, WASM_TARGET};
use crate::{bundle, serve, Result};

/// Seconds wasm-bindgen-test-runner allows the browser tests.
const BROWSER_TEST_TIMEOUT: &str = "120";

/// Milliseconds Node's runner allows one end-to-end test before failing it.
const E2E_TEST_TIMEOUT_MS: u64 = 120_000;

/// Test counts read off a runner's output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

enum Outcome {
    Passed(Option<Counts>),
    Failed(String, Option<Counts>),
    Skipped(String),
}

struct Step {
    name: &'static str,
    outcome: Outcome,
    seconds: f64,
}

/// Runs every tier; `Err` names the steps that failed.
pub fn run_all(project: &Project) -> Result<()> {
    let mut steps: Vec<Step> = Vec::new();
    let mut timed = |name: &'static str, f: &mut dyn FnMut() -> Outcome| {
        banner(name);
        let start = Instant::now();
        let outcome = f();
        if let Outcome::Failed(why, _) = &outcome {
            eprintln!("xtask: step `{name}` failed: {why}");
        }
        steps.push(Step {
            name,
            outcome,
            seconds: start.elapsed().as_secs_f64(),
        });
    };

    // 1. Tools. Without them nothing else can run, so failures here are fatal.
    let mut browser: Option<Browser> = None;
    timed("setup", &mut || match setup(project) {
        Ok(found) => {
            browser = Some(found);
            Outcome::Passed(None)
        }
        Err(e) => Outcome::Failed(e, None),
    });
    let Some(browser) = browser else {
        return finish(&steps);
    };

    // 2. Native unit, integration and doc tests of every workspace member.
    timed("native", &mut || {
        tier(
            project,
            project
                .cargo()
                .args(["test", "--workspace", "--no-fail-fast"]),
        )
    });

    // 3. wasm-bindgen-test in headless Chromium (and Node for non-browser tests).
    timed("browser", &mut || {
        let webdriver_json = match webdriver_config(project, &browser) {
            Ok(path) => path,
            Err(e) => return Outcome::Failed(e, None),
        };
        let mut command = project.cargo();
        command
            .args([
                "test",
                "--no-fail-fast",
                "--target",
                WASM_TARGET,
                "--package",
                "mqci",
            ])
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", BROWSER_TEST_TIMEOUT)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json);
        tier(project, &mut command)
    });

    // 4. The release bundle the end-to-end tests load.
    let mut built = false;
    timed("build", &mut || match bundle::build(project, true) {
        Ok(()) => {
            built = true;
            Outcome::Passed(None)
        }
        Err(e) => Outcome::Failed(e, None),
    });

    // The size budget of the first result (bytes, not time: a real check, machine-independent).
    timed("budget", &mut || {
        if !built {
            return Outcome::Skipped("the build failed".to_string());
        }
        match crate::sizes::check_budget(&project.www()) {
            Ok(total) => {
                eprintln!(
                    "xtask: first result {total} bytes gzipped (budget {})",
                    crate::sizes::FIRST_RESULT_BUDGET
                );
                Outcome::Passed(None)
            }
            Err(e) => Outcome::Failed(e, None),
        }
    });

    // 5. The page in a real browser.
    timed("e2e", &mut || {
        if built {
            e2e(project, &browser)
        } else {
            Outcome::Skipped("the build failed".to_string())
        }
    });

    finish(&steps)
}

fn banner(name: &str) {
    eprintln!();
    eprintln!("==== xtask test: {name} ====");
}

fn setup(project: &Project) -> Result<Browser> {
    tools::ensure_wasm_target(project)?;
    tools::ensure_wasm_bindgen(project)?;
    let browser = tools::ensure_browser(project)?;
    tools::ensure_node(project)?;
    tools::ensure_cjk_font(project);
    eprintln!(
        "xtask: chromium {}, chromedriver {}",
        browser.chromium.display(),
        browser.chromedriver.display()
    );
    Ok(browser)
}

/// Runs a test command, echoing its output and reading the counts off it.
fn tier(project: &Project, command: &mut Command) -> Outcome {
    match project.run_tee(command) {
        Ok((status, output)) => {
            let counts = parse_counts(&output);
            if status.success() {
                Outcome::Passed(counts)
            } else {
                Outcome::Failed(format!("exited with {status}"), counts)
            }
        }
        Err(e) => Outcome::Failed(e, None),
    }
}

/// The committed `webdriver.json` names `/usr/bin/chromium`; when Chromium is
/// elsewhere, a copy pointing at the real binary is written under `target/`.
fn webdriver_config(project: &Project, browser: &Browser) -> Result<PathBuf> {
    let committed = project.root().join("webdriver.json");
    let text = std::fs::read_to_string(&committed)
        .map_err(|e| format!("reading {}: {e}", committed.display()))?;
    let default_binary = "/usr/bin/chromium";
    if browser.chromium == Path::new(default_binary) {
        return Ok(committed);
    }
    let actual = browser.chromium.to_string_lossy();
    let escaped = actual.replace('\\', "\\\\").replace('"', "\\\"");
    let adjusted = text.replace(&format!("\"{default_binary}\""), &format!("\"{escaped}\""));
    let dir = project.target_dir().join("xtask");
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let path = dir.join("webdriver.json");
    std::fs::write(&path, adjusted).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(path)
}

fn e2e(project: &Project, browser: &Browser) -> Outcome {
    match e2e_inner(project, browser) {
        Ok(outcome) => outcome,
        Err(e) => Outcome::Failed(e, None),
    }
}

fn e2e_inner(project: &Project, browser: &Browser) -> Result<Outcome> {
    let dir = project.root().join("tests").join("e2e");
    if !dir.join("package.json").is_file() {
        return Ok(Outcome::Skipped("no tests/e2e/package.json".to_string()));
    }
    let npm = find_in_path("npm").ok_or("npm is not on PATH")?;
    let mut install = project.command(&npm);
    if dir.join("package-lock.json").is_file() {
        install.arg("ci");
    } else {
        install.arg("install");
    }
    install.args(["--no-audit", "--no-fund"]).current_dir(&dir);
    project.run(&mut install)?;

    let tests = test_files(&dir)?;
    if tests.is_empty() {
        return Ok(Outcome::Skipped(
            "no tests/e2e/**/*.test.mjs files".to_string(),
        ));
    }

    let site = serve::serve(&project.www(), 0).map_err(|e| format!("serving www/: {e}"))?;
    let host_dir = dir.join("host");
    let host = if host_dir.is_dir() {
        Some(serve::serve(&host_dir, 0).map_err(|e| format!("serving tests/e2e/host/: {e}"))?)
    } else {
        None
    };
    eprintln!("xtask: www/ at {}", site.url());
    if let Some(host) = &host {
        eprintln!("xtask: tests/e2e/host/ at {}", host.url());
    }

    let node = find_in_path("node").ok_or("node is not on PATH")?;
    let node_version = project.output(project.command(&node).arg("--version"))?;
    let command_for = |files: &[PathBuf]| {
        let mut command = project.command(&node);
        command.arg("--test");
        if node_at_least(&node_version, 20, 10) {
            command.arg("--test-concurrency=1");
        }
        if node_at_least(&node_version, 20, 11) {
            command.arg(format!("--test-timeout={E2E_TEST_TIMEOUT_MS}"));
        }
        command
            .args(
                files
                    .iter()
                    .map(|f| f.strip_prefix(project.root()).unwrap_or(f)),
            )
            .env("MQCI_BASE_URL", site.url())
            .env("CHROME_PATH", &browser.chromium);
        if let Some(host) = &host {
            command.env("MQCI_HOST_URL", host.url());
        }
        command
    };

    // Node before 20.10 has no --test-concurrency: one file per run instead.
    let batches: Vec<Vec<PathBuf>> = if node_at_least(&node_version, 20, 10) {
        vec![tests]
    } else {
        tests.into_iter().map(|t| vec![t]).collect()
    };
    let mut total = Counts::default();
    let mut counted = false;
    let mut failure = None;
    for batch in batches {
        match tier(project, &mut command_for(&batch)) {
            Outcome::Passed(counts) => {
                if let Some(c) = counts {
                    total.add(c);
                    counted = true;
                }
            }
            Outcome::Failed(why, counts) => {
                if let Some(c) = counts {
                    total.add(c);
                    counted = true;
                }
                failure = Some(why);
            }
            Outcome::Skipped(why) => failure = Some(why),
        }
    }
    let counts = counted.then_some(total);
    Ok(match failure {
        Some(why) => Outcome::Failed(why, counts),
        None => Outcome::Passed(counts),
    })
}

/// `tests/e2e/**/*.test.mjs` (outside `node_modules`), sorted. Listing them
/// explicitly works the same on every Node version (directories and globs
/// as `--test` arguments changed meaning between 18, 20 and 22).
fn test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let name = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string()
    };
    crate::project::files_under(
        dir,
        |d| {
            let n = name(d);
            n != "node_modules" && !n.starts_with('.')
        },
        |f| name(f).ends_with(".test.mjs"),
    )
}

/// Whether `node --version` output is at least `major.minor`. Node has
/// `--test-concurrency` from 20.10 and `--test-timeout` from 20.11 on.
fn node_at_least(version: &str, want_major: u64, want_minor: u64) -> bool {
    let mut parts = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    (major, minor) >= (want_major, want_minor)
}

/// Sums the counts that cargo's harness / wasm-bindgen-test-runner
/// (`test result: ok. 3 passed; 0 failed; 1 ignored; ...`) and Node's test
/// runner (`# pass 3` in TAP, `ℹ pass 3` in the spec reporter) print.
/// `None` if no such line was seen.
pub fn parse_counts(output: &str) -> Option<Counts> {
    let mut total = Counts::default();
    let mut seen = false;
    for line in output.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            seen = true;
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(label), Some(number)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(n) = number.parse::<u64>() else {
                    continue;
                };
                match label {
                    "passed" => total.passed += n,
                    "failed" => total.failed += n,
                    "ignored" => total.skipped += n,
                    _ => {}
                }
            }
            continue;
        }
        let node_line = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ "));
        if let Some(rest) = node_line {
            let mut words = rest.split_whitespace();
            if let (Some(label), Some(number), None) = (words.next(), words.next(), words.next()) {
                if let Ok(n) = number.parse::<u64>() {
                    match label {
                        "pass" => total.passed += n,
                        "fail" | "cancelled" => total.failed += n,
                        "skipped" | "todo" => total.skipped += n,
                        _ => continue,
                    }
                    seen = true;
                }
            }
        }
    }
    seen.then_some(total)
}

fn finish(steps: &[Step]) -> Result<()> {
    println!();
    println!("xtask test summary:");
    let mut total = Counts::default();
    let mut failed = Vec::new();
    for step in steps {
        let (state, counts) = match &step.outcome {
            Outcome::Passed(counts) => ("ok".to_string(), *counts),
            Outcome::Failed(_, counts) => {
                failed.push(step.name);
                ("FAILED".to_string(), *counts)
            }
            Outcome::Skipped(why) => (format!("skipped ({why})"), None),
        };
        let counts_text = match counts {
            Some(c) => {
                total.add(c);
                format!(
                    "{} passed, {} failed, {} skipped",
                    c.passed, c.failed, c.skipped
                )
            }
            None => String::new(),
        };
        println!(
            "  {:<8} {:<8} {:>7.1}s  {}",
            step.name, state, step.seconds, counts_text
        );
    }
    println!(
        "tests: {} passed, {} failed, {} skipped",
        total.passed, total.failed, total.skipped
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed step(s): {}", failed.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_cargo_and_node_output() {
        let output = "\
running 2 tests
test result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s
test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
# tests 4
# pass 3
# fail 1
# cancelled 0
# skipped 0
# todo 1
ℹ pass 2
# Subtest: name with 5 words
";
        assert_eq!(
            parse_counts(output),
            Some(Counts {
                passed: 10,
                failed: 2,
                skipped: 2
            })
        );
        assert_eq!(parse_counts("nothing here\n"), None);
    }

    #[test]
    fn node_versions() {
        assert!(node_at_least("v20.20.2\n", 20, 10));
        assert!(node_at_least("v22.1.0", 20, 11));
        assert!(!node_at_least("v20.10.0", 20, 11));
        assert!(!node_at_least("v20.9.0", 20, 10));
        assert!(!node_at_least("v18.19.0", 20, 10));
    }
}
