//! `cargo xtask dist [--no-build] [--www DIR] [--out DIR]`: the release package a webmaster
//! downloads (issue 12).
//!
//! Builds the release engines (unless `--no-build`), then writes `dist/mqci-<version>.zip` and
//! the same tree unpacked in `dist/mqci/<version>/`. Everything sits under `mqci/<version>/`, so
//! a host serves each version under its own path and caches never mix versions:
//!
//! * every runtime file of `www/` (not TypeScript declarations or dot files);
//! * `docs/`: the integrator guides (`EMBEDDING.zh-CN.md`, `EMBEDDING.md`) and the domain
//!   references they cite (`methodology.md`, `targets.md`);
//! * `THIRD-PARTY.md`: the third-party components in the shipped files, with versions and
//!   licences, derived from `cargo metadata` (the crates compiled into the shipped wasm/JS
//!   engines, for wasm32, from `Cargo.lock`) and `www/vendor/README.md` (vendored JS);
//! * `snippets.html`: both embeddings with this version's paths and `integrity` hash;
//! * `manifest.json`: name, version, and for every other file its path, size, gzipped size
//!   and Subresource Integrity hash (`sha384-…`), plus the third-party list.
//!
//! Entries carry a fixed date (1980-01-01), so the same files give the same zip.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use serde_json::{json, Value};
use sha2::{Digest, Sha384};

use crate::serve::gzip;
use crate::{Project, Result};

/// The guides and references shipped in `docs/`.
const DOCS: [&str; 4] = [
    "EMBEDDING.zh-CN.md",
    "EMBEDDING.md",
    "methodology.md",
    "targets.md",
];

/// The SRI value of `data`: `sha384-` + base64 of its SHA-384 digest.
pub fn integrity(data: &[u8]) -> String {
    let digest = Sha384::digest(data);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `cargo xtask dist` with its options.
pub fn dist_command(project: &Project, args: &[String]) -> Result<()> {
    let (mut build, mut www, mut out) = (true, project.www(), project.root.join("dist"));
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--www" => www = PathBuf::from(args.next().ok_or("`--www` needs a folder")?),
            "--out" => out = PathBuf::from(args.next().ok_or("`--out` needs a folder")?),
            other => return Err(format!("unknown option `{other}` for `dist`")),
        }
    }
    if build {
        crate::build::build(project, true)?;
    }
    let version = crate_version(&project.root)?;
    let zip = package(&project.root, &www, &out, &version)?;
    println!(
        "\nwrote {} and {}",
        zip.display(),
        out.join("mqci").join(&version).display()
    );
    Ok(())
}

/// The `version` of the root `Cargo.toml`'s `[package]`.
fn crate_version(root: &Path) -> Result<String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("reading Cargo.toml: {e}"))?;
    text.lines()
        .find(|l| l.trim_start().starts_with("version"))
        .and_then(|l| l.split('"').nth(1).map(str::to_string))
        .ok_or_else(|| "Cargo.toml has no package version".to_string())
}

/// One third-party component of the shipped files.
struct Component {
    name: String,
    version: String,
    license: String,
    source: String,
    /// How it is part of the package.
    role: &'static str,
}

