//! Black-box test of `cargo xtask dist` (issue 12): the real command packages the repository's
//! `www/` as it is (`--no-build`) into a temporary folder; the zip is then opened and checked
//! against its own manifest and against the source files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha384};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `dist --no-build --www <www> --out <out>`; panics with the command's output if it fails.
fn dist(www: &Path, out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["dist", "--no-build", "--www"])
        .arg(www)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "xtask dist failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn sri(data: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(data))
    )
}

/// The version of `name` in Cargo.lock (the only one, or the first).
fn locked(name: &str) -> String {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let at = lock.find(&format!("name = \"{name}\"\n")).unwrap();
    lock[at..]
        .lines()
        .nth(1)
        .unwrap()
        .split('"')
        .nth(1)
        .unwrap()
        .to_string()
}

#[test]
fn the_zip_holds_every_file_under_its_version_with_the_manifest_hashes() {
    let root = repo();
    let tmp = std::env::temp_dir().join(format!("mqci-dist-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    // A copy of www/ as it is. On a fresh clone (the native tier runs before the build) the
    // engines are not built yet: stand-ins take their place, for the packaging is what is tested.
    let www = tmp.join("www");
    copy_tree(&root.join("www"), &www);
    for engine in ["pkg/mqci_bg.wasm", "pkg/mqci.asm.js"] {
        if !www.join(engine).exists() {
            std::fs::create_dir_all(www.join("pkg")).unwrap();
            std::fs::write(www.join(engine), b"\0asm\x01\0\0\0").unwrap();
        }
    }
    let version = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .lines()
        .find(|l| l.starts_with("version"))
        .unwrap()
        .split('"')
        .nth(1)
        .unwrap()
        .to_string();
    let out = tmp.join("dist");
    dist(&www, &out);
    let zip_path = out.join(format!("mqci-{version}.zip"));
    let zip_bytes = std::fs::read(&zip_path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.clone())).unwrap();
    let base = format!("mqci/{version}/");

    let mut entries = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        assert!(name.starts_with(&base), "{name} is not under {base}");
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        entries.insert(name[base.len()..].to_string(), data);
    }

    let manifest: serde_json::Value = serde_json::from_slice(&entries["manifest.json"]).unwrap();
    assert_eq!(manifest["version"], version.as_str());
    let listed: Vec<&serde_json::Value> = manifest["files"].as_array().unwrap().iter().collect();
    // Every file but the manifest is listed once, with its size and hash.
    let mut paths: Vec<&str> = listed.iter().map(|f| f["path"].as_str().unwrap()).collect();
    paths.sort_unstable();
    let mut expected: Vec<&str> = entries
        .keys()
        .map(String::as_str)
        .filter(|p| *p != "manifest.json")
        .collect();
    expected.sort_unstable();
    assert_eq!(paths, expected);
    for f in &listed {
        let path = f["path"].as_str().unwrap();
        let data = &entries[path];
        assert_eq!(
            f["bytes"].as_u64().unwrap(),
            data.len() as u64,
            "{path}: size"
        );
        assert_eq!(
            f["integrity"].as_str().unwrap(),
            sri(data),
            "{path}: integrity"
        );
    }

    // The web files are the built www/ files, byte for byte; the guides and the engines are in.
    for must in [
        "mqci-widget.js",
        "embed.html",
        "embed.js",
        "app.js",
        "pkg/mqci_bg.wasm",
        "pkg/mqci.asm.js",
        "docs/EMBEDDING.zh-CN.md",
        "docs/EMBEDDING.md",
        "THIRD-PARTY.md",
        "snippets.html",
    ] {
        assert!(entries.contains_key(must), "{must} is missing from the zip");
    }
    for (path, data) in &entries {
        let source = www.join(path);
        if source.is_file() {
            assert_eq!(
                &std::fs::read(&source).unwrap(),
                data,
                "{path} differs from www/{path}"
            );
        }
    }
    assert!(!entries
        .keys()
        .any(|p| p.ends_with(".d.ts") || p.rsplit('/').next().unwrap().starts_with('.')));
    // The snippet's integrity is mqci-widget.js's hash, and its paths carry the version.
    let snippets = String::from_utf8(entries["snippets.html"].clone()).unwrap();
    assert!(snippets.contains(&sri(&entries["mqci-widget.js"])));
    assert!(snippets.contains(&format!("/mqci/{version}/mqci-widget.js")));

    // Third-party components come from Cargo.lock and vendor/README.md, with versions and licences.
    let third: Vec<(String, String, String)> = manifest["thirdParty"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().into(),
                c["version"].as_str().unwrap().into(),
                c["license"].as_str().unwrap().into(),
            )
        })
        .collect();
    let find = |n: &str| {
        third
            .iter()
            .find(|c| c.0 == n)
            .unwrap_or_else(|| panic!("{n} is not in the third-party list: {third:?}"))
    };
    assert_eq!(find("wasm-bindgen").1, locked("wasm-bindgen"));
    assert_eq!(find("serde").1, locked("serde"));
    assert_eq!(find("preact").2, "MIT");
    assert!(third.iter().all(|c| !c.2.is_empty() && !c.1.is_empty()));
    assert!(
        !third
            .iter()
            .any(|c| c.0 == "mqci" || c.0 == "xtask" || c.0 == "proptest"),
        "our own crates and dev-dependencies are not third-party components"
    );
    let list = String::from_utf8(entries["THIRD-PARTY.md"].clone()).unwrap();
    assert!(list.contains(&format!("| wasm-bindgen | {} |", locked("wasm-bindgen"))));

    // The unpacked tree equals the zip, and a second run gives the same zip, byte for byte.
    for (path, data) in &entries {
        assert_eq!(
            &std::fs::read(out.join("mqci").join(&version).join(path)).unwrap(),
            data,
            "{path}"
        );
    }
    dist(&www, &out);
    assert_eq!(
        std::fs::read(&zip_path).unwrap(),
        zip_bytes,
        "the same files give the same zip"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
