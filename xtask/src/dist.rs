//! `cargo xtask dist`: the folder a host copies to its server.
//!
//! Builds the release widget, then copies every runtime file of `www/` (everything but
//! TypeScript declarations) to `dist/mqci/`, and writes `dist/manifest.json` with each file's
//! size, gzipped size and Subresource Integrity hash (`sha384-…`), plus `dist/snippets.html`
//! with copy-paste embedding snippets that carry the hashes of this build. No Rust toolchain
//! is needed on the host's side: the folder is plain static files.

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::serve::gzip;
use crate::{Project, Result};

/// One file of the distribution.
struct Entry {
    path: String,
    bytes: u64,
    gzip: u64,
    integrity: String,
}

/// The SRI value of `data`: `sha384-` + base64 of its SHA-384 digest.
pub fn integrity(data: &[u8]) -> String {
    let digest = Sha384::digest(data);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Builds, copies and writes the manifest.
pub fn dist(project: &Project) -> Result<()> {
    crate::build::build(project, true)?;
    let www = project.www();
    let out_root = project.root.join("dist");
    let out = out_root.join("mqci");
    if out_root.exists() {
        std::fs::remove_dir_all(&out_root)
            .map_err(|e| format!("removing {}: {e}", out_root.display()))?;
    }
    let mut entries = Vec::new();
    for file in crate::files_under(&www)? {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".d.ts") || name.starts_with('.') {
            continue;
        }
        let rel = file
            .strip_prefix(&www)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .to_string_lossy()
            .replace('\\', "/");
        let data = std::fs::read(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        let target = out.join(&rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, &data).map_err(|e| format!("writing {}: {e}", target.display()))?;
        entries.push(Entry {
            path: rel,
            bytes: data.len() as u64,
            gzip: gzip(&data).len() as u64,
            integrity: integrity(&data),
        });
    }
    let version = std::fs::read_to_string(project.root.join("Cargo.toml"))
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("version"))
                .and_then(|l| l.split('"').nth(1).map(str::to_string))
        })
        .unwrap_or_default();
    let mut manifest = format!(
        "{{\n  \"name\": \"mqci\",\n  \"version\": {},\n  \"files\": [\n",
        json_string(&version)
    );
    for (n, e) in entries.iter().enumerate() {
        let _ = writeln!(
            manifest,
            "    {{ \"path\": {}, \"bytes\": {}, \"gzipBytes\": {}, \"integrity\": {} }}{}",
            json_string(&e.path),
            e.bytes,
            e.gzip,
            json_string(&e.integrity),
            if n + 1 == entries.len() { "" } else { "," }
        );
    }
    manifest.push_str("  ]\n}\n");
    let manifest_path = out_root.join("manifest.json");
    std::fs::write(&manifest_path, manifest)
        .map_err(|e| format!("writing {}: {e}", manifest_path.display()))?;

    let sri = |p: &str| {
        entries
            .iter()
            .find(|e| e.path == p)
            .map_or(String::new(), |e| e.integrity.clone())
    };
    let snippets = format!(
        "<!-- mqci {version}: copy dist/mqci/ to /mqci/ on your server. -->\n\
         <!-- Custom element -->\n\
         <script type=\"module\" src=\"/mqci/mqci-widget.js\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n\
         <mqci-widget lang=\"zh-CN\" profile=\"chengdu-2027\"></mqci-widget>\n\n\
         <!-- iframe -->\n\
         <iframe src=\"/mqci/embed.html?lang=zh-CN&amp;profile=chengdu-2027&amp;origins=https://www.example.gov.cn\" title=\"制造业质量竞争力指数自评\" width=\"100%\" height=\"900\"></iframe>\n",
        sri("mqci-widget.js")
    );
    let snippets_path = out_root.join("snippets.html");
    std::fs::write(&snippets_path, snippets)
        .map_err(|e| format!("writing {}: {e}", snippets_path.display()))?;

    println!(
        "\ndist/mqci/ ({} files) — copy this folder to the host's server",
        entries.len()
    );
    println!("{:<32} {:>10} {:>10}  integrity", "file", "bytes", "gzip");
    for e in &entries {
        println!(
            "{:<32} {:>10} {:>10}  {}",
            e.path, e.bytes, e.gzip, e.integrity
        );
    }
    println!(
        "\nwrote {} and {}",
        manifest_path.display(),
        snippets_path.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri_of_a_known_value() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
