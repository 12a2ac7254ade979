//! What a provider collects: an integer amount in the provider's currency, and the admin's
//! conversion rate from the shop's currency.

use kernel::{Currency, Money};

/// Why a charge or a rate was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChargeError {
    /// Not a plain decimal (`100`, `100.5`, `100.000000`).
    #[error("{0:?} is not a plain decimal amount")]
    NotAnAmount(String),
    /// More significant decimals than the currency has.
    #[error("{0:?} has more decimals than {1} allows")]
    TooPrecise(String, &'static str),
    /// Does not fit in 64 bits.
    #[error("the amount is too large")]
    Overflow,
    /// A rate with a zero side, or a zero amount.
    #[error("a rate needs two positive numbers")]
    ZeroRate,
}

/// An amount in a provider's currency, in that currency's minor units (kopecks, Stars, rials).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Charge {
    minor: i64,
    currency: Currency,
}

impl Charge {
    /// A charge of `minor` units of `currency`; refuses zero and negatives.
    pub fn new(minor: i64, currency: Currency) -> Result<Self, ChargeError> {
        if minor <= 0 {
            return Err(ChargeError::ZeroRate);
        }
        Ok(Self { minor, currency })
    }

    /// The amount in minor units.
    pub fn minor(self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(self) -> Currency {
        self.currency
    }

    /// The amount as a dot decimal with exactly the currency's decimals (`199.00`, `500`).
    pub fn decimal(self) -> String {
        let exp = u32::from(self.currency.exponent());
        if exp == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(exp);
        format!(
            "{}.{:0width$}",
            self.minor / scale,
            self.minor % scale,
            width = exp as usize
        )
    }

    /// Parses a provider's decimal string strictly (ASCII digits, at most one dot; trailing
    /// zeros beyond the currency's decimals are allowed: Robokassa sends `100.000000`).
    pub fn parse_decimal(text: &str, currency: Currency) -> Result<Self, ChargeError> {
        let bad = || ChargeError::NotAnAmount(text.to_owned());
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let exp = usize::from(currency.exponent());
        let (kept, rest) = frac.split_at(frac.len().min(exp));
        if rest.bytes().any(|b| b != b'0') {
            return Err(ChargeError::TooPrecise(text.to_owned(), currency.code()));
        }
        let digits = format!("{whole}{kept:0<exp$}");
        let minor: i64 = digits.parse().map_err(|_| ChargeError::Overflow)?;
        Self::new(minor, currency).map_err(|_| bad())
    }
}

impl std::fmt::Display for Charge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.decimal(), self.currency.code())
    }
}

/// The admin's conversion rule for one provider: `shop` whole units of the shop's currency
/// cost `provider` whole units of the provider's currency (e.g. 1000 Toman = 1 Star). The
/// charge is rounded up to the provider's minor unit, never computed with floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    shop: u64,
    provider: u64,
}

impl Rate {
    /// One to one (the provider charges in the shop's currency).
    pub const PAR: Rate = Rate { shop: 1, provider: 1 };

    /// `shop` units of the shop's currency = `provider` units of the provider's.
    pub fn new(shop: u64, provider: u64) -> Result<Self, ChargeError> {
        if shop == 0 || provider == 0 {
            return Err(ChargeError::ZeroRate);
        }
        Ok(Self { shop, provider })
    }

    /// What `amount` (in `shop_currency`) costs in `to`, rounded up.
    pub fn convert(self, amount: Money, shop_currency: Currency, to: Currency) -> Result<Charge, ChargeError> {
        let num = i128::from(amount.minor()) * i128::from(self.provider) * 10_i128.pow(u32::from(to.exponent()));
        let den = i128::from(self.shop) * 10_i128.pow(u32::from(shop_currency.exponent()));
        let minor = (num + den - 1) / den;
        let minor = i64::try_from(minor).map_err(|_| ChargeError::Overflow)?;
        Charge::new(minor, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }

    #[test]
    fn decimals_are_exact() {
        let rub = cur("RUB");
        assert_eq!(Charge::parse_decimal("100.000000", rub).unwrap().minor(), 10_000);
        assert_eq!(Charge::parse_decimal("99", rub).unwrap().decimal(), "99.00");
        assert_eq!(Charge::parse_decimal("199.5", rub).unwrap().decimal(), "199.50");
        assert!(Charge::parse_decimal("1.005", rub).is_err());
        assert!(Charge::parse_decimal("1,5", rub).is_err());
        assert!(Charge::parse_decimal("-1", rub).is_err());
        assert!(Charge::parse_decimal("", rub).is_err());
        assert!(Charge::parse_decimal("0", rub).is_err());
        assert_eq!(Charge::parse_decimal("500", cur("XTR")).unwrap().decimal(), "500");
    }

    #[test]
    fn rates_round_up_in_integers() {
        let irt = cur("IRT");
        let stars = Rate::new(1000, 1).unwrap();
        let fifty_k = Money::from_minor(50_000).unwrap();
        assert_eq!(stars.convert(fifty_k, irt, cur("XTR")).unwrap().minor(), 50);
        let odd = Money::from_minor(50_001).unwrap();
        assert_eq!(stars.convert(odd, irt, cur("XTR")).unwrap().minor(), 51);
        let rub = Rate::new(1000, 1).unwrap().convert(fifty_k, irt, cur("RUB")).unwrap();
        assert_eq!(rub.decimal(), "50.00");
        let usd = cur("USD");
        let par = Rate::PAR.convert(Money::from_minor(1999).unwrap(), usd, usd).unwrap();
        assert_eq!(par.minor(), 1999);
        assert!(Rate::new(0, 1).is_err());
    }
}
