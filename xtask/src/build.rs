//! `cargo xtask build`: the `mqci` crate → `www/pkg/`, as two engines:
//!
//! * `mqci.js` + `mqci_bg.wasm`: the full engine (default features);
//! * `mqci_first.js` + `mqci_first_bg.wasm`: the lean first-result engine
//!   (`--no-default-features`: `version()` and `assess(input)` only).
//!
//! Each is a `cargo build` for wasm32 with [`RUSTFLAGS`] (the Chromium 80 floor, below) and
//! [`ENGINE_INLINE`],
//! `wasm-bindgen --target web`, (release only) `wasm-opt` with [`WASM_OPT_FLAGS`], and a copy of
//! the same engine in plain JavaScript for browsers that refuse WebAssembly:
//! `<name>.asm.js` (binaryen's `wasm2js` of the final `<name>_bg.wasm`) with `<name>_bg.js`
//! (wasm-bindgen's `--target bundler` glue, which takes the module's exports from the caller).
//! Then the batch module of issue 11 ([`build_batch`]: `mqci_batch.js` + `mqci_batch_bg.wasm`
//! from the `mqci-batch` crate, same floor, its own Cargo profile [`BATCH_PROFILE`] and
//! [`BATCH_WASM_OPT_FLAGS`]; loaded only by `batch.html` and the region table's XLSX export).
//! Then the size of every file in `www/pkg/` is printed; what the page really fetches before its
//! first result is measured in the browser (the `budget` step of `cargo xtask test`).
//!
//! # The floor: Chromium 80
//! The shipped modules use WebAssembly 1.0 plus only [`FEATURES`] (all in Chromium 80). Rust
//! ≥ 1.82 turns on reference-types and multivalue for wasm32 by default, and Chromium < 96
//! rejects the first, < 85 the second. So:
//! * our crates are compiled with `-Ctarget-cpu=mvp` and the allowed features added back;
//! * the prebuilt standard library still says `+reference-types` in its `target_features`
//!   section, and wasm-bindgen then switches to an externref table that the MVP-compiled
//!   wasm-bindgen runtime does not have (wasm-bindgen#4716); the section is removed before
//!   wasm-bindgen runs ([`strip_target_features`]), which keeps wasm-bindgen on its JS heap;
//! * the standard library's `call_indirect`s carry a 5-byte table index (valid only with
//!   reference types); `wasm-opt`, told exactly [`FEATURES`], re-encodes them as MVP bytes;
//! * `cargo xtask test` validates the shipped modules against exactly that feature set with
//!   `wasm-tools validate` (the `floor` step).
//!
//! `nontrapping-fptoint` (also in Chromium 80) is left out on purpose: `wasm2js` cannot lower its
//! 64-bit forms, and rustc's own saturating code for `as` casts keeps both engines identical.

use std::path::{Path, PathBuf};

use crate::serve::gzip;
use crate::setup::{self, WASM_TARGET};
use crate::{Project, Result};

/// The WebAssembly features the shipped modules may use beyond 1.0, as binaryen names them.
/// All run in Chromium 80.
pub const FEATURES: &[&str] = &[
    "mutable-globals",
    "sign-ext",
    "bulk-memory",
    "bulk-memory-opt",
];

/// The same set as `wasm-tools validate --features` names it: the group `wasm1` (WebAssembly 1.0
/// with mutable globals; it resets the default of "everything at phase 4") plus the rest.
pub const WASM_TOOLS_FEATURES: &str = "wasm1,sign-extension,bulk-memory,bulk-memory-opt";

/// rustc flags of the shipped modules: WebAssembly 1.0 plus the features above.
const RUSTFLAGS: &[&str] = &[
    "-Ctarget-cpu=mvp",
    "-Ctarget-feature=+mutable-globals,+sign-ext,+bulk-memory",
];

