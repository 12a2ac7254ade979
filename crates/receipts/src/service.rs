//! Receipt use cases for payers: which card to pay into, opening a top-up request with a
//! unique amount, sending the proof, cancelling; and reading receipts. The review (approve,
//! reject, expire, overrides) is in `review.rs`, bank notification matching in `matching.rs`.

use std::sync::Arc;

use kernel::{Clock, Money, OrderId, Page, PageRequest, ReceiptId, StorageError, TrackingCode, TrackingKind, UserId};
use members::{AccessError, Authorizer, Role};
use notify::{NewNotice, Notice};
use time::{Duration, OffsetDateTime};

use crate::{
    AttachProof, BankCard, BankCardRepo, DAY_WINDOW, DecisionOutcome, MONTH_WINDOW, NewReceipt, PhotoFileId, Receipt,
    ReceiptError, ReceiptFlag, ReceiptFlags, ReceiptProof, ReceiptQuery, ReceiptRepo, ReceiptStatus, choose_card,
};

/// Settings of the receipts area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptConfig {
    /// How long a request stays open for its proof and review before it expires.
    pub ttl: Duration,
    /// How many open requests one payer may have at once (more are refused).
    pub max_pending_per_user: u64,
    /// From how many open requests a new one is flagged `too_many_open`.
    pub flag_open_per_user: u64,
    /// The smallest top-up.
    pub min_amount: Money,
    /// The largest top-up.
    pub max_amount: Money,
    /// How many units are added at most to make a payable amount unique.
    pub max_offset: i64,
    /// How many units of a bank notification's amount make one minor unit of the shop's
    /// currency (10: the bank writes Rials, the shop counts Tomans).
    pub sms_units_per_minor: i64,
}

impl Default for ReceiptConfig {
    fn default() -> Self {
        Self {
            ttl: Duration::minutes(30),
            max_pending_per_user: 3,
            flag_open_per_user: 2,
            min_amount: Money::from_minor(1_000).unwrap_or(Money::ZERO),
            max_amount: Money::from_minor(100_000_000).unwrap_or(Money::ZERO),
            max_offset: crate::payable::MAX_OFFSET,
            sms_units_per_minor: 10,
        }
    }
}

/// Card-to-card payments: which card to pay into, requests, receipts and their review.
pub struct ReceiptService {
    pub(crate) receipts: Arc<dyn ReceiptRepo>,
    pub(crate) cards: Arc<dyn BankCardRepo>,
    pub(crate) access: Arc<dyn Authorizer>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) config: ReceiptConfig,
}

/// Tries at storing a request before giving up (a tracking code or payable amount taken by
/// a request opened at the same moment).
const OPEN_ATTEMPTS: usize = 3;

impl ReceiptService {
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

    /// The settings in force.
    pub fn config(&self) -> ReceiptConfig {
        self.config
    }

    /// The card an active user should transfer `amount` into now, by the rotation policy in
    /// force, skipping inactive cards and cards the amount would push past a cap.
    pub async fn card_for_payment(&self, user: UserId, amount: Money) -> Result<BankCard, ReceiptError> {
        self.access.ensure_active(user).await?;
        self.pick_card(amount).await
    }

    async fn pick_card(&self, amount: Money) -> Result<BankCard, ReceiptError> {
        let cards = self.cards.list().await?;
        let now = self.clock.now();
        let loads = self.receipts.card_loads(now - DAY_WINDOW, now - MONTH_WINDOW).await?;
        choose_card(&cards, &loads, now, amount)
            .cloned()
            .ok_or(ReceiptError::NoActiveCard)
    }

    /// Opens a top-up request: picks the card, makes the amount unique among open requests
    /// (the extra units are credited too), gives it a tracking code and a deadline. The
    /// payer then transfers exactly `amount` and sends the proof ([`Self::attach_proof`]).
    #[tracing::instrument(skip(self), fields(amount = requested.minor()))]
    pub async fn open_request(&self, user: UserId, requested: Money) -> Result<Receipt, ReceiptError> {
        self.open(user, requested, None).await
    }

