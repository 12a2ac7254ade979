//! The [`MemberRepo`] port: storage of users.

use async_trait::async_trait;
use kernel::{Page, PageRequest, StorageError, TelegramId, UserId};
use time::OffsetDateTime;

use crate::{Language, NewAuditEntry, Role, TelegramProfile, User, UserStatus, Username};

/// A registration request, already decided by the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterUser {
    /// The profile Telegram sent.
    pub profile: TelegramProfile,
    /// The language for a new user.
    pub language: Language,
    /// Whether the config names this Telegram id a superadmin.
    pub superadmin: bool,
    /// Now.
    pub at: OffsetDateTime,
}

impl RegisterUser {
    /// Whether `user` already holds what this registration would write (see
    /// [`TelegramProfile::is_current_for`]).
    pub fn is_current(&self, user: &User) -> bool {
        self.profile.is_current_for(user, self.superadmin)
    }
}

/// The result of a registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The user, as stored after the call.
    pub user: User,
    /// Whether this call created them.
    pub created: bool,
}

/// Storage of users.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait MemberRepo: Send + Sync {
    /// Creates the user, or refreshes the existing one with the same Telegram id. Race-safe:
    /// concurrent calls for one Telegram id end with one user (UNIQUE telegram id).
    ///
    /// New users get `language`, role `Superadmin` if `superadmin` else `User`, status
    /// `Active`. Existing users get username and first name refreshed, `bot_blocked`
    /// cleared, and role `Superadmin` if `superadmin`; their language and status are kept.
    async fn register(&self, request: &RegisterUser) -> Result<Registration, StorageError>;

    /// The user with this id.
    async fn get(&self, id: UserId) -> Result<Option<User>, StorageError>;

    /// The user with this Telegram id.
    async fn find_by_telegram(&self, id: TelegramId) -> Result<Option<User>, StorageError>;

    /// The user with this username.
    async fn find_by_username(&self, name: &Username) -> Result<Option<User>, StorageError>;

    /// Users, oldest first.
    async fn list(&self, page: PageRequest) -> Result<Page<User>, StorageError>;

    /// Every user whose stored role is admin or superadmin.
    async fn staff(&self) -> Result<Vec<User>, StorageError>;

    /// Sets the language; `NotFound` if there is no such user.
    async fn set_language(&self, id: UserId, language: Language) -> Result<User, StorageError>;

    /// Sets the role and writes `audit`, in one transaction; `NotFound` if no such user.
    async fn set_role(&self, id: UserId, role: Role, audit: NewAuditEntry) -> Result<User, StorageError>;

    /// Sets the status and writes `audit`, in one transaction; `NotFound` if no such user.
    async fn set_status(&self, id: UserId, status: UserStatus, audit: NewAuditEntry) -> Result<User, StorageError>;

    /// Records whether the user has blocked the bot; `NotFound` if no such user.
    async fn set_bot_blocked(&self, id: UserId, blocked: bool) -> Result<(), StorageError>;
}
