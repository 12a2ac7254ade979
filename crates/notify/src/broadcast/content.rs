//! What a campaign sends: its text, an optional photo (a Telegram `file_id`) and an optional
//! URL button, each parsed once so a bad value never reaches a recipient.

use serde::{Deserialize, Serialize};

/// Longest text of a message Telegram accepts (characters).
pub const MAX_TEXT: usize = 4096;
/// Longest caption of a photo Telegram accepts (characters).
pub const MAX_CAPTION: usize = 1024;
/// Longest button label we accept (characters).
pub const MAX_LABEL: usize = 64;
/// Longest button URL we accept (bytes).
pub const MAX_URL: usize = 1024;

/// Why a piece of a campaign was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// The text is empty.
    #[error("the text is empty")]
    EmptyText,
    /// The text is longer than Telegram allows.
    #[error("the text is {len} characters; at most {max} fit")]
    TextTooLong {
        /// Its length.
        len: usize,
        /// The limit (4096, or 1024 under a photo).
        max: usize,
    },
    /// The photo id is not one Telegram gives out.
    #[error("that is not a Telegram photo id")]
    BadPhoto,
    /// The button label is empty or too long.
    #[error("the button label must be 1 to {MAX_LABEL} characters")]
    BadLabel,
    /// The button URL is not an http(s) address.
    #[error("the button link must be an http:// or https:// address")]
    BadUrl,
}

/// The text of a campaign: not blank, at most [`MAX_TEXT`] characters. Plain text (it is
/// escaped when sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BroadcastText(String);

impl BroadcastText {
    /// Parses a text typed by an admin (surrounding blanks trimmed).
    pub fn parse(raw: &str) -> Result<Self, ContentError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(ContentError::EmptyText);
        }
        let len = text.chars().count();
        if len > MAX_TEXT {
            return Err(ContentError::TextTooLong { len, max: MAX_TEXT });
        }
        Ok(Self(text.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

/// A photo Telegram already has, by its `file_id` (what the bot receives when an admin sends
/// a photo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhotoId(String);

impl PhotoId {
    /// Parses a `file_id`: 1–256 characters of Telegram's URL-safe alphabet.
    pub fn parse(raw: &str) -> Result<Self, ContentError> {
        let id = raw.trim();
        let valid = !id.is_empty()
            && id.len() <= 256
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if valid {
            Ok(Self(id.to_owned()))
        } else {
            Err(ContentError::BadPhoto)
        }
    }

    /// The `file_id`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One button under the message that opens a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrlButton {
    label: String,
    url: String,
}

impl UrlButton {
    /// Parses a label (1–64 characters) and an `http://` or `https://` URL with a host and no
    /// blanks.
    pub fn parse(label: &str, url: &str) -> Result<Self, ContentError> {
        let label = label.trim();
        let len = label.chars().count();
        if len == 0 || len > MAX_LABEL || label.chars().any(char::is_control) {
            return Err(ContentError::BadLabel);
        }
        let url = url.trim();
        if !is_web_url(url) {
            return Err(ContentError::BadUrl);
        }
        Ok(Self {
            label: label.to_owned(),
            url: url.to_owned(),
        })
    }

    /// What the button says.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Where it leads.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// `http(s)://host[:port][/…]` with a plausible host and no blanks or control characters.
fn is_web_url(url: &str) -> bool {
    if url.len() > MAX_URL || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return false;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    port_ok && ((labels_ok && host.contains('.')) || host == "localhost")
}

/// Everything a campaign sends, checked together (a text under a photo is a caption, which
/// Telegram limits to [`MAX_CAPTION`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    text: BroadcastText,
    photo: Option<PhotoId>,
    button: Option<UrlButton>,
}

impl Content {
    /// The content, refused when the text is too long to be the photo's caption.
    pub fn new(text: BroadcastText, photo: Option<PhotoId>, button: Option<UrlButton>) -> Result<Self, ContentError> {
        if photo.is_some() && text.chars() > MAX_CAPTION {
            return Err(ContentError::TextTooLong {
                len: text.chars(),
                max: MAX_CAPTION,
            });
        }
        Ok(Self { text, photo, button })
    }

    /// The text.
    pub fn text(&self) -> &BroadcastText {
        &self.text
    }

    /// The photo, if any.
    pub fn photo(&self) -> Option<&PhotoId> {
        self.photo.as_ref()
    }

    /// The button, if any.
    pub fn button(&self) -> Option<&UrlButton> {
        self.button.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(BroadcastText::parse("  hi ").unwrap().as_str(), "hi");
        assert_eq!(BroadcastText::parse(" \n "), Err(ContentError::EmptyText));
        assert!(BroadcastText::parse(&"x".repeat(MAX_TEXT)).is_ok());
        assert_eq!(
            BroadcastText::parse(&"x".repeat(MAX_TEXT + 1)),
            Err(ContentError::TextTooLong {
                len: MAX_TEXT + 1,
                max: MAX_TEXT
            })
        );
    }

    #[test]
    fn a_caption_under_a_photo_is_shorter() {
        let long = BroadcastText::parse(&"ж".repeat(MAX_CAPTION + 1)).unwrap();
        let photo = PhotoId::parse("AgACAgIAAxkBAAIC").unwrap();
        assert!(Content::new(long.clone(), None, None).is_ok());
        assert!(matches!(
            Content::new(long, Some(photo), None),
            Err(ContentError::TextTooLong { max: MAX_CAPTION, .. })
        ));
    }

    #[test]
    fn only_web_links_make_a_button() {
        for good in [
            "https://moonvpn.example/offer",
            "http://shop.example.com:8080/a?b=c#d",
            "https://t.me/moonvpn",
            "https://localhost",
        ] {
            assert!(UrlButton::parse("Open", good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.com",
            "https://",
            "https://exa mple.com",
            "https://user@example.com",
            "https://example.com:port",
            "example.com",
            "tg://resolve?domain=x",
        ] {
            assert_eq!(UrlButton::parse("Open", bad), Err(ContentError::BadUrl), "{bad}");
        }
        assert_eq!(
            UrlButton::parse(" ", "https://example.com"),
            Err(ContentError::BadLabel)
        );
        assert_eq!(
            UrlButton::parse(&"a".repeat(MAX_LABEL + 1), "https://example.com"),
            Err(ContentError::BadLabel)
        );
    }

    #[test]
    fn photo_ids_use_telegrams_alphabet() {
        assert!(PhotoId::parse("AgACAgIAAxkBAAIC-_x").is_ok());
        assert_eq!(PhotoId::parse("a b"), Err(ContentError::BadPhoto));
        assert_eq!(PhotoId::parse(""), Err(ContentError::BadPhoto));
    }
}
