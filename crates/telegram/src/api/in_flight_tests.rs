//! However many answers go out at once, the bot keeps at most [`MAX_REQUESTS_IN_FLIGHT`]
//! requests, and so connections, open to the Bot API.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kernel::Secret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::{BotApi, MAX_REQUESTS_IN_FLIGHT};

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

/// Reads one HTTP/1.1 request (headers, then `Content-Length` bytes); `false` at the end of
/// the connection.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> bool {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                buf.drain(..end + 4 + length);
                return true;
            }
        }
        let mut chunk = [0u8; 4096];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A Bot API that answers every call with `true` after a pause, counting connections and
/// requests under way.
async fn slow_api(counts: Arc<Counts>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counts.connections.fetch_add(1, Ordering::SeqCst);
            let counts = Arc::clone(&counts);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                while read_request(&mut stream, &mut buf).await {
                    let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    counts.most_in_flight.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    counts.in_flight.fetch_sub(1, Ordering::SeqCst);
                    let body = r#"{"ok":true,"result":true}"#;
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if stream.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crowd_of_answers_shares_a_bounded_number_of_connections() {
    let counts = Arc::new(Counts::default());
    let api = BotApi::new(&slow_api(Arc::clone(&counts)).await, &Secret::new("1:test")).unwrap();
    let answers: Vec<_> = (0..MAX_REQUESTS_IN_FLIGHT * 4)
        .map(|i| {
            let api = api.clone();
            tokio::spawn(async move { api.answer_callback(&format!("q{i}"), None, false).await })
        })
        .collect();
    for answer in answers {
        answer.await.unwrap().expect("every answer goes out");
    }
    let most = counts.most_in_flight.load(Ordering::SeqCst);
    assert!(most <= MAX_REQUESTS_IN_FLIGHT, "{most} requests were under way at once");
    assert!(most > 1, "the requests still run side by side");
    let opened = counts.connections.load(Ordering::SeqCst);
    assert!(opened <= MAX_REQUESTS_IN_FLIGHT, "{opened} connections were opened");
}
