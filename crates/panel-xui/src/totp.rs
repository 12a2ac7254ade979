//! Two-factor login codes: 3x-ui uses TOTP (SHA-1, 6 digits, 30 s steps, base32 secret).

use hmac::{Hmac, KeyInit, Mac};
use kernel::Secret;
use sha1::Sha1;

/// How a panel with two-factor login is logged in to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TwoFactor {
    /// The TOTP secret (base32, as the panel shows it when 2FA is turned on); the driver
    /// computes the current code at each login. Keep the server clock right: the panel
    /// accepts only the current 30-second window.
    Totp(Secret),
    /// A fixed code (3x-ui up to 2.5 `loginSecret`, or a test panel).
    Code(Secret),
}

impl TwoFactor {
    /// The code to send at `unix_seconds`; `None` if the TOTP secret is not valid base32.
    pub fn code_at(&self, unix_seconds: u64) -> Option<String> {
        match self {
            Self::Code(code) => Some(code.expose().to_owned()),
            Self::Totp(secret) => totp(&base32(secret.expose())?, unix_seconds),
        }
    }
}

/// RFC 4648 base32 without padding, any case, spaces ignored.
fn base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=' && *c != '-') {
        let value = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => u32::from(c) - u32::from('A'),
            c @ '2'..='7' => u32::from(c) - u32::from('2') + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// RFC 6238 TOTP, SHA-1, 30 s, 6 digits.
fn totp(key: &[u8], unix_seconds: u64) -> Option<String> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&(unix_seconds / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last()? & 0x0f);
    let chunk: [u8; 4] = digest.get(offset..offset + 4)?.try_into().ok()?;
    let code = (u32::from_be_bytes(chunk) & 0x7fff_ffff) % 1_000_000;
    Some(format!("{code:06}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 key "12345678901234567890" (last 6 of the 8 digits).
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = TwoFactor::Totp(Secret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        assert_eq!(secret.code_at(59).as_deref(), Some("287082"));
        assert_eq!(secret.code_at(1_111_111_109).as_deref(), Some("081804"));
        assert_eq!(secret.code_at(2_000_000_000).as_deref(), Some("279037"));
    }

    #[test]
    fn a_fixed_code_is_sent_as_is_and_a_bad_secret_gives_none() {
        assert_eq!(
            TwoFactor::Code(Secret::new("123456")).code_at(0).as_deref(),
            Some("123456")
        );
        assert_eq!(TwoFactor::Totp(Secret::new("not base32!")).code_at(0), None);
    }
}
