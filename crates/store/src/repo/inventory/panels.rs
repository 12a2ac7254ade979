//! `panel` rows; passwords, tokens and two-factor secrets are encrypted before they reach the
//! database.

use inventory::{CertPin, NewPanel, Panel};
use kernel::{PanelId, Secret, StorageError};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};
use time::OffsetDateTime;

use super::convert::panel_from_row;
use crate::Store;
use crate::cipher::SecretColumn;
use crate::entity::inventory::{inbound, panel};
use crate::error::db_err;
use crate::time_ms::to_ms;

pub(super) async fn add(store: &Store, new: &NewPanel, at: OffsetDateTime) -> Result<Panel, StorageError> {
    let txn = crate::tx::begin(store.db()).await?;
    super::locations::find(&txn, new.location).await?;
    // The row id is part of each secret's associated data, so the secrets are sealed once
    // the row exists, in the same transaction.
    let row = panel::ActiveModel {
        id: NotSet,
        name: Set(new.name.as_str().to_owned()),
        url: Set(new.url.as_str().to_owned()),
        username: Set(new.username.clone()),
        password_enc: Set(String::new()),
        api_token_enc: Set(None),
        two_factor_secret_enc: Set(None),
        allow_insecure_tls: Set(new.allow_insecure_tls),
        tls_pin: Set(None),
        location_id: Set(new.location.get()),
        active: Set(true),
        created_at: Set(to_ms(at)),
        updated_at: Set(to_ms(at)),
    }
    .insert(&txn)
    .await
    .map_err(db_err)?;
    let mut row: panel::ActiveModel = row.into();
    let id = *row.id.as_ref();
    seal_credentials(
        store,
        &mut row,
        id,
        &new.password,
        new.api_token.as_ref(),
        new.two_factor_secret.as_ref(),
    )?;
    let row = row.update(&txn).await.map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    panel_from_row(store.cipher(), row)
}

/// Encrypts a panel's credentials into `row` (id `id`).
fn seal_credentials(
    store: &Store,
    row: &mut panel::ActiveModel,
    id: i64,
    password: &Secret,
    api_token: Option<&Secret>,
    two_factor: Option<&Secret>,
) -> Result<(), StorageError> {
    let cipher = store.cipher();
    row.password_enc = Set(cipher.encrypt(SecretColumn::PANEL_PASSWORD, id, password.expose())?);
    row.api_token_enc = Set(api_token
        .map(|t| cipher.encrypt(SecretColumn::PANEL_API_TOKEN, id, t.expose()))
        .transpose()?);
    row.two_factor_secret_enc = Set(two_factor
        .map(|t| cipher.encrypt(SecretColumn::PANEL_TWO_FACTOR, id, t.expose()))
        .transpose()?);
    Ok(())
}

pub(super) async fn all(store: &Store) -> Result<Vec<Panel>, StorageError> {
    panel::Entity::find()
        .order_by_asc(panel::Column::Name)
        .order_by_asc(panel::Column::Id)
        .all(store.db())
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|row| panel_from_row(store.cipher(), row))
        .collect()
}

pub(super) async fn find<C: ConnectionTrait>(db: &C, id: PanelId) -> Result<panel::Model, StorageError> {
    panel::Entity::find_by_id(id.get())
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("panel {id}")))
}

pub(super) async fn get(store: &Store, id: PanelId) -> Result<Panel, StorageError> {
    panel_from_row(store.cipher(), find(store.db(), id).await?)
}

pub(super) async fn set_active(
    store: &Store,
    id: PanelId,
    active: bool,
    at: OffsetDateTime,
) -> Result<Panel, StorageError> {
    panel::Entity::update_many()
        .col_expr(panel::Column::Active, Expr::value(active))
        .col_expr(panel::Column::UpdatedAt, Expr::value(to_ms(at)))
        .filter(panel::Column::Id.eq(id.get()))
        .exec(store.db())
        .await
        .map_err(db_err)?;
    get(store, id).await
}

pub(super) async fn update(store: &Store, p: &Panel, at: OffsetDateTime) -> Result<Panel, StorageError> {
    let txn = crate::tx::begin(store.db()).await?;
    super::locations::find(&txn, p.location).await?;
    let mut row: panel::ActiveModel = find(&txn, p.id).await?.into();
    row.name = Set(p.name.as_str().to_owned());
    row.url = Set(p.url.as_str().to_owned());
    row.username = Set(p.username.clone());
    seal_credentials(
        store,
        &mut row,
        p.id.get(),
        &p.password,
        p.api_token.as_ref(),
        p.two_factor_secret.as_ref(),
    )?;
    row.allow_insecure_tls = Set(p.allow_insecure_tls);
    row.tls_pin = Set(p.tls_pin.map(|pin| pin.to_string()));
    row.location_id = Set(p.location.get());
    row.updated_at = Set(to_ms(at));
    let row = row.update(&txn).await.map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    panel_from_row(store.cipher(), row)
}

/// Stores the certificate fingerprint a panel is pinned to (`None` removes the pin).
pub(super) async fn set_tls_pin(store: &Store, id: PanelId, pin: Option<CertPin>) -> Result<Panel, StorageError> {
    // Not by rows_affected: MySQL counts changed rows only; reading the row back tells an
    // unknown panel (NotFound) from one that already had this pin.
    panel::Entity::update_many()
        .col_expr(panel::Column::TlsPin, Expr::value(pin.map(|p| p.to_string())))
        .filter(panel::Column::Id.eq(id.get()))
        .exec(store.db())
        .await
        .map_err(db_err)?;
    get(store, id).await
}

pub(super) async fn delete(store: &Store, id: PanelId) -> Result<(), StorageError> {
    let txn = crate::tx::begin(store.db()).await?;
    find(&txn, id).await?;
    let counts = super::usage::counts_on(&txn, id).await?;
    if counts.total > 0 {
        return Err(StorageError::Conflict(format!(
            "panel {id} has {} client account(s)",
            counts.total
        )));
    }
    super::panel_state::delete_on(&txn, id).await?;
    inbound::Entity::delete_many()
        .filter(inbound::Column::PanelId.eq(id.get()))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    panel::Entity::delete_by_id(id.get()).exec(&txn).await.map_err(db_err)?;
    txn.commit().await.map_err(db_err)
}
