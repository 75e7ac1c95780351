//! `cargo xtask build`: the `mqci` crate → `www/pkg/` (JS glue, wasm, TypeScript types).
//!
//! Steps: make sure the tools are there, `cargo build` for wasm32, run
//! `wasm-bindgen --target web`, shrink with `wasm-opt -Oz` (release only, and
//! only if a binaryen that handles wasm-bindgen output is available, see
//! [`tools::find_wasm_opt`]), then print the size report.

use std::path::Path;

use crate::project::Project;
use crate::tools::{self, WasmOpt, WASM_TARGET};
use crate::{sizes, Result};

/// The wasm features current rustc emits for wasm32-unknown-unknown. The
/// release profile strips the `target_features` section, so binaryen cannot
/// detect them and must be told; a feature left out would be lowered away or
/// mis-encoded.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Features that only newer binaryen names; passed when `--help` lists them.
const WASM_OPT_NEWER_FEATURES: &[&str] = &[
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
];

/// Builds the widget into `www/pkg` (release: optimised) and prints its sizes.
pub fn build(project: &Project, release: bool) -> Result<()> {
    tools::ensure_wasm_target(project)?;
    let wasm_bindgen = tools::ensure_wasm_bindgen(project)?;
    let wasm_opt = if release {
        tools::find_wasm_opt(project)
    } else {
        None
    };

    let profile = if release { "release" } else { "debug" };
    let mut cargo = project.cargo();
    cargo.args([
        "build",
        "--target",
        WASM_TARGET,
        "--package",
        "mqci",
        "--lib",
    ]);
    if release {
        cargo.arg("--release");
    }
    project
        .run(&mut cargo)
        .map_err(|e| format!("compiling mqci to wasm: {e}"))?;

    let wasm = project
        .target_dir()
        .join(WASM_TARGET)
        .join(profile)
        .join("mqci.wasm");
    if !wasm.is_file() {
        return Err(format!(
            "cargo succeeded but {} is missing (is mqci's crate-type still cdylib?)",
            wasm.display()
        ));
    }

    let pkg = project.pkg();
    // wasm-bindgen only adds files: start empty so nothing stale is served or counted.
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("clearing {}: {e}", pkg.display()))?;
    }
    project.run(
        project
            .command(&wasm_bindgen)
            .args(["--target", "web", "--out-name", "mqci", "--out-dir"])
            .arg(&pkg)
            .arg(&wasm),
    )?;

    if let Some(wasm_opt) = &wasm_opt {
        optimise(project, wasm_opt, &pkg.join("mqci_bg.wasm"))?;
    }

    sizes::report(project)
}

fn optimise(project: &Project, wasm_opt: &WasmOpt, file: &Path) -> Result<()> {
    eprintln!("xtask: optimising with {}", wasm_opt.describe());
    let mut command = wasm_opt.command(project);
    // Flattening and re-looping before two size passes saves about 600 gzipped bytes over a
    // plain -Oz (measured on this crate); all of these passes preserve semantics.
    command
        .args(["--flatten", "--rereloop", "-Oz", "-Oz"])
        .args(WASM_OPT_FEATURES);
    for flag in WASM_OPT_NEWER_FEATURES {
        if wasm_opt.supports(flag) {
            command.arg(flag);
        }
    }
    command.arg("-o").arg(file).arg(file);
    project
        .run(&mut command)
        .map_err(|e| format!("optimising {}: {e}", file.display()))
}
