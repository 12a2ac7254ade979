//! What a button does: the typed actions and their short wire codes.
//!
//! Adding a screen: add a variant, its code in [`Action::code`], its arguments in
//! `to_wire`/`from_wire`, and a row in the round-trip test. Codes are never reused for a
//! different meaning (old buttons would do the new thing).

use kernel::{ClientAccountId, PlanId};
use members::Language;

use super::CallbackError;

/// A button's action. Ids in it name things; handlers re-check that the user may touch them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Show the main menu.
    Menu,
    /// The plans on sale.
    Plans,
    /// One plan (for the buying flow).
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
    /// Leave whatever the chat is waiting for.
    Cancel,
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
            Self::Cancel => "x",
        }
    }

    /// `<code>[:<arg>…]`.
    pub(super) fn to_wire(self) -> String {
        let code = self.code();
        match self {
            Self::Plan(id) => format!("{code}:{id}"),
            Self::Service(id) => format!("{code}:{id}"),
            Self::SetLanguage(lang) => format!("{code}:{}", lang.code()),
            _ => code.to_owned(),
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
            let raw = one()?;
            if raw.is_empty() || raw.len() > 19 || !raw.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            raw.parse().map_err(|_| bad())
        };
        match code {
            "m" => none(Self::Menu),
            "p" => none(Self::Plans),
            "pl" => Ok(Self::Plan(PlanId::new(id()?))),
            "s" => none(Self::Services),
            "sv" => Ok(Self::Service(ClientAccountId::new(id()?))),
            "w" => none(Self::Wallet),
            "wt" => none(Self::TopUp),
            "ft" => none(Self::FreeTest),
            "h" => none(Self::Help),
            "l" => none(Self::Languages),
            "lg" => one()?.parse().map(Self::SetLanguage).map_err(|_| bad()),
            "x" => none(Self::Cancel),
            other => Err(CallbackError::UnknownAction(other.to_owned())),
        }
    }
}
