//! TOTP as 3x-ui checks two-factor codes (gotp defaults): RFC 6238, SHA-1, 30-second steps,
//! 6 digits, the secret in RFC 4648 base32.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// The code for `unix_seconds`; `None` when `secret` is not base32.
pub(crate) fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    let key = base32(secret)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(unix_seconds / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last()? & 0x0f);
    let chunk: [u8; 4] = digest.get(offset..offset + 4)?.try_into().ok()?;
    let code = (u32::from_be_bytes(chunk) & 0x7fff_ffff) % 1_000_000;
    Some(format!("{code:06}"))
}

/// Base32 without padding, any case.
fn base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').chars() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 (the last 6 of the 8 digits).
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(code_at(secret, 59).as_deref(), Some("287082"));
        assert_eq!(code_at(secret, 1_234_567_890).as_deref(), Some("005924"));
        assert_eq!(code_at("not base32!", 59), None);
    }
}
