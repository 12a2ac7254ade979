//! A plan's description: what buyers read about a plan besides its terms.

use crate::PlanError;

/// A plan's description, trimmed, 1 to [`PlanDescription::MAX_LEN`] characters; line breaks
/// are kept, other control characters refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanDescription(String);

impl PlanDescription {
    /// Longest description accepted, in characters.
    pub const MAX_LEN: usize = 500;

    /// Checks and trims a description.
    pub fn parse(raw: &str) -> Result<Self, PlanError> {
        let text = raw.trim();
        let len = text.chars().count();
        let bad_char = text.chars().any(|c| c.is_control() && c != '\n');
        if len == 0 || len > Self::MAX_LEN || bad_char {
            return Err(PlanError::BadDescription);
        }
        Ok(Self(text.replace("\r\n", "\n")))
    }

    /// The description as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlanDescription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_is_trimmed_and_keeps_its_lines() {
        let d = PlanDescription::parse("  Fast in Tehran.\nWorks on every phone.  ").unwrap();
        assert_eq!(d.as_str(), "Fast in Tehran.\nWorks on every phone.");
        assert_eq!(
            PlanDescription::parse("برای تلفن همراه").unwrap().as_str(),
            "برای تلفن همراه"
        );
    }

    #[test]
    fn an_empty_or_blank_description_is_refused() {
        assert_eq!(PlanDescription::parse(""), Err(PlanError::BadDescription));
        assert_eq!(PlanDescription::parse(" \n\t "), Err(PlanError::BadDescription));
    }

    #[test]
    fn a_description_has_at_most_500_characters() {
        assert!(PlanDescription::parse(&"ж".repeat(500)).is_ok());
        assert_eq!(PlanDescription::parse(&"ж".repeat(501)), Err(PlanError::BadDescription));
        assert_eq!(PlanDescription::parse("a\u{0}b"), Err(PlanError::BadDescription));
    }
}
