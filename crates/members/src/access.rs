//! The [`Authorizer`] port: other crates ask it who may act, server-side, on every call.

use async_trait::async_trait;
use kernel::{StorageError, UserId};

use crate::{AuditAction, Role, User};

/// Why someone may not do what they asked.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// No user has this id.
    #[error("there is no user {0}")]
    UnknownUser(UserId),
    /// The user's role is too low.
    #[error("this needs the {needed} role")]
    Forbidden {
        /// The lowest role that may do it.
        needed: Role,
    },
    /// An admin blocked the account.
    #[error("this account is blocked; contact support")]
    Blocked,
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Checks roles and account status. Implemented by [`crate::MemberService`], which honours
/// the superadmins named in the config.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait Authorizer: Send + Sync {
    /// The acting user, if they exist, are not blocked and hold at least `role`.
    async fn require(&self, actor: UserId, role: Role) -> Result<User, AccessError>;

    /// The user, if they exist and are not blocked (blocked users cannot buy or pay).
    async fn ensure_active(&self, user: UserId) -> Result<User, AccessError>;

    /// Like [`Authorizer::require`] for an admin action named `attempt`; a refusal because
    /// the role is too low is also written to the audit log (`access.denied`).
    async fn authorize(&self, actor: UserId, role: Role, attempt: &AuditAction) -> Result<User, AccessError>;
}
