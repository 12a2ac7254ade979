//! The domain decides what a verified callback does to a stored payment; the store applies
//! the decision in one transaction guarded by the status it was decided from.

use kernel::{IdempotencyKey, KeyWord, Money, TrackingCode, TrackingKind, UserId};
use members::{AuditAction, AuditTarget, NewAuditEntry};
use notify::{NewNotice, Notice};
use time::OffsetDateTime;

use crate::{Charge, Payment, PaymentId, PaymentStatus, Provider, VerifiedCallback};

/// Why a callback changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The callback came through another provider's route.
    #[error("payment {0} belongs to another provider")]
    WrongProvider(PaymentId),
    /// The provider collected another amount than the one created.
    #[error("payment {payment}: expected {expected}, the provider says {got}")]
    AmountMismatch {
        /// Our payment.
        payment: PaymentId,
        /// What was created.
        expected: Charge,
        /// What the callback says.
        got: Charge,
    },
    /// The provider collected another currency than the one created.
    #[error("payment {payment}: expected {expected}, the provider says {got}")]
    CurrencyMismatch {
        /// Our payment.
        payment: PaymentId,
        /// What was created.
        expected: Charge,
        /// What the callback says.
        got: Charge,
    },
    /// The provider's id differs from the one stored at creation.
    #[error("payment {0}: the provider reference does not match")]
    ReferenceMismatch(PaymentId),
    /// Already in a final state: a replay, harmless.
    #[error("payment {0} is already {1}")]
    AlreadyDone(PaymentId, PaymentStatus),
    /// Only a paid payment can be refunded.
    #[error("payment {0} is {1}, not paid: nothing to refund")]
    NotPaid(PaymentId, PaymentStatus),
}

impl Refusal {
    /// Whether the callback was a harmless repeat (to be acknowledged, not retried).
    pub fn is_replay(&self) -> bool {
        matches!(self, Self::AlreadyDone(..))
    }
}

/// The change a transition makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// Paid: credit the wallet under `payment:<id>:credit`.
    Settle {
        /// The payer.
        user: UserId,
        /// What the wallet receives.
        amount: Money,
        /// The ledger key.
        key: IdempotencyKey,
        /// The ledger row's tracking code.
        tracking: TrackingCode,
    },
    /// Failed at the provider: no money moves.
    Fail,
    /// Nothing arrived in time: no money moves.
    Expire,
    /// Given back to the payer: the credit leaves the wallet under `payment:<id>:refund`
    /// (refused, changing nothing, when the balance no longer holds it).
    Refund {
        /// The payer.
        user: UserId,
        /// What leaves the wallet (what it received).
        amount: Money,
        /// The ledger key.
        key: IdempotencyKey,
        /// The ledger row's tracking code.
        tracking: TrackingCode,
    },
}

/// A decided transition for the store to apply: `UPDATE … SET status = to WHERE id AND
/// status = from`, and, when that changed the row, the money effect and the notices.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentTransition {
    /// The payment.
    pub payment: PaymentId,
    /// The status it was decided from.
    pub from: PaymentStatus,
    /// The status it moves to.
    pub to: PaymentStatus,
    /// The provider's id to record.
    pub provider_ref: Option<String>,
    /// The effect.
    pub change: Transition,
    /// Notices to write with it.
    pub notices: Vec<NewNotice>,
    /// The audit entry to write with it (admin actions).
    pub audit: Option<NewAuditEntry>,
    /// When.
    pub at: OffsetDateTime,
}

const PAYMENT: KeyWord = KeyWord::new("payment");
const CREDIT: KeyWord = KeyWord::new("credit");
const REFUND_STEP: KeyWord = KeyWord::new("refund");

/// The ledger key of a payment's credit (`payment:<id>:credit`).
pub fn credit_key(payment: PaymentId) -> IdempotencyKey {
    IdempotencyKey::for_record(PAYMENT, payment.get(), CREDIT)
}

/// The ledger key of a refund's debit (`payment:<id>:refund`).
pub fn refund_key(payment: PaymentId) -> IdempotencyKey {
    IdempotencyKey::for_record(PAYMENT, payment.get(), REFUND_STEP)
}

/// The audit action of refunding a payment.
pub const REFUND: AuditAction = AuditAction::new("payment.refund");

/// The audit action of an admin's "reconcile now".
pub const RECONCILE: AuditAction = AuditAction::new("payment.reconcile");

/// Refunds a paid payment by `actor`: `paid` → `refunded`, the credit taken back from the
/// wallet, audited. Anything not paid is refused.
pub fn refund(payment: &Payment, actor: UserId, at: OffsetDateTime) -> Result<PaymentTransition, Refusal> {
    if payment.status != PaymentStatus::Paid {
        return Err(Refusal::NotPaid(payment.id, payment.status));
    }
    let audit = NewAuditEntry::by(
        actor,
        REFUND,
        AuditTarget::new("payment", payment.id),
        serde_json::json!({
            "provider": payment.provider.as_str(),
            "amount_minor": payment.amount.minor(),
            "charge": payment.charge.to_string(),
            "user": payment.user.get(),
        }),
        at,
    );
    Ok(PaymentTransition {
        payment: payment.id,
        from: PaymentStatus::Paid,
        to: PaymentStatus::Refunded,
        provider_ref: None,
        change: Transition::Refund {
            user: payment.user,
            amount: payment.amount,
            key: refund_key(payment.id),
            tracking: TrackingCode::random(TrackingKind::Transaction, at),
        },
        notices: Vec::new(),
        audit: Some(audit),
        at,
    })
}

