//! The admin menu's buttons: [`AdminAction`], wrapped by [`super::Action::Admin`]. Every code
//! starts with `a` (the admin area's prefix). Handlers check the role on the server on every
//! tap; a valid signature only proves the bot made the button for this chat.

use kernel::{ClientAccountId, DiscountCodeId, InboundId, LocationId, PanelId, PlanId, UserId};
use members::Role;

use super::CallbackError;

/// An admin button's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminAction {
    /// The admin menu.
    Home,
    /// Every panel with its health.
    Panels,
    /// One panel, checked live.
    Panel(PanelId),
    /// Sync a panel now.
    SyncPanel(PanelId),
    /// Ask before restarting Xray on a panel.
    RestartXray(PanelId),
    /// Restart Xray on a panel (confirmed).
    RestartXrayConfirmed(PanelId),
    /// Ask for a user to find (Telegram id, @username or tracking code).
    FindUser,
    /// A user's profile.
    User(UserId),
    /// Ask before blocking a user.
    Block(UserId),
    /// Block a user (confirmed).
    BlockConfirmed(UserId),
    /// Ask before unblocking a user.
    Unblock(UserId),
    /// Unblock a user (confirmed).
    UnblockConfirmed(UserId),
    /// Give a user a role (admin, seller, or user to revoke).
    SetRole(UserId, Role),
    /// Start adjusting a user's balance (asks the amount).
    AdjustBalance(UserId),
    /// The adjustment shown for confirmation is confirmed (its details are in the chat's state).
    AdjustConfirmed(UserId),
    /// Every plan.
    Plans,
    /// One plan.
    Plan(PlanId),
    /// Put a plan on sale (`true`) or take it off.
    PlanSale(PlanId, bool),
    /// The newest discount codes.
    Discounts,
    /// One discount code.
    Discount(DiscountCodeId),
    /// Enable (`true`) or disable a discount code.
    DiscountStatus(DiscountCodeId, bool),
    /// The recorded uses of a discount code, one page (0 = newest).
    DiscountUses(DiscountCodeId, u32),
    /// Start connecting a panel (asks its URL).
    AddPanel,
    /// The panel being connected serves this existing location.
    AddPanelAt(LocationId),
    /// The panel being connected gets a new location (asks its name).
    AddPanelNewLocation,
    /// Whether the panel being connected uses a self-signed certificate.
    AddPanelSelfSigned(bool),
    /// A panel's inbounds with their load and client limit.
    Inbounds(PanelId),
    /// Ask for an inbound's new client limit.
    InboundLimit(InboundId),
    /// Ask before removing a panel.
    RemovePanel(PanelId),
    /// Remove a panel (confirmed); refused while users hold accounts on it.
    RemovePanelConfirmed(PanelId),
    /// Take a panel that users still hold accounts on off sale instead (confirmed).
    PanelOffSale(PanelId),
    /// A panel's settings, to pick one to change.
    EditPanel(PanelId),
    /// Ask for the new value of one setting (an index into the panel-edit fields).
    EditPanelField(PanelId, u8),
    /// Accept a self-signed certificate from the panel (`true`) or only a public one.
    EditPanelSelfSigned(PanelId, bool),
    /// Ask before resetting a service's traffic.
    ResetTraffic(ClientAccountId),
    /// Reset a service's traffic on its panel (confirmed).
    ResetTrafficConfirmed(ClientAccountId),
    /// Start extending a service (asks the days, then the GB).
    Extend(ClientAccountId),
    /// The extension shown for confirmation is confirmed (its amounts are in the chat's state).
    ExtendConfirmed(ClientAccountId),
}

