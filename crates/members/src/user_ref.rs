//! [`UserRef`]: how an admin names a user (to find them, or to filter the audit log by them).

use kernel::{TelegramId, TrackingCode, UserId};

use crate::Username;

/// Why text names no user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a Telegram id, @username, tracking code or #user-id")]
pub struct UserRefError(pub String);

/// A user as an admin names them: `@username`, a Telegram id (`123456789`), a tracking code
/// of one of their ledger rows (`TX-261207-AB3CD`) or MoonVPN's own id (`#42`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserRef {
    /// By Telegram username.
    Username(Username),
    /// By Telegram id.
    Telegram(TelegramId),
    /// By a tracking code of one of their ledger rows (the wallet knows whose it is).
    Tracking(TrackingCode),
    /// By MoonVPN's id.
    Id(UserId),
}

impl UserRef {
    /// Reads what an admin typed.
    pub fn parse(raw: &str) -> Result<Self, UserRefError> {
        let text = raw.trim();
        let bad = || UserRefError(text.to_owned());
        if text.starts_with('@') {
            return Username::parse(text).map(Self::Username).map_err(|_| bad());
        }
        if let Some(id) = text.strip_prefix('#') {
            return match id.parse::<i64>() {
                Ok(id) if id > 0 => Ok(Self::Id(UserId::new(id))),
                _ => Err(bad()),
            };
        }
        if let Ok(id) = text.parse::<i64>() {
            return TelegramId::new(id).map(Self::Telegram).map_err(|_| bad());
        }
        TrackingCode::parse(text).map(Self::Tracking).map_err(|_| bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_way_of_naming_a_user_is_read() {
        assert!(matches!(UserRef::parse(" @sara_k "), Ok(UserRef::Username(n)) if n.as_str() == "sara_k"));
        assert!(matches!(UserRef::parse("#42"), Ok(UserRef::Id(id)) if id == UserId::new(42)));
        assert!(matches!(UserRef::parse("123456789"), Ok(UserRef::Telegram(id)) if id.get() == 123_456_789));
        assert!(
            matches!(UserRef::parse("tx-261121-7kq2m"), Ok(UserRef::Tracking(c)) if c.as_str() == "TX-261121-7KQ2M")
        );
        for bad in ["", "#", "#-1", "#x", "@a", "hello"] {
            assert!(UserRef::parse(bad).is_err(), "{bad:?}");
        }
    }
}
