//! Moving an account to another location.

use kernel::{ByteLimit, ClientAccountId, LocationId, TransferId, UserId};
use time::OffsetDateTime;

use crate::{ClientAccount, NewClientAccount};

/// A recorded move of an account to another location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountTransfer {
    /// Its id.
    pub id: TransferId,
    /// The owner.
    pub user: UserId,
    /// The account that was moved (now Switched).
    pub from_account: ClientAccountId,
    /// The account that carries on.
    pub to_account: ClientAccountId,
    /// Where it was.
    pub from_location: LocationId,
    /// Where it is now.
    pub to_location: LocationId,
    /// Traffic carried over in bytes.
    pub carried_bytes: ByteLimit,
    /// Expiry carried over; `None` = never.
    pub expires_at: Option<OffsetDateTime>,
    /// When it happened.
    pub created_at: OffsetDateTime,
}

/// A transfer to record once the new client exists on its panel: in one step the new account
/// is stored, the old one becomes Switched (it must still be Active), its inbound gives back
/// its slot, and the transfer row is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTransfer {
    /// The account being moved.
    pub from_account: ClientAccountId,
    /// The account that replaces it.
    pub to_account: NewClientAccount,
}

/// The result of a recorded transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferOutcome {
    /// The transfer row.
    pub transfer: AccountTransfer,
    /// The new account.
    pub account: ClientAccount,
    /// Whether the old client was removed from its panel; `false` when that panel could not
    /// be reached (the account is Switched anyway;
    /// [`crate::AccountService::finish_switches`] removes it later).
    pub old_client_removed: bool,
}
