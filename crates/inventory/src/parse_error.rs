//! Why a piece of inventory input was refused.

/// A value an admin typed (or a panel sent) that does not fit its type; the message says what
/// a valid one looks like.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Location and panel names are 1 to 64 printable characters.
    #[error("a name has 1 to 64 printable characters, got {0:?}")]
    BadName(String),
    /// A location prefix is 2 to 5 letters A–Z.
    #[error("a location prefix is 2 to 5 letters A-Z (like FR), got {0:?}")]
    BadPrefix(String),
    /// A client name looks like `FR-MoonVPN-1001`.
    #[error("a client name looks like FR-MoonVPN-1001, got {0:?}")]
    BadClientName(String),
    /// A client number starts at 1.
    #[error("client numbers start at 1")]
    ZeroClientNumber,
    /// A panel email is 1 to 64 of `A-Z a-z 0-9 . _ @ -`.
    #[error("a client email is 1 to 64 of the characters A-Z a-z 0-9 . _ @ -, got {0:?}")]
    BadEmail(String),
    /// A panel URL is `http(s)://host[:port][/base/path]`.
    #[error("a panel URL looks like https://host:port/base-path, got {input:?}: {reason}")]
    BadUrl {
        /// What was typed.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A certificate fingerprint is 64 hex digits (SHA-256), `:` between pairs allowed.
    #[error("a certificate fingerprint is 64 hex digits (SHA-256, like AB:CD:…), got {0:?}")]
    BadFingerprint(String),
    /// A status word stored or sent somewhere is not one we know.
    #[error("unknown status {0:?}")]
    BadStatus(String),
}