/// Added for the two engines (`opt-level = "z"`, which inlines almost nothing): LLVM may inline
/// small functions (`Vec::push`, the allocator, the tape's field writes, lookups). Measured on
/// the lean engine in issue 8 (interleaved A/B in Chromium): an `assess` call 0.535× as long
/// for +1.45 KB gzipped; thresholds 30, 50, 150, 300 gave 0.66×/+0.6 KB, 0.58×/+1.5 KB,
/// 0.54×/+1.5 KB, 0.50×/+3.6 KB; `opt-level = "s"` 0.56×/+3.3 KB. Not for the batch module
/// (opt-level 3 inlines more than this by default).
const ENGINE_INLINE: &str = "-Cllvm-args=-inline-threshold=100";

/// The engines: (output name, extra cargo arguments).
const ENGINES: &[(&str, &[&str])] = &[("mqci", &[]), ("mqci_first", &["--no-default-features"])];

/// Flattening and re-looping before two size passes saves about 600 gzipped bytes over a plain
/// `-Oz` (measured on this crate). The features follow (`--mvp-features` then [`FEATURES`]).
const WASM_OPT_FLAGS: &[&str] = &["--flatten", "--rereloop", "-Oz", "-Oz"];

/// The batch module's release profile (`[profile.batch]` in the root `Cargo.toml`): the
/// workspace's release profile tuned for speed, not size, for that module and its dependencies
/// only (the engines keep `opt-level = "z"`).
pub const BATCH_PROFILE: &str = "batch";

/// wasm-opt for the batch module: speed passes (it scores and writes 100,000s of rows; the size
/// passes of the engines cost it time). The features follow as for the engines.
const BATCH_WASM_OPT_FLAGS: &[&str] = &["-O3"];

/// `--mvp-features --enable-<f>` for each of [`FEATURES`]: binaryen may use nothing else.
fn feature_flags() -> Vec<String> {
    std::iter::once("--mvp-features".to_string())
        .chain(FEATURES.iter().map(|f| format!("--enable-{f}")))
        .collect()
}

/// Builds both engines into `www/pkg` (release: optimised) and prints their sizes.
pub fn build(project: &Project, release: bool) -> Result<()> {
    setup::wasm_target(project)?;
    let wasm_bindgen = setup::wasm_bindgen(project)?;
    let binaryen = Binaryen::locate(setup::wasm_opt(project)?);
    let pkg = project.www().join("pkg");
    // wasm-bindgen only adds files: start empty so nothing stale is served or counted.
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("clearing {}: {e}", pkg.display()))?;
    }
    let profile = if release { "release" } else { "debug" };
    // Its own target folder: other RUSTFLAGS (the browser tests') would rebuild everything
    // each time they alternate.
    let target = floor_target_dir(project);
    let wasm = target.join(WASM_TARGET).join(profile).join("mqci.wasm");
    let stripped = target
        .join(WASM_TARGET)
        .join(profile)
        .join("mqci.floor.wasm");
    let bundler = target.join("bundler");
    for (name, features) in ENGINES {
        let mut cargo = project.cargo();
        cargo
            .args(["build", "--lib", "-p", "mqci", "--target", WASM_TARGET])
            .arg("--target-dir")
            .arg(&target)
            .args(*features)
            // Applies to the wasm32 artifacts only (not build scripts) and beats RUSTFLAGS.
            .env(
                "CARGO_ENCODED_RUSTFLAGS",
                [RUSTFLAGS, &[ENGINE_INLINE]].concat().join("\x1f"),
            )
            .env_remove("RUSTFLAGS");
        if release {
            cargo.arg("--release");
        }
        project
            .run(&mut cargo)
            .map_err(|e| format!("compiling the {name} engine: {e}"))?;
        let raw = std::fs::read(&wasm).map_err(|e| format!("reading {}: {e}", wasm.display()))?;
        std::fs::write(&stripped, strip_target_features(&raw)?)
            .map_err(|e| format!("writing {}: {e}", stripped.display()))?;
        let bindgen = |kind: &str, out: &Path| {
            project.run(
                project
                    .command(&wasm_bindgen)
                    .args(["--target", kind, "--out-name", name, "--out-dir"])
                    .arg(out)
                    .arg(&stripped),
            )
        };
        bindgen("web", &pkg)?;
        // The same module with glue that takes its exports from the caller: for the JS engine.
        bindgen("bundler", &bundler)?;
        let glue = format!("{name}_bg.js");
        std::fs::copy(bundler.join(&glue), pkg.join(&glue))
            .map_err(|e| format!("copying {glue}: {e}"))?;
        let file = pkg.join(format!("{name}_bg.wasm"));
        if release {
            let mut command = project.command("node");
            command
                .arg(&binaryen.wasm_opt)
                .args(WASM_OPT_FLAGS)
                .args(feature_flags());
            project.run(command.arg("-o").arg(&file).arg(&file))?;
        }
        wasm_to_js(
            project,
            &binaryen,
            &file,
            &pkg.join(format!("{name}.asm.js")),
            release,
        )?;
    }
    build_batch(project, &wasm_bindgen, &binaryen, &target, &pkg, release)?;
    println!("{:<28} {:>9} {:>9}", "www/pkg/", "bytes", "gzip");
    for file in crate::files_under(&pkg)? {
        let data = std::fs::read(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!("{name:<28} {:>9} {:>9}", data.len(), gzip(&data).len());
    }
    Ok(())
}