    /// Opens a request paying for `order` (whose price the caller read from the order and
    /// whose ownership it checked): like [`Self::open_request`], and once approved the
    /// receipt names the order so the purchase continues. Its deadline is never later than
    /// `payable_until`, when the order stops being payable, so no approval comes too late
    /// for the order; `Expired` if that moment has passed.
    #[tracing::instrument(skip(self), fields(amount = requested.minor()))]
    pub async fn open_order_request(
        &self,
        user: UserId,
        requested: Money,
        order: OrderId,
        payable_until: OffsetDateTime,
    ) -> Result<Receipt, ReceiptError> {
        if payable_until <= self.clock.now() {
            return Err(ReceiptError::Expired);
        }
        self.open(user, requested, Some((order, payable_until))).await
    }

    async fn open(
        &self,
        user: UserId,
        requested: Money,
        order: Option<(OrderId, OffsetDateTime)>,
    ) -> Result<Receipt, ReceiptError> {
        self.access.ensure_active(user).await?;
        if requested < self.config.min_amount || requested > self.config.max_amount {
            return Err(ReceiptError::AmountOutOfBounds {
                min: self.config.min_amount,
                max: self.config.max_amount,
            });
        }
        let open = self.open_count(user).await?;
        if open >= self.config.max_pending_per_user {
            return Err(ReceiptError::TooManyPending(open));
        }
        let mut flags = ReceiptFlags::default();
        if open >= self.config.flag_open_per_user {
            flags.raise(ReceiptFlag::TooManyOpen);
        }
        let mut attempt = 1;
        loop {
            let card = self.pick_card(requested).await?;
            let taken = self.receipts.open_amounts().await?;
            let amount = crate::unique_payable(requested, &taken, self.config.max_offset).ok_or(ReceiptError::Busy)?;
            let now = self.clock.now();
            let new = NewReceipt {
                user,
                card: card.id,
                requested,
                amount,
                flags: flags.clone(),
                tracking: TrackingCode::random(TrackingKind::Receipt, now),
                submitted_at: now,
                expires_at: order.map_or(now + self.config.ttl, |(_, until)| (now + self.config.ttl).min(until)),
                order: order.map(|(id, _)| id),
            };
            match self.receipts.open(&new).await {
                Err(StorageError::Conflict(what)) if attempt < OPEN_ATTEMPTS => {
                    tracing::debug!(%what, "tracking code or amount taken; trying again");
                    attempt += 1;
                }
                Err(StorageError::Conflict(_)) => return Err(ReceiptError::Busy),
                other => return Ok(other?),
            }
        }
    }

    /// Stores the payer's proof (a photo, a text, or both over several messages) for their
    /// request and tells the admins. Flags the same photo sent for another receipt and a
    /// `claimed` amount that differs from the amount to transfer. Proof for an expired
    /// request is still stored, flagged `late` for a superadmin, never lost.
    #[tracing::instrument(skip(self, proof, photo_unique))]
    pub async fn attach_proof(
        &self,
        user: UserId,
        id: ReceiptId,
        proof: ReceiptProof,
        photo_unique: Option<PhotoFileId>,
        claimed: Option<Money>,
    ) -> Result<Receipt, ReceiptError> {
        self.access.ensure_active(user).await?;
        let receipt = self.receipts.get(id).await?.filter(|r| r.user == user);
        let receipt = receipt.ok_or_else(|| ReceiptError::unknown_receipt(id))?;
        let mut flags = receipt.flags.clone();
        let late = match receipt.status {
            ReceiptStatus::Pending => false,
            ReceiptStatus::Expired => true,
            status => return Err(ReceiptError::already_decided(&receipt, status)),
        };
        if late {
            flags.raise(ReceiptFlag::Late);
        }
        if let Some(unique) = &photo_unique
            && self.receipts.photo_used_elsewhere(unique, id).await?
        {
            flags.raise(ReceiptFlag::DuplicatePhoto);
        }
        if claimed.is_some_and(|c| c != receipt.amount) {
            flags.raise(ReceiptFlag::AmountMismatch);
        }
        let proof = match &receipt.proof {
            Some(earlier) => earlier.merged_with(&proof),
            None => proof,
        };
        let command = AttachProof {
            receipt: id,
            expected: receipt.status,
            proof,
            photo_unique: photo_unique.or(receipt.photo_unique.clone()),
            flags,
            at: self.clock.now(),
            notices: vec![NewNotice::to_admins(Notice::ReceiptSubmitted {
                receipt: id,
                tracking: receipt.tracking.to_string(),
                amount: receipt.amount,
            })],
        };
        match self.receipts.attach_proof(&command).await? {
            DecisionOutcome::Applied(r) => Ok(r),
            DecisionOutcome::Refused(now) => Err(ReceiptError::already_decided(&now, now.status)),
            DecisionOutcome::NotFound => Err(ReceiptError::unknown_receipt(id)),
            DecisionOutcome::MoneyRefused(why) => Err(ReceiptError::Storage(StorageError::Other(why))),
        }
    }

