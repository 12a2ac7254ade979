//! Receipt use cases: show a card, submit, approve, reject, expire.

use std::sync::Arc;

use kernel::{
    BankCardId, Clock, IdempotencyKey, Money, Page, PageRequest, ReceiptId, StorageError, TrackingCode, TrackingKind,
    UserId,
};
use members::{AccessError, AuditAction, AuditTarget, Authorizer, NewAuditEntry, Role};
use notify::{NewNotice, Notice};
use time::Duration;

use crate::{
    ApproveReceipt, BankCard, BankCardRepo, DecisionOutcome, ExpireReceipt, LOAD_WINDOW, NewReceipt, Receipt,
    ReceiptError, ReceiptProof, ReceiptQuery, ReceiptRepo, ReceiptStatus, RejectReason, RejectReceipt, Rotation,
    Undecidable, choose_card, policy_in_force,
};

/// Settings of the receipts area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptConfig {
    /// How long admins have to decide a receipt before it expires.
    pub ttl: Duration,
    /// How many receipts one payer may have waiting at once.
    pub max_pending_per_user: u64,
}

impl Default for ReceiptConfig {
    fn default() -> Self {
        Self {
            ttl: Duration::minutes(30),
            max_pending_per_user: 3,
        }
    }
}

/// Card-to-card payments: which card to pay into, receipts and their review.
pub struct ReceiptService {
    receipts: Arc<dyn ReceiptRepo>,
    cards: Arc<dyn BankCardRepo>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
    config: ReceiptConfig,
}

/// Tries at generating a fresh tracking code before giving up.
const TRACKING_ATTEMPTS: usize = 3;

impl ReceiptService {
    /// Audit action of an approval.
    pub const APPROVE: AuditAction = AuditAction::new("receipt.approve");
    /// Audit action of a rejection.
    pub const REJECT: AuditAction = AuditAction::new("receipt.reject");

    /// Wires the service.
    pub fn new(
        receipts: Arc<dyn ReceiptRepo>,
        cards: Arc<dyn BankCardRepo>,
        access: Arc<dyn Authorizer>,
        clock: Arc<dyn Clock>,
        config: ReceiptConfig,
    ) -> Self {
        Self {
            receipts,
            cards,
            access,
            clock,
            config,
        }
    }

    /// The key of the wallet credit for approving `receipt`.
    pub fn approval_key(receipt: ReceiptId) -> Result<IdempotencyKey, ReceiptError> {
        IdempotencyKey::for_step("receipt", receipt, "approve")
            .map_err(|e| ReceiptError::Storage(StorageError::Other(e.to_string())))
    }

    /// The card an active user should pay into now, by the rotation policy in force.
    pub async fn card_for_payment(&self, user: UserId) -> Result<BankCard, ReceiptError> {
        self.access.ensure_active(user).await?;
        let cards = self.cards.list().await?;
        let now = self.clock.now();
        let loads = match policy_in_force(&cards) {
            Rotation::LoadBalance => self.receipts.card_loads(now - LOAD_WINDOW).await?,
            Rotation::Manual | Rotation::Interval { .. } => Vec::new(),
        };
        choose_card(&cards, &loads, now)
            .cloned()
            .ok_or(ReceiptError::NoActiveCard)
    }

    /// Stores a payer's receipt for `card` and tells the admins. The card may have been
    /// deactivated since it was shown (the money is already sent), but it must exist.
    #[tracing::instrument(skip(self, proof), fields(amount = amount.minor()))]
    pub async fn submit(
        &self,
        user: UserId,
        card: BankCardId,
        amount: Money,
        proof: ReceiptProof,
    ) -> Result<Receipt, ReceiptError> {
        self.access.ensure_active(user).await?;
        if amount.is_zero() {
            return Err(ReceiptError::ZeroAmount);
        }
        if self.cards.get(card).await?.is_none() {
            return Err(ReceiptError::UnknownCard(card));
        }
        let waiting = ReceiptQuery {
            status: Some(ReceiptStatus::Pending),
            user: Some(user),
            card: None,
        };
        let pending = self.receipts.list(waiting, PageRequest::new(0, 1)).await?.total;
        if pending >= self.config.max_pending_per_user {
            return Err(ReceiptError::TooManyPending(pending));
        }
        let now = self.clock.now();
        let mut new = NewReceipt {
            user,
            card,
            amount,
            proof,
            tracking: TrackingCode::random(TrackingKind::Receipt, now),
            submitted_at: now,
            expires_at: now + self.config.ttl,
        };
        let mut attempt = 1;
        loop {
            match self.receipts.submit(&new).await {
                Err(StorageError::Conflict(what)) if attempt < TRACKING_ATTEMPTS => {
                    tracing::debug!(%what, "tracking code taken; trying another");
                    new.tracking = TrackingCode::random(TrackingKind::Receipt, now);
                    attempt += 1;
                }
                other => return Ok(other?),
            }
        }
    }

    /// Approves a receipt and credits the payer's wallet, exactly once: a second approval
    /// (the same admin twice, or two admins at once) gets `AlreadyDecided`. Audited.
    #[tracing::instrument(skip(self))]
    pub async fn approve(&self, admin: UserId, id: ReceiptId) -> Result<Receipt, ReceiptError> {
        let (receipt, at) = self.decidable(admin, id).await?;
        let command = ApproveReceipt {
            receipt: id,
            admin,
            at,
            key: Self::approval_key(id)?,
            notices: vec![NewNotice::to_user(
                receipt.user,
                Notice::ReceiptApproved {
                    receipt: id,
                    amount: receipt.amount,
                },
            )],
            audit: NewAuditEntry::by(
                admin,
                Self::APPROVE,
                AuditTarget::receipt(id),
                serde_json::json!({
                    "user": receipt.user,
                    "amount": receipt.amount.minor(),
                    "tracking": receipt.tracking.as_str(),
                }),
                at,
            ),
        };
        let outcome = self.receipts.approve(&command).await?;
        settle(id, outcome, at)
    }

