//! `moonvpn secrets rotate`: re-encrypts every stored secret from the old key to the new one
//! in one transaction. If any value does not open with the old key, nothing changes.

use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryOrder, Set};

use super::{Cipher, SecretColumn};
use crate::entity::inventory::panel;
use crate::entity::receipts::bank_card;
use crate::error::db_err;
use kernel::StorageError;

/// What a rotation rewrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RotationReport {
    /// Panels whose credentials were re-encrypted.
    pub panels: usize,
    /// Bank cards whose numbers were re-encrypted.
    pub cards: usize,
    /// Values that were still in the old `v1:` format.
    pub upgraded: usize,
}

/// Decrypts every secret with `old` and stores it encrypted with `new` (also upgrading `v1:`
/// values), all in one transaction.
pub async fn rotate_secrets(
    db: &DatabaseConnection,
    old: &Cipher,
    new: &Cipher,
) -> Result<RotationReport, StorageError> {
    let txn = crate::tx::begin(db).await?;
    let mut report = RotationReport::default();
    let mut reseal = |column: SecretColumn, row: i64, stored: &str| -> Result<String, StorageError> {
        if Cipher::is_legacy(stored) {
            report.upgraded += 1;
        }
        let plain = old.decrypt(column, row, stored)?;
        new.encrypt(column, row, plain.expose())
    };
    let panels = panel::Entity::find()
        .order_by_asc(panel::Column::Id)
        .all(&txn)
        .await
        .map_err(db_err)?;
    let mut panel_updates = Vec::with_capacity(panels.len());
    for row in panels {
        let id = row.id;
        let password = reseal(SecretColumn::PANEL_PASSWORD, id, &row.password_enc)?;
        let token = row
            .api_token_enc
            .as_deref()
            .map(|v| reseal(SecretColumn::PANEL_API_TOKEN, id, v))
            .transpose()?;
        let two_factor = row
            .two_factor_secret_enc
            .as_deref()
            .map(|v| reseal(SecretColumn::PANEL_TWO_FACTOR, id, v))
            .transpose()?;
        let mut active = row.into_active_model();
        active.password_enc = Set(password);
        active.api_token_enc = Set(token);
        active.two_factor_secret_enc = Set(two_factor);
        panel_updates.push(active);
    }
    let cards = bank_card::Entity::find()
        .order_by_asc(bank_card::Column::Id)
        .all(&txn)
        .await
        .map_err(db_err)?;
    let mut card_updates = Vec::with_capacity(cards.len());
    for row in cards {
        let number = reseal(SecretColumn::CARD_NUMBER, row.id, &row.number_enc)?;
        let mut active = row.into_active_model();
        active.number_enc = Set(number);
        card_updates.push(active);
    }
    report.panels = panel_updates.len();
    report.cards = card_updates.len();
    for row in panel_updates {
        row.update(&txn).await.map_err(db_err)?;
    }
    for row in card_updates {
        row.update(&txn).await.map_err(db_err)?;
    }
    txn.commit().await.map_err(db_err)?;
    Ok(report)
}
