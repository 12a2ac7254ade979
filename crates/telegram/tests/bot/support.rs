//! The bot suite's helpers, all from the one harness (`moonvpn-testshop`, built on
//! `Services::build`): no second wiring lives in this suite.

use members::Language;
pub use testkit::telegram::Screens;
use testkit::telegram::SimUser;
pub use testshop::{
    QUIET, SECRET, deps, fake_telegram as fake, memory_store, spawn_bot, spawn_bot_with_secret, stored_user,
};

/// Waits (up to 10 s) until `done` holds, e.g. while the bot sleeps out a 429, which
/// `wait_idle` cannot see.
pub async fn wait_until(done: impl FnMut() -> bool) {
    testkit::wait_until("the condition", std::time::Duration::from_secs(10), done).await;
}

/// The text of catalog key `key` in `lang`: a walk taps buttons by their exact labels, so a
/// renamed button shows up in the snapshot diff rather than as a lookup failure elsewhere.
pub fn label(lang: Language, key: &str) -> String {
    let i18n = telegram::I18n::new(kernel::Currency::from_code("IRT").unwrap()).unwrap();
    i18n.t(lang, key)
}

/// Taps the first button of the bot's last message whose label starts with `prefix`.
pub fn tap_starting_with(user: &SimUser, prefix: &str) {
    let last = user.last_bot_message().expect("a bot message");
    let button = last
        .buttons
        .iter()
        .flatten()
        .find(|b| b.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no button starting with {prefix:?} in {last:?}"));
    user.tap(
        last.message_id,
        button.callback_data.as_deref().expect("a callback button"),
    );
}
