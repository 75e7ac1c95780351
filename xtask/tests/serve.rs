//! Black-box tests of `cargo xtask serve`: the real command serving a temporary folder, spoken
//! to over TCP. What the server promises is in `src/serve.rs`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use flate2::read::GzDecoder;

/// The production policy (`CSP` in `src/serve.rs`), written out as a host would see it.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// A running `xtask serve`, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `xtask serve --root ROOT --port 0` and reads the port it announces.
fn serve(root: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next());
    let port = port
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    Served { child, port }
}

const INDEX: &[u8] = b"<!doctype html><title>t</title>";
const WASM: &[u8] = b"\0asm\x01\0\0\0";
const JS: &[u8] = b"export const x = 1;\n";

/// A site with an index, wasm, JS, a subfolder and a dot file, beside a secret outside the
/// root that a symlink inside it points to.
fn site(name: &str) -> (PathBuf, Served) {
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
    let server = serve(&tmp.join("www"));
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
fn request(server: &Served, raw: &str) -> Reply {
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

fn get(server: &Served, path: &str, extra: &str) -> Reply {
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
    let server = serve(&tmp.join("www"));
    let sent = get(&server, "/", "");
    let policy = "default-src 'self'; frame-src http://127.0.0.1:*";
    assert_eq!(sent.header("Content-Security-Policy"), Some(policy));
    assert_eq!(get(&server, "/.csp", "").status, 404);
}
