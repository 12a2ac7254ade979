//! Fake payment providers ([`FakeZarinpal`], [`FakeNowPayments`], [`FakeYooKassa`],
//! [`FakeCoinGate`] and [`FakeCryptomus`] have their own modules): what Robokassa and FreeKassa do with a pay link and how they call
//! back, from their documentation (`shared/reference/payments.md`), computed independently of
//! MoonVPN's adapters.
//!
//! A [`FakeGateway`] opens a pay link as the provider would (refusing one whose signature
//! does not check with the shop's first secret), then delivers the real-format callback
//! signed with the second secret to the shop's callback URL, retrying like the provider
//! until it gets the acknowledgement it expects (`OK<InvId>`, `YES`). A test can also make it
//! lie: [`Callback::forged`] breaks the signature, [`Callback::tampered_amount`] changes the
//! amount without re-signing, [`Callback::signed_amount`] signs another amount with the real
//! secret (an authentic provider saying it collected something else), and delivering the same
//! [`Callback`] twice is a replay.

mod callback;
mod coingate;
mod cryptomus;
mod nowpayments;
mod provider;
mod retry;
mod yookassa;
mod zarinpal;

pub use callback::{Callback, Delivery};
pub use coingate::FakeCoinGate;
pub use cryptomus::FakeCryptomus;
pub use nowpayments::FakeNowPayments;
pub use provider::{FakeGateway, Invoice, Kind};
pub use yookassa::FakeYooKassa;
pub use zarinpal::FakeZarinpal;
