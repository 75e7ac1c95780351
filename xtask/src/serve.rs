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
                    && parts.all(|p| !matches!(p, "q=0" | "q=0.0" | "q=0.00" | "q=0.000"))
            })
    });
    let (status, mut headers, body) = match request.method() {
        Method::Get | Method::Head => respond(site, request.url(), gzip_ok),
        _ => (
            405,
            vec![("Allow", "GET, HEAD".to_string())],
            b"405 Method Not Allowed\n".to_vec(),
        ),
    };
    if site.log {
        eprintln!("{} {} -> {status}", request.method(), request.url());
    }
    headers.extend([
        ("Content-Security-Policy", site.csp.clone()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Access-Control-Allow-Origin", "*".into()),
        ("Cache-Control", "no-cache".into()),
    ]);
    // Written here rather than by `Request::respond`, which may not send `Connection: close`:
    // tiny_http 0.12 serves each connection on a pool thread for as long as it stays open, and
    // its pool can leave new connections queued behind idle keep-alive ones (a browser opens six
    // at once), stalling a page load until one closes. Closing after each response avoids that.
    let reason = tiny_http::StatusCode(status).default_reason_phrase();
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let body = if request.method() == &Method::Head {
        &[][..]
    } else {
        &body
    };
    let mut writer = request.into_writer();
    // A client that went away needs no answer.
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(body))
        .and_then(|()| writer.flush());
}

