//! `TestShop`: a whole MoonVPN world for a test, in the style of crates.io's `TestApp`.
//!
//! ```ignore
//! # async fn demo() {
//! use testshop::{PlanSpec, TestShop};
//! use testkit::Generation;
//!
//! let shop = TestShop::init()
//!     .with_location("France", "FR")
//!     .with_panel(Generation::D)
//!     .with_plan(PlanSpec::fixed("Silver", 50, 30, 100_000))
//!     .with_user(150_000)
//!     .start()
//!     .await;
//! let customer = shop.user(0);
//! customer.sim.send_text("/menu");
//! shop.idle().await;
//! insta::assert_snapshot!(customer.sim.chat_snapshot());
//! # }
//! ```
//!
//! The services come from the one wiring (`moonvpn_services::Services::build`), the bot is the
//! real one polling a [`testkit::telegram::FakeTelegram`], panels are
//! [`testkit::FakePanel`]s driven by the real 3x-ui driver, the store is in-memory SQLite.
//! Generic fakes and helpers stay in `testkit`; this crate exists because a world needs the
//! telegram, store and services crates, which `testkit` must not depend on (see
//! docs/testing-telegram.md).
#![forbid(unsafe_code)]

mod bot;
mod plan;
mod shop;

pub use bot::{
    AUDIT_CHANNEL, QUIET, RunningBot, SECRET, SUPERADMIN, SUPPORT_CONTACT, TOP_UP_PRESETS, bot_deps_for, deps, deps_at,
    fake_telegram, loopback_panel_driver, memory_store, spawn_bot, spawn_bot_with_deps, spawn_bot_with_secret,
    stored_user, test_policy, test_services,
};
pub use plan::PlanSpec;
pub use shop::{ShopBuilder, ShopUser, TestShop};
pub use testkit::{key_on, limits_on, wait_until};

/// One gigabyte in bytes, as plans count it.
pub const GB: u64 = orders::BYTES_PER_GB;

/// An amount in Toman (the test shops' currency, no minor unit).
pub fn money(toman: i64) -> kernel::Money {
    kernel::Money::from_minor(toman).expect("a valid amount")
}

/// Unix milliseconds of an instant (how 3x-ui stores expiry).
pub fn unix_ms(at: time::OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).expect("an instant within i64 milliseconds")
}
