//! The short code that starts every client name of a location.

use crate::ParseError;

/// 2 to 5 letters A–Z naming a location in client names (`FR` in `FR-MoonVPN-1001`).
/// Lower-case input is accepted and upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocationPrefix(String);

impl LocationPrefix {
    /// Checks a prefix, upper-casing ASCII letters.
    pub fn new(raw: &str) -> Result<Self, ParseError> {
        let prefix = raw.trim().to_ascii_uppercase();
        if !(2..=5).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ParseError::BadPrefix(raw.to_owned()));
        }
        Ok(Self(prefix))
    }

    /// The prefix as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LocationPrefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_two_to_five_letters() {
        assert_eq!(LocationPrefix::new("fr").unwrap().as_str(), "FR");
        assert_eq!(LocationPrefix::new("USWST").unwrap().as_str(), "USWST");
        assert!(LocationPrefix::new("F").is_err());
        assert!(LocationPrefix::new("FRANCE").is_err());
        assert!(LocationPrefix::new("F1").is_err());
        assert!(LocationPrefix::new("ÉÉ").is_err());
    }
}
