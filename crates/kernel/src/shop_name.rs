//! The shop's name (`[shop] name`): what the welcome text says and what client names on the
//! panel carry (`FR-<segment>-1001`, see [`ShopName::remark_segment`]).

/// Why text is not a shop name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a shop name is 1 to 32 letters, digits, spaces and '-' (like \"Moon VPN\"), got {0:?}")]
pub struct ShopNameError(pub String);

/// A shop's name: 1 to 32 characters, each a letter or digit (any script) or a space or `-`,
/// not starting or ending with a space. The default is `MoonVPN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ShopName(String);

impl ShopName {
    /// The longest name, in characters.
    pub const MAX_CHARS: usize = 32;

    /// The segment used when a name has no ASCII letter or digit (e.g. written in Persian).
    pub const FALLBACK_SEGMENT: &'static str = "VPN";

    /// Checks a name; surrounding spaces are dropped first.
    pub fn new(raw: &str) -> Result<Self, ShopNameError> {
        let name = raw.trim();
        let ok = !name.is_empty()
            && name.chars().count() <= Self::MAX_CHARS
            && name.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if !ok {
            return Err(ShopNameError(raw.to_owned()));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as the middle part of a client name on a panel, where only ASCII letters,
    /// digits and `_` may stand: ASCII letters and digits are kept as they are, every run of
    /// other characters (spaces, `-`, letters of other scripts) becomes one `_`, and `_` at
    /// either end is dropped. A name with no ASCII letter or digit gives
    /// [`ShopName::FALLBACK_SEGMENT`]. `Moon VPN` → `Moon_VPN`, `Sky-Net 2` → `Sky_Net_2`,
    /// `ماه` → `VPN`. At most 32 characters, never empty.
    pub fn remark_segment(&self) -> String {
        let mut segment = String::with_capacity(self.0.len());
        for c in self.0.chars() {
            if c.is_ascii_alphanumeric() {
                segment.push(c);
            } else if !segment.is_empty() && !segment.ends_with('_') {
                segment.push('_');
            }
        }
        let segment = segment.trim_end_matches('_');
        if segment.is_empty() {
            Self::FALLBACK_SEGMENT.to_owned()
        } else {
            segment.to_owned()
        }
    }
}

impl Default for ShopName {
    /// `MoonVPN`.
    fn default() -> Self {
        Self("MoonVPN".to_owned())
    }
}

impl std::str::FromStr for ShopName {
    type Err = ShopNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl std::fmt::Display for ShopName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_letters_digits_spaces_and_dashes_in_any_script_are_accepted() {
        for ok in [
            "MoonVPN",
            "Moon VPN",
            "Sky-Net 2",
            "ماه نت",
            "Луна",
            "A",
            &"x".repeat(32),
        ] {
            assert_eq!(ShopName::new(ok).unwrap().as_str(), ok);
        }
        assert_eq!(ShopName::new("  Moon VPN ").unwrap().as_str(), "Moon VPN");
        assert_eq!(ShopName::default().as_str(), "MoonVPN");
    }

    #[test]
    fn empty_long_and_punctuated_names_are_refused() {
        for bad in [
            "",
            "   ",
            &"x".repeat(33),
            "Moon_VPN",
            "Moon.VPN",
            "<b>Moon</b>",
            "Moon/VPN",
            "🌙 VPN",
        ] {
            assert!(ShopName::new(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_remark_segment_keeps_ascii_letters_and_digits_and_joins_the_rest_with_one_underscore() {
        let segment = |name: &str| ShopName::new(name).unwrap().remark_segment();
        assert_eq!(segment("MoonVPN"), "MoonVPN");
        assert_eq!(segment("Moon VPN"), "Moon_VPN");
        assert_eq!(segment("Sky-Net  2"), "Sky_Net_2");
        assert_eq!(segment("-Edge-"), "Edge");
        assert_eq!(segment("ماه VPN"), "VPN");
        assert_eq!(segment("Moon ماه 24"), "Moon_24");
        assert_eq!(segment("ماه نت"), ShopName::FALLBACK_SEGMENT);
        assert_eq!(segment(&"ab ".repeat(10)), ["ab"; 10].join("_"));
    }
}
