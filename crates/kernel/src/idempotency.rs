//! Idempotency keys: every movement of money carries one, so a replay changes nothing.

/// Why a key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdempotencyKeyError {
    /// Empty or longer than [`IdempotencyKey::MAX_LEN`].
    #[error("an idempotency key has 1 to {max} characters, got {0}", max = IdempotencyKey::MAX_LEN)]
    BadLength(usize),
    /// Only ASCII letters, digits and `:-_.` are allowed.
    #[error("an idempotency key may hold only ASCII letters, digits and ':-_.'")]
    BadCharacter,
}

/// A unique key naming the cause of a money movement, e.g. `order:42:debit`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// The longest key accepted (fits a `VARCHAR(128)` unique index on every backend).
    pub const MAX_LEN: usize = 128;

    /// Checks and wraps a key.
    pub fn new(raw: impl Into<String>) -> Result<Self, IdempotencyKeyError> {
        let raw = raw.into();
        if raw.is_empty() || raw.len() > Self::MAX_LEN {
            return Err(IdempotencyKeyError::BadLength(raw.len()));
        }
        if !raw.bytes().all(|b| b.is_ascii_alphanumeric() || b":-_.".contains(&b)) {
            return Err(IdempotencyKeyError::BadCharacter);
        }
        Ok(Self(raw))
    }

    /// Builds `<scope>:<id>:<step>`, the shape used for order, receipt and gateway movements.
    pub fn for_step(scope: &str, id: impl std::fmt::Display, step: &str) -> Result<Self, IdempotencyKeyError> {
        Self::new(format!("{scope}:{id}:{step}"))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = IdempotencyKeyError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<IdempotencyKey> for String {
    fn from(key: IdempotencyKey) -> Self {
        key.0
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked() {
        assert_eq!(IdempotencyKey::new(""), Err(IdempotencyKeyError::BadLength(0)));
        assert_eq!(
            IdempotencyKey::new("a".repeat(129)),
            Err(IdempotencyKeyError::BadLength(129))
        );
        assert_eq!(IdempotencyKey::new("order 1"), Err(IdempotencyKeyError::BadCharacter));
        assert_eq!(
            IdempotencyKey::for_step("order", 42, "debit").unwrap().as_str(),
            "order:42:debit"
        );
    }
}
