//! The domain's decisions about a receipt as typed changes: each names the status it moves
//! from (the store's guard), the status it moves to, and its money effect. The store applies
//! a [`ReceiptTransition`] in one transaction under `UPDATE … WHERE status = <from>`; a
//! transition can only be built here, by [`Receipt::plan`].

use kernel::{IdempotencyKey, IdempotencyKeyError, Money, ReceiptId, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
use time::OffsetDateTime;

use crate::{Receipt, ReceiptStatus, RejectReason, Undecidable};

/// What someone wants done to a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptChange {
    /// An admin approves; `credit` corrects the amount when the transfer differed.
    Approve {
        /// The admin.
        admin: UserId,
        /// The amount to credit instead of the receipt's amount.
        credit: Option<Money>,
    },
    /// An admin rejects, with a reason for the payer.
    Reject {
        /// The admin.
        admin: UserId,
        /// Why.
        reason: RejectReason,
    },
    /// The deadline passed with nobody deciding.
    Expire,
    /// The payer withdraws an open request.
    Cancel {
        /// The payer asking.
        user: UserId,
    },
    /// A superadmin approves a rejected, expired or cancelled receipt that was never credited.
    OverrideApprove {
        /// The superadmin.
        superadmin: UserId,
        /// The amount to credit instead of the receipt's amount.
        credit: Option<Money>,
    },
    /// A superadmin rejects an approved receipt, taking the credit back from the wallet.
    OverrideReject {
        /// The superadmin.
        superadmin: UserId,
        /// Why.
        reason: RejectReason,
    },
}

/// Which side of its deadline the receipt must be on for the change to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineGuard {
    /// Not yet passed (`expires_at > at`).
    Ahead,
    /// Passed (`expires_at <= at`).
    Passed,
    /// Either.
    Any,
}

/// What a transition does to the payer's wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyEffect {
    /// Nothing.
    None,
    /// A deposit, exactly once under `key` (`receipt:<id>:approve`).
    Credit {
        /// The payer.
        user: UserId,
        /// The amount the receipt asked for.
        requested: Money,
        /// The amount credited.
        credited: Money,
        /// The deposit's key.
        key: IdempotencyKey,
    },
    /// A debit taking an approval back, exactly once under `key` (`receipt:<id>:reverse`);
    /// refused by the ledger when the balance no longer holds it.
    Reverse {
        /// The payer.
        user: UserId,
        /// The amount taken back (what was credited).
        amount: Money,
        /// The debit's key.
        key: IdempotencyKey,
    },
}

/// A decided status change with its money effect, notices and audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptTransition {
    receipt: ReceiptId,
    from: ReceiptStatus,
    to: ReceiptStatus,
    at: OffsetDateTime,
    deadline: DeadlineGuard,
    decided_by: Option<UserId>,
    reject_reason: Option<RejectReason>,
    credited: Option<Money>,
    money: MoneyEffect,
    notices: Vec<NewNotice>,
    audit: Option<NewAuditEntry>,
}

impl ReceiptTransition {
    /// The receipt.
    pub fn receipt(&self) -> ReceiptId {
        self.receipt
    }
    /// The status the receipt must still have (the guard).
    pub fn from(&self) -> ReceiptStatus {
        self.from
    }
    /// The status it gets.
    pub fn to(&self) -> ReceiptStatus {
        self.to
    }
    /// When.
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }
    /// The deadline guard.
    pub fn deadline(&self) -> DeadlineGuard {
        self.deadline
    }
    /// Who decided (none for an expiry; the payer for a cancel).
    pub fn decided_by(&self) -> Option<UserId> {
        self.decided_by
    }
    /// The rejection reason to store.
    pub fn reject_reason(&self) -> Option<&RejectReason> {
        self.reject_reason.as_ref()
    }
    /// The credited amount to store, when this transition credits.
    pub fn credited(&self) -> Option<Money> {
        self.credited
    }
    /// The wallet effect.
    pub fn money(&self) -> &MoneyEffect {
        &self.money
    }
    /// Notices written with it.
    pub fn notices(&self) -> &[NewNotice] {
        &self.notices
    }
    /// The audit entry written with it.
    pub fn audit(&self) -> Option<&NewAuditEntry> {
        self.audit.as_ref()
    }

    /// Adds the notices to write in the same transaction.
    pub fn with_notices(mut self, notices: Vec<NewNotice>) -> Self {
        self.notices = notices;
        self
    }

    /// Adds the audit entry to write in the same transaction.
    pub fn with_audit(mut self, audit: NewAuditEntry) -> Self {
        self.audit = Some(audit);
        self
    }
}

/// The override a superadmin can make to a receipt as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideKind {
    /// Approve a rejected, expired or cancelled receipt that was never credited.
    Approve,
    /// Take an approval back: reject it and debit what was credited.
    TakeBack,
}

