//! `cargo xtask bench`: benchmarks, not tests (they assert nothing about time).
//!
//! * Size: the first result's gzipped bytes as fetched by Chromium (the `budget` step's script).
//! * Speed: `tests/bench/first-result.mjs` times navigation start → first rendered index on cold
//!   loads, against a minimal static page served the same way, and prints medians and the ratio.
//! * Lighthouse (npm, pinned in `tests/bench/`): mobile performance score, median of 3 runs
//!   against the system Chromium (`CHROME_PATH`).
//! * Batch (issue 11): `tests/bench/batch.mjs` times 100,000 rows of CSV bytes → scored table
//!   with the batch module against PapaParse + plain-JS scoring in the same page and run (the
//!   ratio), then the batch page itself on 100,000 and 500,000 rows with the renderer's peak
//!   memory against 1 GiB.

use crate::serve::Server;
use crate::setup::{self, CHROMIUM};
use crate::{Project, Result};

/// Lighthouse runs whose median performance score is reported.
const LIGHTHOUSE_RUNS: &str = "3";

/// Builds, serves and runs the benchmarks.
pub fn bench(project: &Project) -> Result<()> {
    setup::system_packages(project, &["chromium", "nodejs", "npm"])?;
    crate::build::build(project, true)?;
    setup::npm_ci(project, &project.root.join("tests/e2e"))?;
    setup::npm_ci(project, &project.root.join("tests/bench"))?;
    if let Err(e) = crate::test::first_result_size(project) {
        eprintln!("xtask: {e} (over budget; benchmarking anyway)");
    }
    let site = Server::start(&project.www(), 0, false)?;
    let reference = Server::start(&project.root.join("tests/bench/ref"), 0, false)?;
    let script = |name: &str| {
        let mut command = project.cmd("node", &[&format!("tests/bench/{name}")]);
        command
            .env("MQCI_BASE_URL", site.url())
            .env("MQCI_REF_URL", reference.url());
        command
            .env("LIGHTHOUSE_RUNS", LIGHTHOUSE_RUNS)
            .env("CHROME_PATH", CHROMIUM);
        command
    };
    project.run(&mut script("first-result.mjs"))?;
    project.run(&mut script("batch.mjs"))?;
    // Lighthouse is a third-party tool driving a browser it did not launch itself: a failure of
    // it is reported, not fatal to the benchmark.
    if let Err(e) = project.run(&mut script("lighthouse.mjs")) {
        eprintln!("xtask: Lighthouse did not run: {e}");
    }
    Ok(())
}
