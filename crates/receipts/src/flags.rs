//! Flags: what a reviewer should look at twice before deciding a receipt.

use std::collections::BTreeSet;

/// One reason to look twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReceiptFlag {
    /// The same photo (`file_unique_id`) was sent for another receipt.
    DuplicatePhoto,
    /// The amount the payer or the bank reported differs from the amount to transfer.
    AmountMismatch,
    /// The payer had too many open requests when this one was opened.
    TooManyOpen,
    /// The proof arrived after the request expired (for a superadmin to settle).
    Late,
}

impl ReceiptFlag {
    /// Every flag.
    pub const ALL: [ReceiptFlag; 4] = [
        Self::DuplicatePhoto,
        Self::AmountMismatch,
        Self::TooManyOpen,
        Self::Late,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::DuplicatePhoto => "duplicate_photo",
            Self::AmountMismatch => "amount_mismatch",
            Self::TooManyOpen => "too_many_open",
            Self::Late => "late",
        }
    }

    /// The flag for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

impl std::fmt::Display for ReceiptFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of flags; stored as comma-separated codes (`"late,duplicate_photo"`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ReceiptFlags(BTreeSet<ReceiptFlag>);

/// A stored flag code nobody knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown receipt flag {0:?}")]
pub struct UnknownFlag(pub String);

impl ReceiptFlags {
    /// Parses the stored form; the empty string is no flag.
    pub fn parse(stored: &str) -> Result<Self, UnknownFlag> {
        stored
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| ReceiptFlag::from_code(c).ok_or_else(|| UnknownFlag(c.to_owned())))
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// The stored form.
    pub fn code(&self) -> String {
        self.0.iter().map(|f| f.code()).collect::<Vec<_>>().join(",")
    }

    /// Adds a flag.
    pub fn raise(&mut self, flag: ReceiptFlag) {
        self.0.insert(flag);
    }

    /// Whether `flag` is set.
    pub fn has(&self, flag: ReceiptFlag) -> bool {
        self.0.contains(&flag)
    }

    /// Whether no flag is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The flags, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = ReceiptFlag> + '_ {
        self.0.iter().copied()
    }
}

impl FromIterator<ReceiptFlag> for ReceiptFlags {
    fn from_iter<I: IntoIterator<Item = ReceiptFlag>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_round_trip_through_their_stored_form() {
        let flags: ReceiptFlags = [ReceiptFlag::Late, ReceiptFlag::DuplicatePhoto].into_iter().collect();
        assert_eq!(flags.code(), "duplicate_photo,late");
        assert_eq!(ReceiptFlags::parse(&flags.code()).unwrap(), flags);
        assert!(ReceiptFlags::parse("").unwrap().is_empty());
        assert_eq!(ReceiptFlags::parse("late,odd"), Err(UnknownFlag("odd".into())));
    }
}
