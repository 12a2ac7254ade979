//! Telegram user ids.

/// Why a Telegram id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TelegramIdError {
    /// Not a number.
    #[error("a Telegram id is a whole number, got {0:?}")]
    NotANumber(String),
    /// User ids are positive.
    #[error("a Telegram user id is positive, got {0}")]
    NotPositive(i64),
}

/// A Telegram user id (positive; up to 52 significant bits per the Bot API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct TelegramId(i64);

impl TelegramId {
    /// Checks that `raw` can be a Telegram user id.
    pub fn new(raw: i64) -> Result<Self, TelegramIdError> {
        if raw <= 0 {
            return Err(TelegramIdError::NotPositive(raw));
        }
        Ok(Self(raw))
    }

    /// The numeric id.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl std::str::FromStr for TelegramId {
    type Err = TelegramIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let raw: i64 = s
            .trim()
            .parse()
            .map_err(|_| TelegramIdError::NotANumber(s.to_owned()))?;
        Self::new(raw)
    }
}

impl std::fmt::Display for TelegramId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> serde::Deserialize<'de> for TelegramId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = i64::deserialize(d)?;
        Self::new(raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_negative_ids_are_refused() {
        assert_eq!(TelegramId::new(0), Err(TelegramIdError::NotPositive(0)));
        assert!(TelegramId::new(-100123).is_err());
        assert_eq!(" 42 ".parse::<TelegramId>().unwrap().get(), 42);
        assert!("abc".parse::<TelegramId>().is_err());
    }
}
