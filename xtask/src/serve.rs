//! A small static file server on `std::net`, for `cargo xtask serve` and the
//! end-to-end tests.
//!
//! * `GET` and `HEAD` only (`405` otherwise), HTTP/1.0 and 1.1, one thread per
//!   connection, `Connection: close` on every response.
//! * The path is percent-decoded; `..` segments are refused (`403`), and so is
//!   anything that resolves (through symlinks) outside the served root.
//!   `/` and directories serve their `index.html` (a directory named without
//!   its trailing slash is redirected to it first, so relative URLs work).
//! * Every response carries the production security headers: the widget must
//!   work under [`CSP`], `X-Content-Type-Options: nosniff`, and
//!   `Cache-Control: no-cache` so reloads always see the latest build.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::Result;

/// The Content-Security-Policy the widget is deployed under.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// The largest request head (request line + headers) we accept.
const MAX_HEAD: usize = 16 * 1024;

/// How the server behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// Sent as `Content-Security-Policy` on every response.
    pub csp: String,
    /// Print one line per request on stderr.
    pub log_requests: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            csp: CSP.to_string(),
            log_requests: false,
        }
    }
}

/// A running server; it lives until the process ends.
pub struct Server {
    addr: SocketAddr,
    handle: JoinHandle<()>,
}

impl Server {
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port())
    }

    /// Blocks for as long as the server runs (normally forever).
    pub fn wait(self) -> Result<()> {
        self.handle
            .join()
            .map_err(|_| "the server thread panicked".to_string())
    }
}

/// Serves `root` on `127.0.0.1:port` (0 picks a free port) with default options.
pub fn serve(root: &Path, port: u16) -> io::Result<Server> {
    serve_with(root, port, Options::default())
}

/// Serves `root` on `127.0.0.1:port` (0 picks a free port) in a background thread.
pub fn serve_with(root: &Path, port: u16, options: Options) -> io::Result<Server> {
    let root = root
        .canonicalize()
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", root.display())))?;
    if !root.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a directory", root.display()),
        ));
    }
    let mut options = options;
    // A test fixture (e.g. a host page that embeds the widget from another origin) can carry its
    // own policy in `<root>/.csp`; the file itself is never served (dot files are hidden).
    if let Ok(policy) = std::fs::read_to_string(root.join(".csp")) {
        let policy = policy.split_whitespace().collect::<Vec<_>>().join(" ");
        if !policy.is_empty() {
            options.csp = policy;
        }
    }
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let addr = listener.local_addr()?;
    let site = Arc::new(Site { root, options });
    let handle = thread::Builder::new()
        .name(format!("serve-{}", addr.port()))
        .spawn(move || accept_loop(listener, site))?;
    Ok(Server { addr, handle })
}

struct Site {
    root: PathBuf,
    options: Options,
}

