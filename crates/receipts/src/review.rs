//! The review of receipts: approve (exactly once, optionally with a corrected amount),
//! reject, cancel, expire, and a superadmin's override and unflag. Each decision is a
//! [`ReceiptTransition`] planned by the domain and applied by the store under a guard on the
//! current status; whoever loses a race learns who won and when.

use kernel::{Money, ReceiptId, StorageError, UserId};
use members::{AccessError, AuditAction, AuditTarget, NewAuditEntry, Role};
use notify::{NewNotice, Notice};

use crate::{
    DecisionOutcome, MoneyEffect, Receipt, ReceiptChange, ReceiptError, ReceiptFlags, ReceiptService, ReceiptStatus,
    ReceiptTransition, RejectReason, Undecidable,
};

impl ReceiptService {
    /// Audit action of an approval.
    pub const APPROVE: AuditAction = AuditAction::new("receipt.approve");
    /// Audit action of a rejection.
    pub const REJECT: AuditAction = AuditAction::new("receipt.reject");
    /// Audit action of a payer's cancel.
    pub const CANCEL: AuditAction = AuditAction::new("receipt.cancel");
    /// Audit action of a superadmin's override.
    pub const OVERRIDE: AuditAction = AuditAction::new("receipt.override");
    /// Audit action of clearing a receipt's flags.
    pub const UNFLAG: AuditAction = AuditAction::new("receipt.unflag");
    /// Audit action of a refused attempt (someone without the role pressed a button).
    pub const REFUSED: AuditAction = AuditAction::new("receipt.refused");

    /// Approves a pending receipt and credits the payer's wallet, exactly once: `credit`
    /// corrects the amount when the transfer differed (the ledger keeps both). A second
    /// approval (the same admin twice, or two admins at once) gets `AlreadyDecided` naming
    /// who decided and when. Audited, refusals too.
    #[tracing::instrument(skip(self))]
    pub async fn approve(&self, admin: UserId, id: ReceiptId, credit: Option<Money>) -> Result<Receipt, ReceiptError> {
        self.staff(admin, Role::Admin, "approve", id).await?;
        self.decide(
            id,
            ReceiptChange::Approve { admin, credit },
            Some((admin, Self::APPROVE)),
        )
        .await
    }

    /// Rejects a pending receipt with a reason the payer sees. Audited.
    #[tracing::instrument(skip(self, reason))]
    pub async fn reject(&self, admin: UserId, id: ReceiptId, reason: RejectReason) -> Result<Receipt, ReceiptError> {
        self.staff(admin, Role::Admin, "reject", id).await?;
        self.decide(id, ReceiptChange::Reject { admin, reason }, Some((admin, Self::REJECT)))
            .await
    }

    /// The payer withdraws their open request (nothing was credited). Audited.
    pub async fn cancel(&self, user: UserId, id: ReceiptId) -> Result<Receipt, ReceiptError> {
        self.access.ensure_active(user).await?;
        self.decide(id, ReceiptChange::Cancel { user }, Some((user, Self::CANCEL)))
            .await
    }

    /// A superadmin approves a rejected, expired or cancelled receipt that was never
    /// credited (crediting it once), or rejects an approved one (taking the credit back;
    /// refused when the balance no longer holds it). Audited.
    pub async fn override_decision(
        &self,
        superadmin: UserId,
        id: ReceiptId,
        decision: Override,
    ) -> Result<Receipt, ReceiptError> {
        self.staff(superadmin, Role::Superadmin, "override", id).await?;
        let change = match decision {
            Override::Approve { credit } => ReceiptChange::OverrideApprove { superadmin, credit },
            Override::Reject { reason } => ReceiptChange::OverrideReject { superadmin, reason },
        };
        self.decide(id, change, Some((superadmin, Self::OVERRIDE))).await
    }

