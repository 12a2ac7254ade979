//! Human-readable names of locations and panels.

use crate::ParseError;

/// A name people read in menus ("France", "Paris #2"): trimmed, 1 to 64 characters, no
/// control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DisplayName(String);

impl DisplayName {
    /// The longest name accepted.
    pub const MAX_CHARS: usize = 64;

    /// Trims and checks a name.
    pub fn new(raw: &str) -> Result<Self, ParseError> {
        let name = raw.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS || name.chars().any(char::is_control) {
            return Err(ParseError::BadName(raw.to_owned()));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DisplayName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::new("  France ").unwrap().as_str(), "France");
        assert!(DisplayName::new("   ").is_err());
        assert!(DisplayName::new(&"x".repeat(65)).is_err());
        assert!(DisplayName::new("Fr\nance").is_err());
        assert_eq!(DisplayName::new("Франция").unwrap().as_str(), "Франция");
    }
}
