//! Wallet use cases.

use std::sync::Arc;

use kernel::{Clock, IdempotencyKey, Money, Page, PageRequest, StorageError, TrackingCode, TrackingKind, UserId};
use members::{AccessError, AuditAction, AuditTarget, Authorizer, NewAuditEntry, Role};
use notify::{NewNotice, Notice};

use crate::{LedgerEntry, Movement, MovementOutcome, Recent, WalletError, WalletRepo};

/// Balances, history, deposits and admin adjustments (movements that are not part of an
/// order or receipt saga).
#[derive(Clone)]
pub struct WalletService {
    repo: Arc<dyn WalletRepo>,
    authorizer: Option<Arc<dyn Authorizer>>,
    clock: Arc<dyn Clock>,
}

impl WalletService {
    /// Attempts made when a tracking code collides or a same-key writer races us.
    pub const ATTEMPTS: usize = 3;

    /// The audit action of a manual balance change.
    pub const ADJUST_ACTION: AuditAction = AuditAction::new("wallet.adjust");

    /// Wires the service. Admin adjustments stay refused until an authorizer is given with
    /// [`WalletService::with_authorizer`] (fail closed).
    pub fn new(repo: Arc<dyn WalletRepo>, clock: Arc<dyn Clock>) -> Self {
        Self {
            repo,
            authorizer: None,
            clock,
        }
    }

    /// Lets [`WalletService::adjust`] check admin rights with `authorizer`.
    pub fn with_authorizer(mut self, authorizer: Arc<dyn Authorizer>) -> Self {
        self.authorizer = Some(authorizer);
        self
    }

    /// The user's balance.
    pub async fn balance(&self, user: UserId) -> Result<Money, WalletError> {
        self.repo.balance(user).await
    }

    /// The user's balance, newest `count` movements and whether older ones exist, read
    /// together (the wallet screen).
    pub async fn recent(&self, user: UserId, count: u64) -> Result<Recent, WalletError> {
        Ok(self.repo.recent(user, count).await?)
    }

    /// The user's movements, newest first.
    pub async fn history(&self, user: UserId, page: PageRequest) -> Result<Page<LedgerEntry>, WalletError> {
        Ok(self.repo.history(user, page).await?)
    }

    /// Looks a movement up by the code on the user's screen.
    pub async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<LedgerEntry>, WalletError> {
        Ok(self.repo.find_by_tracking(code).await?)
    }

    /// Credits a deposit (gateway payment) and tells the user. Replaying the same `key`
    /// changes nothing and tells nobody twice.
    pub async fn deposit(
        &self,
        user: UserId,
        amount: Money,
        key: IdempotencyKey,
        note: Option<String>,
    ) -> Result<MovementOutcome, WalletError> {
        let movement = Movement::deposit(user, amount, key, note)?;
        self.apply(&movement, None, |tracking| Notice::WalletCredited {
            amount,
            tracking: tracking.as_str().to_owned(),
        })
        .await
    }

    /// An admin changes a balance by hand: `actor` must be an active admin (checked here, on
    /// every call), the reason is mandatory, the ledger row, the user's notice and the audit
    /// entry are written together. `key` makes a repeated request (double click, CLI retry)
    /// harmless.
    pub async fn adjust(
        &self,
        actor: UserId,
        user: UserId,
        delta_minor: i64,
        key: IdempotencyKey,
        reason: &str,
    ) -> Result<MovementOutcome, WalletError> {
        let authorizer = self
            .authorizer
            .as_ref()
            .ok_or(AccessError::Forbidden { needed: Role::Admin })?;
        authorizer.require(actor, Role::Admin).await?;
        let movement = Movement::adjustment(user, delta_minor, key, reason)?;
        let reason = movement.note().unwrap_or_default().to_owned();
        let audit = NewAuditEntry::by(
            actor,
            Self::ADJUST_ACTION,
            AuditTarget::user(user),
            serde_json::json!({ "delta_minor": delta_minor, "reason": reason, "key": movement.key().as_str() }),
            self.clock.now(),
        );
        self.apply(&movement, Some(audit), |tracking| Notice::BalanceAdjusted {
            delta_minor,
            reason: reason.clone(),
            tracking: tracking.as_str().to_owned(),
        })
        .await
    }

    /// Applies `movement` with a fresh tracking code and the user's notice, retrying with a
    /// new code when storage reports a conflict (a taken code, or a racing replay).
    async fn apply(
        &self,
        movement: &Movement,
        audit: Option<NewAuditEntry>,
        notice: impl Fn(&TrackingCode) -> Notice,
    ) -> Result<MovementOutcome, WalletError> {
        let mut last = None;
        for _ in 0..Self::ATTEMPTS {
            let at = self.clock.now();
            let tracking = TrackingCode::random(TrackingKind::Transaction, at);
            let notices = [NewNotice::to_user(movement.user(), notice(&tracking))];
            match self.repo.apply(movement, &tracking, at, &notices, audit.clone()).await {
                Err(WalletError::Storage(StorageError::Conflict(what))) => last = Some(what),
                other => return other,
            }
        }
        Err(WalletError::Storage(StorageError::Conflict(last.unwrap_or_default())))
    }
}
