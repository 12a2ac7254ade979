//! Tracking codes people can read out over the phone: `TX-261121-7KQ2M`.

use rand::Rng;
use time::OffsetDateTime;

/// The letters and digits a tracking code uses: no `0 O 1 I L` to confuse.
pub const TRACKING_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// What a tracking code names; the prefix tells support where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrackingKind {
    /// A wallet movement (`TX`).
    Transaction,
    /// A card-to-card receipt (`RC`).
    Receipt,
    /// An order (`OR`).
    Order,
}

impl TrackingKind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Transaction => "TX",
            Self::Receipt => "RC",
            Self::Order => "OR",
        }
    }

    fn from_prefix(p: &str) -> Option<Self> {
        [Self::Transaction, Self::Receipt, Self::Order]
            .into_iter()
            .find(|k| k.prefix() == p)
    }
}

/// Why text is not a tracking code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a tracking code (they look like TX-261121-7KQ2M)")]
pub struct TrackingCodeError(pub String);

/// A unique, human-readable code: kind prefix, UTC date `YYMMDD`, five unambiguous characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct TrackingCode(String);

impl TrackingCode {
    /// Length of the random part.
    pub const RANDOM_LEN: usize = 5;

    /// A fresh code for `kind` dated `at`. Uniqueness is enforced by storage; callers retry
    /// on a collision (31^5 ≈ 28.6 million codes a day per kind).
    pub fn generate(kind: TrackingKind, at: OffsetDateTime, rng: &mut impl Rng) -> Self {
        let at = at.to_offset(time::UtcOffset::UTC);
        let mut code = format!(
            "{}-{:02}{:02}{:02}-",
            kind.prefix(),
            at.year().rem_euclid(100),
            u8::from(at.month()),
            at.day()
        );
        for _ in 0..Self::RANDOM_LEN {
            code.push(TRACKING_ALPHABET[rng.random_range(0..TRACKING_ALPHABET.len())] as char);
        }
        Self(code)
    }

    /// A fresh code from the thread's random generator.
    pub fn random(kind: TrackingKind, at: OffsetDateTime) -> Self {
        Self::generate(kind, at, &mut rand::rng())
    }

    /// Parses a code a person typed (any case, surrounding spaces allowed).
    pub fn parse(input: &str) -> Result<Self, TrackingCodeError> {
        let err = || TrackingCodeError(input.to_owned());
        let text = input.trim().to_ascii_uppercase();
        let mut parts = text.split('-');
        let (Some(prefix), Some(date), Some(tail), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        TrackingKind::from_prefix(prefix).ok_or_else(err)?;
        if date.len() != 6 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let (month, day): (u8, u8) = (
            date[2..4].parse().map_err(|_| err())?,
            date[4..6].parse().map_err(|_| err())?,
        );
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(err());
        }
        if tail.len() != Self::RANDOM_LEN || !tail.bytes().all(|b| TRACKING_ALPHABET.contains(&b)) {
            return Err(err());
        }
        Ok(Self(text))
    }

    /// What the code names.
    pub fn kind(&self) -> TrackingKind {
        TrackingKind::from_prefix(&self.0[..2]).unwrap_or(TrackingKind::Transaction)
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn generated_codes_have_the_documented_shape() {
        let mut rng = rand::rng();
        let code = TrackingCode::generate(TrackingKind::Transaction, datetime!(2026-11-21 23:59 -1), &mut rng);
        assert!(code.as_str().starts_with("TX-261122-"), "{code}");
        assert_eq!(code.as_str().len(), 15);
        assert_eq!(TrackingCode::parse(code.as_str()).unwrap(), code);
        let receipt = TrackingCode::random(TrackingKind::Receipt, datetime!(2026-01-02 00:00 UTC));
        assert_eq!(receipt.kind(), TrackingKind::Receipt);
        assert!(receipt.as_str().starts_with("RC-260102-"));
    }

    #[test]
    fn codes_never_contain_ambiguous_characters() {
        let mut rng = rand::rng();
        for _ in 0..2_000 {
            let code = TrackingCode::generate(TrackingKind::Order, datetime!(2026-11-21 0:00 UTC), &mut rng);
            let tail = &code.as_str()[10..];
            assert!(!tail.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        }
    }

    #[test]
    fn typed_codes_are_normalised_and_checked() {
        assert_eq!(
            TrackingCode::parse(" tx-261121-7kq2m ").unwrap().as_str(),
            "TX-261121-7KQ2M"
        );
        for bad in [
            "",
            "TX-261121",
            "XX-261121-7KQ2M",
            "TX-261321-7KQ2M",
            "TX-261121-7KQ20",
            "TX-261121-7KQ2MM",
            "TX-2611-7KQ2M-1",
        ] {
            assert!(TrackingCode::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn many_codes_in_one_day_rarely_collide() {
        let mut rng = rand::rng();
        let at = datetime!(2026-11-21 12:00 UTC);
        let codes: std::collections::HashSet<_> = (0..10_000)
            .map(|_| TrackingCode::generate(TrackingKind::Transaction, at, &mut rng))
            .collect();
        assert!(codes.len() >= 9_990, "{} distinct of 10000", codes.len());
    }
}
