//! What a button does: the typed actions and their short wire codes.
//!
//! Adding a screen: add a variant, its code in [`Action::code`], its arguments in
//! `to_wire`/`from_wire`, and a row in the round-trip test. Codes are never reused for a
//! different meaning (old buttons would do the new thing). At most two ids fit in 64 bytes.

use kernel::{ClientAccountId, LocationId, OrderId, PlanId};
use members::Language;
use notify::ReminderKind;

use super::CallbackError;
use super::admin_action::AdminAction;
use super::broadcast_action::BroadcastAction;
use super::card_action::CardAction;
use super::catalog_action::CatalogAction;
use super::gateway_action::GatewayAction;
use super::inbound_action::InboundAction;
use super::ops_action::OpsAction;
use super::order_action::OrderAction;

/// A button's action. Ids in it name things; handlers re-check that the user may touch them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Show the main menu.
    Menu,
    /// The locations with plans on sale.
    Plans,
    /// A plan without a location (never sent; old buttons open the locations).
    Plan(PlanId),
    /// The user's services.
    Services,
    /// One of the user's services (ownership re-checked).
    Service(ClientAccountId),
    /// The wallet: balance and top-up.
    Wallet,
    /// Start a top-up: ask for the amount.
    TopUp,
    /// The free test account.
    FreeTest,
    /// Help and support contact.
    Help,
    /// The language picker.
    Languages,
    /// Switch to a language.
    SetLanguage(Language),
    /// Settings: the language and which reminders to get.
    Settings,
    /// Mute or unmute an optional reminder kind (re-checked: only optional kinds).
    ToggleReminder(ReminderKind),
    /// Leave whatever the chat is waiting for.
    Cancel,
    /// The plans sold at one location.
    Location(LocationId),
    /// Order a plan at a location: its confirmation screen (a dynamic plan asks for the
    /// volume and days first). Creates a pending order; no money moves.
    Buy(PlanId, LocationId),
    /// The confirmation screen of a pending order again.
    Order(OrderId),
    /// Pay a pending order from the wallet (the confirmation screen's button).
    Pay(OrderId),
    /// Type a discount code for a pending order.
    Discount(OrderId),
    /// The plans an account can be renewed with.
    Renew(ClientAccountId),
    /// Renew an account with a plan: the preview and confirmation screen.
    RenewWith(ClientAccountId, PlanId),
    /// Ask before giving an account a new link.
    NewLink(ClientAccountId),
    /// Give an account a new link (confirmed).
    NewLinkConfirmed(ClientAccountId),
    /// The locations an account can move to.
    Move(ClientAccountId),
    /// Ask before moving an account to a location.
    MoveTo(ClientAccountId, LocationId),
    /// Move an account to a location (confirmed).
    MoveConfirmed(ClientAccountId, LocationId),
    /// An account's links and QR code again.
    Qr(ClientAccountId),
    /// Claim the free test of a plan at a location.
    ClaimTest(PlanId, LocationId),
    /// A page (0-based) of the wallet history.
    History(u32),
    /// The admin menu (codes starting with `a`; see [`AdminAction`]).
    Admin(AdminAction),
    /// Top-ups and card-to-card receipts (codes starting with `c`; see [`CardAction`]).
    Card(CardAction),
    /// Paying through a payment provider (codes starting with `g`; see [`GatewayAction`]).
    Gateway(GatewayAction),
    /// The admin menu's stats, audit log and backups (codes `as…`, `al…`, `ak…`; see
    /// [`OpsAction`]).
    Ops(OpsAction),
    /// Broadcasts in the admin menu (codes starting with `ab`; see [`BroadcastAction`]).
    Broadcast(BroadcastAction),
    /// Creating and editing plans and discount codes (codes starting with `ae`; see
    /// [`CatalogAction`]).
    Catalog(CatalogAction),
    /// Putting inbounds on and off sale in the admin menu (codes starting with `ai`; see
    /// [`InboundAction`]).
    Inbound(InboundAction),
    /// A user's orders and a superadmin's refund or retry of a paid one (codes starting with
    /// `ao`; see [`OrderAction`]).
    Orders(OrderAction),
}

