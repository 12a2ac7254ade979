//! Small helpers every suite needs: waiting for a condition, reading a client's limits off a
//! fake panel. One copy here instead of one per suite.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::FakePanel;

/// Polls `done` every 50 ms until it holds; panics naming `what` after `within`. For things
/// `FakeTelegram::wait_idle` cannot see (a bot sleeping out a 429, a child process starting).
pub async fn wait_until(what: &str, within: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !done() {
        assert!(Instant::now() < deadline, "{what}: not reached within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `totalGB` and `expiryTime` of the client `email` on `panel` (panics when there is none).
pub fn limits_on(panel: &FakePanel, email: &str) -> (i64, i64) {
    let client = client_on(panel, email);
    let field = |name: &str| client.get(name).and_then(Value::as_i64).unwrap_or_default();
    (field("totalGB"), field("expiryTime"))
}

/// The key (`id`) of the client `email` on `panel` (panics when there is none).
pub fn key_on(panel: &FakePanel, email: &str) -> String {
    let client = client_on(panel, email);
    client.get("id").and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn client_on(panel: &FakePanel, email: &str) -> Value {
    panel
        .client(email)
        .unwrap_or_else(|| panic!("the panel has no client {email}"))
}
