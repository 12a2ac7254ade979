//! Reminders: which services may need one, what was sent in their current term, the user's
//! mutes; a reminder's log row and its outbox notice written in one transaction.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use kernel::{ClientAccountId, Money, StorageError, UserId};
use notify::{DueReminder, ReminderKind, ReminderRepo, ServiceSnapshot};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::inventory::client_account;
use crate::entity::members::user;
use crate::entity::notify::{reminder_log, reminder_mute};
use crate::error::{corrupt, db_err};
use crate::repo::outbox;
use crate::time_ms::{from_ms, to_ms};

/// Account statuses a reminder can be about (not moved away, not disabled by an admin).
const REMINDED: [&str; 2] = ["active", "expired"];

/// The kinds `user` muted, read on `conn` (a transaction deciding on a notice passes itself).
pub(crate) async fn muted_kinds<C: ConnectionTrait>(
    conn: &C,
    user: UserId,
) -> Result<BTreeSet<ReminderKind>, StorageError> {
    Ok(reminder_mute::Entity::find()
        .filter(reminder_mute::Column::UserId.eq(user.get()))
        .all(conn)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter_map(|row| ReminderKind::parse(&row.kind))
        .collect())
}

/// `user`'s balance and the reminder kinds they muted, in one query (the low-balance check
/// after a sale needs both, inside the sale's transaction). `NotFound` for an unknown user.
pub(crate) async fn balance_and_mutes<C: ConnectionTrait>(
    conn: &C,
    user: UserId,
) -> Result<(Money, BTreeSet<ReminderKind>), StorageError> {
    let query = Query::select()
        .expr_as(Expr::col((user::Entity, user::Column::Balance)), "balance")
        .expr_as(Expr::col((reminder_mute::Entity, reminder_mute::Column::Kind)), "kind")
        .from(user::Entity)
        .left_join(
            reminder_mute::Entity,
            Expr::col((reminder_mute::Entity, reminder_mute::Column::UserId)).equals((user::Entity, user::Column::Id)),
        )
        .and_where(Expr::col((user::Entity, user::Column::Id)).eq(user.get()))
        .to_owned();
    let rows = conn
        .query_all_raw(conn.get_database_backend().build(&query))
        .await
        .map_err(db_err)?;
    let Some(first) = rows.first() else {
        return Err(StorageError::NotFound(format!("user {user}")));
    };
    let balance: i64 = first.try_get("", "balance").map_err(db_err)?;
    let balance = Money::from_minor(balance).map_err(|e| corrupt("user", user.get(), e))?;
    let mut muted = BTreeSet::new();
    for row in &rows {
        let kind: Option<String> = row.try_get("", "kind").map_err(db_err)?;
        muted.extend(kind.as_deref().and_then(ReminderKind::parse));
    }
    Ok((balance, muted))
}

#[async_trait]
impl ReminderRepo for Store {
    async fn services(&self, after: Option<ClientAccountId>, limit: u64) -> Result<Vec<ServiceSnapshot>, StorageError> {
        let accounts = client_account::Entity::find()
            .filter(client_account::Column::Status.is_in(REMINDED))
            .filter(client_account::Column::Id.gt(after.map_or(0, ClientAccountId::get)))
            .order_by_asc(client_account::Column::Id)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?;
        if accounts.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
        let users: BTreeSet<i64> = accounts.iter().map(|a| a.user_id).collect();
        let mut sent: BTreeMap<(i64, String), BTreeSet<ReminderKind>> = BTreeMap::new();
        for row in reminder_log::Entity::find()
            .filter(reminder_log::Column::AccountId.is_in(ids))
            .all(self.db())
            .await
            .map_err(db_err)?
        {
            if let Some(kind) = ReminderKind::parse(&row.kind) {
                sent.entry((row.account_id, row.term)).or_default().insert(kind);
            }
        }
        let mut muted: BTreeMap<i64, BTreeSet<ReminderKind>> = BTreeMap::new();
        for row in reminder_mute::Entity::find()
            .filter(reminder_mute::Column::UserId.is_in(users))
            .all(self.db())
            .await
            .map_err(db_err)?
        {
            if let Some(kind) = ReminderKind::parse(&row.kind) {
                muted.entry(row.user_id).or_default().insert(kind);
            }
        }
        accounts
            .into_iter()
            .map(|a| {
                let mut service = ServiceSnapshot {
                    account: ClientAccountId::new(a.id),
                    user: UserId::new(a.user_id),
                    name: a.name,
                    expires_at: a.expires_at.map(from_ms).transpose()?,
                    traffic_limit_bytes: crate::repo::limit_column::byte_limit(
                        a.traffic_limit_bytes.try_into().unwrap_or(0),
                    ),
                    traffic_used_bytes: a.traffic_used_bytes,
                    sent: BTreeSet::new(),
                    muted: muted.get(&a.user_id).cloned().unwrap_or_default(),
                };
                service.sent = sent.remove(&(a.id, service.term())).unwrap_or_default();
                Ok(service)
            })
            .collect()
    }

    async fn record(&self, reminder: &DueReminder, at: OffsetDateTime) -> Result<bool, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let existing = reminder_log::Entity::find()
            .filter(reminder_log::Column::AccountId.eq(reminder.account.get()))
            .filter(reminder_log::Column::Kind.eq(reminder.kind.as_str()))
            .filter(reminder_log::Column::Term.eq(reminder.term.as_str()))
            .one(&txn)
            .await
            .map_err(db_err)?;
        if existing.is_some() {
            return Ok(false);
        }
        let user = match reminder.notice.recipient {
            notify::Recipient::User(user) => user.get(),
            notify::Recipient::Admins => 0,
        };
        let inserted = reminder_log::ActiveModel {
            id: NotSet,
            account_id: Set(reminder.account.get()),
            user_id: Set(user),
            kind: Set(reminder.kind.as_str().to_owned()),
            term: Set(reminder.term.clone()),
            created_at: Set(to_ms(at)),
        }
        .insert(&txn)
        .await
        .map_err(db_err);
        match inserted {
            Ok(_) => {}
            // Another instance recorded it a moment ago.
            Err(StorageError::Conflict(_)) => return Ok(false),
            Err(e) => return Err(e),
        }
        outbox::enqueue(&txn, std::slice::from_ref(&reminder.notice), at).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn muted(&self, user: UserId) -> Result<BTreeSet<ReminderKind>, StorageError> {
        muted_kinds(self.db(), user).await
    }

    async fn set_muted(&self, user: UserId, kind: ReminderKind, muted: bool) -> Result<(), StorageError> {
        let existing = reminder_mute::Entity::find()
            .filter(reminder_mute::Column::UserId.eq(user.get()))
            .filter(reminder_mute::Column::Kind.eq(kind.as_str()))
            .one(self.db())
            .await
            .map_err(db_err)?;
        match (existing, muted) {
            (None, true) => {
                let inserted = reminder_mute::ActiveModel {
                    id: NotSet,
                    user_id: Set(user.get()),
                    kind: Set(kind.as_str().to_owned()),
                    created_at: Set(to_ms(OffsetDateTime::now_utc())),
                }
                .insert(self.db())
                .await
                .map_err(db_err);
                match inserted {
                    Ok(_) | Err(StorageError::Conflict(_)) => Ok(()),
                    Err(e) => Err(e),
                }
            }
            (Some(row), false) => {
                reminder_mute::Entity::delete_by_id(row.id)
                    .exec(self.db())
                    .await
                    .map_err(db_err)?;
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