/// What `callback`, verified by `provider`'s adapter, does to `payment`. A `Paid` for a payment
/// that expired or failed still settles it (the money arrived); anything paid, refunded or
/// not matching what was created is refused.
pub fn decide(
    payment: &Payment,
    provider: Provider,
    callback: &VerifiedCallback,
    at: OffsetDateTime,
) -> Result<Option<PaymentTransition>, Refusal> {
    let id = payment.id;
    if payment.provider != provider {
        return Err(Refusal::WrongProvider(id));
    }
    let reference = match callback {
        VerifiedCallback::Ignored => return Ok(None),
        VerifiedCallback::Paid { provider_ref, .. } | VerifiedCallback::Failed { provider_ref, .. } => provider_ref,
    };
    if payment.provider_ref.as_ref().is_some_and(|stored| stored != reference) {
        return Err(Refusal::ReferenceMismatch(id));
    }
    if matches!(payment.status, PaymentStatus::Paid | PaymentStatus::Refunded) {
        return Err(Refusal::AlreadyDone(id, payment.status));
    }
    match callback {
        VerifiedCallback::Paid { charge, .. } => {
            if charge.currency() != payment.charge.currency() {
                return Err(Refusal::CurrencyMismatch {
                    payment: id,
                    expected: payment.charge,
                    got: *charge,
                });
            }
            if charge.minor() != payment.charge.minor() {
                return Err(Refusal::AmountMismatch {
                    payment: id,
                    expected: payment.charge,
                    got: *charge,
                });
            }
            let tracking = TrackingCode::random(TrackingKind::Transaction, at);
            let notice = Notice::WalletCredited {
                amount: payment.amount,
                tracking: tracking.as_str().to_owned(),
            };
            Ok(Some(PaymentTransition {
                payment: id,
                from: payment.status,
                to: PaymentStatus::Paid,
                provider_ref: Some(reference.clone()),
                change: Transition::Settle {
                    user: payment.user,
                    amount: payment.amount,
                    key: credit_key(id),
                    tracking,
                },
                notices: vec![NewNotice::to_user(payment.user, notice)],
                audit: None,
                at,
            }))
        }
        VerifiedCallback::Failed { .. } if payment.status == PaymentStatus::Created => Ok(Some(PaymentTransition {
            payment: id,
            from: payment.status,
            to: PaymentStatus::Failed,
            provider_ref: Some(reference.clone()),
            change: Transition::Fail,
            notices: vec![failed_notice(payment, false)],
            audit: None,
            at,
        })),
        VerifiedCallback::Failed { .. } => Err(Refusal::AlreadyDone(id, payment.status)),
        VerifiedCallback::Ignored => Ok(None),
    }
}

/// Whether a payment may still be paid `charge` through `provider` (checked before money
/// moves, e.g. Telegram's pre-checkout): same provider, not paid or refunded yet, and exactly
/// the currency and amount created.
pub fn precheck(payment: &Payment, provider: Provider, charge: Charge) -> Result<(), Refusal> {
    let id = payment.id;
    if payment.provider != provider {
        return Err(Refusal::WrongProvider(id));
    }
    if matches!(payment.status, PaymentStatus::Paid | PaymentStatus::Refunded) {
        return Err(Refusal::AlreadyDone(id, payment.status));
    }
    if charge.currency() != payment.charge.currency() {
        return Err(Refusal::CurrencyMismatch {
            payment: id,
            expected: payment.charge,
            got: charge,
        });
    }
    if charge.minor() != payment.charge.minor() {
        return Err(Refusal::AmountMismatch {
            payment: id,
            expected: payment.charge,
            got: charge,
        });
    }
    Ok(())
}

/// The payer's notice that `payment` failed (or `expired`), written with the transition so
/// it is told exactly once: only the call that moved the payment writes it.
fn failed_notice(payment: &Payment, expired: bool) -> NewNotice {
    NewNotice::to_user(
        payment.user,
        Notice::PaymentFailed {
            payment: payment.id.get(),
            provider: payment.provider.as_str().to_owned(),
            amount: payment.amount,
            expired,
            order: payment.order,
        },
    )
}

/// Expires a payment still open at `at`; `None` when it is no longer open.
pub fn expire(payment: &Payment, at: OffsetDateTime) -> Option<PaymentTransition> {
    payment.status.is_open().then(|| PaymentTransition {
        payment: payment.id,
        from: payment.status,
        to: PaymentStatus::Expired,
        provider_ref: None,
        change: Transition::Expire,
        notices: vec![failed_notice(payment, true)],
        audit: None,
        at,
    })
}