fn accept_loop(listener: TcpListener, site: Arc<Site>) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let site = Arc::clone(&site);
                let spawned = thread::Builder::new()
                    .name("serve-conn".to_string())
                    .spawn(move || handle_connection(stream, &site));
                if let Err(e) = spawned {
                    eprintln!("serve: cannot start a connection thread: {e}");
                }
            }
            Err(e) => {
                eprintln!("serve: accept failed: {e}");
                // Out of file descriptors and similar: do not spin.
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

fn handle_connection(mut stream: TcpStream, site: &Site) {
    // Timeouts keep a silent client from holding a thread forever.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));

    let (request_line, response) = match read_head(&mut stream) {
        Ok(head) => {
            let line = head.lines().next().unwrap_or("").to_string();
            let response = respond(&site.root, &line);
            (line, response)
        }
        Err(HeadError::TooLarge) => (
            String::new(),
            Response::text(431, "Request Header Fields Too Large"),
        ),
        Err(HeadError::Malformed) => (String::new(), Response::text(400, "Bad Request")),
        Err(HeadError::Io(e)) => {
            // The client went away or stayed silent: nobody to answer.
            if site.options.log_requests && e.kind() != io::ErrorKind::UnexpectedEof {
                eprintln!("serve: reading request: {e}");
            }
            return;
        }
    };
    if site.options.log_requests {
        eprintln!("{} -> {}", request_line, response.status);
    }
    let head_only = request_line.starts_with("HEAD ");
    if let Err(e) = response.write(&mut stream, &site.options.csp, head_only) {
        if site.options.log_requests {
            eprintln!("serve: writing response: {e}");
        }
        return;
    }
    // Close our side, then drain what the client still sends (say, a request
    // body we ignored) so the kernel does not reset the connection before the
    // client has read the response.
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while let Ok(n) = stream.read(&mut sink) {
        drained += n;
        if n == 0 || drained > 1 << 20 {
            break;
        }
    }
}

enum HeadError {
    TooLarge,
    Malformed,
    Io(io::Error),
}

/// Reads up to the blank line that ends the request head.
fn read_head(stream: &mut TcpStream) -> std::result::Result<String, HeadError> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        let n = stream.read(&mut buf).map_err(HeadError::Io)?;
        if n == 0 {
            if head.is_empty() {
                return Err(HeadError::Io(io::ErrorKind::UnexpectedEof.into()));
            }
            break; // a request without the final blank line: take what we have
        }
        head.extend_from_slice(&buf[..n]);
        if find(&head, b"\r\n\r\n").is_some() || find(&head, b"\n\n").is_some() {
            break;
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
    if head.len() > MAX_HEAD {
        return Err(HeadError::TooLarge);
    }
    String::from_utf8(head).map_err(|_| HeadError::Malformed)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

enum Body {
    Text(Vec<u8>),
    File(File),
}

struct Response {
    status: u16,
    content_type: &'static str,
    length: u64,
    body: Body,
    extra: Vec<(&'static str, String)>,
}

impl Response {
    fn text(status: u16, message: &str) -> Response {
        let body = format!("{status} {message}\n").into_bytes();
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            length: body.len() as u64,
            body: Body::Text(body),
            extra: Vec::new(),
        }
    }

    fn with_header(mut self, name: &'static str, value: String) -> Response {
        self.extra.push((name, value));
        self
    }

    fn write(self, stream: &mut TcpStream, csp: &str, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n\
             Content-Type: {}\r\n\
             Content-Length: {}\r\n\
             Content-Security-Policy: {csp}\r\n\
             X-Content-Type-Options: nosniff\r\n\
             Access-Control-Allow-Origin: *\r\n\
             Cache-Control: no-cache\r\n\
             Connection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.length,
        );
        for (name, value) in &self.extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if !head_only {
            match self.body {
                Body::Text(bytes) => stream.write_all(&bytes)?,
                Body::File(mut file) => {
                    io::copy(&mut file, stream)?;
                }
            }
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "Internal Server Error",
    }
}

/// Turns a request line into a response.
fn respond(root: &Path, request_line: &str) -> Response {
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Response::text(400, "Bad Request");
    };
    if !version.starts_with("HTTP/1.") {
        return Response::text(505, "HTTP Version Not Supported");
    }
    if method != "GET" && method != "HEAD" {
        return Response::text(405, "Method Not Allowed")
            .with_header("Allow", "GET, HEAD".to_string());
    }
    match resolve(root, target) {
        Ok(Resolved::File(path)) => file_response(&path),
        Ok(Resolved::AddSlash(location)) => {
            Response::text(301, "Moved Permanently").with_header("Location", location)
        }
        Err(response) => response,
    }
}

enum Resolved {
    File(PathBuf),
    /// A directory asked for without its trailing slash: redirect here.
    AddSlash(String),
}

/// Maps a request target to a file under `root` (already canonical).
fn resolve(root: &Path, target: &str) -> std::result::Result<Resolved, Response> {
    let (path, query) = match target.find(['?', '#']) {
        Some(i) => target.split_at(i),
        None => (target, ""),
    };
    if !path.starts_with('/') {
        return Err(Response::text(400, "Bad Request"));
    }
    let decoded = percent_decode(path)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|s| !s.contains('\0'))
        .ok_or_else(|| Response::text(400, "Bad Request"))?;

    let mut local = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Response::text(403, "Forbidden")),
            s if s.contains('\\') => return Err(Response::text(403, "Forbidden")),
            s if s.starts_with('.') => return Err(Response::text(404, "Not Found")),
            s => local.push(s),
        }
    }
    // Resolve symlinks and make sure we are still inside the root.
    let local = local
        .canonicalize()
        .map_err(|_| Response::text(404, "Not Found"))?;
    if !local.starts_with(root) {
        return Err(Response::text(403, "Forbidden"));
    }
    if local.is_dir() {
        if !decoded.ends_with('/') {
            let query = if query.starts_with('?') { query } else { "" };
            return Ok(Resolved::AddSlash(format!("{path}/{query}")));
        }
        let index = local.join("index.html");
        return if index.is_file() {
            Ok(Resolved::File(index))
        } else {
            Err(Response::text(404, "Not Found"))
        };
    }
    if local.is_file() {
        Ok(Resolved::File(local))
    } else {
        Err(Response::text(404, "Not Found"))
    }
}

