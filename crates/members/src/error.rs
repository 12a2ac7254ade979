//! What can go wrong in the members use cases, worded for the person who can fix it.

use kernel::StorageError;

use crate::{AccessError, Role};

/// Errors of the members use cases.
#[derive(Debug, thiserror::Error)]
pub enum MemberError {
    /// No such user (the text says which lookup failed).
    #[error("no user {0}")]
    UnknownUser(String),
    /// The acting user's role is too low.
    #[error("this needs the {needed} role")]
    Forbidden {
        /// The lowest role that may do it.
        needed: Role,
    },
    /// The account is blocked.
    #[error("this account is blocked; contact support")]
    Blocked,
    /// Admins cannot change their own role or block themselves.
    #[error("you cannot do this to your own account")]
    OwnAccount,
    /// The target is a superadmin named in the config file.
    #[error("this user is a superadmin in the config file (admins.superadmins); change it there")]
    ConfiguredSuperadmin,
    /// Superadmins are granted only in the config file.
    #[error("superadmins are set in the config file (admins.superadmins), not from the bot")]
    SuperadminFromConfigOnly,
    /// A setting key or value was refused.
    #[error("setting {key}: {reason}")]
    BadSetting {
        /// The key.
        key: String,
        /// Why.
        reason: String,
    },
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<AccessError> for MemberError {
    fn from(e: AccessError) -> Self {
        match e {
            AccessError::UnknownUser(id) => Self::UnknownUser(id.to_string()),
            AccessError::Forbidden { needed } => Self::Forbidden { needed },
            AccessError::Blocked => Self::Blocked,
            AccessError::Storage(e) => Self::Storage(e),
        }
    }
}
