//! `cargo xtask build`: the `mqci` crate → `www/pkg/`, as two engines:
//!
//! * `mqci.js` + `mqci_bg.wasm`: the full engine (default features);
//! * `mqci_first.js` + `mqci_first_bg.wasm`: the lean first-result engine
//!   (`--no-default-features`: `version()` and `assess(input)` only).
//!
//! Each is a `cargo build` for wasm32, `wasm-bindgen --target web`, and (release only)
//! `wasm-opt` with the same flags. Then the size of every file in `www/pkg/` is printed; what
//! the page really fetches before its first result is measured in the browser (the `budget`
//! step of `cargo xtask test`).

use crate::serve::gzip;
use crate::setup::{self, WASM_TARGET};
use crate::{Project, Result};

/// The engines: (output name, extra cargo arguments).
const ENGINES: &[(&str, &[&str])] = &[("mqci", &[]), ("mqci_first", &["--no-default-features"])];

/// Flattening and re-looping before two size passes saves about 600 gzipped bytes over a plain
/// `-Oz` (measured on this crate). The release profile strips the `target_features` section, so
/// binaryen must be told the features current rustc emits; one left out would be lowered away.
const WASM_OPT_FLAGS: &[&str] = &[
    "--flatten",
    "--rereloop",
    "-Oz",
    "-Oz",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds both engines into `www/pkg` (release: optimised) and prints their sizes.
pub fn build(project: &Project, release: bool) -> Result<()> {
    setup::wasm_target(project)?;
    let wasm_bindgen = setup::wasm_bindgen(project)?;
    let wasm_opt = if release {
        Some(setup::wasm_opt(project)?)
    } else {
        None
    };
    let pkg = project.www().join("pkg");
    // wasm-bindgen only adds files: start empty so nothing stale is served or counted.
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("clearing {}: {e}", pkg.display()))?;
    }
    let profile = if release { "release" } else { "debug" };
    let wasm = project
        .target_dir()
        .join(WASM_TARGET)
        .join(profile)
        .join("mqci.wasm");
    for (name, features) in ENGINES {
        let mut cargo = project.cargo();
        cargo
            .args(["build", "--lib", "-p", "mqci", "--target", WASM_TARGET])
            .args(*features);
        if release {
            cargo.arg("--release");
        }
        project
            .run(&mut cargo)
            .map_err(|e| format!("compiling the {name} engine: {e}"))?;
        project.run(
            project
                .command(&wasm_bindgen)
                .args(["--target", "web", "--out-name", name, "--out-dir"])
                .arg(&pkg)
                .arg(&wasm),
        )?;
        if let Some(script) = &wasm_opt {
            let file = pkg.join(format!("{name}_bg.wasm"));
            let mut command = project.command("node");
            command.arg(script).args(WASM_OPT_FLAGS);
            project.run(command.arg("-o").arg(&file).arg(&file))?;
        }
    }
    println!("{:<28} {:>9} {:>9}", "www/pkg/", "bytes", "gzip");
    for file in crate::files_under(&pkg)? {
        let data = std::fs::read(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!("{name:<28} {:>9} {:>9}", data.len(), gzip(&data).len());
    }
    Ok(())
}