/// Writes the package for `version` from `www` into `out`; returns the zip's path.
pub fn package(root: &Path, www: &Path, out: &Path, version: &str) -> Result<PathBuf> {
    // (path under mqci/<version>/, bytes)
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for file in crate::files_under(www)? {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".d.ts") || name.starts_with('.') {
            continue;
        }
        let rel = file
            .strip_prefix(www)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        files.push((rel, read(&file)?));
    }
    if !files.iter().any(|(p, _)| p == "mqci-widget.js") {
        return Err(format!(
            "{} has no mqci-widget.js: not the widget's folder",
            www.display()
        ));
    }
    for doc in DOCS {
        files.push((format!("docs/{doc}"), read(&root.join("docs").join(doc))?));
    }

    let components = third_party(root, www, &files)?;
    files.push((
        "THIRD-PARTY.md".into(),
        third_party_text(&components, version).into_bytes(),
    ));
    let widget_sri = files
        .iter()
        .find(|(p, _)| p == "mqci-widget.js")
        .map(|(_, d)| integrity(d))
        .unwrap_or_default();
    files.push((
        "snippets.html".into(),
        snippets(version, &widget_sri).into_bytes(),
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));

    let manifest = json!({
        "name": "mqci",
        "version": version,
        "base": format!("mqci/{version}/"),
        "files": files.iter().map(|(path, data)| json!({
            "path": path,
            "bytes": data.len(),
            "gzipBytes": gzip(data).len(),
            "integrity": integrity(data),
        })).collect::<Vec<_>>(),
        "thirdParty": components.iter().map(|c| json!({
            "name": c.name, "version": c.version, "license": c.license, "source": c.source, "role": c.role,
        })).collect::<Vec<_>>(),
    });
    let manifest = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    files.push(("manifest.json".into(), manifest.into_bytes()));

    // The unpacked tree and the zip, both replaced as a whole.
    let base = out.join("mqci").join(version);
    let zip_path = out.join(format!("mqci-{version}.zip"));
    if base.exists() {
        std::fs::remove_dir_all(&base).map_err(|e| format!("removing {}: {e}", base.display()))?;
    }
    for (path, data) in &files {
        let target = base.join(path);
        std::fs::create_dir_all(target.parent().unwrap_or(&base))
            .and_then(|()| std::fs::write(&target, data))
            .map_err(|e| format!("writing {}: {e}", target.display()))?;
    }
    let file = std::fs::File::create(&zip_path)
        .map_err(|e| format!("writing {}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (path, data) in &files {
        zip.start_file(format!("mqci/{version}/{path}"), options)
            .and_then(|()| zip.write_all(data).map_err(Into::into))
            .map_err(|e| format!("zipping {path}: {e}"))?;
    }
    zip.finish()
        .map_err(|e| format!("writing {}: {e}", zip_path.display()))?;

    println!(
        "{:<40} {:>10}  integrity",
        format!("mqci/{version}/"),
        "bytes"
    );
    for (path, data) in &files {
        println!("{path:<40} {:>10}  {}", data.len(), integrity(data));
    }
    Ok(zip_path)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

/// The third-party components of the shipped files: the crates compiled into each shipped
/// engine (workspace members whose `<name>_bg.wasm` or `<name>.asm.js` is shipped, followed
/// through their normal dependencies for wasm32, as `Cargo.lock` resolves them), then the
/// vendored JS listed in `www/vendor/README.md`.
fn third_party(root: &Path, www: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<Component>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--filter-platform",
            "wasm32-unknown-unknown",
        ])
        .output()
        .map_err(|e| format!("running cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let meta: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let mut components = crates(&meta, |name| {
        let stem = name.replace('-', "_");
        let shipped = |suffix: &str| {
            files.iter().any(|(p, _)| {
                let file = p.rsplit('/').next().unwrap_or(p);
                file == format!("{stem}{suffix}")
                    || file.starts_with(&format!("{stem}_")) && file.ends_with(suffix)
            })
        };
        shipped("_bg.wasm") || shipped(".asm.js")
    })?;
    let vendor = www.join("vendor/README.md");
    if vendor.exists() {
        let text = std::fs::read_to_string(&vendor)
            .map_err(|e| format!("reading {}: {e}", vendor.display()))?;
        components.extend(vendored(&text));
    }
    Ok(components)
}

/// The crates reached from the workspace members `shipped(name)` selects, through normal
/// dependencies (not dev or build), sorted by name; the members themselves are not listed. A
/// proc-macro crate and what only it reaches run at build time and are listed as such.
fn crates<'a>(meta: &'a Value, shipped: impl Fn(&str) -> bool) -> Result<Vec<Component>> {
    let packages = meta["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?;
    let package = |id: &str| packages.iter().find(|p| p["id"] == id);
    let is_proc_macro = |id: &str| {
        package(id).is_some_and(|p| {
            p["targets"].as_array().into_iter().flatten().any(|t| {
                t["kind"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|k| k == "proc-macro")
            })
        })
    };
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .ok_or("cargo metadata: no workspace members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let nodes = meta["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata: no resolve graph")?;
    let deps = |id: &str| -> Result<Vec<&'a str>> {
        let node = nodes
            .iter()
            .find(|n| n["id"] == id)
            .ok_or_else(|| format!("cargo metadata: no node {id}"))?;
        Ok(node["deps"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|k| k["kind"].is_null())
            })
            .filter_map(|d| d["pkg"].as_str())
            .collect())
    };
    let roots: Vec<&str> = members
        .iter()
        .copied()
        .filter(|id| {
            package(id)
                .and_then(|p| p["name"].as_str())
                .is_some_and(&shipped)
        })
        .collect();
    if roots.is_empty() {
        return Err(
            "no shipped engine (no <crate>_bg.wasm or .asm.js among the files): build first".into(),
        );
    }
    let reached = reach(roots, true, &deps, &is_proc_macro)?;
    let macros: Vec<&str> = reached
        .iter()
        .copied()
        .filter(|id| is_proc_macro(id))
        .collect();
    let compiled: Vec<&str> = reached
        .into_iter()
        .filter(|id| !is_proc_macro(id))
        .collect();
    let build_time = reach(macros, false, &deps, &is_proc_macro)?;
    let mut out: Vec<Component> = compiled
        .iter()
        .map(|id| (*id, true))
        .chain(
            build_time
                .iter()
                .filter(|id| !compiled.contains(id))
                .map(|id| (*id, false)),
        )
        .filter(|(id, _)| !members.contains(id))
        .filter_map(|(id, shipped)| Some((package(id)?, shipped)))
        .map(|(p, shipped)| {
            let text = |k: &str| p[k].as_str().unwrap_or("").to_string();
            Component {
                name: text("name"),
                version: text("version"),
                license: if text("license").is_empty() {
                    "(see the crate)".into()
                } else {
                    text("license")
                },
                source: if text("repository").is_empty() {
                    format!("https://crates.io/crates/{}", text("name"))
                } else {
                    text("repository")
                },
                role: if shipped {
                    "Rust crate compiled into the engines (pkg/)"
                } else {
                    "Rust crate used at build time only (code generation); not in the shipped files"
                },
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    Ok(out)
}

/// Everything reachable from `start` through `deps`; proc-macro crates are collected but not
/// entered when `stop`.
fn reach<'a>(
    start: Vec<&'a str>,
    stop: bool,
    deps: &dyn Fn(&str) -> Result<Vec<&'a str>>,
    is_proc_macro: &dyn Fn(&str) -> bool,
) -> Result<Vec<&'a str>> {
    let (mut todo, mut seen) = (start, Vec::new());
    while let Some(id) = todo.pop() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        if !(stop && is_proc_macro(id)) {
            todo.extend(deps(id)?);
        }
    }
    Ok(seen)
}

