//! The payment providers MoonVPN speaks to.

/// A payment provider. The stored name is also the path segment of its webhook
/// (`/pay/<name>/callback`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    /// Telegram Stars (`XTR`), paid inside Telegram.
    Stars,
    /// Zarinpal (Iran): request → StartPay → verify.
    Zarinpal,
    /// Robokassa: signed redirect, ResultURL callback.
    Robokassa,
    /// FreeKassa: signed form, notification URL.
    FreeKassa,
    /// YooKassa: API payment, notification confirmed by a re-fetch.
    YooKassa,
    /// CoinGate: crypto orders, token-checked callback confirmed by a re-fetch.
    CoinGate,
    /// Cryptomus: crypto invoices, MD5-signed webhook.
    Cryptomus,
    /// NOWPayments: crypto invoices, HMAC-SHA512-signed IPN.
    NowPayments,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Provider; 8] = [
        Self::Stars,
        Self::Zarinpal,
        Self::Robokassa,
        Self::FreeKassa,
        Self::YooKassa,
        Self::CoinGate,
        Self::Cryptomus,
        Self::NowPayments,
    ];

    /// The stored name, e.g. `robokassa`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stars => "stars",
            Self::Zarinpal => "zarinpal",
            Self::Robokassa => "robokassa",
            Self::FreeKassa => "freekassa",
            Self::YooKassa => "yookassa",
            Self::CoinGate => "coingate",
            Self::Cryptomus => "cryptomus",
            Self::NowPayments => "nowpayments",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.as_str()), Some(p));
        }
        assert_eq!(Provider::parse("paypal"), None);
    }
}
