//! `MemberRepo` for [`Store`]: the `user` table (the wallet owns its `balance` column).

use async_trait::async_trait;
use kernel::{Page, PageRequest, StorageError, TelegramId, UserId};
use members::{
    FirstName, Language, MemberRepo, NewAuditEntry, RegisterUser, Registration, Role, User, UserStatus, Username,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet, QueryFilter, QueryOrder, Set,
};

use crate::Store;
use crate::entity::members::user;
use crate::error::{corrupt, db_err};
use crate::repo::members::write_audit;
use crate::time_ms::{from_ms, to_ms};

/// Converts a `user` row (also used by other areas that read users).
pub fn user_from_row(row: user::Model) -> Result<User, StorageError> {
    User::try_from(row)
}

impl TryFrom<user::Model> for User {
    type Error = StorageError;

    fn try_from(row: user::Model) -> Result<Self, Self::Error> {
        let id = row.id;
        let bad = |what: String| corrupt("user", id, what);
        Ok(Self {
            id: UserId::new(id),
            telegram_id: TelegramId::new(row.telegram_id).map_err(|e| bad(e.to_string()))?,
            username: row.username.as_deref().and_then(|u| Username::parse(u).ok()),
            first_name: FirstName::new(row.first_name.as_deref().unwrap_or_default()),
            language: row.language.parse::<Language>().map_err(|e| bad(e.to_string()))?,
            role: row.role.parse::<Role>().map_err(|e| bad(e.to_string()))?,
            status: row.status.parse::<UserStatus>().map_err(|e| bad(e.to_string()))?,
            bot_blocked: row.bot_blocked,
            created_at: from_ms(row.created_at)?,
        })
    }
}

async fn find_by_telegram<C: ConnectionTrait>(conn: &C, id: TelegramId) -> Result<Option<user::Model>, StorageError> {
    user::Entity::find()
        .filter(user::Column::TelegramId.eq(id.get()))
        .one(conn)
        .await
        .map_err(db_err)
}

async fn load<C: ConnectionTrait>(conn: &C, id: UserId) -> Result<User, StorageError> {
    user::Entity::find_by_id(id.get())
        .one(conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| StorageError::NotFound(format!("user {id}")))?
        .try_into()
}

impl Store {
    /// Refreshes an existing user's profile from a registration.
    /// Writes nothing when the profile is what is stored already (a returning user's `/start`).
    async fn refresh(&self, row: user::Model, request: &RegisterUser) -> Result<User, StorageError> {
        let profile = &request.profile;
        let stored = User::try_from(row.clone())?;
        if request.is_current(&stored) {
            return Ok(stored);
        }
        let mut active = row.into_active_model();
        active.username = Set(profile.username.as_ref().map(|u| u.as_str().to_owned()));
        active.first_name = Set(Some(profile.first_name.as_str().to_owned()));
        active.bot_blocked = Set(false);
        active.updated_at = Set(to_ms(request.at));
        if request.superadmin {
            active.role = Set(Role::Superadmin.code().to_owned());
        }
        active.update(self.db()).await.map_err(db_err)?.try_into()
    }

    /// Sets one column of a user (and `updated_at`) on `conn`; `NotFound` if there is no row.
    async fn set_user_column(
        &self,
        conn: &impl ConnectionTrait,
        id: UserId,
        column: user::Column,
        value: sea_orm::Value,
        at: time::OffsetDateTime,
    ) -> Result<(), StorageError> {
        let done = user::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .col_expr(user::Column::UpdatedAt, Expr::value(to_ms(at)))
            .filter(user::Column::Id.eq(id.get()))
            .exec(conn)
            .await
            .map_err(db_err)?;
        if done.rows_affected == 0 {
            return Err(StorageError::NotFound(format!("user {id}")));
        }
        Ok(())
    }

    /// Changes one column and writes the audit entry, in one transaction.
    async fn set_audited(
        &self,
        id: UserId,
        column: user::Column,
        value: &str,
        audit: &NewAuditEntry,
    ) -> Result<User, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        self.set_user_column(&txn, id, column, value.into(), audit.at).await?;
        write_audit(&txn, audit).await?;
        let user = load(&txn, id).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(user)
    }
}