/// The batch module (issue 11): the `mqci-batch` crate for wasm32 on the same floor (same
/// RUSTFLAGS, target folder, stripped `target_features`, wasm-opt feature set), with
/// `wasm-bindgen --target web` only: its page needs WebAssembly (no wasm2js copy; a 1.6 MB
/// module as JavaScript would be slower than the PapaParse path it replaces).
fn build_batch(
    project: &Project,
    wasm_bindgen: &Path,
    binaryen: &Binaryen,
    target: &Path,
    pkg: &Path,
    release: bool,
) -> Result<()> {
    let name = "mqci_batch";
    let profile = if release { BATCH_PROFILE } else { "dev" };
    let mut cargo = project.cargo();
    cargo
        .args([
            "build",
            "--lib",
            "-p",
            "mqci-batch",
            "--target",
            WASM_TARGET,
        ])
        .args(["--profile", profile])
        .arg("--target-dir")
        .arg(target)
        .env("CARGO_ENCODED_RUSTFLAGS", RUSTFLAGS.join("\x1f"))
        .env_remove("RUSTFLAGS");
    project
        .run(&mut cargo)
        .map_err(|e| format!("compiling the batch module: {e}"))?;
    let dir = target
        .join(WASM_TARGET)
        .join(if release { BATCH_PROFILE } else { "debug" });
    let wasm = dir.join(format!("{name}.wasm"));
    let stripped = dir.join(format!("{name}.floor.wasm"));
    let raw = std::fs::read(&wasm).map_err(|e| format!("reading {}: {e}", wasm.display()))?;
    std::fs::write(&stripped, strip_target_features(&raw)?)
        .map_err(|e| format!("writing {}: {e}", stripped.display()))?;
    project.run(
        project
            .command(wasm_bindgen)
            .args(["--target", "web", "--out-name", name, "--out-dir"])
            .arg(pkg)
            .arg(&stripped),
    )?;
    let file = pkg.join(format!("{name}_bg.wasm"));
    // Even the dev build goes through wasm-opt: it re-encodes the standard library's
    // `call_indirect`s as MVP bytes (see the module docs); without it the floor check fails.
    let mut command = project.command("node");
    command.arg(&binaryen.wasm_opt);
    if release {
        command.args(BATCH_WASM_OPT_FLAGS);
    } else {
        command.arg("-O0");
    }
    project.run(
        command
            .args(feature_flags())
            .arg("-o")
            .arg(&file)
            .arg(&file),
    )
}

/// The target folder of the shipped engines (their own RUSTFLAGS).
pub fn floor_target_dir(project: &Project) -> PathBuf {
    project.target_dir().join("floor")
}

/// The scripts of binaryen's npm package that the build runs with `node`.
struct Binaryen {
    wasm_opt: PathBuf,
    wasm2js: PathBuf,
}

impl Binaryen {
    fn locate(wasm_opt: PathBuf) -> Binaryen {
        let wasm2js = wasm_opt.with_file_name("wasm2js");
        Binaryen { wasm_opt, wasm2js }
    }
}

