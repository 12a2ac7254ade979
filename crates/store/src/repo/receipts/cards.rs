//! `BankCardRepo` for [`Store`]: the number is encrypted with the store's cipher; `last4`
//! stays in clear for display.

use async_trait::async_trait;
use kernel::{BankCardId, Money, StorageError, UserId};
use members::{AuditTarget, NewAuditEntry};
use receipts::{BankCard, BankCardRepo, BankCardUpdate, CardNumber, Label, NewBankCard, Rotation, SmsPattern};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet, QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

use crate::cipher::SecretColumn;
use crate::entity::receipts::{bank_card, receipt_log};
use crate::error::{corrupt, db_err};
use crate::repo::members::write_audit;
use crate::time_ms::{from_ms, to_ms};
use crate::{Cipher, Store};

/// Converts a `bank_card` row, decrypting the number.
pub fn card_from_row(row: bank_card::Model, cipher: &Cipher) -> Result<BankCard, StorageError> {
    let id = row.id;
    let bad = |what: String| corrupt("bank_card", id, what);
    let plain = cipher.decrypt(SecretColumn::CARD_NUMBER, id, &row.number_enc)?;
    Ok(BankCard {
        id: BankCardId::new(id),
        holder: Label::new(&row.holder).map_err(|e| bad(e.to_string()))?,
        bank: Label::new(&row.bank).map_err(|e| bad(e.to_string()))?,
        number: CardNumber::parse(plain.expose()).map_err(|e| bad(e.to_string()))?,
        owner: UserId::new(row.owner_id),
        channel_id: row.channel_id,
        rotation: Rotation::from_parts(&row.rotation, row.rotation_every_secs).map_err(|e| bad(e.to_string()))?,
        active: row.active,
        current: row.is_current,
        daily_cap: row
            .daily_cap
            .map(Money::from_minor)
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
        monthly_cap: row
            .monthly_cap
            .map(Money::from_minor)
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
        sms_pattern: row
            .sms_pattern
            .as_deref()
            .map(SmsPattern::new)
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
        auto_approve: row.auto_approve,
        created_at: from_ms(row.created_at)?,
    })
}

async fn clear_current<C: ConnectionTrait>(conn: &C, at: OffsetDateTime) -> Result<(), StorageError> {
    bank_card::Entity::update_many()
        .col_expr(bank_card::Column::IsCurrent, Expr::value(false))
        .col_expr(bank_card::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(bank_card::Column::IsCurrent.eq(true))
        .exec(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

#[async_trait]
impl BankCardRepo for Store {
    async fn add(
        &self,
        card: &NewBankCard,
        current: bool,
        at: OffsetDateTime,
        audit: NewAuditEntry,
    ) -> Result<BankCard, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        if current {
            clear_current(&txn, at).await?;
        }
        let row = bank_card::ActiveModel {
            id: NotSet,
            holder: Set(card.holder.as_str().to_owned()),
            bank: Set(card.bank.as_str().to_owned()),
            // Sealed below, once the row id (part of the associated data) is known.
            number_enc: Set(String::new()),
            last4: Set(card.number.last4().to_owned()),
            owner_id: Set(card.owner.get()),
            channel_id: Set(card.channel_id),
            rotation: Set(card.rotation.code().to_owned()),
            rotation_every_secs: Set(card.rotation.every_seconds()),
            active: Set(true),
            is_current: Set(current),
            daily_cap: Set(card.daily_cap.map(Money::minor)),
            monthly_cap: Set(card.monthly_cap.map(Money::minor)),
            sms_pattern: Set(card.sms_pattern.as_ref().map(|p| p.as_str().to_owned())),
            auto_approve: Set(card.auto_approve),
            created_at: Set(to_ms(at)),
            updated_at: Set(to_ms(at)),
        }
        .insert(&txn)
        .await
        .map_err(db_err)?;
        let mut sealed = row.into_active_model();
        let id = *sealed.id.as_ref();
        sealed.number_enc = Set(self
            .cipher()
            .encrypt(SecretColumn::CARD_NUMBER, id, card.number.digits())?);
        let row = sealed.update(&txn).await.map_err(db_err)?;
        let audit = NewAuditEntry {
            target: AuditTarget::bank_card(BankCardId::new(row.id)),
            ..audit
        };
        write_audit(&txn, &audit).await?;
        txn.commit().await.map_err(db_err)?;
        card_from_row(row, self.cipher())
    }

    async fn get(&self, id: BankCardId) -> Result<Option<BankCard>, StorageError> {
        bank_card::Entity::find_by_id(id.get())
            .one(self.db())
            .await
            .map_err(db_err)?
            .map(|row| card_from_row(row, self.cipher()))
            .transpose()
    }

    async fn list(&self) -> Result<Vec<BankCard>, StorageError> {
        bank_card::Entity::find()
            .order_by_asc(bank_card::Column::Id)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|row| card_from_row(row, self.cipher()))
            .collect()
    }

    async fn update(
        &self,
        id: BankCardId,
        update: &BankCardUpdate,
        audit: NewAuditEntry,
    ) -> Result<BankCard, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let row = bank_card::Entity::find_by_id(id.get())
            .one(&txn)
            .await
            .map_err(db_err)?
            .ok_or_else(|| StorageError::NotFound(format!("bank card {id}")))?;
        if matches!(update, BankCardUpdate::MakeCurrent) {
            clear_current(&txn, audit.at).await?;
        }
        let mut active = row.into_active_model();
        match update {
            BankCardUpdate::Activate => active.active = Set(true),
            BankCardUpdate::Deactivate => active.active = Set(false),
            BankCardUpdate::MakeCurrent => active.is_current = Set(true),
            BankCardUpdate::SetRotation(rotation) => {
                active.rotation = Set(rotation.code().to_owned());
                active.rotation_every_secs = Set(rotation.every_seconds());
            }
            BankCardUpdate::SetChannel(channel) => active.channel_id = Set(*channel),
            BankCardUpdate::SetHolder(label) => active.holder = Set(label.as_str().to_owned()),
            BankCardUpdate::SetBank(label) => active.bank = Set(label.as_str().to_owned()),
            BankCardUpdate::SetCaps { daily, monthly } => {
                active.daily_cap = Set(daily.map(Money::minor));
                active.monthly_cap = Set(monthly.map(Money::minor));
            }
            BankCardUpdate::SetSmsPattern(pattern) => {
                active.sms_pattern = Set(pattern.as_ref().map(|p| p.as_str().to_owned()));
            }
            BankCardUpdate::SetAutoApprove(on) => active.auto_approve = Set(*on),
        }
        active.updated_at = Set(to_ms(audit.at));
        let row = active.update(&txn).await.map_err(db_err)?;
        write_audit(&txn, &audit).await?;
        txn.commit().await.map_err(db_err)?;
        card_from_row(row, self.cipher())
    }

    async fn remove(&self, id: BankCardId, audit: NewAuditEntry) -> Result<(), StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let used = receipt_log::Entity::find()
            .filter(receipt_log::Column::CardId.eq(id.get()))
            .one(&txn)
            .await
            .map_err(db_err)?
            .is_some();
        if used {
            return Err(StorageError::Conflict(format!("bank card {id} has receipts")));
        }
        let done = bank_card::Entity::delete_by_id(id.get())
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if done.rows_affected == 0 {
            return Err(StorageError::NotFound(format!("bank card {id}")));
        }
        write_audit(&txn, &audit).await?;
        txn.commit().await.map_err(db_err)
    }
}
