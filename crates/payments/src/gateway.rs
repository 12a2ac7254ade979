//! The `PaymentGateway` port: what every provider adapter offers the domain.

use async_trait::async_trait;

use crate::{Charge, Payment, PaymentId, Provider};

/// What a provider needs to create a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRequest {
    /// Our payment id (sent to the provider, echoed in its callback).
    pub payment: PaymentId,
    /// What to collect.
    pub charge: Charge,
    /// A short description shown by the provider.
    pub description: String,
    /// The order the top-up is for (its balance was short), if any: a provider that carries
    /// our data back (Telegram Stars' payload) returns it so the order can be paid at once.
    pub order: Option<kernel::OrderId>,
}

/// What the user opens to pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    /// The pay link (or a Telegram invoice link).
    pub pay_url: String,
    /// The provider's id for the payment when it is known at creation.
    pub provider_ref: Option<String>,
}

/// A provider's callback as it reached us, raw: verification works on these bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The raw query string (without `?`).
    pub query: String,
    /// Headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// The caller's address, when known.
    pub remote_ip: Option<std::net::IpAddr>,
}

impl CallbackRequest {
    /// The first header named `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a verified callback says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifiedCallback {
    /// The payer paid `charge` for our payment `payment`.
    Paid {
        /// Our payment id, from the callback.
        payment: PaymentId,
        /// The provider's id of this payment (dedupe key).
        provider_ref: String,
        /// What the provider says it collected.
        charge: Charge,
    },
    /// The provider says the payment failed or was cancelled.
    Failed {
        /// Our payment id.
        payment: PaymentId,
        /// The provider's id.
        provider_ref: String,
    },
    /// Authentic, but nothing to do (still pending, an event we do not act on).
    Ignored,
}

/// The HTTP answer a provider expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackReply {
    /// Status code.
    pub status: u16,
    /// Body (text).
    pub body: String,
}

impl CallbackReply {
    /// `200` with `body`.
    pub fn ok(body: impl Into<String>) -> Self {
        Self {
            status: 200,
            body: body.into(),
        }
    }

    /// A refusal with `status` (4xx for unverified calls, 5xx to ask for a retry).
    pub fn refuse(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            body: body.into(),
        }
    }
}

/// A provider's view of a payment, for reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteStatus {
    /// Paid (with what was collected).
    Paid(VerifiedCallback),
    /// Failed or cancelled at the provider.
    Failed,
    /// Still waiting for the payer.
    Pending,
    /// The provider cannot tell (no status API).
    Unknown,
}

/// Why a provider call or a callback failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    /// The callback is not authentic (bad signature, token or source). Answered with 4xx.
    #[error("unverified callback: {0}")]
    Unverified(String),
    /// The callback is authentic-looking but unreadable.
    #[error("malformed callback: {0}")]
    Malformed(String),
    /// The provider refused or could not be reached.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// The provider does not offer this (e.g. no status API).
    #[error("not supported by {0}")]
    Unsupported(Provider),
}

/// One payment provider. Adapters live in the `gateways` crate; secrets never leave them.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PaymentGateway: Send + Sync {
    /// Which provider this is.
    fn provider(&self) -> Provider;

    /// The currency it charges in and the admin's rate from the shop's currency.
    fn pricing(&self) -> (kernel::Currency, crate::Rate);

    /// Creates the payment at the provider (or builds its signed link) and returns what the
    /// user opens.
    async fn create(&self, request: &PaymentRequest) -> Result<Checkout, GatewayError>;

    /// Verifies a callback first (signature, secret or re-fetch) and reads what it says.
    async fn verify(&self, call: &CallbackRequest) -> Result<VerifiedCallback, GatewayError>;

    /// The answer that tells the provider the callback was taken (stops its retries).
    fn ack(&self, callback: &VerifiedCallback) -> CallbackReply;

    /// The provider's current view of `payment`, for reconciliation.
    async fn fetch_status(&self, payment: &Payment) -> Result<RemoteStatus, GatewayError>;

    /// Whether [`Self::refund`] gives money back through the provider's API. A payment of a
    /// provider without one is refused before anything moves.
    fn refunds(&self) -> bool {
        false
    }

    /// Gives a paid `payment` back to `payer` at the provider. Doing it again for a payment
    /// already given back succeeds without a second refund. Providers without a refund API
    /// say `Unsupported` (the admin refunds in the provider's cabinet).
    async fn refund(&self, payment: &Payment, payer: kernel::TelegramId) -> Result<(), GatewayError> {
        let _ = (payment, payer);
        Err(GatewayError::Unsupported(self.provider()))
    }
}