    /// The payer's own request with the card to transfer into (shown to the payer in full:
    /// number, holder, bank). Another user's receipt is `UnknownReceipt`.
    pub async fn payer_view(&self, user: UserId, id: ReceiptId) -> Result<(Receipt, BankCard), ReceiptError> {
        self.access.ensure_active(user).await?;
        let receipt = self.receipts.get(id).await?.filter(|r| r.user == user);
        let receipt = receipt.ok_or_else(|| ReceiptError::unknown_receipt(id))?;
        let card = self
            .cards
            .get(receipt.card)
            .await?
            .ok_or(ReceiptError::UnknownCard(receipt.card))?;
        Ok((receipt, card))
    }

    /// A receipt and its card for posting to the review channels (no role check: the bot
    /// posts what a payer just sent; deciding still needs the role).
    pub async fn review_view(&self, id: ReceiptId) -> Result<(Receipt, BankCard), ReceiptError> {
        let receipt = self
            .receipts
            .get(id)
            .await?
            .ok_or_else(|| ReceiptError::unknown_receipt(id))?;
        let card = self
            .cards
            .get(receipt.card)
            .await?
            .ok_or(ReceiptError::UnknownCard(receipt.card))?;
        Ok((receipt, card))
    }

    /// The payer's open (pending) requests, newest first.
    pub async fn open_requests(&self, user: UserId) -> Result<Vec<Receipt>, ReceiptError> {
        let waiting = ReceiptQuery {
            status: Some(ReceiptStatus::Pending),
            user: Some(user),
            ..ReceiptQuery::default()
        };
        Ok(self.receipts.list(waiting, PageRequest::new(0, 20)).await?.items)
    }

    /// Approved receipts paying an order, decided at or after `since`, newest first (up to
    /// `limit`). The continuation reads them to pay an order whose approval was not followed
    /// by the payment (the process stopped in between); paying is idempotent, so an order
    /// paid meanwhile is simply skipped by its status. No role: the system asks.
    pub async fn approved_for_orders(&self, since: OffsetDateTime, limit: u64) -> Result<Vec<Receipt>, ReceiptError> {
        let query = ReceiptQuery {
            status: Some(ReceiptStatus::Approved),
            for_orders: true,
            decided_since: Some(since),
            ..ReceiptQuery::default()
        };
        Ok(self
            .receipts
            .list(query, PageRequest::new(0, limit.max(1)))
            .await?
            .items)
    }

    /// How many requests `user` has open.
    async fn open_count(&self, user: UserId) -> Result<u64, ReceiptError> {
        let waiting = ReceiptQuery {
            status: Some(ReceiptStatus::Pending),
            user: Some(user),
            ..ReceiptQuery::default()
        };
        Ok(self.receipts.list(waiting, PageRequest::new(0, 1)).await?.total)
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

    /// Receipts matching `query`, newest first (admins only).
    pub async fn list(
        &self,
        admin: UserId,
        query: ReceiptQuery,
        page: PageRequest,
    ) -> Result<Page<Receipt>, ReceiptError> {
        self.access.require(admin, Role::Admin).await?;
        Ok(self.receipts.list(query, page).await?)
    }

    /// Receipts waiting for review, newest first (admins only).
    pub async fn pending(&self, admin: UserId, page: PageRequest) -> Result<Page<Receipt>, ReceiptError> {
        let query = ReceiptQuery {
            status: Some(ReceiptStatus::Pending),
            ..ReceiptQuery::default()
        };
        self.list(admin, query, page).await
    }

    /// A payer's own receipts, newest first.
    pub async fn history(&self, user: UserId, page: PageRequest) -> Result<Page<Receipt>, ReceiptError> {
        let query = ReceiptQuery {
            user: Some(user),
            ..ReceiptQuery::default()
        };
        Ok(self.receipts.list(query, page).await?)
    }
}