impl Action {
    /// The short code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Menu => "m",
            Self::Plans => "p",
            Self::Plan(_) => "pl",
            Self::Services => "s",
            Self::Service(_) => "sv",
            Self::Wallet => "w",
            Self::TopUp => "wt",
            Self::FreeTest => "ft",
            Self::Help => "h",
            Self::Languages => "l",
            Self::SetLanguage(_) => "lg",
            Self::Settings => "st",
            Self::ToggleReminder(_) => "sm",
            Self::Cancel => "x",
            Self::Location(_) => "pa",
            Self::Buy(..) => "pb",
            Self::Order(_) => "od",
            Self::Pay(_) => "py",
            Self::Discount(_) => "dc",
            Self::Renew(_) => "rn",
            Self::RenewWith(..) => "rp",
            Self::NewLink(_) => "nl",
            Self::NewLinkConfirmed(_) => "nk",
            Self::Move(_) => "mv",
            Self::MoveTo(..) => "mt",
            Self::MoveConfirmed(..) => "mc",
            Self::Qr(_) => "qr",
            Self::ClaimTest(..) => "tc",
            Self::History(_) => "wh",
            Self::Admin(a) => a.code(),
            Self::Card(c) => c.code(),
            Self::Gateway(g) => g.code(),
            Self::Ops(o) => o.code(),
            Self::Broadcast(b) => b.code(),
            Self::Catalog(c) => c.code(),
            Self::Inbound(i) => i.code(),
            Self::Orders(o) => o.code(),
        }
    }

    /// Whether the tap starts a slow operation (a payment, a panel change): the button is
    /// answered with "Processing…" at once and the result is shown when it is there.
    pub fn answers_early(&self) -> bool {
        matches!(
            self,
            Self::Pay(_) | Self::NewLinkConfirmed(_) | Self::MoveConfirmed(..) | Self::ClaimTest(..)
        ) || matches!(self, Self::Admin(a) if a.answers_early())
            || matches!(self, Self::Card(c) if c.answers_early())
            || matches!(self, Self::Gateway(g) if g.answers_early())
            || matches!(self, Self::Ops(o) if o.answers_early())
            || matches!(self, Self::Broadcast(b) if b.answers_early())
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::Plan(id) => format!("{code}:{id}"),
            Self::Service(id)
            | Self::Renew(id)
            | Self::NewLink(id)
            | Self::NewLinkConfirmed(id)
            | Self::Move(id)
            | Self::Qr(id) => format!("{code}:{id}"),
            Self::Location(id) => format!("{code}:{id}"),
            Self::Order(id) | Self::Pay(id) | Self::Discount(id) => format!("{code}:{id}"),
            Self::Buy(plan, location) | Self::ClaimTest(plan, location) => format!("{code}:{plan}:{location}"),
            Self::RenewWith(account, plan) => format!("{code}:{account}:{plan}"),
            Self::MoveTo(account, location) | Self::MoveConfirmed(account, location) => {
                format!("{code}:{account}:{location}")
            }
            Self::History(page) => format!("{code}:{page}"),
            Self::Admin(a) => a.to_wire(),
            Self::Card(c) => c.to_wire(),
            Self::Gateway(g) => g.to_wire(),
            Self::Ops(o) => o.to_wire(),
            Self::Broadcast(b) => b.to_wire(),
            Self::Catalog(c) => c.to_wire(),
            Self::Inbound(i) => i.to_wire(),
            Self::Orders(o) => o.to_wire(),
            Self::SetLanguage(lang) => format!("{code}:{}", lang.code()),
            Self::ToggleReminder(kind) => format!("{code}:{}", kind.as_str()),
            Self::Menu
            | Self::Plans
            | Self::Services
            | Self::Wallet
            | Self::TopUp
            | Self::FreeTest
            | Self::Help
            | Self::Languages
            | Self::Settings
            | Self::Cancel => code.to_owned(),
        }
    }

    /// Parses `<code>` and its arguments.
    pub(super) fn from_wire(code: &str, args: &[&str]) -> Result<Self, CallbackError> {
        let bad = || CallbackError::Arguments(code.to_owned());
        let none = |action: Action| if args.is_empty() { Ok(action) } else { Err(bad()) };
        let one = || match args {
            [one] => Ok(*one),
            _ => Err(bad()),
        };
        let id = || -> Result<i64, CallbackError> {
            match args {
                [raw] => number(raw).ok_or_else(bad),
                _ => Err(bad()),
            }
        };
        let ids = || -> Result<(i64, i64), CallbackError> {
            match args {
                [a, b] => Ok((number(a).ok_or_else(bad)?, number(b).ok_or_else(bad)?)),
                _ => Err(bad()),
            }
        };
        let account = || id().map(ClientAccountId::new);
        let order = || id().map(OrderId::new);
        match code {
            "m" => none(Self::Menu),
            "p" => none(Self::Plans),
            "pl" => Ok(Self::Plan(PlanId::new(id()?))),
            "s" => none(Self::Services),
            "sv" => Ok(Self::Service(account()?)),
            "w" => none(Self::Wallet),
            "wt" => none(Self::TopUp),
            "ft" => none(Self::FreeTest),
            "h" => none(Self::Help),
            "l" => none(Self::Languages),
            "lg" => one()?.parse().map(Self::SetLanguage).map_err(|_| bad()),
            "st" => none(Self::Settings),
            "sm" => ReminderKind::parse(one()?).map(Self::ToggleReminder).ok_or_else(bad),
            "x" => none(Self::Cancel),
            "pa" => Ok(Self::Location(LocationId::new(id()?))),
            "pb" => ids().map(|(p, l)| Self::Buy(PlanId::new(p), LocationId::new(l))),
            "od" => Ok(Self::Order(order()?)),
            "py" => Ok(Self::Pay(order()?)),
            "dc" => Ok(Self::Discount(order()?)),
            "rn" => Ok(Self::Renew(account()?)),
            "rp" => ids().map(|(a, p)| Self::RenewWith(ClientAccountId::new(a), PlanId::new(p))),
            "nl" => Ok(Self::NewLink(account()?)),
            "nk" => Ok(Self::NewLinkConfirmed(account()?)),
            "mv" => Ok(Self::Move(account()?)),
            "mt" => ids().map(|(a, l)| Self::MoveTo(ClientAccountId::new(a), LocationId::new(l))),
            "mc" => ids().map(|(a, l)| Self::MoveConfirmed(ClientAccountId::new(a), LocationId::new(l))),
            "qr" => Ok(Self::Qr(account()?)),
            "tc" => ids().map(|(p, l)| Self::ClaimTest(PlanId::new(p), LocationId::new(l))),
            "wh" => u32::try_from(id()?).map(Self::History).map_err(|_| bad()),
            card if card.starts_with('c') => CardAction::from_wire(card, args).map(Self::Card),
            gateway if gateway.starts_with('g') => GatewayAction::from_wire(gateway, args).map(Self::Gateway),
            ops if OpsAction::owns(ops) => OpsAction::from_wire(ops, args).map(Self::Ops),
            broadcast if broadcast.starts_with("ab") => {
                BroadcastAction::from_wire(broadcast, args).map(Self::Broadcast)
            }
            orders if OrderAction::owns(orders) => OrderAction::from_wire(orders, args).map(Self::Orders),
            inbound if InboundAction::owns(inbound) => InboundAction::from_wire(inbound, args).map(Self::Inbound),
            catalog if CatalogAction::owns(catalog) => CatalogAction::from_wire(catalog, args).map(Self::Catalog),
            admin if admin.starts_with('a') => AdminAction::from_wire(admin, args).map(Self::Admin),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}

/// A non-negative id of at most 19 ASCII digits.
pub(super) fn number(raw: &str) -> Option<i64> {
    if raw.is_empty() || raw.len() > 19 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}