    /// A superadmin clears a receipt's flags after looking at it. Audited.
    pub async fn unflag(&self, superadmin: UserId, id: ReceiptId) -> Result<Receipt, ReceiptError> {
        self.staff(superadmin, Role::Superadmin, "unflag", id).await?;
        let receipt = self
            .receipts
            .get(id)
            .await?
            .ok_or_else(|| ReceiptError::unknown_receipt(id))?;
        let audit = NewAuditEntry::by(
            superadmin,
            Self::UNFLAG,
            AuditTarget::receipt(id),
            serde_json::json!({ "cleared": receipt.flags.code() }),
            self.clock.now(),
        );
        match self.receipts.set_flags(id, &ReceiptFlags::default(), audit).await? {
            DecisionOutcome::Applied(r) | DecisionOutcome::Refused(r) => Ok(r),
            DecisionOutcome::NotFound => Err(ReceiptError::unknown_receipt(id)),
            DecisionOutcome::MoneyRefused(why) => Err(ReceiptError::Storage(StorageError::Other(why))),
        }
    }

    /// A receipt for a superadmin about to override or unflag it (the confirmation step):
    /// anyone else is refused, and the refusal audited as `action`, before anything is shown.
    pub async fn for_superadmin(&self, actor: UserId, id: ReceiptId, action: &str) -> Result<Receipt, ReceiptError> {
        self.staff(actor, Role::Superadmin, action, id).await?;
        self.receipts
            .get(id)
            .await?
            .ok_or_else(|| ReceiptError::unknown_receipt(id))
    }

    /// Expires up to `limit` overdue requests and tells their payers (background job).
    /// Receipts decided meanwhile are skipped. Returns the receipts expired.
    pub async fn expire_due(&self, limit: u64) -> Result<Vec<Receipt>, ReceiptError> {
        let at = self.clock.now();
        let mut expired = Vec::new();
        for receipt in self.receipts.due_for_expiry(at, limit).await? {
            let Ok(transition) = receipt.plan(&ReceiptChange::Expire, at) else {
                continue;
            };
            let notices = vec![NewNotice::to_user(
                receipt.user,
                Notice::ReceiptExpired { receipt: receipt.id },
            )];
            if let DecisionOutcome::Applied(r) = self.receipts.apply(&transition.with_notices(notices)).await? {
                expired.push(r);
            }
        }
        if !expired.is_empty() {
            tracing::info!(count = expired.len(), "receipts expired");
        }
        Ok(expired)
    }

    /// Checks that `actor` holds `role`; a refusal is written to the audit log (a button
    /// pressed in a channel by someone who is not staff) and changes nothing else.
    pub(crate) async fn staff(
        &self,
        actor: UserId,
        role: Role,
        action: &str,
        id: ReceiptId,
    ) -> Result<(), ReceiptError> {
        match self.access.require(actor, role).await {
            Ok(_) => Ok(()),
            Err(AccessError::Storage(e)) => Err(e.into()),
            Err(refusal) => {
                let entry = NewAuditEntry::by(
                    actor,
                    Self::REFUSED,
                    AuditTarget::receipt(id),
                    serde_json::json!({ "action": action, "needed": role.to_string() }),
                    self.clock.now(),
                );
                self.receipts.record_audit(entry).await?;
                Err(refusal.into())
            }
        }
    }

