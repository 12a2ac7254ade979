//! What the inventory use cases can refuse or fail with.

use kernel::{LocationId, StorageError};

use crate::{AccountStatus, ClientEmail, PanelError};

/// Errors of the inventory use cases, by what a user or admin can do about them.
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    /// Every server of the location is full, disabled or down; try another location or later.
    #[error("no server in this location can take a new client right now")]
    NoCapacity {
        /// The location asked for.
        location: LocationId,
    },
    /// Every server of the location with room is down or unreachable right now (not full).
    #[error("the servers of this location cannot be reached right now; try again in a few minutes")]
    LocationUnreachable {
        /// The location asked for.
        location: LocationId,
    },
    /// The location is off sale.
    #[error("this location is not on sale")]
    LocationInactive(LocationId),
    /// The thing asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A name, prefix or identity is already taken.
    #[error("already exists: {0}")]
    AlreadyExists(String),
    /// The panel failed or refused; the message says what to check.
    #[error(transparent)]
    Panel(#[from] PanelError),
    /// Only active accounts can be moved.
    #[error("the account is {status}; only an active account can change location")]
    AccountNotActive {
        /// Its status.
        status: AccountStatus,
    },
    /// The account already lives in the location asked for.
    #[error("the account is already in this location")]
    SameLocation,
    /// The client is gone from its panel (deleted there by hand?).
    #[error("client {0} no longer exists on its panel")]
    ClientMissing(ClientEmail),
    /// The panel already holds a client with this name but another key (a restored database,
    /// or a panel shared with another bot): it is somebody else's and was left untouched.
    #[error("the panel already holds another client named {0}; it was left untouched")]
    ForeignClient(ClientEmail),
    /// The panel still serves accounts users hold, so it cannot be removed or moved.
    #[error(
        "the panel still serves {accounts} account(s) users hold; move them first, or force the removal to take the panel off sale instead"
    )]
    PanelInUse {
        /// Accounts users still hold there.
        accounts: usize,
    },
    /// An extension (days, GB) that cannot be applied to this service.
    #[error(transparent)]
    Extension(#[from] crate::ExtensionError),
    /// An edit that changes nothing.
    #[error("nothing to change")]
    NothingToChange,
    /// The acting user may not do this (too low a role, blocked, unknown).
    #[error(transparent)]
    Access(#[from] members::AccessError),
    /// Storage failed.
    #[error(transparent)]
    Storage(StorageError),
}

impl InventoryError {
    /// Whether the same call may succeed if tried again later (panel or database briefly
    /// unavailable).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Panel(e) => e.is_retryable(),
            Self::Storage(StorageError::Unavailable(_)) => true,
            _ => false,
        }
    }
}

impl From<StorageError> for InventoryError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(what) => Self::NotFound(what),
            StorageError::Conflict(what) => Self::AlreadyExists(what),
            other => Self::Storage(other),
        }
    }
}
