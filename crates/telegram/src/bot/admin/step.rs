//! What the admin menu waits for from a chat, stored inside
//! [`Conversation::Admin`](crate::bot::Conversation::Admin).

use serde::{Deserialize, Serialize};

/// A question the admin menu asked. Stored as JSON: variants may be added, never renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminStep {
    /// A user to find: Telegram id, @username or tracking code.
    FindUser,
    /// The amount to add to (`+`) or take from (`-`) user `user`'s balance.
    AdjustAmount {
        /// The user (id).
        user: i64,
    },
    /// Why user `user`'s balance changes by `delta_minor`.
    AdjustReason {
        /// The user (id).
        user: i64,
        /// Signed amount in minor units.
        delta_minor: i64,
    },
    /// An adjustment shown for confirmation; `request` makes its idempotency key.
    AdjustConfirm {
        /// The user (id).
        user: i64,
        /// Signed amount in minor units.
        delta_minor: i64,
        /// The reason given.
        reason: String,
        /// Random per confirmation: a second tap on it replays, never adds again.
        request: u64,
    },
    /// The URL of the panel to connect.
    PanelUrl,
    /// The login name of the panel at `url`.
    PanelUsername {
        /// The panel's URL.
        url: String,
    },
    /// Where the panel serves: a location button, or the name of a new location typed.
    PanelLocation {
        /// The panel's URL.
        url: String,
        /// Its login name.
        username: String,
    },
    /// The client-name prefix of the new location `location`.
    PanelPrefix {
        /// The panel's URL.
        url: String,
        /// Its login name.
        username: String,
        /// The new location's name.
        location: String,
    },
    /// Whether the panel presents a self-signed certificate (asked for `https://` panels).
    PanelSelfSigned {
        /// The panel's URL.
        url: String,
        /// Its login name.
        username: String,
        /// Where it serves.
        spot: PanelSpot,
    },
    /// The new value of one setting of panel `panel` (`field` indexes the panel-edit fields).
    PanelEdit {
        /// The panel (id).
        panel: i64,
        /// Which setting.
        field: u8,
    },
    /// The most clients inbound `inbound` may hold (0: no limit).
    InboundLimit {
        /// The inbound (id).
        inbound: i64,
        /// Its panel (id), to go back to.
        panel: i64,
    },
    /// The password (and two-factor secret): the last answer, used at once and never stored.
    PanelPassword {
        /// The panel's URL.
        url: String,
        /// Its login name.
        username: String,
        /// Where it serves.
        spot: PanelSpot,
        /// Accept (and pin) a self-signed certificate.
        self_signed: bool,
    },
    /// How many days to add to service `account` (0: none).
    ExtendDays {
        /// The service (account id).
        account: i64,
    },
    /// How many GB to add to service `account`, after `days` days (0: none).
    ExtendGb {
        /// The service (account id).
        account: i64,
        /// The days given.
        days: u32,
    },
    /// An extension of service `account` shown for confirmation.
    ExtendConfirm {
        /// The service (account id).
        account: i64,
        /// Days to add.
        days: u32,
        /// GB to add.
        gb: u32,
    },
    /// The text of a new broadcast.
    BroadcastText,
    /// A photo for broadcast draft `campaign` (or a tap on "No photo").
    BroadcastPhoto {
        /// The draft (id).
        campaign: i64,
    },
    /// A link button (`Label | https://…`) for broadcast draft `campaign`.
    BroadcastButton {
        /// The draft (id).
        campaign: i64,
    },
    /// A question about a plan or a discount code being created or changed.
    Catalog(super::catalog_step::CatalogStep),
    /// The shop's new support contact (⚙️ Shop settings).
    SupportContact,
    /// The new support contact, shown for confirmation.
    SupportContactConfirm {
        /// The contact, already checked.
        contact: String,
    },
    /// The text of a message to user `user`.
    MessageText {
        /// The user (id).
        user: i64,
    },
    /// Whose actions the audit browser should show, asked under the filters `view`
    /// (`AuditView` in its wire form).
    AuditActor {
        /// The filters to keep.
        view: String,
    },
    /// Which days the audit browser should show, asked under the filters `view`.
    AuditDays {
        /// The filters to keep.
        view: String,
    },
    /// A message to user `user` shown for confirmation.
    MessageConfirm {
        /// The user (id).
        user: i64,
        /// The text, already checked.
        text: String,
    },
    /// Why a superadmin refunds or retries order `order` (`decision`: `refund` or `retry`).
    OrderReason {
        /// The order (id).
        order: i64,
        /// `refund` or `retry`.
        decision: String,
    },
    /// A refund or retry of order `order` shown for confirmation.
    OrderConfirm {
        /// The order (id).
        order: i64,
        /// `refund` or `retry`.
        decision: String,
        /// The reason, already checked.
        reason: String,
    },
}

/// Where a panel being connected will serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelSpot {
    /// An existing location (id).
    Existing {
        /// The location's id.
        id: i64,
    },
    /// A location created once the panel accepted the login.
    New {
        /// Its name.
        name: String,
        /// Its client-name prefix.
        prefix: String,
    },
}
