//! Money in through payment providers (Telegram Stars, Zarinpal, Robokassa, FreeKassa, …).
//!
//! The domain owns the rules: a payment is created for a top-up with the amount the wallet
//! will receive and the exact charge the provider must collect (converted only by the rate
//! the admin configured, in integers); a provider's callback is turned into a
//! [`VerifiedCallback`] by its [`PaymentGateway`] adapter; [`decide`] compares it with the
//! stored payment (provider, amount, currency) and returns the [`PaymentTransition`] the store
//! applies in one transaction with the wallet credit, keyed so that replays change nothing.
//!
//! No HTTP, database or Telegram technology lives here.
#![forbid(unsafe_code)]

mod charge;
mod decide;
mod error;
mod gateway;
#[cfg(test)]
mod outcome_tests;
mod payment;
mod ports;
mod provider;
mod service;
#[cfg(test)]
mod service_tests;

pub use charge::{Charge, ChargeError, Rate};
pub use decide::{
    PaymentTransition, RECONCILE, REFUND, Refusal, Transition, credit_key, decide, expire, precheck, refund, refund_key,
};
pub use error::PaymentError;
pub use gateway::{
    CallbackReply, CallbackRequest, Checkout, GatewayError, PaymentGateway, PaymentRequest, RemoteStatus,
    VerifiedCallback,
};
pub use payment::{NewPayment, Payment, PaymentId, PaymentStatus};
pub use ports::{OrderPayer, OrderPayment, PayerDirectory, PaymentQuery, PaymentRepo, SettleOutcome};
pub use provider::Provider;
pub use service::{CallbackOutcome, Gateways, PaymentService, ReconcileReport};

#[cfg(any(test, feature = "mock"))]
pub use gateway::MockPaymentGateway;
#[cfg(any(test, feature = "mock"))]
pub use ports::{MockOrderPayer, MockPayerDirectory, MockPaymentRepo};