impl Receipt {
    /// Which override applies now, if any (a receipt whose credit was taken back, or one
    /// still pending, has none).
    pub fn overridable(&self) -> Option<OverrideKind> {
        match (self.status, self.credited) {
            (ReceiptStatus::Approved, Some(_)) => Some(OverrideKind::TakeBack),
            (ReceiptStatus::Rejected | ReceiptStatus::Expired | ReceiptStatus::Cancelled, None) => {
                Some(OverrideKind::Approve)
            }
            _ => None,
        }
    }
}

/// The key of the one deposit an approval of `receipt` may make.
pub fn approval_key(receipt: ReceiptId) -> Result<IdempotencyKey, IdempotencyKeyError> {
    IdempotencyKey::for_step("receipt", receipt, "approve")
}

/// The key of the one debit an override may make to take an approval back.
pub fn reversal_key(receipt: ReceiptId) -> Result<IdempotencyKey, IdempotencyKeyError> {
    IdempotencyKey::for_step("receipt", receipt, "reverse")
}

impl Receipt {
    /// Decides `change` at `at`: the transition to apply, or why it cannot be made now.
    /// Roles are the caller's business (the use cases check them); this checks the state, and
    /// every transition it decides is one of [`ReceiptStatus::can_become`]'s moves.
    pub fn plan(&self, change: &ReceiptChange, at: OffsetDateTime) -> Result<ReceiptTransition, Undecidable> {
        let t = self.decide(change, at)?;
        if !t.from.can_become(t.to) {
            return Err(Undecidable::AlreadyDecided(self.status));
        }
        Ok(t)
    }

    fn decide(&self, change: &ReceiptChange, at: OffsetDateTime) -> Result<ReceiptTransition, Undecidable> {
        let base = |to, deadline, decided_by| ReceiptTransition {
            receipt: self.id,
            from: self.status,
            to,
            at,
            deadline,
            decided_by,
            reject_reason: None,
            credited: None,
            money: MoneyEffect::None,
            notices: Vec::new(),
            audit: None,
        };
        match change {
            ReceiptChange::Approve { admin, credit } => {
                self.check_decidable(at)?;
                self.credit(
                    base(ReceiptStatus::Approved, DeadlineGuard::Ahead, Some(*admin)),
                    *credit,
                )
            }
            ReceiptChange::Reject { admin, reason } => {
                self.check_decidable(at)?;
                let mut t = base(ReceiptStatus::Rejected, DeadlineGuard::Ahead, Some(*admin));
                t.reject_reason = Some(reason.clone());
                Ok(t)
            }
            ReceiptChange::Expire => {
                if self.status != ReceiptStatus::Pending {
                    return Err(Undecidable::AlreadyDecided(self.status));
                }
                if at < self.expires_at {
                    return Err(Undecidable::NotDue);
                }
                Ok(base(ReceiptStatus::Expired, DeadlineGuard::Passed, None))
            }
            ReceiptChange::Cancel { user } => {
                if *user != self.user {
                    return Err(Undecidable::NotYours);
                }
                if self.status != ReceiptStatus::Pending {
                    return Err(Undecidable::AlreadyDecided(self.status));
                }
                Ok(base(ReceiptStatus::Cancelled, DeadlineGuard::Any, Some(*user)))
            }
            ReceiptChange::OverrideApprove { superadmin, credit } => {
                let closed = matches!(
                    self.status,
                    ReceiptStatus::Rejected | ReceiptStatus::Expired | ReceiptStatus::Cancelled
                );
                if !closed || self.credited.is_some() {
                    return Err(Undecidable::NotOverridable(self.status));
                }
                self.credit(
                    base(ReceiptStatus::Approved, DeadlineGuard::Any, Some(*superadmin)),
                    *credit,
                )
            }
            ReceiptChange::OverrideReject { superadmin, reason } => {
                let credited = match (self.status, self.credited) {
                    (ReceiptStatus::Approved, Some(credited)) => credited,
                    _ => return Err(Undecidable::NotOverridable(self.status)),
                };
                let mut t = base(ReceiptStatus::Rejected, DeadlineGuard::Any, Some(*superadmin));
                t.reject_reason = Some(reason.clone());
                t.money = MoneyEffect::Reverse {
                    user: self.user,
                    amount: credited,
                    key: reversal_key(self.id).map_err(|_| Undecidable::NotOverridable(self.status))?,
                };
                Ok(t)
            }
        }
    }

    fn credit(&self, mut t: ReceiptTransition, credit: Option<Money>) -> Result<ReceiptTransition, Undecidable> {
        let credited = credit.unwrap_or(self.amount);
        if credited.is_zero() {
            return Err(Undecidable::ZeroCredit);
        }
        t.credited = Some(credited);
        t.money = MoneyEffect::Credit {
            user: self.user,
            requested: self.amount,
            credited,
            key: approval_key(self.id).map_err(|_| Undecidable::ZeroCredit)?,
        };
        Ok(t)
    }
}
