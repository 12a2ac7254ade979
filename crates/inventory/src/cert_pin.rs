//! The fingerprint a self-signed panel certificate is pinned by (trust on first use).

use std::fmt;
use std::str::FromStr;

use crate::ParseError;

/// The SHA-256 fingerprint of a panel's TLS certificate (its DER bytes), learned when the
/// panel is added with a self-signed certificate and checked on every connection after.
/// Shown as 32 upper-case hex pairs joined by `:`, as `openssl x509 -fingerprint -sha256`
/// prints it, so an admin can compare it with the server's.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CertPin([u8; 32]);

impl CertPin {
    /// The pin of a certificate whose SHA-256 digest is `digest`.
    pub const fn from_digest(digest: [u8; 32]) -> Self {
        Self(digest)
    }

    /// The 32 digest bytes.
    pub const fn digest(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads a fingerprint as printed by [`fmt::Display`] or by openssl: 64 hex digits, with
    /// or without `:` between the pairs, either case.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::BadFingerprint(raw.chars().take(120).collect());
        let hex: Vec<u8> = raw.trim().bytes().filter(|b| *b != b':').collect();
        if hex.len() != 64 {
            return Err(bad());
        }
        let mut digest = [0u8; 32];
        for (byte, pair) in digest.iter_mut().zip(hex.chunks_exact(2)) {
            let high = hex_value(pair[0]).ok_or_else(bad)?;
            let low = hex_value(pair[1]).ok_or_else(bad)?;
            *byte = high << 4 | low;
        }
        Ok(Self(digest))
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|v| u8::try_from(v).ok())
}

impl fmt::Display for CertPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{byte:02X}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for CertPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertPin({self})")
    }
}

impl FromStr for CertPin {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn prints_like_openssl_and_reads_it_back() {
        let pin = CertPin::from_digest([0xAB; 32]);
        let shown = pin.to_string();
        assert_eq!(shown.len(), 32 * 3 - 1);
        assert!(shown.starts_with("AB:AB:"));
        assert_eq!(CertPin::parse(&shown), Ok(pin));
        assert_eq!(CertPin::parse(&shown.replace(':', "").to_lowercase()), Ok(pin));
    }

    #[test]
    fn refuses_what_is_not_a_sha256_fingerprint() {
        for bad in [
            "",
            "AB:CD",
            &"G".repeat(64),
            &"A".repeat(63),
            &"A".repeat(66),
            "é".repeat(32).as_str(),
        ] {
            assert!(
                matches!(CertPin::parse(bad), Err(ParseError::BadFingerprint(_))),
                "{bad:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_digest_round_trips(digest in proptest::array::uniform32(any::<u8>())) {
            let pin = CertPin::from_digest(digest);
            prop_assert_eq!(CertPin::parse(&pin.to_string()), Ok(pin));
        }

        #[test]
        fn parsing_never_panics(raw in "\\PC{0,80}") {
            let _ = CertPin::parse(&raw);
        }
    }
}
