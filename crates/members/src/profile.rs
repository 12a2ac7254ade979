//! What Telegram tells us about a person, cleaned up at the edge.

use kernel::TelegramId;

use crate::Language;

/// Why text is not a Telegram username.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a Telegram username (4 to 32 letters, digits or _, optionally starting with @)")]
pub struct UsernameError(pub String);

/// A Telegram username without the `@`, lower-cased (Telegram usernames ignore case).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    /// Parses `@Name` or `name`.
    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        let text = input.trim();
        let text = text.strip_prefix('@').unwrap_or(text);
        let ok_len = (4..=32).contains(&text.len());
        let ok_chars = text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !ok_len || !ok_chars {
            return Err(UsernameError(input.to_owned()));
        }
        Ok(Self(text.to_ascii_lowercase()))
    }

    /// The username, lower-cased, without `@`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "@{}", self.0)
    }
}

/// A person's first name as shown in Telegram: trimmed, at most [`FirstName::MAX_CHARS`]
/// characters, control characters removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FirstName(String);

impl FirstName {
    /// The longest name kept (Telegram's own limit).
    pub const MAX_CHARS: usize = 64;

    /// Cleans a name; never fails.
    pub fn new(input: &str) -> Self {
        Self(
            input
                .chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim()
                .chars()
                .take(Self::MAX_CHARS)
                .collect(),
        )
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FirstName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The profile fields of a Telegram user who talked to the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TelegramProfile {
    /// Their Telegram id.
    pub telegram_id: TelegramId,
    /// Their username, if they have a valid one.
    pub username: Option<Username>,
    /// Their first name.
    pub first_name: FirstName,
    /// Their app language, if the bot speaks it.
    pub language: Option<Language>,
}

impl TelegramProfile {
    /// Whether `user` already holds this profile: the same Telegram id, username and first
    /// name, not marked as having blocked the bot, and a superadmin when the config names them
    /// one (`superadmin`). Registering them again would change nothing.
    pub fn is_current_for(&self, user: &crate::User, superadmin: bool) -> bool {
        user.telegram_id == self.telegram_id
            && user.username == self.username
            && user.first_name == self.first_name
            && !user.bot_blocked
            && (!superadmin || user.role == crate::Role::Superadmin)
    }

    /// Builds a profile from raw Telegram fields; a malformed username or an unsupported
    /// language is dropped rather than refused (the person still gets to use the bot).
    pub fn new(telegram_id: TelegramId, username: Option<&str>, first_name: &str, language_code: Option<&str>) -> Self {
        Self {
            telegram_id,
            username: username.and_then(|u| Username::parse(u).ok()),
            first_name: FirstName::new(first_name),
            language: language_code.and_then(Language::from_telegram),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_lose_the_at_sign_and_case() {
        assert_eq!(Username::parse(" @Moon_VPN ").unwrap().as_str(), "moon_vpn");
        assert_eq!(Username::parse("moon_vpn").unwrap().to_string(), "@moon_vpn");
        for bad in ["", "@", "abc", "has space", "dash-ed", &"a".repeat(33)] {
            assert!(Username::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn first_names_are_trimmed_and_cut_to_telegram_length() {
        assert_eq!(FirstName::new("  Ali\u{7}  ").as_str(), "Ali");
        assert_eq!(FirstName::new(&"ж".repeat(100)).as_str().chars().count(), 64);
    }

    #[test]
    fn a_bad_username_or_unknown_language_does_not_stop_registration() {
        let p = TelegramProfile::new(TelegramId::new(5).unwrap(), Some("x"), "Sara", Some("de"));
        assert_eq!(p.username, None);
        assert_eq!(p.language, None);
        let p = TelegramProfile::new(TelegramId::new(5).unwrap(), Some("sara_k"), "Sara", Some("fa"));
        assert_eq!(p.language, Some(Language::Fa));
    }

    #[test]
    fn a_profile_is_current_only_when_registering_again_would_change_nothing() {
        let profile = TelegramProfile::new(TelegramId::new(5).unwrap(), Some("sara_k"), "Sara", Some("fa"));
        let user = crate::User {
            id: kernel::UserId::new(1),
            telegram_id: profile.telegram_id,
            username: profile.username.clone(),
            first_name: profile.first_name.clone(),
            language: Language::En,
            role: crate::Role::User,
            status: crate::UserStatus::Active,
            bot_blocked: false,
            created_at: time::macros::datetime!(2026-01-01 0:00 UTC),
        };
        assert!(
            profile.is_current_for(&user, false),
            "another app language changes nothing"
        );
        let renamed = TelegramProfile::new(profile.telegram_id, Some("sara_k"), "Sara K", None);
        assert!(!renamed.is_current_for(&user, false));
        let new_username = TelegramProfile::new(profile.telegram_id, None, "Sara", None);
        assert!(!new_username.is_current_for(&user, false));
        let someone_else = TelegramProfile::new(TelegramId::new(6).unwrap(), Some("sara_k"), "Sara", None);
        assert!(!someone_else.is_current_for(&user, false));
        let came_back = crate::User {
            bot_blocked: true,
            ..user.clone()
        };
        assert!(!profile.is_current_for(&came_back, false));
        assert!(
            !profile.is_current_for(&user, true),
            "a configured superadmin gets the role"
        );
        let superadmin = crate::User {
            role: crate::Role::Superadmin,
            ..user
        };
        assert!(profile.is_current_for(&superadmin, true));
    }
}
