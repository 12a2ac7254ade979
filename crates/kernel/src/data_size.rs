//! How an amount of data is written, everywhere: the bot, the CLI, the JSON documents.
//! One unit system (3x-ui's: 1 GB = 1024³ bytes) and one spelling (`50 GB`, `1.5 GB`,
//! `750 MB`).

/// Bytes in one gigabyte as 3x-ui counts them (1024³).
pub const BYTES_PER_GB: u64 = 1 << 30;

/// Bytes in one megabyte as 3x-ui counts them (1024²).
pub const BYTES_PER_MB: u64 = 1 << 20;

/// An amount of data rounded for people: whole megabytes (rounded up) below one gigabyte,
/// gigabytes with at most two decimals (rounded down) from there on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSize {
    /// Less than a gigabyte (and more than nothing): whole megabytes, rounded up.
    Mb(u64),
    /// Gigabytes: the whole part and hundredths (0–99).
    Gb {
        /// Whole gigabytes.
        whole: u64,
        /// Hundredths of a gigabyte, 0 to 99.
        hundredths: u8,
    },
}

impl DataSize {
    /// The size of `bytes`.
    pub fn of(bytes: u64) -> Self {
        if bytes > 0 && bytes < BYTES_PER_GB {
            return Self::Mb(bytes.div_ceil(BYTES_PER_MB));
        }
        let hundredths = u128::from(bytes) * 100 / u128::from(BYTES_PER_GB);
        Self::Gb {
            whole: u64::try_from(hundredths / 100).unwrap_or(u64::MAX),
            hundredths: (hundredths % 100) as u8,
        }
    }

    /// The number without its unit, in ASCII digits: `50`, `1.5`, `0.25`, `750`.
    pub fn number(self) -> String {
        match self {
            Self::Mb(mb) => mb.to_string(),
            Self::Gb { whole, hundredths: 0 } => whole.to_string(),
            Self::Gb { whole, hundredths } => {
                let fraction = format!("{hundredths:02}");
                format!("{whole}.{}", fraction.trim_end_matches('0'))
            }
        }
    }

    /// The unit: `MB` or `GB`.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Mb(_) => "MB",
            Self::Gb { .. } => "GB",
        }
    }
}

impl std::fmt::Display for DataSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.number(), self.unit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_in_one_spelling() {
        assert_eq!(DataSize::of(50 * BYTES_PER_GB).to_string(), "50 GB");
        assert_eq!(DataSize::of(3 * BYTES_PER_GB / 2).to_string(), "1.5 GB");
        assert_eq!(DataSize::of(BYTES_PER_GB + BYTES_PER_GB / 4).to_string(), "1.25 GB");
        assert_eq!(DataSize::of(750 * BYTES_PER_MB).to_string(), "750 MB");
        assert_eq!(DataSize::of(1).to_string(), "1 MB");
        assert_eq!(DataSize::of(0).to_string(), "0 GB");
        assert_eq!(DataSize::of(u64::MAX).unit(), "GB");
    }
}
