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

/// A fixed word of an idempotency key (`payment`, `credit`): 1 to 32 ASCII letters, digits,
/// `-`, `_` or `.`. Made in a `const`, a bad word stops the build instead of failing later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyWord(&'static str);

impl KeyWord {
    /// Checks `word`; use it to define a constant (`const CREDIT: KeyWord = KeyWord::new("credit");`).
    pub const fn new(word: &'static str) -> Self {
        let bytes = word.as_bytes();
        assert!(
            !bytes.is_empty() && bytes.len() <= 32,
            "a key word has 1 to 32 characters"
        );
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            assert!(
                b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.',
                "a key word holds only ASCII letters, digits and '-_.'"
            );
            i += 1;
        }
        Self(word)
    }
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

    /// Builds `<scope>:<id>:<step>` for a stored record. Two fixed words around a number always
    /// make a valid key, so this cannot fail: the words are checked when their constants compile.
    pub fn for_record(scope: KeyWord, id: i64, step: KeyWord) -> Self {
        // At most 32 + 1 + 20 + 1 + 32 characters, each one a key allows.
        Self(format!("{}:{id}:{}", scope.0, step.0))
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
    fn a_record_key_is_its_words_around_the_id_and_always_valid() {
        const PAYMENT: KeyWord = KeyWord::new("payment");
        const CREDIT: KeyWord = KeyWord::new("credit");
        let key = IdempotencyKey::for_record(PAYMENT, 42, CREDIT);
        assert_eq!(key.as_str(), "payment:42:credit");
        for id in [i64::MIN, -1, 0, i64::MAX] {
            let long = KeyWord::new("abcdefghijklmnopqrstuvwxyz012345");
            let key = IdempotencyKey::for_record(long, id, long);
            assert_eq!(IdempotencyKey::new(key.as_str()), Ok(key.clone()), "{key}");
        }
    }

    #[test]
    #[should_panic(expected = "a key word holds only")]
    fn a_bad_key_word_is_refused() {
        let _ = KeyWord::new("two words");
    }

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
