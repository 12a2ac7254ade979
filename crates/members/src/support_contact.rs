//! How users reach the shop's support (`support.contact`), shown under Help.

/// Why text is not a support contact.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupportContactError {
    /// Longer than [`SupportContact::MAX_CHARS`].
    #[error("a support contact is at most {max} characters, this one has {got}", max = SupportContact::MAX_CHARS)]
    TooLong {
        /// How many characters it had.
        got: usize,
    },
    /// None of the accepted forms.
    #[error(
        "{0:?} is not a support contact: send a Telegram @username (5 to 32 letters, digits or _), \
         a t.me/… link, an https:// link or a phone number such as +989121234567"
    )]
    Unrecognised(String),
}

/// A way to reach support, in one of four forms: a Telegram `@username` (5 to 32 of
/// `A-Z a-z 0-9 _`, starting with a letter), a `t.me/…` link (with or without `https://`), an
/// `https://` link, or a phone number in international form (`+` and 7 to 15 digits). At most
/// 64 characters, no spaces; surrounding spaces are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct SupportContact(String);

impl SupportContact {
    /// The longest contact, in characters.
    pub const MAX_CHARS: usize = 64;

    /// Checks a contact.
    pub fn new(raw: &str) -> Result<Self, SupportContactError> {
        let text = raw.trim();
        let got = text.chars().count();
        if got > Self::MAX_CHARS {
            return Err(SupportContactError::TooLong { got });
        }
        let ok = is_username(text) || is_telegram_link(text) || is_https_link(text) || is_phone(text);
        if !ok {
            return Err(SupportContactError::Unrecognised(raw.to_owned()));
        }
        Ok(Self(text.to_owned()))
    }

    /// The contact as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for SupportContact {
    type Err = SupportContactError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl std::fmt::Display for SupportContact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_username(text: &str) -> bool {
    let Some(name) = text.strip_prefix('@') else {
        return false;
    };
    (5..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Characters a link may hold: printable ASCII without spaces, quotes or angle brackets (the
/// contact is shown inside HTML).
fn link_chars(rest: &str) -> bool {
    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_graphic() && !b"\"'<>`\\".contains(&b))
}

fn is_telegram_link(text: &str) -> bool {
    let rest = text.strip_prefix("https://").unwrap_or(text);
    rest.strip_prefix("t.me/").is_some_and(link_chars)
}

fn is_https_link(text: &str) -> bool {
    text.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && link_chars(rest)
    })
}

fn is_phone(text: &str) -> bool {
    text.strip_prefix('+')
        .is_some_and(|digits| (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_telegram_links_https_links_and_phone_numbers_are_contacts() {
        for ok in [
            "@moon_support",
            "t.me/moon_support",
            "https://t.me/moon_support",
            "https://moon.example.com/help?lang=fa",
            "+989121234567",
        ] {
            assert_eq!(SupportContact::new(ok).unwrap().as_str(), ok);
        }
        assert_eq!(
            SupportContact::new("  @moon_support ").unwrap().as_str(),
            "@moon_support"
        );
    }

    #[test]
    fn anything_else_is_refused_with_the_accepted_forms() {
        for bad in [
            "",
            "moon_support",
            "@moon",
            "@1moonsupport",
            "@moon-support",
            "http://moon.example.com",
            "https://localhost",
            "https://moon.example.com/a b",
            "https://x.example.com/<script>",
            "t.me/",
            "+98 912 123 4567",
            "+123",
            "call us",
        ] {
            let e = SupportContact::new(bad).unwrap_err();
            assert!(e.to_string().contains("@username"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn an_overlong_contact_is_refused_saying_how_long_it_may_be() {
        let long = format!("https://t.me/{}", "a".repeat(60));
        assert_eq!(
            SupportContact::new(&long).unwrap_err(),
            SupportContactError::TooLong { got: 73 }
        );
        assert!(
            SupportContact::new(&long)
                .unwrap_err()
                .to_string()
                .contains("at most 64")
        );
    }
}