#[async_trait]
impl MemberRepo for Store {
    async fn register(&self, request: &RegisterUser) -> Result<Registration, StorageError> {
        let profile = &request.profile;
        if let Some(row) = find_by_telegram(self.read(), profile.telegram_id).await? {
            let user = self.refresh(row, request).await?;
            return Ok(Registration { user, created: false });
        }
        let now = to_ms(request.at);
        let role = if request.superadmin {
            Role::Superadmin
        } else {
            Role::User
        };
        let inserted = user::ActiveModel {
            id: NotSet,
            telegram_id: Set(profile.telegram_id.get()),
            username: Set(profile.username.as_ref().map(|u| u.as_str().to_owned())),
            first_name: Set(Some(profile.first_name.as_str().to_owned())),
            language: Set(request.language.code().to_owned()),
            role: Set(role.code().to_owned()),
            status: Set(UserStatus::Active.code().to_owned()),
            bot_blocked: Set(false),
            balance: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(self.db())
        .await;
        match inserted.map_err(db_err) {
            Ok(row) => Ok(Registration {
                user: row.try_into()?,
                created: true,
            }),
            // Someone registered the same Telegram id between our lookup and our insert: the
            // UNIQUE index kept one row; refresh that one.
            Err(StorageError::Conflict(_)) => {
                let row = find_by_telegram(self.db(), profile.telegram_id)
                    .await?
                    .ok_or_else(|| StorageError::Other("user vanished after a duplicate insert".into()))?;
                let user = self.refresh(row, request).await?;
                Ok(Registration { user, created: false })
            }
            Err(e) => Err(e),
        }
    }

    async fn get(&self, id: UserId) -> Result<Option<User>, StorageError> {
        user::Entity::find_by_id(id.get())
            .one(self.read())
            .await
            .map_err(db_err)?
            .map(User::try_from)
            .transpose()
    }

    async fn find_by_telegram(&self, id: TelegramId) -> Result<Option<User>, StorageError> {
        find_by_telegram(self.read(), id).await?.map(User::try_from).transpose()
    }

    async fn find_by_username(&self, name: &Username) -> Result<Option<User>, StorageError> {
        user::Entity::find()
            .filter(user::Column::Username.eq(name.as_str()))
            .order_by_asc(user::Column::Id)
            .one(self.read())
            .await
            .map_err(db_err)?
            .map(User::try_from)
            .transpose()
    }

    async fn list(&self, page: PageRequest) -> Result<Page<User>, StorageError> {
        let select = user::Entity::find();
        crate::paging::fetch_page(self.db(), select.order_by_asc(user::Column::Id), page, User::try_from).await
    }

    async fn staff(&self) -> Result<Vec<User>, StorageError> {
        user::Entity::find()
            .filter(user::Column::Role.is_in([Role::Admin.code(), Role::Superadmin.code()]))
            .order_by_asc(user::Column::Id)
            .all(self.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(User::try_from)
            .collect()
    }

    async fn set_language(&self, id: UserId, language: Language) -> Result<User, StorageError> {
        let now = time::OffsetDateTime::now_utc();
        self.set_user_column(self.db(), id, user::Column::Language, language.code().into(), now)
            .await?;
        load(self.db(), id).await
    }

    async fn set_role(&self, id: UserId, role: Role, audit: NewAuditEntry) -> Result<User, StorageError> {
        self.set_audited(id, user::Column::Role, role.code(), &audit).await
    }

    async fn set_status(&self, id: UserId, status: UserStatus, audit: NewAuditEntry) -> Result<User, StorageError> {
        self.set_audited(id, user::Column::Status, status.code(), &audit).await
    }

    async fn set_bot_blocked(&self, id: UserId, blocked: bool) -> Result<(), StorageError> {
        let now = time::OffsetDateTime::now_utc();
        self.set_user_column(self.db(), id, user::Column::BotBlocked, blocked.into(), now)
            .await
    }
}