impl AdminAction {
    /// Every code, for the tests that walk them all.
    pub const CODES: [&'static str; 38] = [
        "a", "ap", "apv", "aps", "apr", "apk", "au", "auv", "aub", "aubk", "auu", "auuk", "aur", "aua", "auak", "acp",
        "acpv", "acps", "acd", "acdv", "acds", "apn", "apl", "apw", "apt", "api", "apil", "apx", "apxk", "apxf", "aut",
        "autk", "ape", "apef", "apes", "aux", "auxk", "acdu",
    ];

    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Home => "a",
            Self::Panels => "ap",
            Self::Panel(_) => "apv",
            Self::SyncPanel(_) => "aps",
            Self::RestartXray(_) => "apr",
            Self::RestartXrayConfirmed(_) => "apk",
            Self::FindUser => "au",
            Self::User(_) => "auv",
            Self::Block(_) => "aub",
            Self::BlockConfirmed(_) => "aubk",
            Self::Unblock(_) => "auu",
            Self::UnblockConfirmed(_) => "auuk",
            Self::SetRole(..) => "aur",
            Self::AdjustBalance(_) => "aua",
            Self::AdjustConfirmed(_) => "auak",
            Self::Plans => "acp",
            Self::Plan(_) => "acpv",
            Self::PlanSale(..) => "acps",
            Self::Discounts => "acd",
            Self::Discount(_) => "acdv",
            Self::DiscountStatus(..) => "acds",
            Self::DiscountUses(..) => "acdu",
            Self::AddPanel => "apn",
            Self::AddPanelAt(_) => "apl",
            Self::AddPanelNewLocation => "apw",
            Self::AddPanelSelfSigned(_) => "apt",
            Self::Inbounds(_) => "api",
            Self::InboundLimit(_) => "apil",
            Self::RemovePanel(_) => "apx",
            Self::RemovePanelConfirmed(_) => "apxk",
            Self::PanelOffSale(_) => "apxf",
            Self::EditPanel(_) => "ape",
            Self::EditPanelField(..) => "apef",
            Self::EditPanelSelfSigned(..) => "apes",
            Self::ResetTraffic(_) => "aut",
            Self::ResetTrafficConfirmed(_) => "autk",
            Self::Extend(_) => "aux",
            Self::ExtendConfirmed(_) => "auxk",
        }
    }

    /// One action of each kind, naming `user` and `panel` (the authorization test taps them
    /// all as a plain user).
    pub fn samples(user: UserId, panel: PanelId) -> Vec<AdminAction> {
        vec![
            Self::Home,
            Self::Panels,
            Self::Panel(panel),
            Self::SyncPanel(panel),
            Self::RestartXray(panel),
            Self::RestartXrayConfirmed(panel),
            Self::FindUser,
            Self::User(user),
            Self::Block(user),
            Self::BlockConfirmed(user),
            Self::Unblock(user),
            Self::UnblockConfirmed(user),
            Self::SetRole(user, Role::Admin),
            Self::SetRole(user, Role::Seller),
            Self::SetRole(user, Role::User),
            Self::AdjustBalance(user),
            Self::AdjustConfirmed(user),
            Self::Plans,
            Self::Plan(PlanId::new(user.get())),
            Self::PlanSale(PlanId::new(user.get()), true),
            Self::PlanSale(PlanId::new(user.get()), false),
            Self::Discounts,
            Self::Discount(DiscountCodeId::new(user.get())),
            Self::DiscountStatus(DiscountCodeId::new(user.get()), true),
            Self::DiscountStatus(DiscountCodeId::new(user.get()), false),
            Self::DiscountUses(DiscountCodeId::new(user.get()), 0),
            Self::AddPanel,
            Self::AddPanelAt(LocationId::new(user.get())),
            Self::AddPanelNewLocation,
            Self::AddPanelSelfSigned(true),
            Self::AddPanelSelfSigned(false),
            Self::Inbounds(panel),
            Self::InboundLimit(InboundId::new(panel.get())),
            Self::RemovePanel(panel),
            Self::RemovePanelConfirmed(panel),
            Self::PanelOffSale(panel),
            Self::EditPanel(panel),
            Self::EditPanelField(panel, u8::MAX),
            Self::EditPanelSelfSigned(panel, true),
            Self::EditPanelSelfSigned(panel, false),
            Self::ResetTraffic(ClientAccountId::new(user.get())),
            Self::ResetTrafficConfirmed(ClientAccountId::new(user.get())),
            Self::Extend(ClientAccountId::new(user.get())),
            Self::ExtendConfirmed(ClientAccountId::new(user.get())),
        ]
    }

    /// Whether the tap talks to a panel (answered with "Processing…" at once).
    pub fn answers_early(&self) -> bool {
        matches!(
            self,
            Self::Panel(_)
                | Self::SyncPanel(_)
                | Self::RestartXrayConfirmed(_)
                | Self::Inbounds(_)
                | Self::ResetTrafficConfirmed(_)
                | Self::ExtendConfirmed(_)
        )
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::Home
            | Self::Panels
            | Self::FindUser
            | Self::Plans
            | Self::Discounts
            | Self::AddPanel
            | Self::AddPanelNewLocation => code.to_owned(),
            Self::AddPanelAt(id) => format!("{code}:{id}"),
            Self::AddPanelSelfSigned(yes) => format!("{code}:{}", u8::from(yes)),
            Self::Plan(id) => format!("{code}:{id}"),
            Self::PlanSale(id, on) => format!("{code}:{id}:{}", u8::from(on)),
            Self::Discount(id) => format!("{code}:{id}"),
            Self::DiscountStatus(id, on) => format!("{code}:{id}:{}", u8::from(on)),
            Self::DiscountUses(id, page) => format!("{code}:{id}:{page}"),
            Self::Panel(id)
            | Self::SyncPanel(id)
            | Self::RestartXray(id)
            | Self::RestartXrayConfirmed(id)
            | Self::Inbounds(id)
            | Self::RemovePanel(id)
            | Self::RemovePanelConfirmed(id)
            | Self::PanelOffSale(id)
            | Self::EditPanel(id) => format!("{code}:{id}"),
            Self::EditPanelField(id, field) => format!("{code}:{id}:{field}"),
            Self::EditPanelSelfSigned(id, yes) => format!("{code}:{id}:{}", u8::from(yes)),
            Self::InboundLimit(id) => format!("{code}:{id}"),
            Self::ResetTraffic(id) | Self::ResetTrafficConfirmed(id) => format!("{code}:{id}"),
            Self::Extend(id) | Self::ExtendConfirmed(id) => format!("{code}:{id}"),
            Self::User(id)
            | Self::Block(id)
            | Self::BlockConfirmed(id)
            | Self::Unblock(id)
            | Self::UnblockConfirmed(id)
            | Self::AdjustBalance(id)
            | Self::AdjustConfirmed(id) => format!("{code}:{id}"),
            Self::SetRole(id, role) => format!("{code}:{id}:{}", role.code()),
        }
    }

    /// Parses an `a…` code and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let none = |action: Self| if args.is_empty() { Ok(action) } else { Err(bad()) };
        let id = || -> Result<i64, CallbackError> {
            match args {
                [raw] => super::action::number(raw).ok_or_else(bad),
                _ => Err(bad()),
            }
        };
        let panel = || id().map(PanelId::new);
        let user = || id().map(UserId::new);
        match code {
            "a" => none(Self::Home),
            "ap" => none(Self::Panels),
            "apv" => Ok(Self::Panel(panel()?)),
            "aps" => Ok(Self::SyncPanel(panel()?)),
            "apr" => Ok(Self::RestartXray(panel()?)),
            "apk" => Ok(Self::RestartXrayConfirmed(panel()?)),
            "au" => none(Self::FindUser),
            "auv" => Ok(Self::User(user()?)),
            "aub" => Ok(Self::Block(user()?)),
            "aubk" => Ok(Self::BlockConfirmed(user()?)),
            "auu" => Ok(Self::Unblock(user()?)),
            "auuk" => Ok(Self::UnblockConfirmed(user()?)),
            "aua" => Ok(Self::AdjustBalance(user()?)),
            "acp" => none(Self::Plans),
            "acpv" => Ok(Self::Plan(id().map(PlanId::new)?)),
            "acd" => none(Self::Discounts),
            "acdv" => Ok(Self::Discount(id().map(DiscountCodeId::new)?)),
            "acdu" => match args {
                [raw, page] => {
                    let id = super::action::number(raw).ok_or_else(bad)?;
                    let page = super::action::number(page)
                        .and_then(|p| u32::try_from(p).ok())
                        .ok_or_else(bad)?;
                    Ok(Self::DiscountUses(DiscountCodeId::new(id), page))
                }
                _ => Err(bad()),
            },
            "acps" | "acds" => match args {
                [raw, on] => {
                    let id = super::action::number(raw).ok_or_else(bad)?;
                    let on = match *on {
                        "1" => true,
                        "0" => false,
                        _ => return Err(bad()),
                    };
                    Ok(if code == "acps" {
                        Self::PlanSale(PlanId::new(id), on)
                    } else {
                        Self::DiscountStatus(DiscountCodeId::new(id), on)
                    })
                }
                _ => Err(bad()),
            },
            "auak" => Ok(Self::AdjustConfirmed(user()?)),
            "apn" => none(Self::AddPanel),
            "api" => Ok(Self::Inbounds(panel()?)),
            "apil" => Ok(Self::InboundLimit(id().map(InboundId::new)?)),
            "apx" => Ok(Self::RemovePanel(panel()?)),
            "apxk" => Ok(Self::RemovePanelConfirmed(panel()?)),
            "apxf" => Ok(Self::PanelOffSale(panel()?)),
            "ape" => Ok(Self::EditPanel(panel()?)),
            "apef" | "apes" => match args {
                [raw, value] => {
                    let id = PanelId::new(super::action::number(raw).ok_or_else(bad)?);
                    let value: u8 = value.parse().map_err(|_| bad())?;
                    match (code, value) {
                        ("apef", field) => Ok(Self::EditPanelField(id, field)),
                        (_, 1) => Ok(Self::EditPanelSelfSigned(id, true)),
                        (_, 0) => Ok(Self::EditPanelSelfSigned(id, false)),
                        _ => Err(bad()),
                    }
                }
                _ => Err(bad()),
            },
            "aut" => Ok(Self::ResetTraffic(id().map(ClientAccountId::new)?)),
            "autk" => Ok(Self::ResetTrafficConfirmed(id().map(ClientAccountId::new)?)),
            "aux" => Ok(Self::Extend(id().map(ClientAccountId::new)?)),
            "auxk" => Ok(Self::ExtendConfirmed(id().map(ClientAccountId::new)?)),
            "apl" => Ok(Self::AddPanelAt(id().map(LocationId::new)?)),
            "apw" => none(Self::AddPanelNewLocation),
            "apt" => match args {
                ["1"] => Ok(Self::AddPanelSelfSigned(true)),
                ["0"] => Ok(Self::AddPanelSelfSigned(false)),
                _ => Err(bad()),
            },
            "aur" => match args {
                [raw, role] => {
                    let id = super::action::number(raw).ok_or_else(bad)?;
                    let role: Role = role.parse().map_err(|_| bad())?;
                    if role == Role::Superadmin {
                        return Err(bad());
                    }
                    Ok(Self::SetRole(UserId::new(id), role))
                }
                _ => Err(bad()),
            },
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

#[cfg(test)]
#[path = "admin_action_tests.rs"]
mod tests;