fn file_response(path: &Path) -> Response {
    let opened = File::open(path).and_then(|file| {
        let length = file.metadata()?.len();
        Ok((file, length))
    });
    match opened {
        Ok((file, length)) => Response {
            status: 200,
            content_type: content_type(path),
            length,
            body: Body::File(file),
            extra: Vec::new(),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Response::text(404, "Not Found"),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Response::text(403, "Forbidden"),
        Err(_) => Response::text(500, "Internal Server Error"),
    }
}

/// The `Content-Type` for a file, by extension.
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
        "txt" => "text/plain; charset=utf-8",
        "ts" => "text/plain",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape. `+` stays `+` (paths, not forms).
pub fn percent_decode(input: &str) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hi = (hex[0] as char).to_digit(16)?;
            let lo = (hex[1] as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh folder under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "xtask-serve-test-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A site with an index, a wasm file, a subfolder and a secret outside the root.
    fn site() -> (TempDir, Server) {
        let tmp = TempDir::new();
        let www = tmp.0.join("www");
        std::fs::create_dir_all(www.join("pkg")).unwrap();
        std::fs::create_dir_all(www.join("docs")).unwrap();
        std::fs::write(www.join("index.html"), "<!doctype html><title>t</title>").unwrap();
        std::fs::write(www.join("pkg/mqci_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(www.join("docs/index.html"), "docs").unwrap();
        std::fs::write(www.join("a b.txt"), "spaced").unwrap();
        std::fs::write(tmp.0.join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(tmp.0.join("secret.txt"), www.join("link.txt")).unwrap();
        let server = serve(&www, 0).unwrap();
        (tmp, server)
    }

    /// Sends a raw request and returns (status, headers lowercased, body).
    fn request(server: &Server, raw: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = find(&response, b"\r\n\r\n").expect("no end of head");
        let head = String::from_utf8(response[..split].to_vec()).unwrap();
        let body = response[split + 4..].to_vec();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers = lines
            .map(|l| {
                let (k, v) = l.split_once(": ").unwrap();
                (k.to_ascii_lowercase(), v.to_string())
            })
            .collect();
        (status.parse().unwrap(), headers, body)
    }

    fn get(server: &Server, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        request(
            server,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        )
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn root_serves_index_with_security_headers() {
        let (_tmp, server) = site();
        let (status, headers, body) = get(&server, "/");
        assert_eq!(status, 200);
        assert_eq!(body, b"<!doctype html><title>t</title>");
        assert_eq!(
            header(&headers, "content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(header(&headers, "content-security-policy"), Some(CSP));
        assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
        assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
        assert_eq!(header(&headers, "connection"), Some("close"));
        assert_eq!(header(&headers, "content-length"), Some("31"));
    }

    #[test]
    fn wasm_has_its_mime_type_and_query_is_ignored() {
        let (_tmp, server) = site();
        let (status, headers, body) = get(&server, "/pkg/mqci_bg.wasm?v=3");
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
        assert_eq!(body.len(), 8);
    }

    #[test]
    fn head_has_length_but_no_body() {
        let (_tmp, server) = site();
        let (status, headers, body) = request(&server, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "content-length"), Some("31"));
        assert!(body.is_empty());
    }

    #[test]
    fn other_methods_are_refused() {
        let (_tmp, server) = site();
        let (status, headers, _) = request(
            &server,
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert_eq!(status, 405);
        assert_eq!(header(&headers, "allow"), Some("GET, HEAD"));
        assert_eq!(header(&headers, "content-security-policy"), Some(CSP));
    }

    #[test]
    fn percent_encoded_paths_are_decoded() {
        let (_tmp, server) = site();
        let (status, _, body) = get(&server, "/a%20b.txt");
        assert_eq!(status, 200);
        assert_eq!(body, b"spaced");
        assert_eq!(get(&server, "/a%2").0, 400);
        assert_eq!(get(&server, "/%ff").0, 400);
        assert_eq!(get(&server, "/x%00").0, 400);
    }

    #[test]
    fn escapes_from_the_root_are_refused() {
        let (_tmp, server) = site();
        assert_eq!(get(&server, "/../secret.txt").0, 403);
        assert_eq!(get(&server, "/pkg/../../secret.txt").0, 403);
        assert_eq!(get(&server, "/%2e%2e/secret.txt").0, 403);
        assert_eq!(get(&server, "/..%2fsecret.txt").0, 403);
        assert_eq!(get(&server, "/..\\secret.txt").0, 403);
        assert_eq!(get(&server, "//etc/passwd").0, 404);
        assert_eq!(get(&server, "http://x/index.html").0, 400);
        #[cfg(unix)]
        assert_eq!(get(&server, "/link.txt").0, 403);
    }

    #[test]
    fn directories_and_missing_files() {
        let (_tmp, server) = site();
        let (status, _, body) = get(&server, "/docs/");
        assert_eq!((status, body.as_slice()), (200, b"docs".as_slice()));
        let (status, headers, _) = get(&server, "/docs?x=1");
        assert_eq!(status, 301);
        assert_eq!(header(&headers, "location"), Some("/docs/?x=1"));
        assert_eq!(get(&server, "/pkg/").0, 404);
        assert_eq!(get(&server, "/nope.js").0, 404);
    }

    #[test]
    fn garbage_is_a_bad_request() {
        let (_tmp, server) = site();
        assert_eq!(request(&server, "nonsense\r\n\r\n").0, 400);
        assert_eq!(request(&server, "GET / SPDY/3\r\n\r\n").0, 505);
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD + 10));
        assert_eq!(request(&server, &huge).0, 431);
    }

    #[test]
    fn content_types() {
        for (file, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.JS", "text/javascript; charset=utf-8"),
            ("a.mjs", "text/javascript; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.wasm", "application/wasm"),
            ("a.json", "application/json"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("mqci.d.ts", "text/plain"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), expected, "{file}");
        }
    }

    #[test]
    fn percent_decode_cases() {
        assert_eq!(percent_decode("/a%20b+c").unwrap(), b"/a b+c");
        assert_eq!(percent_decode("%E4%B8%AD").unwrap(), "中".as_bytes());
        assert!(percent_decode("%zz").is_none());
        assert!(percent_decode("%4").is_none());
    }
}
