//! The size report printed after a build.
//!
//! Lists every file under `www/pkg/` with its raw and gzipped size (flate2 at
//! best compression, as a CDN would), then the gzipped total of what the
//! first result needs, which is what `www/index.html` loads before it:
//!
//! * `index.html` itself;
//! * every `<script src>` and every `<link href>` whose `rel` is `stylesheet`,
//!   `modulepreload` or `preload` (local URLs only);
//! * the static `import … from` / `import '…'` / `export … from` declarations
//!   of those modules, followed recursively (not `import()`: what a page loads
//!   dynamically after its first result is not counted);
//! * `www/pkg/mqci_bg.wasm`, which the wasm-bindgen glue fetches by URL.
//!
//! The scanning is textual (no HTML or JS parser) and made for the page's own
//! files and wasm-bindgen's output: a declaration must start its line.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

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

fn relative(project: &Project, path: &Path) -> String {
    path.strip_prefix(project.root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The tags `<name …>` in `html` (comments removed), each as its attributes
/// (names lower-cased, values unquoted; a bare attribute has an empty value).
fn tags(html: &str, name: &str) -> Vec<Vec<(String, String)>> {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    text.push_str(rest);

    let lower = text.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(pos) = lower[at..].find(&open) {
        let start = at + pos + open.len();
        at = start;
        // `<linked>` is not `<link>`.
        if !text[start..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue;
        }
        let mut attrs = Vec::new();
        let bytes = text.as_bytes();
        let mut i = start;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attr = text[name_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i];
                    let value_start = i + 1;
                    i = value_start;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    value = text[value_start..i.min(bytes.len())].to_string();
                    i += 1;
                } else {
                    let value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = text[value_start..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        found.push(attrs);
        at = i.min(text.len());
    }
    found
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The URLs an HTML page loads up front: `<script src>` and the `href` of
/// `<link rel="stylesheet | modulepreload | preload">`, in document order
/// (scripts first).
fn page_urls(html: &str) -> Vec<String> {
    let mut urls: Vec<String> = tags(html, "script")
        .iter()
        .filter_map(|a| attr(a, "src").map(str::to_string))
        .collect();
    for link in tags(html, "link") {
        let rel = attr(&link, "rel").unwrap_or("").to_ascii_lowercase();
        let loads = rel
            .split_ascii_whitespace()
            .any(|r| matches!(r, "stylesheet" | "modulepreload" | "preload"));
        if let (true, Some(href)) = (loads, attr(&link, "href")) {
            urls.push(href.to_string());
        }
    }
    urls
}

/// The specifier of the first string literal in `text`, if it is complete.
fn first_string(text: &str) -> Option<String> {
    let start = text.find(['\'', '"'])?;
    let quote = text[start..].chars().next()?;
    let rest = &text[start + 1..];
    rest.find(quote).map(|end| rest[..end].to_string())
}

/// The specifiers of a module's static imports: `import … from '…'`,
/// `import '…'` and `export … from '…'`. Dynamic `import(…)` and
/// `import.meta` are not imports of the module graph and are skipped.
fn static_imports(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut statement: Option<String> = None;
    for line in source.lines() {
        let line = line.trim();
        if statement.is_none() {
            let after = |keyword: &str| {
                line.strip_prefix(keyword)
                    .filter(|rest| rest.starts_with([' ', '\t', '{', '*', '\'', '"']))
            };
            let starts = after("import").is_some()
                || after("export").is_some_and(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with('{') || rest.starts_with('*')
                });
            if !starts {
                continue;
            }
            statement = Some(String::new());
        }
        let text = statement.as_mut().expect("set above");
        text.push_str(line);
        text.push('\n');
        let body = text.trim_start_matches("import").trim_start();
        let spec = if body.starts_with(['\'', '"']) {
            first_string(body)
        } else {
            // The word `from` followed by the specifier.
            body.match_indices("from")
                .filter(|(i, _)| {
                    let before = body[..*i].chars().next_back();
                    let after = body[i + 4..].trim_start().chars().next();
                    matches!(before, Some(c) if c.is_whitespace() || c == '}' || c == '*')
                        && matches!(after, Some('\'' | '"'))
                })
                .find_map(|(i, _)| first_string(&body[i + 4..]))
        };
        if let Some(spec) = spec {
            found.push(spec);
            statement = None;
        } else if text.contains(';') || text.lines().count() > 50 {
            statement = None; // an `export { … };` without `from`, or not a declaration
        }
    }
    found
}

/// `url` (relative to the file `from`, or to `www` when it starts with `/`)
/// as a path; `None` for other origins, `data:` URLs and bare module
/// specifiers (which a browser cannot load without an import map).
fn resolve(www: &Path, from: &Path, url: &str) -> Option<PathBuf> {
    let url = url.split(['?', '#']).next().unwrap_or("");
    if url.is_empty() || url.starts_with("//") || url.contains(':') {
        return None;
    }
    let from_page = from.extension().is_some_and(|e| e == "html");
    let joined = if let Some(rooted) = url.strip_prefix('/') {
        www.join(rooted)
    } else if from_page || url.starts_with("./") || url.starts_with("../") {
        from.parent()?.join(url)
    } else {
        return None;
    };
    let mut path = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    Some(path)
}

/// What `www/index.html` needs for its first result, in the order found:
/// the page, what it loads up front, their static imports, and the wasm.
pub fn first_result_files(www: &Path) -> Result<Vec<PathBuf>> {
    let index = www.join("index.html");
    let html =
        std::fs::read_to_string(&index).map_err(|e| format!("reading {}: {e}", index.display()))?;
    let mut files = vec![index.clone()];
    let mut pending: Vec<PathBuf> = page_urls(&html)
        .iter()
        .filter_map(|url| resolve(www, &index, url))
        .collect();
    pending.reverse();
    while let Some(file) = pending.pop() {
        if files.contains(&file) {
            continue;
        }
        files.push(file.clone());
        let module = matches!(
            file.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs")
        );
        if !module {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(&file) else {
            continue; // reported as missing
        };
        let mut imports: Vec<PathBuf> = static_imports(&source)
            .iter()
            .filter_map(|spec| resolve(www, &file, spec))
            .collect();
        imports.reverse();
        pending.extend(imports);
    }
    let wasm = www.join("pkg").join("mqci_bg.wasm");
    if !files.contains(&wasm) {
        files.push(wasm);
    }
    Ok(files)
}

/// The gzipped total of what the first result needs; a missing file is an error.
pub fn first_result_total(www: &Path) -> Result<u64> {
    let mut total = 0;
    for file in first_result_files(www)? {
        if !file.is_file() {
            return Err(format!("{} is missing (build first)", file.display()));
        }
        total += measure(&file)?.gzip;
    }
    Ok(total)
}

/// The budget as a check: `Err` naming the excess when the first result needs more than
/// [`FIRST_RESULT_BUDGET`] gzipped bytes (issue: "at most 80 KB gzipped").
pub fn check_budget(www: &Path) -> Result<u64> {
    let total = first_result_total(www)?;
    if total > FIRST_RESULT_BUDGET {
        return Err(format!(
            "the first result needs {total} bytes gzipped, {} over the budget of {FIRST_RESULT_BUDGET} (run `cargo xtask build` for the breakdown)",
            total - FIRST_RESULT_BUDGET
        ));
    }
    Ok(total)
}

/// Prints the table and the first-result total against [`FIRST_RESULT_BUDGET`].
pub fn report(project: &Project) -> Result<()> {
    let pkg = project.pkg();

    println!();
    println!("{:<40} {:>12} {:>12}", "file", "raw bytes", "gzip bytes");
    for file in crate::project::files_under(&pkg, |_| true, |_| true)? {
        let size = measure(&file)?;
        println!(
            "{:<40} {:>12} {:>12}",
            relative(project, &file),
            size.raw,
            size.gzip
        );
    }

    println!();
    println!("first result (gzipped): www/index.html, what it loads up front, their static imports, the wasm");
    let mut total = 0;
    for file in first_result_files(&project.www())? {
        if file.is_file() {
            let size = measure(&file)?;
            total += size.gzip;
            println!("  {:<38} {:>12}", relative(project, &file), size.gzip);
        } else {
            println!("  {:<38} {:>12}", relative(project, &file), "missing");
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

    #[test]
    fn static_imports_skip_dynamic_imports_and_import_meta() {
        let source = r#"// import './commented.js';
import init, * as mqci from './pkg/mqci.js';
import {
  a,
  b as c,
} from "./multi.js";
import './side-effect.js';
export { x } from './re-export.js';
export * from './star.js';
export { initSync, __wbg_init as default };
export const from = 1;
const url = new URL('./data.wasm', import.meta.url);
const later = () => import('./lazy.js');
  import('./also-lazy.js'),
import{ tight }from'./tight.js';
"#;
        assert_eq!(
            static_imports(source),
            [
                "./pkg/mqci.js",
                "./multi.js",
                "./side-effect.js",
                "./re-export.js",
                "./star.js",
                "./tight.js",
            ]
        );
    }

    #[test]
    fn page_urls_are_scripts_stylesheets_and_preloads() {
        let html = r#"<!doctype html><head>
<link rel="icon" href="data:,">
<LINK REL=stylesheet HREF=style.css>
<link rel="modulepreload" href="app.js">
<!-- <script src="old.js"></script> -->
<link rel="preload" href="pkg/x.wasm" as="fetch" crossorigin>
<link rel="alternate" href="feed.xml">
<script type="module" src='main.js'></script>
<linked href="nope.js">
</head>"#;
        assert_eq!(
            page_urls(html),
            ["main.js", "style.css", "app.js", "pkg/x.wasm"]
        );
    }

    /// A site in a fresh temporary directory, removed on drop.
    struct Site(PathBuf);

    impl Site {
        fn new(files: &[(&str, &str)]) -> Site {
            static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "xtask-sizes-test-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            ));
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in files {
                let path = dir.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            Site(dir)
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn first_result_follows_the_page_and_static_imports_only() {
        let site = Site::new(&[
            (
                "index.html",
                r#"<link rel="stylesheet" href="style.css"><link rel="modulepreload" href="/app.js">
<script type="module" src="main.js"></script>"#,
            ),
            ("style.css", ".a {}"),
            ("main.js", "import { mount } from './app.js';\nimport('./panels/lazy.js');\n"),
            (
                "app.js",
                "import init from './pkg/glue.js';\nimport { M } from './i18n.js';\nconst m = () => import('./lang/en.js');\n",
            ),
            ("i18n.js", "export const M = {};\n"),
            ("pkg/glue.js", "import * as s from './snippets/a/s.js';\nnew URL('mqci_bg.wasm', import.meta.url);\n"),
            ("pkg/snippets/a/s.js", "export const s = 1;\n"),
            ("pkg/mqci_bg.wasm", "\0asm"),
            ("panels/lazy.js", "import { h } from '../app.js';\nimport './lazy-only.js';\n"),
            ("panels/lazy-only.js", ""),
            ("lang/en.js", "export default {};\n"),
            ("embed.js", "import { mount } from './app.js';\n"),
            ("embed.html", "<script type=module src=embed.js></script>"),
        ]);
        let www = site.0.clone();
        let found: Vec<String> = first_result_files(&www)
            .unwrap()
            .iter()
            .map(|p| {
                p.strip_prefix(&www)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(
            found,
            [
                "index.html",
                "main.js",
                "app.js",
                "pkg/glue.js",
                "pkg/snippets/a/s.js",
                "i18n.js",
                "style.css",
                "pkg/mqci_bg.wasm",
            ]
        );
    }
}
