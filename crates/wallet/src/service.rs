//! Wallet use cases.

use std::sync::Arc;

use kernel::{Clock, IdempotencyKey, Money, Page, PageRequest, StorageError, TrackingCode, TrackingKind, UserId};
use notify::{NewNotice, Notice};

use crate::{LedgerEntry, Movement, MovementOutcome, WalletError, WalletRepo};

/// Balances, history and the movements that are not part of a bigger saga.
#[derive(Clone)]
pub struct WalletService {
    repo: Arc<dyn WalletRepo>,
    clock: Arc<dyn Clock>,
}

impl WalletService {
    /// Attempts made when a tracking code collides or a same-key writer races us.
    pub const ATTEMPTS: usize = 3;

    /// Wires the service.
    pub fn new(repo: Arc<dyn WalletRepo>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, clock }
    }

    /// The user's balance.
    pub async fn balance(&self, user: UserId) -> Result<Money, WalletError> {
        self.repo.balance(user).await
    }

    /// The user's movements, newest first.
    pub async fn history(&self, user: UserId, page: PageRequest) -> Result<Page<LedgerEntry>, WalletError> {
        Ok(self.repo.history(user, page).await?)
    }

    /// Looks a movement up by the code on the user's screen.
    pub async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<LedgerEntry>, WalletError> {
        Ok(self.repo.find_by_tracking(code).await?)
    }

    /// Credits a deposit (gateway payment, approved receipt) and tells the user. Replaying
    /// the same `key` changes nothing and tells nobody twice.
    pub async fn deposit(
        &self,
        user: UserId,
        amount: Money,
        key: IdempotencyKey,
        note: Option<String>,
    ) -> Result<MovementOutcome, WalletError> {
        let movement = Movement::deposit(user, amount, key, note)?;
        self.apply(&movement, |tracking| Notice::WalletCredited {
            amount,
            tracking: tracking.as_str().to_owned(),
        })
        .await
    }

    /// Changes a balance by hand. Admin rights are checked by the calling use case, which also
    /// writes the audit log; the reason is mandatory and lands on the ledger row.
    pub async fn adjust(
        &self,
        user: UserId,
        delta_minor: i64,
        key: IdempotencyKey,
        reason: &str,
    ) -> Result<MovementOutcome, WalletError> {
        let movement = Movement::adjustment(user, delta_minor, key, reason)?;
        let reason = movement.note().unwrap_or_default().to_owned();
        self.apply(&movement, |tracking| Notice::BalanceAdjusted {
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
        notice: impl Fn(&TrackingCode) -> Notice,
    ) -> Result<MovementOutcome, WalletError> {
        let mut last = None;
        for _ in 0..Self::ATTEMPTS {
            let at = self.clock.now();
            let tracking = TrackingCode::random(TrackingKind::Transaction, at);
            let notices = [NewNotice::to_user(movement.user(), notice(&tracking))];
            match self.repo.apply(movement, &tracking, at, &notices).await {
                Err(WalletError::Storage(StorageError::Conflict(what))) => last = Some(what),
                other => return other,
            }
        }
        Err(WalletError::Storage(StorageError::Conflict(last.unwrap_or_default())))
    }
}
