//! [`MessageText`]: what an admin may send one user.

/// The longest message accepted, in characters as Telegram counts them (UTF-16 units: an emoji
/// counts two). Telegram's limit is 4096 and the notice adds a heading.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// Why a text cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageTextError {
    /// Nothing but spaces.
    #[error("the message is empty")]
    Empty,
    /// Longer than [`MAX_MESSAGE_CHARS`].
    #[error("the message is {chars} characters long; at most {max} fit", max = MAX_MESSAGE_CHARS)]
    TooLong {
        /// Its length in characters as Telegram counts them.
        chars: usize,
    },
}

/// A message for one user: not empty after trimming, at most [`MAX_MESSAGE_CHARS`]
/// characters as Telegram counts them. Kept as typed (trimmed); the bot escapes it when it renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageText(String);

impl MessageText {
    /// Checks a text typed by an admin.
    pub fn parse(raw: &str) -> Result<Self, MessageTextError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(MessageTextError::Empty);
        }
        let chars = text.encode_utf16().count();
        if chars > MAX_MESSAGE_CHARS {
            return Err(MessageTextError::TooLong { chars });
        }
        Ok(Self(text.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in characters (what the audit entry records instead of the text).
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

impl std::fmt::Display for MessageText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
