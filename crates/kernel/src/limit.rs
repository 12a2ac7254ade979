//! Limits that are either off or a positive amount: a client's traffic, its simultaneous IPs,
//! an inbound's clients, a plan's volume. "Zero" is not a limit here: the 3x-ui panel writes
//! "unlimited" as 0, and that spelling is translated only where the panel's JSON and the
//! database columns are read and written.

use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};

/// No limit, or at most a positive amount. `Upto(0)` cannot be written: use [`Limit::upto`]
/// for a raw number. Ordered by how much they allow: any amount is below `Unlimited`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Limit<N> {
    /// At most this much.
    Upto(N),
    /// No limit.
    Unlimited,
}

/// A traffic limit in bytes.
pub type ByteLimit = Limit<NonZeroU64>;

/// A limit on a count: simultaneous IPs, clients on an inbound.
pub type CountLimit = Limit<NonZeroU32>;

impl<N> Limit<N> {
    /// Whether there is no limit.
    pub fn is_unlimited(&self) -> bool {
        matches!(self, Self::Unlimited)
    }
}

macro_rules! amount_limit {
    ($nonzero:ty, $raw:ty) => {
        impl Limit<$nonzero> {
            /// At most `amount`; `None` for 0, which is no limit at all.
            pub fn upto(amount: $raw) -> Option<Self> {
                <$nonzero>::new(amount).map(Self::Upto)
            }

            /// The amount; `None` when unlimited.
            pub fn amount(self) -> Option<$raw> {
                match self {
                    Self::Upto(n) => Some(n.get()),
                    Self::Unlimited => None,
                }
            }

            /// Whether `n` is within the limit (`n <= amount`).
            pub fn allows(self, n: $raw) -> bool {
                self.amount().is_none_or(|max| n <= max)
            }

            /// Whether one more fits on top of `count` (`count < amount`).
            pub fn has_room(self, count: $raw) -> bool {
                self.amount().is_none_or(|max| count < max)
            }

            /// What is left after `used` (never below zero); `None` when unlimited.
            pub fn remaining(self, used: $raw) -> Option<$raw> {
                self.amount().map(|max| max.saturating_sub(used))
            }

            /// This limit raised to `floor` if it is below; unlimited stays unlimited.
            pub fn at_least(self, floor: $raw) -> Self {
                match self {
                    Self::Upto(n) => Self::Upto(n.max(<$nonzero>::new(floor).unwrap_or(n))),
                    Self::Unlimited => Self::Unlimited,
                }
            }

            /// This limit raised by `more`, saturating; unlimited stays unlimited.
            pub fn saturating_add(self, more: $raw) -> Self {
                match self {
                    Self::Upto(n) => Self::Upto(n.saturating_add(more)),
                    Self::Unlimited => Self::Unlimited,
                }
            }
        }

        impl From<$nonzero> for Limit<$nonzero> {
            fn from(amount: $nonzero) -> Self {
                Self::Upto(amount)
            }
        }
    };
}

amount_limit!(NonZeroU64, u64);
amount_limit!(NonZeroU32, u32);

/// `unlimited` or the amount (`1024`), for logs and plain-text output; screens say it in the
/// user's language.
impl<N: fmt::Display> fmt::Display for Limit<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Upto(n) => n.fmt(f),
            Self::Unlimited => f.write_str("unlimited"),
        }
    }
}

/// Serde for a [`ByteLimit`] stored in a JSON document as a plain number of bytes, 0 for
/// unlimited (`#[serde(with = "kernel::limit_as_bytes")]`): documents written before the type
/// existed (queued notices) read the same, and new ones are written the same.
pub mod limit_as_bytes {
    use super::ByteLimit;

    /// Writes the amount, or 0 when unlimited.
    pub fn serialize<S: serde::Serializer>(limit: &ByteLimit, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(limit.amount().unwrap_or(0))
    }

    /// Reads a number of bytes, 0 as unlimited.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ByteLimit, D::Error> {
        let bytes = <u64 as serde::Deserialize>::deserialize(d)?;
        Ok(ByteLimit::upto(bytes).unwrap_or(ByteLimit::Unlimited))
    }
}

#[cfg(test)]
#[path = "limit_tests.rs"]
mod tests;