type Reply = (u16, Vec<(&'static str, String)>, Vec<u8>);

fn text(status: u16, message: &str) -> Reply {
    let headers = vec![("Content-Type", "text/plain; charset=utf-8".to_string())];
    (
        status,
        headers,
        format!("{status} {message}\n").into_bytes(),
    )
}

/// The reply to a `GET` of `target`.
fn respond(site: &Site, target: &str, gzip_ok: bool) -> Reply {
    let (path, query) = target.split_at(target.find(['?', '#']).unwrap_or(target.len()));
    if !path.starts_with('/') {
        return text(400, "Bad Request");
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return text(400, "Bad Request");
    };
    let mut local = site.root.clone();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return text(403, "Forbidden"),
            s if s.contains(['\\', '\0']) => return text(403, "Forbidden"),
            s if s.starts_with('.') => return text(404, "Not Found"),
            s => local.push(s),
        }
    }
    // Resolve symlinks and make sure we are still inside the root.
    let Ok(mut local) = local.canonicalize() else {
        return text(404, "Not Found");
    };
    if !local.starts_with(&site.root) {
        return text(403, "Forbidden");
    }
    if local.is_dir() {
        if !decoded.ends_with('/') {
            let query = if query.starts_with('?') { query } else { "" };
            let mut reply = text(301, "Moved Permanently");
            reply.1.push(("Location", format!("{path}/{query}")));
            return reply;
        }
        local.push("index.html");
    }
    let Ok(data) = std::fs::read(&local) else {
        return text(404, "Not Found");
    };
    let content_type = content_type(&local);
    let compressible = content_type.starts_with("text/")
        || ["application/wasm", "application/json", "image/svg+xml"].contains(&content_type);
    let mut headers = vec![("Content-Type", content_type.to_string())];
    if compressible {
        headers.push(("Vary", "Accept-Encoding".into()));
        if gzip_ok {
            headers.push(("Content-Encoding", "gzip".into()));
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
            return (200, headers, entry.1.clone());
        }
    }
    (200, headers, data)
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

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read;
    use std::net::TcpStream;

    const INDEX: &[u8] = b"<!doctype html><title>t</title>";
    const WASM: &[u8] = b"\0asm\x01\0\0\0";
    const JS: &[u8] = b"export const x = 1;\n";

    /// A site with an index, wasm, JS, a subfolder and a dot file, beside a secret outside the
    /// root that a symlink inside it points to.
    fn site(name: &str) -> (PathBuf, Server) {
        let tmp = std::env::temp_dir().join(format!("xtask-serve-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(tmp.join("www/pkg")).unwrap();
        std::fs::create_dir_all(tmp.join("www/docs")).unwrap();
        for (path, data) in [
            ("www/index.html", INDEX.to_vec()),
            ("www/pkg/mqci_bg.wasm", WASM.repeat(100)),
            ("www/app.js", JS.repeat(50)),
            ("www/logo.png", b"\x89PNG".to_vec()),
            ("www/docs/index.html", b"docs".to_vec()),
            ("www/a b.txt", b"spaced".to_vec()),
            ("www/.secret", b"hidden".to_vec()),
            ("secret.txt", b"secret".to_vec()),
        ] {
            std::fs::write(tmp.join(path), data).unwrap();
        }
        std::os::unix::fs::symlink(tmp.join("secret.txt"), tmp.join("www/link.txt")).unwrap();
        let server = Server::start(&tmp.join("www"), 0, false).unwrap();
        (tmp, server)
    }

    struct Reply {
        status: u16,
        head: String,
        body: Vec<u8>,
    }

    impl Reply {
        /// The value of header `name` (in tiny_http's spelling), if sent.
        fn header(&self, name: &str) -> Option<&str> {
            let line = self
                .head
                .lines()
                .find(|l| l.starts_with(&format!("{name}: ")))?;
            Some(&line[name.len() + 2..])
        }
    }

    /// Sends a raw request and reads the whole reply.
    fn request(server: &Server, raw: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(response[..split].to_vec()).unwrap();
        let status = head[9..12].parse().unwrap();
        let body = response[split + 4..].to_vec();
        Reply { status, head, body }
    }

    fn get(server: &Server, path: &str, extra: &str) -> Reply {
        let raw = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n");
        request(server, &raw)
    }

    #[test]
    fn root_serves_index_with_production_headers() {
        let (_tmp, server) = site("root");
        let reply = get(&server, "/", "");
        assert_eq!((reply.status, reply.body.as_slice()), (200, INDEX));
        for (name, value) in [
            ("Content-Type", Some("text/html; charset=utf-8")),
            ("Content-Security-Policy", Some(CSP)),
            ("X-Content-Type-Options", Some("nosniff")),
            ("Access-Control-Allow-Origin", Some("*")),
            ("Cache-Control", Some("no-cache")),
            ("Content-Encoding", None),
        ] {
            assert_eq!(reply.header(name), value, "{name}");
        }
        let head = request(
            &server,
            "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        let length = head.header("Content-Length");
        assert_eq!((head.status, length, head.body.len()), (200, Some("31"), 0));
    }

    #[test]
    fn gzip_when_accepted_for_text_and_wasm_only() {
        let (tmp, server) = site("gzip");
        for (path, original) in [
            ("/pkg/mqci_bg.wasm", WASM.repeat(100)),
            ("/app.js", JS.repeat(50)),
        ] {
            let reply = get(&server, path, "Accept-Encoding: gzip, deflate, br\r\n");
            assert_eq!(reply.status, 200, "{path}");
            assert_eq!(reply.header("Content-Encoding"), Some("gzip"), "{path}");
            assert_eq!(reply.header("Vary"), Some("Accept-Encoding"), "{path}");
            assert!(reply.body.len() < original.len() / 4, "{path}");
            let mut unzipped = Vec::new();
            GzDecoder::new(reply.body.as_slice())
                .read_to_end(&mut unzipped)
                .unwrap();
            assert_eq!(unzipped, original, "{path}");
        }
        // A changed file is compressed again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(tmp.join("www/app.js"), JS.repeat(60)).unwrap();
        let changed = get(&server, "/app.js", "Accept-Encoding: gzip\r\n");
        let mut unzipped = Vec::new();
        GzDecoder::new(changed.body.as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, JS.repeat(60));
        std::fs::write(tmp.join("www/app.js"), JS.repeat(50)).unwrap();
        let js = get(&server, "/app.js", "Accept-Encoding: gzip;q=0, br\r\n");
        assert_eq!(
            js.header("Content-Type"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!((js.header("Content-Encoding"), js.body.len()), (None, 1000));
        let wasm = get(&server, "/pkg/mqci_bg.wasm?v=3", "");
        assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
        assert_eq!(
            (wasm.header("Content-Encoding"), wasm.body.len()),
            (None, 800)
        );
        let png = get(&server, "/logo.png", "Accept-Encoding: gzip\r\n");
        assert_eq!((png.header("Content-Encoding"), png.body.len()), (None, 4));
    }

    /// A browser opens several connections at once, keeps each open unless told to close it,
    /// and needs every one answered (tiny_http alone left some queued behind idle ones).
    #[test]
    fn concurrent_browser_like_connections_are_all_answered() {
        let (_tmp, server) = site("burst");
        let port = server.port;
        let clients: Vec<_> = (0..12)
            .map(|_| {
                std::thread::spawn(move || {
                    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    stream
                        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
                        .unwrap();
                    stream
                        .write_all(b"GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n")
                        .unwrap();
                    let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
                    let (mut head, mut line) = (String::new(), String::new());
                    while line != "\r\n" {
                        line.clear();
                        std::io::BufRead::read_line(&mut reader, &mut line).expect("answered");
                        head.push_str(&line);
                    }
                    let mut body = vec![0; 1000];
                    reader.read_exact(&mut body).unwrap();
                    assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && body == JS.repeat(50));
                    // Kept alive, as a browser would, unless the server said it closes.
                    (!head.contains("Connection: close\r\n")).then_some(stream)
                })
            })
            .collect();
        for client in clients {
            assert!(client.join().unwrap().is_none(), "connection left open");
        }
    }

    #[test]
    fn path_traversal_is_refused() {
        let (tmp, server) = site("traversal");
        let secret = tmp.join("secret.txt").canonicalize().unwrap();
        let secret = secret.to_str().unwrap();
        for path in [
            "/../secret.txt",
            "/pkg/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/pkg%2F..%2F..%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/x%00.txt",
            "/link.txt",
        ] {
            assert_eq!(get(&server, path, "").status, 403, "{path}");
        }
        // Absolute paths stay inside the root, where they name nothing.
        let encoded = format!("/{}", secret.replace('/', "%2F"));
        for path in [
            &encoded,
            &format!("/{secret}"),
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
        ] {
            assert_eq!(get(&server, path, "").status, 404, "{path}");
        }
        assert_eq!(get(&server, "http://x/../secret.txt", "").status, 400);
        assert_eq!(get(&server, "/%ff", "").status, 400);
        assert_eq!(get(&server, "/.secret", "").status, 404);
    }

    #[test]
    fn directories_methods_and_encoded_names() {
        let (_tmp, server) = site("dirs");
        assert_eq!(get(&server, "/docs/", "").body, b"docs");
        let moved = get(&server, "/docs?x=1", "");
        assert_eq!(
            (moved.status, moved.header("Location")),
            (301, Some("/docs/?x=1"))
        );
        assert_eq!(get(&server, "/pkg/", "").status, 404);
        assert_eq!(get(&server, "/nope.js", "").status, 404);
        assert_eq!(get(&server, "/a%20b.txt", "").body, b"spaced");
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi";
        let post = request(&server, raw);
        assert_eq!(
            (post.status, post.header("Allow")),
            (405, Some("GET, HEAD"))
        );
        assert_eq!(post.header("Content-Security-Policy"), Some(CSP));
    }

    #[test]
    fn a_fixture_policy_replaces_the_default_and_is_not_served() {
        let (tmp, _server) = site("csp");
        let policy = "default-src 'self';\n  frame-src http://127.0.0.1:*\n";
        std::fs::write(tmp.join("www/.csp"), policy).unwrap();
        let server = Server::start(&tmp.join("www"), 0, false).unwrap();
        let sent = get(&server, "/", "");
        let policy = "default-src 'self'; frame-src http://127.0.0.1:*";
        assert_eq!(sent.header("Content-Security-Policy"), Some(policy));
        assert_eq!(get(&server, "/.csp", "").status, 404);
    }
}
