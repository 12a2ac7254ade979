//! The bot suite's helpers, all from the one harness (`moonvpn-testshop`, built on
//! `Services::build`): no second wiring lives in this suite.

pub use testshop::{
    QUIET, SECRET, deps, fake_telegram as fake, memory_store, spawn_bot, spawn_bot_with_secret, stored_user,
};

/// Waits (up to 10 s) until `done` holds, e.g. while the bot sleeps out a 429, which
/// `wait_idle` cannot see.
pub async fn wait_until(done: impl FnMut() -> bool) {
    testkit::wait_until("the condition", std::time::Duration::from_secs(10), done).await;
}
