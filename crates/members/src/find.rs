//! Finding the user an admin names ([`UserRef`]): one use case for the bot's "find a user",
//! the audit browser's actor filter and the CLI's `<who>` arguments.

use async_trait::async_trait;
use kernel::{StorageError, TrackingCode, UserId};

use crate::{MemberError, MemberService, User, UserRef};

/// Whose record a tracking code names (the wallet's ledger knows): lets
/// [`MemberService::find`] read a user from a `TX-…` code they were given.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait TrackingOwners: Send + Sync {
    /// The owner of the ledger row with this tracking code, if there is one.
    async fn owner_of(&self, code: &TrackingCode) -> Result<Option<UserId>, StorageError>;
}

impl MemberService {
    /// Reads users named by a tracking code through `owners` (without it such a name finds
    /// nobody).
    #[must_use]
    pub fn with_tracking_owners(mut self, owners: std::sync::Arc<dyn TrackingOwners>) -> Self {
        self.tracking = Some(owners);
        self
    }

    /// The user `named` names, if registered: by @username, Telegram id, MoonVPN id or a
    /// tracking code of one of their ledger rows. `Ok(None)` when nobody matches.
    pub async fn find(&self, named: &UserRef) -> Result<Option<User>, MemberError> {
        let id = match named {
            UserRef::Username(name) => return self.find_by_username(name).await,
            UserRef::Telegram(id) => return self.find_by_telegram(*id).await,
            UserRef::Id(id) => *id,
            UserRef::Tracking(code) => match &self.tracking {
                Some(owners) => match owners.owner_of(code).await? {
                    Some(owner) => owner,
                    None => return Ok(None),
                },
                None => return Ok(None),
            },
        };
        Ok(self.repo.get(id).await?)
    }
}

#[cfg(test)]
#[path = "find_tests.rs"]
mod tests;
