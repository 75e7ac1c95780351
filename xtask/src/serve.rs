//! The static file server of `cargo xtask serve`, the end-to-end tests and the benchmarks:
//! `tiny_http` on 127.0.0.1, answering like the production host the widget is deployed on.
//!
//! * `GET` and `HEAD` only; `/` and `dir/` serve `index.html`, `dir` redirects to `dir/`.
//! * The percent-decoded path must stay inside the served folder: `..` segments, backslashes and
//!   anything that resolves (through symlinks) outside are refused (`403`); dot files are never
//!   served (`404`).
//! * Every response carries the production headers: [`CSP`] (or the policy in `<root>/.csp`, which
//!   test fixtures use for a host page on a second origin), `X-Content-Type-Options: nosniff`,
//!   `Access-Control-Allow-Origin: *` and `Cache-Control: no-cache`.
//! * Text, JavaScript, CSS, JSON, SVG and wasm are sent gzipped to clients that accept it
//!   (`Content-Encoding: gzip`, `Vary: Accept-Encoding`), as any real web server does.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::SystemTime;

use flate2::{write::GzEncoder, Compression};
use percent_encoding::percent_decode_str;
use tiny_http::{Method, Request};

use crate::Result;

/// The Content-Security-Policy the widget is deployed under.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// Requests handled at once.
const WORKERS: usize = 4;

/// `data` gzipped at best compression.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

/// A running server; it lives until the process ends.
pub struct Server {
    port: u16,
    workers: Vec<JoinHandle<()>>,
}

struct Site {
    root: PathBuf,
    csp: String,
    log: bool,
    /// Gzipped files by path, with the modification time they were compressed at.
    gzipped: Mutex<HashMap<PathBuf, (SystemTime, Vec<u8>)>>,
}

impl Server {
    /// Serves `root` on `127.0.0.1:port` (0 picks a free port) in background threads.
    pub fn start(root: &Path, port: u16, log: bool) -> Result<Server> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let policy = std::fs::read_to_string(root.join(".csp")).unwrap_or_default();
        let policy = policy.split_whitespace().collect::<Vec<_>>().join(" ");
        let csp = if policy.is_empty() {
            CSP.to_string()
        } else {
            policy
        };
        let http = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = http.server_addr().to_ip().map_or(port, |a| a.port());
        let (http, site) = (
            Arc::new(http),
            Arc::new(Site {
                root,
                csp,
                log,
                gzipped: Mutex::default(),
            }),
        );
        let workers = (0..WORKERS)
            .map(|_| {
                let (http, site) = (Arc::clone(&http), Arc::clone(&site));
                std::thread::spawn(move || {
                    while let Ok(request) = http.recv() {
                        handle(&site, request);
                    }
                })
            })
            .collect();
        Ok(Server { port, workers })
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Blocks for as long as the server runs (normally forever).
    pub fn wait(self) {
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

fn handle(site: &Site, request: Request) {
    let gzip_ok = request.headers().iter().any(|h| {
        h.field.equiv("Accept-Encoding")
            && h.value.as_str().split(',').any(|coding| {
                let mut parts = coding.split(';').map(str::trim);
                parts.next() == Some("gzip")
                    && parts.all(|p| p.trim_end_matches(['0', '.']) != "q=")
            })
    });
    let (status, mut head, body) = match request.method() {
        Method::Get | Method::Head => respond(site, request.url(), gzip_ok),
        _ => text(405, "Method Not Allowed", "Allow: GET, HEAD\r\n".into()),
    };
    if site.log {
        eprintln!("{} {} -> {status}", request.method(), request.url());
    }
    // Written here rather than by `Request::respond`, which may not send `Connection: close`:
    // tiny_http 0.12 serves each connection on a pool thread for as long as it stays open, and
    // its pool can leave new connections queued behind idle keep-alive ones (a browser opens six
    // at once), stalling a page load until one closes. Closing after each response avoids that.
    let reason = tiny_http::StatusCode(status).default_reason_phrase();
    head = format!(
        "HTTP/1.1 {status} {reason}\r\n{head}Content-Security-Policy: {}\r\n\
         X-Content-Type-Options: nosniff\r\nAccess-Control-Allow-Origin: *\r\n\
         Cache-Control: no-cache\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        site.csp,
        body.len()
    );
    let body = if request.method() == &Method::Head {
        &[][..]
    } else {
        &body
    };
    let mut writer = request.into_writer();
    // A client that went away needs no answer.
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(body));
    let _ = writer.flush();
}

/// Status, header lines and body.
type Reply = (u16, String, Vec<u8>);

fn text(status: u16, message: &str, extra: String) -> Reply {
    let head = format!("Content-Type: text/plain; charset=utf-8\r\n{extra}");
    (status, head, format!("{status} {message}\n").into_bytes())
}

/// The reply to a `GET` of `target`.
fn respond(site: &Site, target: &str, gzip_ok: bool) -> Reply {
    let (path, query) = target.split_at(target.find(['?', '#']).unwrap_or(target.len()));
    let decoded = percent_decode_str(path).decode_utf8();
    let Some(decoded) = decoded.ok().filter(|_| path.starts_with('/')) else {
        return text(400, "Bad Request", String::new());
    };
    let mut local = site.root.clone();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            s if s == ".." || s.contains(['\\', '\0']) => {
                return text(403, "Forbidden", String::new())
            }
            s if s.starts_with('.') => return text(404, "Not Found", String::new()),
            s => local.push(s),
        }
    }
    // Resolve symlinks and make sure we are still inside the root.
    let Ok(mut local) = local.canonicalize() else {
        return text(404, "Not Found", String::new());
    };
    if !local.starts_with(&site.root) {
        return text(403, "Forbidden", String::new());
    }
    if local.is_dir() {
        if !decoded.ends_with('/') {
            let query = if query.starts_with('?') { query } else { "" };
            return text(
                301,
                "Moved Permanently",
                format!("Location: {path}/{query}\r\n"),
            );
        }
        local.push("index.html");
    }
    let Ok(data) = std::fs::read(&local) else {
        return text(404, "Not Found", String::new());
    };
    let content_type = content_type(&local);
    let mut head = format!("Content-Type: {content_type}\r\n");
    let compressible = content_type.starts_with("text/")
        || ["application/wasm", "application/json", "image/svg+xml"].contains(&content_type);
    if !compressible {
        return (200, head, data);
    }
    head.push_str("Vary: Accept-Encoding\r\n");
    if !gzip_ok {
        return (200, head, data);
    }
    head.push_str("Content-Encoding: gzip\r\n");
    // Compressed once per version of the file, like a server's static gzip cache.
    let modified = local
        .metadata()
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut cache = site.gzipped.lock().unwrap_or_else(|e| e.into_inner());
    let entry = cache
        .entry(local)
        .or_insert_with(|| (modified, gzip(&data)));
    if entry.0 != modified {
        *entry = (modified, gzip(&data));
    }
    (200, head, entry.1.clone())
}

/// The `Content-Type` of a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "ts" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
