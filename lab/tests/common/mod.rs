//! What the lab's integration tests share: a server on a loopback port of its own, and a
//! plain HTTP/1.1 client (one request per connection) with a bounded wait.

#![allow(dead_code)] // each test binary uses its own part

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Starts the lab (2-D defaults, paused) on 127.0.0.1, a free port, in a runtime of its own.
pub fn start_server() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("an address"))
                .expect("the test waits");
            adversarial_lab::serve(listener).await.expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the server starts")
}

/// `(status, body)` of one request; `Err` if the server does not answer within 20 s.
pub fn http(address: SocketAddr, method: &str, path: &str) -> std::io::Result<(u16, String)> {
    request(address, method, path, "")
}

/// `(status, body)` of one request with a JSON `body`, read up to its `Content-Length` (or to
/// the end of the connection without one).
pub fn request(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(20))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.set_write_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = Vec::new();
    let mut buffer = [0; 8192];
    let head_end = loop {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            break response.windows(4).position(|w| w == b"\r\n\r\n");
        }
        response.extend_from_slice(&buffer[..n]);
        if let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            break Some(end);
        }
    };
    let bad = |what: &str| {
        std::io::Error::other(format!("{what}: {:?}", String::from_utf8_lossy(&response)))
    };
    let head_end = head_end.ok_or_else(|| bad("no HTTP head"))?;
    let head = String::from_utf8_lossy(&response[..head_end]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    let mut body = response[head_end + 4..].to_vec();
    match length {
        Some(length) => {
            while body.len() < length {
                let n = stream.read(&mut buffer)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&buffer[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut body)?;
        }
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// The newest frame's JSON.
pub fn frame(address: SocketAddr) -> serde_json::Value {
    let (status, body) = http(address, "GET", "/api/frame").expect("the server answers");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("a frame is JSON")
}
