//! The size report printed after a build.
//!
//! Lists every file under `www/pkg/` with its raw and gzipped size (flate2 at
//! best compression, as a CDN would), then the gzipped total of what the
//! first result needs: `www/index.html`, every `.js`/`.css` file directly in
//! `www/`, `www/pkg/mqci.js`, `www/pkg/mqci_bg.wasm`, and any wasm-bindgen
//! `snippets/` that `mqci.js` imports.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::project::Project;
use crate::Result;

/// Gzipped bytes allowed for the first result (80 KiB).
pub const FIRST_RESULT_BUDGET: u64 = 80 * 1024;

/// The gzipped size of `data` at best compression.
pub fn gzip_len(data: &[u8]) -> Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map(|compressed| compressed.len() as u64)
        .map_err(|e| format!("gzip: {e}"))
}

struct Sized {
    raw: u64,
    gzip: u64,
}

fn measure(path: &Path) -> Result<Sized> {
    let data = std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    Ok(Sized {
        raw: data.len() as u64,
        gzip: gzip_len(&data)?,
    })
}

/// All regular files under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("listing {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.is_file() {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn relative(project: &Project, path: &Path) -> String {
    path.strip_prefix(project.root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Prints the table and the first-result total against [`FIRST_RESULT_BUDGET`].
pub fn report(project: &Project) -> Result<()> {
    let pkg = project.pkg();
    let www = project.www();

    println!();
    println!("{:<40} {:>12} {:>12}", "file", "raw bytes", "gzip bytes");
    for file in files_under(&pkg)? {
        let size = measure(&file)?;
        println!(
            "{:<40} {:>12} {:>12}",
            relative(project, &file),
            size.raw,
            size.gzip
        );
    }

    // What a visitor downloads before the first result appears.
    let mut first: Vec<PathBuf> = vec![www.join("index.html")];
    let mut top_level = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&www) {
        for entry in entries.flatten() {
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if path.is_file() && matches!(ext, "js" | "mjs" | "css") {
                top_level.push(path);
            }
        }
    }
    top_level.sort();
    first.extend(top_level);
    first.push(pkg.join("mqci.js"));
    first.push(pkg.join("mqci_bg.wasm"));
    let snippets = pkg.join("snippets");
    if snippets.is_dir() {
        first.extend(files_under(&snippets)?);
    }

    println!();
    println!("first result (gzipped):");
    let mut total = 0;
    for file in &first {
        if file.is_file() {
            let size = measure(file)?;
            total += size.gzip;
            println!("  {:<38} {:>12}", relative(project, file), size.gzip);
        } else {
            println!("  {:<38} {:>12}", relative(project, file), "missing");
        }
    }
    println!("first-result total: {total} bytes gzipped (budget {FIRST_RESULT_BUDGET})");
    if total > FIRST_RESULT_BUDGET {
        println!(
            "warning: over budget by {} bytes",
            total - FIRST_RESULT_BUDGET
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_data() {
        let data = vec![b'a'; 10_000];
        let size = gzip_len(&data).unwrap();
        assert!(size > 18 && size < 100, "{size}");
    }

    #[test]
    fn gzip_of_empty_input_is_just_the_framing() {
        assert_eq!(gzip_len(&[]).unwrap(), 20);
    }
}
