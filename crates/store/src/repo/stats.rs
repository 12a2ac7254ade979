//! The facts behind the admins' Stats screen ([`orders::StatsSource`]): counts and ledger
//! rows read with plain selects; the orders crate decides what they mean.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use kernel::StorageError;
use orders::{FailingPanel, LedgerFact, ServiceCount, StatsSource, UserCounts};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::inventory::{client_account, inbound, location, panel, panel_state};
use crate::entity::members::user;
use crate::entity::payments::gateway_payment;
use crate::entity::receipts::receipt_log;
use crate::entity::wallet::transaction;
use crate::error::db_err;
use crate::time_ms::{from_ms, to_ms};

#[async_trait]
impl StatsSource for Store {
    async fn user_counts(&self, today: OffsetDateTime, week: OffsetDateTime) -> Result<UserCounts, StorageError> {
        let since = |at: OffsetDateTime| user::Entity::find().filter(user::Column::CreatedAt.gte(to_ms(at)));
        Ok(UserCounts {
            total: user::Entity::find().count(self.db()).await.map_err(db_err)?,
            today: since(today).count(self.db()).await.map_err(db_err)?,
            week: since(week).count(self.db()).await.map_err(db_err)?,
        })
    }

    async fn ledger_since(&self, since: OffsetDateTime) -> Result<Vec<LedgerFact>, StorageError> {
        let rows: Vec<(i64, String, i64, String)> = transaction::Entity::find()
            .select_only()
            .column(transaction::Column::CreatedAt)
            .column(transaction::Column::Kind)
            .column(transaction::Column::Amount)
            .column(transaction::Column::IdempotencyKey)
            .filter(transaction::Column::CreatedAt.gte(to_ms(since)))
            .order_by_asc(transaction::Column::Id)
            .into_tuple()
            .all(self.db())
            .await
            .map_err(db_err)?;
        let payments: BTreeSet<i64> = rows.iter().filter_map(|(_, _, _, key)| payment_id(key)).collect();
        let mut providers: BTreeMap<i64, String> = BTreeMap::new();
        let ids: Vec<i64> = payments.into_iter().collect();
        for chunk in ids.chunks(500) {
            let found: Vec<(i64, String)> = gateway_payment::Entity::find()
                .select_only()
                .column(gateway_payment::Column::Id)
                .column(gateway_payment::Column::Provider)
                .filter(gateway_payment::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(self.db())
                .await
                .map_err(db_err)?;
            providers.extend(found);
        }
        rows.into_iter()
            .map(|(at, kind, amount, key)| {
                let provider = payment_id(&key).and_then(|id| providers.get(&id).cloned());
                Ok(LedgerFact {
                    at: from_ms(at)?,
                    kind,
                    amount,
                    key,
                    provider,
                })
            })
            .collect()
    }

    async fn active_services(&self) -> Result<Vec<ServiceCount>, StorageError> {
        let accounts: Vec<(i64, i64)> = client_account::Entity::find()
            .select_only()
            .column(client_account::Column::LocationId)
            .column(client_account::Column::InboundId)
            .filter(client_account::Column::Status.eq("active"))
            .into_tuple()
            .all(self.db())
            .await
            .map_err(db_err)?;
        let inbounds: BTreeMap<i64, i64> = inbound::Entity::find()
            .select_only()
            .column(inbound::Column::Id)
            .column(inbound::Column::PanelId)
            .into_tuple::<(i64, i64)>()
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .collect();
        let panels = names(panel::Entity::find().all(self.db()).await.map_err(db_err)?, |p| {
            (p.id, p.name)
        });
        let locations = names(location::Entity::find().all(self.db()).await.map_err(db_err)?, |l| {
            (l.id, l.name)
        });
        let mut counts: BTreeMap<(i64, Option<i64>), u64> = BTreeMap::new();
        for (location, inbound) in accounts {
            *counts.entry((location, inbounds.get(&inbound).copied())).or_default() += 1;
        }
        Ok(counts
            .into_iter()
            .map(|((location, panel), active)| ServiceCount {
                location: locations
                    .get(&location)
                    .cloned()
                    .unwrap_or_else(|| format!("#{location}")),
                panel: panel
                    .and_then(|p| panels.get(&p).cloned())
                    .unwrap_or_else(|| "-".to_owned()),
                active,
            })
            .collect())
    }

    async fn pending_receipts(&self) -> Result<u64, StorageError> {
        receipt_log::Entity::find()
            .filter(receipt_log::Column::Status.eq("pending"))
            .count(self.db())
            .await
            .map_err(db_err)
    }

    async fn failing_panels(&self) -> Result<Vec<FailingPanel>, StorageError> {
        let failing: BTreeMap<i64, String> = panel_state::Entity::find()
            .filter(panel_state::Column::LastError.is_not_null())
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .filter_map(|s| s.last_error.map(|e| (s.panel_id, e)))
            .collect();
        if failing.is_empty() {
            return Ok(Vec::new());
        }
        let panels = panel::Entity::find()
            .filter(panel::Column::Active.eq(true))
            .filter(panel::Column::Id.is_in(failing.keys().copied()))
            .order_by_asc(panel::Column::Id)
            .all(self.db())
            .await
            .map_err(db_err)?;
        Ok(panels
            .into_iter()
            .map(|p| FailingPanel {
                error: failing.get(&p.id).cloned().unwrap_or_default(),
                name: p.name,
            })
            .collect())
    }
}

/// The gateway payment a `payment:<id>:<step>` key names.
fn payment_id(key: &str) -> Option<i64> {
    let mut parts = key.split(':');
    (parts.next() == Some("payment"))
        .then(|| parts.next()?.parse().ok())
        .flatten()
}

fn names<M>(rows: Vec<M>, pick: impl Fn(M) -> (i64, String)) -> BTreeMap<i64, String> {
    rows.into_iter().map(pick).collect()
}
