//! `cargo xtask dist`: the folder a host copies to its server.
//!
//! Builds the release engines, copies every runtime file of `www/` (not TypeScript declarations
//! or dot files) to `dist/mqci/`, and writes `dist/manifest.json` with each file's size, gzipped
//! size and Subresource Integrity hash (`sha384-…`), plus `dist/snippets.html` with embedding
//! snippets carrying this build's hashes. The folder is plain static files.

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::serve::gzip;
use crate::{Project, Result};

/// The SRI value of `data`: `sha384-` + base64 of its SHA-384 digest.
pub fn integrity(data: &[u8]) -> String {
    let digest = Sha384::digest(data);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("\"{escaped}\"")
}

/// Builds, copies and writes the manifest and snippets.
pub fn dist(project: &Project) -> Result<()> {
    crate::build::build(project, true)?;
    let (www, out_root) = (project.www(), project.root.join("dist"));
    let out = out_root.join("mqci");
    if out_root.exists() {
        std::fs::remove_dir_all(&out_root)
            .map_err(|e| format!("removing {}: {e}", out_root.display()))?;
    }
    let write = |path: &std::path::Path, data: &[u8]| {
        std::fs::create_dir_all(path.parent().unwrap_or(&out_root))
            .and_then(|()| std::fs::write(path, data))
            .map_err(|e| format!("writing {}: {e}", path.display()))
    };
    // (path, bytes, gzipped bytes, integrity)
    let mut entries: Vec<(String, usize, usize, String)> = Vec::new();
    for file in crate::files_under(&www)? {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".d.ts") || name.starts_with('.') {
            continue;
        }
        let rel = file
            .strip_prefix(&www)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let data = std::fs::read(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        write(&out.join(&rel), &data)?;
        entries.push((rel, data.len(), gzip(&data).len(), integrity(&data)));
    }
    let version = std::fs::read_to_string(project.root.join("Cargo.toml"))
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("version"))
                .and_then(|l| l.split('"').nth(1).map(str::to_string))
        })
        .unwrap_or_default();
    let files: Vec<String> = entries
        .iter()
        .map(|(path, bytes, gzip, sri)| {
            let (path, sri) = (json_string(path), json_string(sri));
            format!("    {{ \"path\": {path}, \"bytes\": {bytes}, \"gzipBytes\": {gzip}, \"integrity\": {sri} }}")
        })
        .collect();
    let manifest = format!(
        "{{\n  \"name\": \"mqci\",\n  \"version\": {},\n  \"files\": [\n{}\n  ]\n}}\n",
        json_string(&version),
        files.join(",\n")
    );
    write(&out_root.join("manifest.json"), manifest.as_bytes())?;

    let widget_sri = entries
        .iter()
        .find(|e| e.0 == "mqci-widget.js")
        .map_or("", |e| e.3.as_str());
    let snippets = format!(
        "<!-- mqci {version}: copy dist/mqci/ to /mqci/ on your server. -->\n\
         <!-- Custom element -->\n\
         <script type=\"module\" src=\"/mqci/mqci-widget.js\" integrity=\"{widget_sri}\" crossorigin=\"anonymous\"></script>\n\
         <mqci-widget lang=\"zh-CN\" profile=\"chengdu-2027\"></mqci-widget>\n\n\
         <!-- iframe -->\n\
         <iframe src=\"/mqci/embed.html?lang=zh-CN&amp;profile=chengdu-2027&amp;origins=https://www.example.gov.cn\" title=\"制造业质量竞争力指数自评\" width=\"100%\" height=\"900\"></iframe>\n"
    );
    write(&out_root.join("snippets.html"), snippets.as_bytes())?;

    println!(
        "\ndist/mqci/ ({} files): copy this folder to the host's server",
        entries.len()
    );
    println!("{:<32} {:>10} {:>10}  integrity", "file", "bytes", "gzip");
    for (path, bytes, gzip, sri) in &entries {
        println!("{path:<32} {bytes:>10} {gzip:>10}  {sri}");
    }
    println!("\nwrote dist/manifest.json and dist/snippets.html");
    Ok(())
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
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n中"), "\"a\\\"b\\\\c\\u000a中\"");
    }
}