/// The rows of the table in `www/vendor/README.md`:
/// `| file | [package](url) … | version | licence (file) | why |`.
fn vendored(readme: &str) -> Vec<Component> {
    readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let (file, package, version, licence) =
                (cells.first()?, cells.get(1)?, cells.get(2)?, cells.get(3)?);
            let name = package.split('[').nth(1)?.split(']').next()?.to_string();
            let source = package
                .split("](")
                .nth(1)
                .and_then(|s| s.split(')').next())
                .unwrap_or("")
                .to_string();
            let licence = licence.split(" (").next().unwrap_or(licence).to_string();
            let _ = file;
            Some(Component {
                name,
                version: version.to_string(),
                license: licence,
                source,
                role: "JavaScript, vendored unchanged in vendor/",
            })
        })
        .collect()
}

fn third_party_text(components: &[Component], version: &str) -> String {
    let mut text = format!(
        "# mqci {version}: third-party components / 第三方组件\n\n\
         Generated by `cargo xtask dist` from `cargo metadata` (Cargo.lock, wasm32) and \
         `vendor/README.md`. mqci itself: MIT OR Apache-2.0.\n\
         由 `cargo xtask dist` 根据 Cargo.lock 与 vendor/README.md 自动生成。\n\n\
         | name | version | licence | source | role |\n|---|---|---|---|---|\n"
    );
    for c in components {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            c.name, c.version, c.license, c.source, c.role
        ));
    }
    text
}

fn snippets(version: &str, widget_sri: &str) -> String {
    format!(
        "<!-- mqci {version}: copy the folder mqci/{version}/ of the zip to /mqci/{version}/ on your server. -->\n\
         <!-- 一、自定义元素 (custom element) -->\n\
         <script type=\"module\" src=\"/mqci/{version}/mqci-widget.js\" integrity=\"{widget_sri}\" crossorigin=\"anonymous\"></script>\n\
         <mqci-widget lang=\"zh-CN\" profile=\"chengdu-2027\"></mqci-widget>\n\n\
         <!-- 二、iframe -->\n\
         <iframe src=\"/mqci/{version}/embed.html?lang=zh-CN&amp;profile=chengdu-2027&amp;origins=https://www.example.gov.cn\" title=\"制造业质量竞争力指数自评\" width=\"100%\" height=\"900\" class=\"mqci-frame\"></iframe>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri_of_a_known_value() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        let expected = "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn";
        assert_eq!(integrity(b"abc"), expected);
    }

    #[test]
    fn vendored_rows_are_read_from_the_table() {
        let readme = "| file | package | version | licence | why |\n|---|---|---|---|---|\n\
                      | `preact.module.js` | [preact](https://www.npmjs.com/package/preact) `dist/preact.module.js` | 10.29.8 | MIT (`preact.LICENSE`) | why |\n";
        let rows = vendored(readme);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (
                rows[0].name.as_str(),
                rows[0].version.as_str(),
                rows[0].license.as_str()
            ),
            ("preact", "10.29.8", "MIT")
        );
        assert_eq!(rows[0].source, "https://www.npmjs.com/package/preact");
    }
}