    /// Rejects a receipt with a reason the payer sees. Audited.
    #[tracing::instrument(skip(self, reason))]
    pub async fn reject(&self, admin: UserId, id: ReceiptId, reason: RejectReason) -> Result<Receipt, ReceiptError> {
        let (receipt, at) = self.decidable(admin, id).await?;
        let command = RejectReceipt {
            receipt: id,
            admin,
            at,
            notices: vec![NewNotice::to_user(
                receipt.user,
                Notice::ReceiptRejected {
                    receipt: id,
                    reason: reason.as_str().to_owned(),
                },
            )],
            audit: NewAuditEntry::by(
                admin,
                Self::REJECT,
                AuditTarget::receipt(id),
                serde_json::json!({
                    "user": receipt.user,
                    "amount": receipt.amount.minor(),
                    "tracking": receipt.tracking.as_str(),
                    "reason": reason.as_str(),
                }),
                at,
            ),
            reason,
        };
        let outcome = self.receipts.reject(&command).await?;
        settle(id, outcome, at)
    }

    /// Expires up to `limit` overdue receipts and tells their payers (background job).
    /// Receipts decided meanwhile are skipped. Returns the receipts expired.
    pub async fn expire_due(&self, limit: u64) -> Result<Vec<Receipt>, ReceiptError> {
        let at = self.clock.now();
        let mut expired = Vec::new();
        for receipt in self.receipts.due_for_expiry(at, limit).await? {
            let command = ExpireReceipt {
                receipt: receipt.id,
                at,
                notices: vec![NewNotice::to_user(
                    receipt.user,
                    Notice::ReceiptExpired { receipt: receipt.id },
                )],
            };
            if let DecisionOutcome::Applied(r) = self.receipts.expire(&command).await? {
                expired.push(r);
            }
        }
        if !expired.is_empty() {
            tracing::info!(count = expired.len(), "receipts expired");
        }
        Ok(expired)
    }

    /// One receipt, for an admin.
    pub async fn get(&self, admin: UserId, id: ReceiptId) -> Result<Receipt, ReceiptError> {
        self.access.require(admin, Role::Admin).await?;
        self.receipts
            .get(id)
            .await?
            .ok_or_else(|| ReceiptError::unknown_receipt(id))
    }

    /// A receipt by tracking code: admins see any, users only their own.
    pub async fn find_by_tracking(&self, actor: UserId, code: &TrackingCode) -> Result<Receipt, ReceiptError> {
        self.access.ensure_active(actor).await?;
        let unknown = || ReceiptError::UnknownReceipt(code.to_string());
        match self.receipts.find_by_tracking(code).await? {
            Some(receipt) if receipt.user == actor => Ok(receipt),
            Some(receipt) => match self.access.require(actor, Role::Admin).await {
                Ok(_) => Ok(receipt),
                Err(AccessError::Storage(e)) => Err(e.into()),
                Err(_) => Err(unknown()),
            },
            None => Err(unknown()),
        }
    }

    /// Receipts waiting for review, newest first (admins only).
    pub async fn pending(&self, admin: UserId, page: PageRequest) -> Result<Page<Receipt>, ReceiptError> {
        self.access.require(admin, Role::Admin).await?;
        let query = ReceiptQuery {
            status: Some(ReceiptStatus::Pending),
            ..ReceiptQuery::default()
        };
        Ok(self.receipts.list(query, page).await?)
    }

    /// A payer's own receipts, newest first.
    pub async fn history(&self, user: UserId, page: PageRequest) -> Result<Page<Receipt>, ReceiptError> {
        let query = ReceiptQuery {
            user: Some(user),
            ..ReceiptQuery::default()
        };
        Ok(self.receipts.list(query, page).await?)
    }

    /// Checks the admin and that the receipt can still be decided; returns it and "now".
    async fn decidable(&self, admin: UserId, id: ReceiptId) -> Result<(Receipt, time::OffsetDateTime), ReceiptError> {
        self.access.require(admin, Role::Admin).await?;
        let receipt = self
            .receipts
            .get(id)
            .await?
            .ok_or_else(|| ReceiptError::unknown_receipt(id))?;
        let at = self.clock.now();
        receipt.check_decidable(at).map_err(refusal)?;
        Ok((receipt, at))
    }
}

fn refusal(why: Undecidable) -> ReceiptError {
    match why {
        Undecidable::AlreadyDecided(status) => ReceiptError::AlreadyDecided { status },
        Undecidable::Expired => ReceiptError::Expired,
    }
}

/// Turns a storage outcome into the answer for the admin.
fn settle(id: ReceiptId, outcome: DecisionOutcome, at: time::OffsetDateTime) -> Result<Receipt, ReceiptError> {
    match outcome {
        DecisionOutcome::Applied(receipt) => Ok(receipt),
        DecisionOutcome::Refused(receipt) => match receipt.check_decidable(at) {
            Err(why) => Err(refusal(why)),
            Ok(()) => Err(ReceiptError::Storage(StorageError::Other(format!(
                "receipt {id} was refused although it is decidable"
            )))),
        },
        DecisionOutcome::NotFound => Err(ReceiptError::unknown_receipt(id)),
    }
}
