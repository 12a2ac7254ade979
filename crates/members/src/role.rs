//! Roles, account status and interface languages, with the short codes storage uses.

use serde::{Deserialize, Serialize};

/// Why a stored or typed code is not a known role, status or language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a known {kind}; expected one of: {expected}")]
pub struct ParseCodeError {
    /// What was being parsed (`role`, `status`, `language`).
    pub kind: &'static str,
    /// The text that was refused.
    pub value: String,
    /// The accepted codes, comma separated.
    pub expected: &'static str,
}

macro_rules! coded_enum {
    ($kind:literal, $expected:literal, $name:ident { $($(#[$doc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, lowest first.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The short code stored in the database and used in callback data.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseCodeError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.code() == wanted).ok_or_else(|| ParseCodeError {
                    kind: $kind,
                    value: s.to_owned(),
                    expected: $expected,
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// What a user may do. Ordered: every role can do what the roles below it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A customer.
    User,
    /// A reseller: buys for others at reseller prices.
    Seller,
    /// Manages the shop: receipts, cards, plans, users.
    Admin,
    /// Everything an admin can, plus granting and revoking admin. Set in the config file.
    Superadmin,
}

coded_enum!("role", "user, seller, admin, superadmin", Role {
    User => "user",
    Seller => "seller",
    Admin => "admin",
    Superadmin => "superadmin",
});

impl Role {
    /// Whether the role manages the shop (admin or superadmin).
    pub fn is_staff(self) -> bool {
        self >= Role::Admin
    }
}

/// Whether an account may use the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Normal.
    Active,
    /// Blocked by an admin: cannot buy or pay.
    Blocked,
}

coded_enum!("status", "active, blocked", UserStatus {
    Active => "active",
    Blocked => "blocked",
});

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// Persian.
    Fa,
    /// Russian.
    Ru,
}

coded_enum!("language", "en, fa, ru", Language {
    En => "en",
    Fa => "fa",
    Ru => "ru",
});

impl Language {
    /// The language for a Telegram `language_code` (`en`, `fa-IR`, `ru`), if the bot speaks it.
    pub fn from_telegram(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        primary.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>().unwrap(), *role);
        }
        assert_eq!(" ADMIN ".parse::<Role>().unwrap(), Role::Admin);
        let err = "owner".parse::<Role>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"owner\" is not a known role; expected one of: user, seller, admin, superadmin"
        );
        assert_eq!("blocked".parse::<UserStatus>().unwrap(), UserStatus::Blocked);
    }

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(Role::Superadmin > Role::Admin && Role::Admin > Role::Seller);
        assert!(Role::Admin.is_staff() && !Role::Seller.is_staff());
    }

    #[test]
    fn telegram_language_codes_map_to_supported_languages() {
        assert_eq!(Language::from_telegram("fa-IR"), Some(Language::Fa));
        assert_eq!(Language::from_telegram("ru"), Some(Language::Ru));
        assert_eq!(Language::from_telegram("en_US"), Some(Language::En));
        assert_eq!(Language::from_telegram("de"), None);
        assert_eq!(Language::from_telegram(""), None);
    }
}