    /// Plans `change` on the receipt as it is now, applies it with its notices and audit
    /// entry, and turns a lost race into `AlreadyDecided` with the winner.
    pub(crate) async fn decide(
        &self,
        id: ReceiptId,
        change: ReceiptChange,
        audit_as: Option<(UserId, members::AuditAction)>,
    ) -> Result<Receipt, ReceiptError> {
        let receipt = self
            .receipts
            .get(id)
            .await?
            .ok_or_else(|| ReceiptError::unknown_receipt(id))?;
        let at = self.clock.now();
        let transition = receipt.plan(&change, at).map_err(|why| refusal(&receipt, why))?;
        let notices = notices_for(&receipt, &transition);
        let mut transition = transition.with_notices(notices);
        if let Some((actor, action)) = audit_as {
            let detail = audit_detail(&receipt, &transition);
            transition = transition.with_audit(NewAuditEntry::by(actor, action, AuditTarget::receipt(id), detail, at));
        }
        match self.receipts.apply(&transition).await {
            Ok(DecisionOutcome::Applied(r)) => Ok(r),
            Ok(DecisionOutcome::Refused(now)) => match now.plan(&change, at) {
                Err(why) => Err(refusal(&now, why)),
                Ok(_) => Err(ReceiptError::Storage(StorageError::Other(format!(
                    "receipt {id} was refused although it can be decided"
                )))),
            },
            Ok(DecisionOutcome::NotFound) => Err(ReceiptError::unknown_receipt(id)),
            Ok(DecisionOutcome::MoneyRefused(why)) => Err(ReceiptError::CannotReverse(why)),
            Err(e) => Err(e.into()),
        }
    }
}

/// A superadmin's override of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Override {
    /// Approve (and credit once) a receipt that was rejected, expired or cancelled.
    Approve {
        /// The amount to credit instead of the receipt's amount.
        credit: Option<Money>,
    },
    /// Reject an approved receipt, taking the credit back.
    Reject {
        /// Why, for the payer.
        reason: RejectReason,
    },
}

/// What the payer is told.
fn notices_for(receipt: &Receipt, t: &ReceiptTransition) -> Vec<NewNotice> {
    let notice = match (t.to(), t.money()) {
        (ReceiptStatus::Approved, MoneyEffect::Credit { credited, .. }) => Notice::ReceiptApproved {
            receipt: receipt.id,
            amount: *credited,
        },
        (ReceiptStatus::Rejected, _) => Notice::ReceiptRejected {
            receipt: receipt.id,
            reason: t.reject_reason().map(|r| r.as_str().to_owned()).unwrap_or_default(),
        },
        (ReceiptStatus::Expired, _) => Notice::ReceiptExpired { receipt: receipt.id },
        _ => return Vec::new(),
    };
    vec![NewNotice::to_user(receipt.user, notice)]
}

fn audit_detail(receipt: &Receipt, t: &ReceiptTransition) -> serde_json::Value {
    let mut detail = serde_json::json!({
        "user": receipt.user,
        "from": t.from().code(),
        "to": t.to().code(),
        "amount": receipt.amount.minor(),
        "requested": receipt.requested.minor(),
        "tracking": receipt.tracking.as_str(),
    });
    if let Some(credited) = t.credited() {
        detail["credited"] = serde_json::json!(credited.minor());
    }
    if let Some(reason) = t.reject_reason() {
        detail["reason"] = serde_json::json!(reason.as_str());
    }
    if let MoneyEffect::Reverse { amount, .. } = t.money() {
        detail["reversed"] = serde_json::json!(amount.minor());
    }
    detail
}

/// Why a change cannot be made, for the person who asked.
pub(crate) fn refusal(receipt: &Receipt, why: Undecidable) -> ReceiptError {
    match why {
        Undecidable::AlreadyDecided(status) => ReceiptError::already_decided(receipt, status),
        Undecidable::Expired | Undecidable::NotDue => ReceiptError::Expired,
        Undecidable::NotYours => ReceiptError::unknown_receipt(receipt.id),
        Undecidable::NotOverridable(status) => ReceiptError::NotOverridable { status },
        Undecidable::ZeroCredit => ReceiptError::ZeroAmount,
    }
}

impl ReceiptError {
    /// `AlreadyDecided` with who decided `receipt` and when.
    pub(crate) fn already_decided(receipt: &Receipt, status: ReceiptStatus) -> Self {
        Self::AlreadyDecided {
            status,
            by: receipt.decided_by,
            at: receipt.decided_at,
        }
    }
}