/// In wasm2js's `memory.grow` the old `ArrayBuffer` stays usable, unlike a real
/// `WebAssembly.Memory`, whose grow detaches it. wasm-bindgen's glue renews its cached views only
/// when the old buffer is detached (`byteLength === 0`), so without this a grow would leave the
/// glue reading stale memory. The patch detaches the old buffer the way browsers can since
/// Chromium 4x (transferring it through a `MessageChannel`), `structuredClone` where it exists.
const GROW_FROM: &str = "   buffer = newBuffer;\n";
const GROW_TO: &str = "   var oldBuffer = buffer;\n   buffer = newBuffer;\n   \
    if (typeof structuredClone === 'function') structuredClone(oldBuffer, { transfer: [oldBuffer] }); \
    else { var channel = new MessageChannel(); channel.port1.postMessage(0, [oldBuffer]); \
    channel.port1.close(); channel.port2.close(); }\n";

/// `wasm` → `out`, the same engine as plain JavaScript (an ES module importing the glue).
fn wasm_to_js(
    project: &Project,
    binaryen: &Binaryen,
    wasm: &Path,
    out: &Path,
    release: bool,
) -> Result<()> {
    let mut command = project.command("node");
    command.arg(&binaryen.wasm2js).arg(wasm);
    if release {
        command.arg("-Oz");
    }
    project.run(
        command
            .args(FEATURES.iter().map(|f| format!("--enable-{f}")))
            .arg("-o")
            .arg(out),
    )?;
    let text =
        std::fs::read_to_string(out).map_err(|e| format!("reading {}: {e}", out.display()))?;
    if text.matches(GROW_FROM).count() != 1 {
        return Err(format!(
            "{}: wasm2js's memory.grow changed (expected one `{}`); update GROW_FROM",
            out.display(),
            GROW_FROM.trim()
        ));
    }
    std::fs::write(out, text.replace(GROW_FROM, GROW_TO))
        .map_err(|e| format!("writing {}: {e}", out.display()))
}

/// `module` without its `target_features` custom section (see the module docs: the standard
/// library's `+reference-types` there would switch wasm-bindgen to externref). Every other
/// section is copied byte for byte.
pub fn strip_target_features(module: &[u8]) -> Result<Vec<u8>> {
    fn leb(bytes: &[u8], at: &mut usize) -> Result<usize> {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = *bytes.get(*at).ok_or("truncated wasm module")?;
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 28 {
                return Err("bad LEB128 in wasm module".into());
            }
        }
    }
    if module.get(..4) != Some(b"\0asm") || module.len() < 8 {
        return Err("not a wasm module".into());
    }
    let mut out = module[..8].to_vec();
    let mut at = 8;
    while at < module.len() {
        let start = at;
        let id = module[at];
        at += 1;
        let size = leb(module, &mut at)?;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= module.len())
            .ok_or("truncated wasm module")?;
        if id == 0 {
            let mut name_at = at;
            let len = leb(module, &mut name_at)?;
            if module.get(name_at..name_at + len) == Some(b"target_features") {
                at = end;
                continue;
            }
        }
        out.extend_from_slice(&module[start..end]);
        at = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::strip_target_features;

    fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
        let mut body = vec![name.len() as u8];
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(payload);
        let mut section = vec![0, body.len() as u8];
        section.extend(body);
        section
    }

    /// Only the `target_features` section goes; the rest is byte-identical and in order.
    #[test]
    fn strips_only_target_features() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = vec![1u8, 4, 1, 0x60, 0, 0];
        let producers = custom("producers", b"\x00");
        let features = custom("target_features", b"\x01+\x0freference-types");
        let module = [header.clone(), types.clone(), features, producers.clone()].concat();
        let stripped = strip_target_features(&module).unwrap();
        assert_eq!(stripped, [header, types, producers].concat());
        assert!(strip_target_features(b"\0asm\x01\0\0\0\x01\x09").is_err());
        assert!(strip_target_features(b"not wasm").is_err());
    }
}
