//! The HTTP guard around every route: the bearer token on `/metrics` and the detailed
//! `/healthz`, the body cap and the per-request deadline, over a real socket.

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::routing::{get, post};
use kernel::Secret;
use moonvpn::http_limits::{HttpLimits, guard};

const TOKEN: &str = "metrics-token-0123456789";

async fn serve(limits: HttpLimits) -> String {
    let router = Router::new()
        .route("/metrics", get(|| async { "moonvpn_up 1\n" }))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/upload", post(|body: Bytes| async move { format!("{}", body.len()) }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                "never"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, guard(router, &limits)).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn metrics_and_the_detailed_health_report_need_the_token_when_one_is_set() {
    let base = serve(HttpLimits::new(Some(Secret::new(TOKEN)))).await;
    let client = reqwest::Client::new();
    let status = |path: &'static str, token: Option<&'static str>| {
        let mut req = client.get(format!("{base}{path}"));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        async move { req.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status("/metrics", None).await, 401);
    assert_eq!(status("/metrics", Some("wrong-token-0123456789")).await, 401);
    assert_eq!(status("/metrics", Some(TOKEN)).await, 200);
    assert_eq!(status("/healthz", None).await, 200, "the plain probe stays open");
    assert_eq!(status("/healthz?detail", None).await, 401);
    assert_eq!(status("/healthz?detail", Some(TOKEN)).await, 200);

    let open = serve(HttpLimits::new(None)).await;
    let got = client.get(format!("{open}/metrics")).send().await.unwrap();
    assert_eq!(got.status().as_u16(), 200, "no token configured: open");
}

#[tokio::test]
async fn an_oversized_body_is_refused_and_a_small_one_accepted() {
    let limits = HttpLimits {
        body_limit: 1024,
        ..HttpLimits::new(None)
    };
    let base = serve(limits).await;
    let client = reqwest::Client::new();
    let small = client
        .post(format!("{base}/upload"))
        .body(vec![b'x'; 100])
        .send()
        .await
        .unwrap();
    assert_eq!(small.status().as_u16(), 200);
    assert_eq!(small.text().await.unwrap(), "100");
    let big = client
        .post(format!("{base}/upload"))
        .body(vec![b'x'; 4096])
        .send()
        .await
        .unwrap();
    assert_eq!(big.status().as_u16(), 413);
    // Without a Content-Length (streamed), the extractor's cap still applies.
    let chunks = futures::stream::iter((0..8).map(|_| Ok::<_, std::io::Error>(vec![b'x'; 1024])));
    let streamed = client
        .post(format!("{base}/upload"))
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    assert_eq!(streamed.status().as_u16(), 413);
}

#[tokio::test]
async fn a_request_past_its_deadline_gets_503() {
    let limits = HttpLimits {
        request_timeout: Duration::from_millis(50),
        ..HttpLimits::new(None)
    };
    let base = serve(limits).await;
    let got = reqwest::get(format!("{base}/slow")).await.unwrap();
    assert_eq!(got.status().as_u16(), 503);
}
