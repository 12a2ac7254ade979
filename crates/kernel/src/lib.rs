//! The shared vocabulary of every MoonVPN domain crate: exact [`Money`], id newtypes,
//! [`TelegramId`], [`Limit`]s (unlimited or an amount), the [`Clock`] port, human-readable [`TrackingCode`]s, [`IdempotencyKey`]s
//! and the [`StorageError`] every repository port speaks.
//!
//! Nothing here knows about databases, HTTP or Telegram.
#![forbid(unsafe_code)]

mod clock;
mod currency;
mod data_size;
mod error;
mod idempotency;
mod ids;
mod keys;
mod lease;
mod limit;
mod money;
mod page;
mod panel_problem;
mod secret;
mod shop_name;
mod telegram_id;
mod tracking;

pub use clock::{Clock, FixedClock, SystemClock};
pub use currency::{Currency, CurrencyError};
pub use data_size::{BYTES_PER_GB, BYTES_PER_MB, DataSize};
pub use error::StorageError;
pub use idempotency::{IdempotencyKey, IdempotencyKeyError, KeyWord};
pub use ids::*;
pub use keys::{DerivedKey, KeyPurpose};
pub use lease::JobLease;
pub use limit::{ByteLimit, CountLimit, Limit, limit_as_bytes};
pub use money::{Money, MoneyError};
pub use page::{Page, PageRequest};
pub use panel_problem::PanelProblem;
pub use secret::Secret;
pub use shop_name::{ShopName, ShopNameError};
pub use telegram_id::{TelegramId, TelegramIdError};
pub use tracking::{TrackingCode, TrackingCodeError, TrackingKind};

#[cfg(feature = "mock")]
pub use clock::MockClock;
#[cfg(feature = "mock")]
pub use lease::MockJobLease;
