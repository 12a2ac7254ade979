//! The shop's currency: a code and how many minor units make one major unit.

/// Why a currency code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown currency {0:?}; supported: {list}", list = Currency::SUPPORTED.iter().map(|c| c.code).collect::<Vec<_>>().join(", "))]
pub struct CurrencyError(pub String);

/// A currency MoonVPN can keep books in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

impl Currency {
    /// Every currency the shop can be configured with. Toman (`IRT`) and rial (`IRR`) have no
    /// minor unit in practice; Telegram Stars (`XTR`) are whole.
    pub const SUPPORTED: &'static [Currency] = &[
        Currency {
            code: "IRT",
            exponent: 0,
        },
        Currency {
            code: "IRR",
            exponent: 0,
        },
        Currency {
            code: "USD",
            exponent: 2,
        },
        Currency {
            code: "EUR",
            exponent: 2,
        },
        Currency {
            code: "RUB",
            exponent: 2,
        },
        Currency {
            code: "TRY",
            exponent: 2,
        },
        Currency {
            code: "AED",
            exponent: 2,
        },
        Currency {
            code: "USDT",
            exponent: 2,
        },
        Currency {
            code: "XTR",
            exponent: 0,
        },
    ];

    /// Looks a currency up by its code (case-insensitive).
    pub fn from_code(code: &str) -> Result<Self, CurrencyError> {
        let wanted = code.trim().to_ascii_uppercase();
        Self::SUPPORTED
            .iter()
            .copied()
            .find(|c| c.code == wanted)
            .ok_or_else(|| CurrencyError(code.to_owned()))
    }

    /// The ISO-style code, e.g. `USD`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Digits after the decimal point (2 for USD: 1 dollar = 100 cents).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl std::str::FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_code(s)
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}
