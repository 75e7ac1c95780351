//! `cargo xtask bench`: speed and size, each against a reference measured in the same run.
//!
//! * Size: the build's report (raw and gzipped bytes per file, first-result total against the
//!   80 KiB budget).
//! * Speed: `tests/bench/first-result.mjs` loads the page cold in headless Chromium and times
//!   navigation start → first rendered index, against a minimal static page served by the same
//!   server with the same CSP. Prints medians and the ratio; asserts nothing (tests never
//!   assert wall-clock times).

use crate::project::{find_in_path, Project};
use crate::{serve, tools, Result};

/// Builds, serves and runs the benchmarks.
pub fn bench(project: &Project) -> Result<()> {
    crate::bundle::build(project, true)?;
    let browser = tools::ensure_browser(project)?;
    tools::ensure_node(project)?;
    let e2e = project.root().join("tests").join("e2e");
    let npm = find_in_path("npm").ok_or("npm is not on PATH")?;
    project.run(
        project
            .command(&npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e),
    )?;
    let site = serve::serve(&project.www(), 0).map_err(|e| format!("serving www/: {e}"))?;
    let reference_dir = project.root().join("tests").join("bench").join("ref");
    let reference =
        serve::serve(&reference_dir, 0).map_err(|e| format!("serving tests/bench/ref/: {e}"))?;
    let node = find_in_path("node").ok_or("node is not on PATH")?;
    let mut command = project.command(&node);
    command
        .arg(
            project
                .root()
                .join("tests")
                .join("bench")
                .join("first-result.mjs"),
        )
        .env("MQCI_BASE_URL", site.url())
        .env("MQCI_REF_URL", reference.url())
        .env("CHROME_PATH", &browser.chromium);
    project.run(&mut command)
}
