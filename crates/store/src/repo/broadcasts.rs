//! Broadcast campaigns and their recipients. A campaign's recipients are written when it is
//! confirmed, in the transaction that starts it; each recipient is claimed with one
//! conditional UPDATE (only while the campaign runs) and settled right after its call, and a
//! user found unreachable is marked in the same transaction.

use async_trait::async_trait;
use kernel::{CampaignId, CampaignRecipientId, StorageError, TelegramId, UserId};
use members::{AuditTarget, Language, NewAuditEntry};
use notify::broadcast::{
    Audience, BroadcastText, Campaign, CampaignRecipient, CampaignRepo, CampaignStatus, Content, Counts, NewCampaign,
    PhotoId, ProgressMessage, RecipientState, StatusChange, UrlButton,
};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use crate::Store;
use crate::entity::inventory::client_account;
use crate::entity::members::user;
use crate::entity::notify::{broadcast_campaign as campaign, broadcast_recipient as recipient};
use crate::entity::orders::order;
use crate::error::{corrupt, db_err};
use crate::repo::members::audit::write_audit;
use crate::time_ms::{from_ms, to_ms};
use crate::tx::retry_on_conflict;

/// Recipients written per INSERT when a campaign starts.
const CHUNK: usize = 500;

/// `user_id` of the client accounts matching `filter`.
fn account_owners(filter: Condition) -> SelectStatement {
    Query::select()
        .column(client_account::Column::UserId)
        .from(client_account::Entity)
        .cond_where(filter)
        .to_owned()
}

/// The users `audience` names: never one who blocked the bot.
fn audience_filter(audience: Audience) -> Condition {
    let reachable = Condition::all().add(user::Column::BotBlocked.eq(false));
    let active = || Condition::all().add(client_account::Column::Status.eq("active"));
    match audience {
        Audience::All => reachable,
        Audience::Active => reachable.add(user::Column::Id.in_subquery(account_owners(active()))),
        Audience::Expired => reachable
            .add(user::Column::Id.in_subquery(account_owners(Condition::all())))
            .add(user::Column::Id.not_in_subquery(account_owners(active()))),
        Audience::Location(location) => reachable.add(user::Column::Id.in_subquery(account_owners(
            active().add(client_account::Column::LocationId.eq(location.get())),
        ))),
        Audience::NeverBought => reachable.add(
            user::Column::Id.not_in_subquery(
                Query::select()
                    .column(order::Column::UserId)
                    .from(order::Entity)
                    .and_where(order::Column::Status.eq("fulfilled"))
                    .and_where(order::Column::IsTest.eq(false))
                    .to_owned(),
            ),
        ),
        Audience::Language(lang) => reachable.add(user::Column::Language.eq(lang.code())),
    }
}

fn content_of(row: &campaign::Model) -> Result<Content, StorageError> {
    let bad = |e: &dyn std::fmt::Display| corrupt("broadcast_campaign", row.id, e);
    let text = BroadcastText::parse(&row.text).map_err(|e| bad(&e))?;
    let photo = row
        .photo_file_id
        .as_deref()
        .map(PhotoId::parse)
        .transpose()
        .map_err(|e| bad(&e))?;
    let button = match (&row.button_label, &row.button_url) {
        (Some(label), Some(url)) => Some(UrlButton::parse(label, url).map_err(|e| bad(&e))?),
        _ => None,
    };
    Content::new(text, photo, button).map_err(|e| bad(&e))
}

fn campaign_of(row: campaign::Model, counts: Counts) -> Result<Campaign, StorageError> {
    let content = content_of(&row)?;
    let audience = Audience::parse(&row.audience).map_err(|e| corrupt("broadcast_campaign", row.id, e))?;
    let status =
        CampaignStatus::parse(&row.status).ok_or_else(|| corrupt("broadcast_campaign", row.id, "unknown status"))?;
    Ok(Campaign {
        id: CampaignId::new(row.id),
        content,
        audience,
        status,
        counts,
        created_by: UserId::new(row.created_by),
        created_at: from_ms(row.created_at)?,
        started_at: row.started_at.map(from_ms).transpose()?,
        done_at_start: u64::try_from(row.done_at_start).unwrap_or(0),
        ended_at: row.ended_at.map(from_ms).transpose()?,
        progress_message: match (row.progress_chat, row.progress_message_id) {
            (Some(chat), Some(message_id)) => Some(ProgressMessage { chat, message_id }),
            _ => None,
        },
    })
}

