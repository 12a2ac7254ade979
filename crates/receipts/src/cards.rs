//! Admin management of the bank cards payers are shown.

use std::sync::Arc;

use kernel::{BankCardId, Clock, StorageError, UserId};
use members::{AccessError, AuditAction, AuditTarget, Authorizer, NewAuditEntry, Role};

use crate::{BankCard, BankCardRepo, BankCardUpdate, NewBankCard, ReceiptError, Rotation};

/// Adds, changes and lists bank cards (admins only, audited).
pub struct BankCardService {
    cards: Arc<dyn BankCardRepo>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
}

impl BankCardService {
    /// Audit action of adding a card.
    pub const ADD: AuditAction = AuditAction::new("bank_card.add");
    /// Audit action of changing a card.
    pub const UPDATE: AuditAction = AuditAction::new("bank_card.update");
    /// Audit action of removing a card.
    pub const REMOVE: AuditAction = AuditAction::new("bank_card.remove");

    /// Wires the service.
    pub fn new(cards: Arc<dyn BankCardRepo>, access: Arc<dyn Authorizer>, clock: Arc<dyn Clock>) -> Self {
        Self { cards, access, clock }
    }

    /// Adds a card. Its owner must be an active admin; a number already registered is
    /// refused; the first card becomes the current one.
    #[tracing::instrument(skip(self, card), fields(card = %card.number))]
    pub async fn add(&self, actor: UserId, card: NewBankCard) -> Result<BankCard, ReceiptError> {
        self.access.require(actor, Role::Admin).await?;
        match self.access.require(card.owner, Role::Admin).await {
            Ok(_) => {}
            Err(AccessError::Storage(e)) => return Err(e.into()),
            Err(_) => return Err(ReceiptError::OwnerNotAdmin),
        }
        let existing = self.cards.list().await?;
        if let Some(twin) = existing.iter().find(|c| c.number == card.number) {
            return Err(ReceiptError::DuplicateCard(twin.id));
        }
        let current = !existing.iter().any(|c| c.current);
        let at = self.clock.now();
        let audit = NewAuditEntry::by(
            actor,
            Self::ADD,
            AuditTarget::new("bank_card", "new"),
            serde_json::json!({
                "number": card.number.masked(),
                "holder": card.holder.as_str(),
                "bank": card.bank.as_str(),
                "owner": card.owner,
                "rotation": card.rotation.code(),
                "daily_cap": card.daily_cap.map(|m| m.minor()),
                "monthly_cap": card.monthly_cap.map(|m| m.minor()),
                "channel": card.channel_id,
                "auto_approve": card.auto_approve,
            }),
            at,
        );
        Ok(self.cards.add(&card, current, at, audit).await?)
    }

    /// Applies one change to a card. Audited with what changed.
    #[tracing::instrument(skip(self))]
    pub async fn update(
        &self,
        actor: UserId,
        id: BankCardId,
        update: BankCardUpdate,
    ) -> Result<BankCard, ReceiptError> {
        self.access.require(actor, Role::Admin).await?;
        let audit = NewAuditEntry::by(
            actor,
            Self::UPDATE,
            AuditTarget::bank_card(id),
            change_detail(&update),
            self.clock.now(),
        );
        self.cards.update(id, &update, audit).await.map_err(|e| match e {
            StorageError::NotFound(_) => ReceiptError::UnknownCard(id),
            other => ReceiptError::Storage(other),
        })
    }

    /// Removes a card no receipt refers to (one that has receipts can only be deactivated,
    /// so its history stays). Audited.
    #[tracing::instrument(skip(self))]
    pub async fn remove(&self, actor: UserId, id: BankCardId) -> Result<(), ReceiptError> {
        self.access.require(actor, Role::Admin).await?;
        let audit = NewAuditEntry::by(
            actor,
            Self::REMOVE,
            AuditTarget::bank_card(id),
            serde_json::Value::Null,
            self.clock.now(),
        );
        self.cards.remove(id, audit).await.map_err(|e| match e {
            StorageError::NotFound(_) => ReceiptError::UnknownCard(id),
            StorageError::Conflict(_) => ReceiptError::CardInUse(id),
            other => ReceiptError::Storage(other),
        })
    }

    /// One card (admins only).
    pub async fn get(&self, actor: UserId, id: BankCardId) -> Result<BankCard, ReceiptError> {
        self.access.require(actor, Role::Admin).await?;
        self.cards.get(id).await?.ok_or(ReceiptError::UnknownCard(id))
    }

    /// Every card, active or not (numbers masked when displayed).
    pub async fn list(&self, actor: UserId) -> Result<Vec<BankCard>, ReceiptError> {
        self.access.require(actor, Role::Admin).await?;
        Ok(self.cards.list().await?)
    }
}

fn change_detail(update: &BankCardUpdate) -> serde_json::Value {
    let value = match update {
        BankCardUpdate::Activate | BankCardUpdate::Deactivate | BankCardUpdate::MakeCurrent => serde_json::Value::Null,
        BankCardUpdate::SetCaps { daily, monthly } => {
            serde_json::json!({ "daily": daily.map(|m| m.minor()), "monthly": monthly.map(|m| m.minor()) })
        }
        BankCardUpdate::SetSmsPattern(pattern) => serde_json::json!(pattern.as_ref().map(|p| p.as_str())),
        BankCardUpdate::SetAutoApprove(on) => serde_json::json!(on),
        BankCardUpdate::SetRotation(rotation) => rotation_detail(rotation),
        BankCardUpdate::SetChannel(channel) => serde_json::json!(channel),
        BankCardUpdate::SetHolder(label) | BankCardUpdate::SetBank(label) => {
            serde_json::json!(label.as_str())
        }
    };
    serde_json::json!({ "change": update.name(), "to": value })
}

fn rotation_detail(rotation: &Rotation) -> serde_json::Value {
    serde_json::json!({ "policy": rotation.code(), "every_seconds": rotation.every_seconds() })
}
