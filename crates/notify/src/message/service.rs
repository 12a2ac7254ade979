//! [`MessageService::message_user`]: the one use case behind the bot's ✉️ Message and
//! `moonvpn user message`.

use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Clock, StorageError, UserId};
use members::{AccessError, AuditAction, AuditTarget, Authorizer, MemberRepo, NewAuditEntry, Role, User};

use super::{MessageText, MessageTextError};
use crate::{NewNotice, Notice};

/// Why a message was not sent (nothing was stored).
#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// The actor may not do this.
    #[error(transparent)]
    Access(#[from] AccessError),
    /// The text is not acceptable.
    #[error(transparent)]
    Text(#[from] MessageTextError),
    /// No user has this id.
    #[error("there is no user {0}")]
    UnknownUser(UserId),
    /// The user blocked the bot: Telegram would refuse the message.
    #[error("user {0} blocked the bot, so the message cannot reach them")]
    BotBlocked(UserId),
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Storage of a message on its way: the outbox row and its audit entry.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait MessageRepo: Send + Sync {
    /// Writes `notice` to the outbox (pending, due at once) and `audit` in one transaction.
    async fn queue_message(&self, notice: &NewNotice, audit: &NewAuditEntry) -> Result<(), StorageError>;
}

/// Admins writing to one user.
#[derive(Clone)]
pub struct MessageService {
    repo: Arc<dyn MessageRepo>,
    users: Arc<dyn MemberRepo>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for MessageService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageService").finish_non_exhaustive()
    }
}

impl MessageService {
    /// Audit action of a message sent to one user (detail: its length, not its text).
    pub const MESSAGE: AuditAction = AuditAction::new("user.message");

    /// The use case on `repo`, reading users from `users`, with roles checked by `access`.
    pub fn new(
        repo: Arc<dyn MessageRepo>,
        users: Arc<dyn MemberRepo>,
        access: Arc<dyn Authorizer>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            repo,
            users,
            access,
            clock,
        }
    }

    /// The user a message would go to, if an admin asks (what the bot's preview is rendered
    /// for: their language).
    pub async fn recipient(&self, actor: UserId, user: UserId) -> Result<User, MessageError> {
        self.access.authorize(actor, Role::Admin, &Self::MESSAGE).await?;
        self.reachable(user).await
    }

    async fn reachable(&self, user: UserId) -> Result<User, MessageError> {
        let found = self.users.get(user).await?.ok_or(MessageError::UnknownUser(user))?;
        if found.bot_blocked {
            return Err(MessageError::BotBlocked(user));
        }
        Ok(found)
    }

    /// Queues `text` for `user` (admins only; a refusal is audited `access.denied`). It is
    /// delivered by the outbox job with the other notices (same flood limits, retries), and
    /// its audit entry `user.message {length}` is written in the same transaction. Refused,
    /// with nothing stored, for an unknown user or one who blocked the bot. Returns the
    /// recipient.
    pub async fn message_user(&self, actor: UserId, user: UserId, text: MessageText) -> Result<User, MessageError> {
        self.access.authorize(actor, Role::Admin, &Self::MESSAGE).await?;
        let recipient = self.reachable(user).await?;
        let notice = NewNotice::to_user(
            user,
            Notice::AdminMessage {
                text: text.as_str().to_owned(),
            },
        );
        let audit = NewAuditEntry::by(
            actor,
            Self::MESSAGE,
            AuditTarget::user(user),
            serde_json::json!({ "length": text.chars() }),
            self.clock.now(),
        );
        self.repo.queue_message(&notice, &audit).await?;
        tracing::info!(%actor, %user, length = text.chars(), "message to a user queued");
        Ok(recipient)
    }
}