async fn counts<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Counts, StorageError> {
    let rows: Vec<(String, i64)> = recipient::Entity::find()
        .select_only()
        .column(recipient::Column::State)
        .column_as(recipient::Column::Id.count(), "n")
        .filter(recipient::Column::CampaignId.eq(id))
        .group_by(recipient::Column::State)
        .into_tuple()
        .all(conn)
        .await
        .map_err(db_err)?;
    let mut counts = Counts::default();
    for (state, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match state.as_str() {
            "pending" | "sending" => counts.pending += n,
            "sent" => counts.sent += n,
            "failed" => counts.failed += n,
            "blocked" => counts.blocked += n,
            "left" => counts.left += n,
            _ => return Err(corrupt("broadcast_recipient", id, format!("unknown state {state}"))),
        }
    }
    Ok(counts)
}

impl Store {
    async fn load_campaign(&self, row: campaign::Model) -> Result<Campaign, StorageError> {
        let counts = counts(self.db(), row.id).await?;
        campaign_of(row, counts)
    }

    async fn campaigns(&self, rows: Vec<campaign::Model>) -> Result<Vec<Campaign>, StorageError> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.load_campaign(row).await?);
        }
        Ok(out)
    }
}

/// The status change as column values: a (re)start resets the pace's base, an end is stamped.
fn status_update(change: &StatusChange) -> sea_orm::UpdateMany<campaign::Entity> {
    let at = to_ms(change.at);
    let mut update = campaign::Entity::update_many()
        .col_expr(campaign::Column::Status, Expr::value(change.to.code()))
        .col_expr(campaign::Column::UpdatedAt, Expr::value(at));
    if change.to == CampaignStatus::Running {
        update = update.col_expr(campaign::Column::StartedAt, Expr::value(at)).col_expr(
            campaign::Column::DoneAtStart,
            Expr::value(i64::try_from(change.done).unwrap_or(i64::MAX)),
        );
    }
    if change.to.is_final() {
        update = update.col_expr(campaign::Column::EndedAt, Expr::value(at));
    }
    update
        .filter(campaign::Column::Id.eq(change.campaign.get()))
        .filter(campaign::Column::Status.eq(change.from.code()))
}

