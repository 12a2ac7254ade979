//! Who a campaign goes to. Users who blocked the bot are never in an audience.

use kernel::LocationId;
use members::Language;

/// Who a campaign goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Every user.
    All,
    /// Users with at least one active service.
    Active,
    /// Users who had a service and have none active now.
    Expired,
    /// Users with an active service at this location.
    Location(LocationId),
    /// Users who never bought a plan (free tests do not count as buying).
    NeverBought,
    /// Users whose bot language is this one.
    Language(Language),
}

/// An audience that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown audience {0:?}: use all, active, expired, never-bought, location:ID or lang:en|fa|ru")]
pub struct AudienceError(pub String);

impl Audience {
    /// The stored (and command-line) form: `all`, `active`, `expired`, `never-bought`,
    /// `location:ID`, `lang:fa`.
    pub fn code(&self) -> String {
        match self {
            Self::All => "all".into(),
            Self::Active => "active".into(),
            Self::Expired => "expired".into(),
            Self::NeverBought => "never-bought".into(),
            Self::Location(id) => format!("location:{id}"),
            Self::Language(lang) => format!("lang:{}", lang.code()),
        }
    }

    /// Reads [`Audience::code`].
    pub fn parse(raw: &str) -> Result<Self, AudienceError> {
        let bad = || AudienceError(raw.to_owned());
        let raw_trimmed = raw.trim();
        Ok(match raw_trimmed {
            "all" => Self::All,
            "active" => Self::Active,
            "expired" => Self::Expired,
            "never-bought" => Self::NeverBought,
            other => match other.split_once(':') {
                Some(("location", id)) => {
                    let id: i64 = id.parse().map_err(|_| bad())?;
                    if id <= 0 {
                        return Err(bad());
                    }
                    Self::Location(LocationId::new(id))
                }
                Some(("lang", code)) => Self::Language(code.parse().map_err(|_| bad())?),
                _ => return Err(bad()),
            },
        })
    }
}

impl std::fmt::Display for Audience {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_audience_reads_back_from_its_code() {
        for audience in [
            Audience::All,
            Audience::Active,
            Audience::Expired,
            Audience::NeverBought,
            Audience::Location(LocationId::new(7)),
            Audience::Language(Language::Fa),
        ] {
            assert_eq!(Audience::parse(&audience.code()), Ok(audience));
        }
        for bad in [
            "",
            "everyone",
            "location:",
            "location:-1",
            "location:x",
            "lang:de",
            "lang",
        ] {
            assert!(Audience::parse(bad).is_err(), "{bad}");
        }
    }
}
