//! Statuses of inbounds and client accounts, stored as short words.

use kernel::CountLimit;

use crate::ParseError;

/// Whether an inbound takes new clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InboundStatus {
    /// On sale.
    Active,
    /// At its client limit; skipped for sales until a client leaves or the limit is raised.
    Full,
    /// Disabled on the panel or gone from it; existing accounts stay, nothing new is sold.
    Disabled,
}

impl InboundStatus {
    /// The status an enabled inbound has with `clients` clients and room for `max_clients`.
    pub fn for_load(clients: u32, max_clients: CountLimit) -> Self {
        if max_clients.has_room(clients) {
            Self::Active
        } else {
            Self::Full
        }
    }

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Full => "full",
            Self::Disabled => "disabled",
        }
    }
}

impl std::str::FromStr for InboundStatus {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "active" => Ok(Self::Active),
            "full" => Ok(Self::Full),
            "disabled" => Ok(Self::Disabled),
            _ => Err(ParseError::BadStatus(s.to_owned())),
        }
    }
}

/// Where a client account is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountStatus {
    /// Working.
    Active,
    /// Out of traffic or past its expiry; a renewal makes it active again.
    Expired,
    /// Moved to another location; the new account carries on.
    Switched,
    /// Turned off by an admin.
    Disabled,
}

impl AccountStatus {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Expired => "expired",
            Self::Switched => "switched",
            Self::Disabled => "disabled",
        }
    }
}

impl std::str::FromStr for AccountStatus {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "active" => Ok(Self::Active),
            "expired" => Ok(Self::Expired),
            "switched" => Ok(Self::Switched),
            "disabled" => Ok(Self::Disabled),
            _ => Err(ParseError::BadStatus(s.to_owned())),
        }
    }
}

impl std::fmt::Display for InboundStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inbound_at_its_limit_is_full_and_an_unlimited_one_never_is() {
        let ten = CountLimit::upto(10).unwrap();
        assert_eq!(InboundStatus::for_load(9, ten), InboundStatus::Active);
        assert_eq!(InboundStatus::for_load(10, ten), InboundStatus::Full);
        assert_eq!(
            InboundStatus::for_load(5000, CountLimit::Unlimited),
            InboundStatus::Active
        );
    }

    #[test]
    fn statuses_round_trip_through_their_words() {
        for s in [InboundStatus::Active, InboundStatus::Full, InboundStatus::Disabled] {
            assert_eq!(s.as_str().parse::<InboundStatus>().unwrap(), s);
        }
        for s in [
            AccountStatus::Active,
            AccountStatus::Expired,
            AccountStatus::Switched,
            AccountStatus::Disabled,
        ] {
            assert_eq!(s.as_str().parse::<AccountStatus>().unwrap(), s);
        }
        assert!("gone".parse::<AccountStatus>().is_err());
    }
}
