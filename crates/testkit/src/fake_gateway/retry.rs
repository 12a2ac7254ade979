//! Delivering a callback the way providers do: POST it, and repeat (3 tries, 20 ms apart in
//! tests) until the shop answers with a status the provider takes as received.

use std::time::Duration;

use super::callback::Delivery;

/// Tries per delivery.
pub(super) const TRIES: usize = 3;

/// POSTs `body` (with `content_type` and `headers`) to `url` until `accepted` says the
/// answer's status stops the provider's retries, at most [`TRIES`] times.
pub(super) async fn deliver(
    client: &reqwest::Client,
    url: &str,
    content_type: &str,
    headers: &[(&str, String)],
    body: &str,
    accepted: fn(u16) -> bool,
) -> Delivery {
    let mut delivery = Delivery::default();
    for attempt in 0..TRIES {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let mut request = client
            .post(url)
            .header("content-type", content_type)
            .body(body.to_owned());
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let answer = match request.send().await {
            Ok(r) => {
                let status = r.status().as_u16();
                (status, r.text().await.unwrap_or_default())
            }
            Err(e) => (0, e.to_string()),
        };
        let ok = accepted(answer.0);
        delivery.answers.push(answer);
        if ok {
            delivery.acknowledged = true;
            break;
        }
    }
    delivery
}

/// Starts `app` on a loopback port and returns its base URL.
pub(super) async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}