#[async_trait]
impl CampaignRepo for Store {
    async fn insert_draft(&self, draft: &NewCampaign, audit: &NewAuditEntry) -> Result<Campaign, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let content = &draft.content;
        let at = to_ms(draft.at);
        let row = campaign::ActiveModel {
            id: NotSet,
            text: Set(content.text().as_str().to_owned()),
            photo_file_id: Set(content.photo().map(|p| p.as_str().to_owned())),
            button_label: Set(content.button().map(|b| b.label().to_owned())),
            button_url: Set(content.button().map(|b| b.url().to_owned())),
            audience: Set(draft.audience.code()),
            status: Set(CampaignStatus::Draft.code().to_owned()),
            created_by: Set(draft.created_by.get()),
            created_at: Set(at),
            started_at: Set(None),
            done_at_start: Set(0),
            ended_at: Set(None),
            progress_chat: Set(None),
            progress_message_id: Set(None),
            updated_at: Set(at),
        }
        .insert(&txn)
        .await
        .map_err(db_err)?;
        let audit = NewAuditEntry {
            target: AuditTarget::new("campaign", row.id),
            ..audit.clone()
        };
        write_audit(&txn, &audit).await?;
        txn.commit().await.map_err(db_err)?;
        campaign_of(row, Counts::default())
    }

    async fn update_draft(&self, id: CampaignId, content: &Content, audience: Audience) -> Result<bool, StorageError> {
        let done = campaign::Entity::update_many()
            .col_expr(campaign::Column::Text, Expr::value(content.text().as_str()))
            .col_expr(
                campaign::Column::PhotoFileId,
                Expr::value(content.photo().map(|p| p.as_str().to_owned())),
            )
            .col_expr(
                campaign::Column::ButtonLabel,
                Expr::value(content.button().map(|b| b.label().to_owned())),
            )
            .col_expr(
                campaign::Column::ButtonUrl,
                Expr::value(content.button().map(|b| b.url().to_owned())),
            )
            .col_expr(campaign::Column::Audience, Expr::value(audience.code()))
            .col_expr(
                campaign::Column::UpdatedAt,
                Expr::value(to_ms(OffsetDateTime::now_utc())),
            )
            .filter(campaign::Column::Id.eq(id.get()))
            .filter(campaign::Column::Status.eq(CampaignStatus::Draft.code()))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected == 1)
    }

    async fn get(&self, id: CampaignId) -> Result<Option<Campaign>, StorageError> {
        match campaign::Entity::find_by_id(id.get())
            .one(self.db())
            .await
            .map_err(db_err)?
        {
            Some(row) => Ok(Some(self.load_campaign(row).await?)),
            None => Ok(None),
        }
    }

    async fn list(&self, limit: u64) -> Result<Vec<Campaign>, StorageError> {
        let rows = campaign::Entity::find()
            .order_by_desc(campaign::Column::Id)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?;
        self.campaigns(rows).await
    }

    async fn running(&self) -> Result<Vec<Campaign>, StorageError> {
        let rows = campaign::Entity::find()
            .filter(campaign::Column::Status.eq(CampaignStatus::Running.code()))
            .order_by_asc(campaign::Column::Id)
            .all(self.db())
            .await
            .map_err(db_err)?;
        self.campaigns(rows).await
    }

    async fn count_audience(&self, audience: Audience) -> Result<u64, StorageError> {
        user::Entity::find()
            .filter(audience_filter(audience))
            .count(self.db())
            .await
            .map_err(db_err)
    }

    async fn start(&self, change: &StatusChange, audit: &NewAuditEntry) -> Result<Option<u64>, StorageError> {
        let Some(row) = campaign::Entity::find_by_id(change.campaign.get())
            .one(self.db())
            .await
            .map_err(db_err)?
        else {
            return Ok(None);
        };
        let audience = Audience::parse(&row.audience).map_err(|e| corrupt("broadcast_campaign", row.id, e))?;
        retry_on_conflict(|| async {
            let txn = crate::tx::begin(self.db()).await?;
            let moved = status_update(change).exec(&txn).await.map_err(db_err)?;
            if moved.rows_affected != 1 {
                return Ok(None);
            }
            let users: Vec<i64> = user::Entity::find()
                .select_only()
                .column(user::Column::Id)
                .filter(audience_filter(audience))
                .order_by_asc(user::Column::Id)
                .into_tuple()
                .all(&txn)
                .await
                .map_err(db_err)?;
            for chunk in users.chunks(CHUNK) {
                recipient::Entity::insert_many(chunk.iter().map(|user| recipient::ActiveModel {
                    id: NotSet,
                    campaign_id: Set(change.campaign.get()),
                    user_id: Set(*user),
                    state: Set("pending".into()),
                    error: Set(None),
                    claimed_at: Set(None),
                    settled_at: Set(None),
                }))
                .exec(&txn)
                .await
                .map_err(db_err)?;
            }
            write_audit(&txn, audit).await?;
            txn.commit().await.map_err(db_err)?;
            Ok(Some(users.len() as u64))
        })
        .await
    }

    async fn apply(&self, change: &StatusChange, audit: Option<NewAuditEntry>) -> Result<bool, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let moved = status_update(change).exec(&txn).await.map_err(db_err)?;
        if moved.rows_affected != 1 {
            return Ok(false);
        }
        if let Some(audit) = &audit {
            write_audit(&txn, audit).await?;
        }
        txn.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn set_progress_message(&self, id: CampaignId, message: ProgressMessage) -> Result<(), StorageError> {
        campaign::Entity::update_many()
            .col_expr(campaign::Column::ProgressChat, Expr::value(message.chat))
            .col_expr(campaign::Column::ProgressMessageId, Expr::value(message.message_id))
            .filter(campaign::Column::Id.eq(id.get()))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn pending(&self, id: CampaignId, limit: u64) -> Result<Vec<CampaignRecipient>, StorageError> {
        let rows = recipient::Entity::find()
            .filter(recipient::Column::CampaignId.eq(id.get()))
            .filter(recipient::Column::State.eq("pending"))
            .order_by_asc(recipient::Column::Id)
            .limit(limit)
            .all(self.db())
            .await
            .map_err(db_err)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let users: std::collections::BTreeMap<i64, user::Model> = user::Entity::find()
            .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        rows.into_iter()
            .map(|row| {
                let user = users
                    .get(&row.user_id)
                    .ok_or_else(|| corrupt("broadcast_recipient", row.id, "its user is gone"))?;
                Ok(CampaignRecipient {
                    id: CampaignRecipientId::new(row.id),
                    user: UserId::new(user.id),
                    telegram_id: TelegramId::new(user.telegram_id).map_err(|e| corrupt("user", user.id, e))?,
                    language: user.language.parse().unwrap_or(Language::En),
                })
            })
            .collect()
    }

    async fn claim(&self, id: CampaignRecipientId, at: OffsetDateTime) -> Result<bool, StorageError> {
        let running = Query::select()
            .column(campaign::Column::Id)
            .from(campaign::Entity)
            .and_where(campaign::Column::Status.eq(CampaignStatus::Running.code()))
            .to_owned();
        let taken = recipient::Entity::update_many()
            .col_expr(recipient::Column::State, Expr::value("sending"))
            .col_expr(recipient::Column::ClaimedAt, Expr::value(to_ms(at)))
            .filter(recipient::Column::Id.eq(id.get()))
            .filter(recipient::Column::State.eq("pending"))
            .filter(recipient::Column::CampaignId.in_subquery(running))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(taken.rows_affected == 1)
    }

    async fn settle(
        &self,
        id: CampaignRecipientId,
        state: RecipientState,
        error: Option<String>,
        at: OffsetDateTime,
    ) -> Result<(), StorageError> {
        let error = error.map(|e| e.chars().take(255).collect::<String>());
        retry_on_conflict(|| async {
            let txn = crate::tx::begin(self.db()).await?;
            let row = recipient::Entity::find_by_id(id.get())
                .one(&txn)
                .await
                .map_err(db_err)?
                .ok_or_else(|| StorageError::NotFound(format!("broadcast recipient {id}")))?;
            recipient::Entity::update_many()
                .col_expr(recipient::Column::State, Expr::value(state.code()))
                .col_expr(recipient::Column::Error, Expr::value(error.clone()))
                .col_expr(recipient::Column::SettledAt, Expr::value(to_ms(at)))
                .filter(recipient::Column::Id.eq(id.get()))
                .filter(recipient::Column::State.eq("sending"))
                .exec(&txn)
                .await
                .map_err(db_err)?;
            if state.unreachable() {
                user::Entity::update_many()
                    .col_expr(user::Column::BotBlocked, Expr::value(true))
                    .col_expr(user::Column::UpdatedAt, Expr::value(to_ms(at)))
                    .filter(user::Column::Id.eq(row.user_id))
                    .exec(&txn)
                    .await
                    .map_err(db_err)?;
            }
            txn.commit().await.map_err(db_err)
        })
        .await
    }

    async fn release(&self, id: CampaignRecipientId) -> Result<(), StorageError> {
        recipient::Entity::update_many()
            .col_expr(recipient::Column::State, Expr::value("pending"))
            .col_expr(recipient::Column::ClaimedAt, Expr::value(Option::<i64>::None))
            .filter(recipient::Column::Id.eq(id.get()))
            .filter(recipient::Column::State.eq("sending"))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn fail_interrupted(&self, id: CampaignId, before: OffsetDateTime) -> Result<u64, StorageError> {
        let done = recipient::Entity::update_many()
            .col_expr(recipient::Column::State, Expr::value("failed"))
            .col_expr(
                recipient::Column::Error,
                Expr::value("interrupted: the process stopped during the call"),
            )
            .col_expr(recipient::Column::SettledAt, Expr::value(to_ms(before)))
            .filter(recipient::Column::CampaignId.eq(id.get()))
            .filter(recipient::Column::State.eq("sending"))
            .filter(recipient::Column::ClaimedAt.lt(to_ms(before)))
            .exec(self.db())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected)
    }

    async fn in_flight(&self, id: CampaignId) -> Result<u64, StorageError> {
        recipient::Entity::find()
            .filter(recipient::Column::CampaignId.eq(id.get()))
            .filter(recipient::Column::State.eq("sending"))
            .count(self.db())
            .await
            .map_err(db_err)
    }
}
