//! The `[payments]` section: which providers are enabled, their credentials and the admin's
//! conversion rates. Secrets stay in the config (or environment), never in the database.

use kernel::Currency;
use payments::Rate;
use serde::Deserialize;

/// Why a provider's settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required value is missing or empty.
    #[error("payments.{provider}.{key} is required when the provider is enabled")]
    Missing {
        /// The provider's section.
        provider: &'static str,
        /// The key.
        key: &'static str,
    },
    /// A value is not valid.
    #[error("payments.{provider}.{key}: {why}")]
    Invalid {
        /// The provider's section.
        provider: &'static str,
        /// The key.
        key: &'static str,
        /// Why.
        why: String,
    },
}

/// `[payments]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct PaymentsConfig {
    /// The public HTTPS base URL providers call (`https://bot.example.com`); the callback of
    /// each provider is `<public_url>/pay/<provider>/callback`. Only shown to the operator
    /// (`moonvpn config check`) unless a provider needs it in its requests.
    pub public_url: Option<String>,
    /// `[payments.stars]`
    pub stars: Option<StarsConfig>,
    /// `[payments.zarinpal]`
    pub zarinpal: Option<ZarinpalConfig>,
    /// `[payments.nowpayments]`
    pub nowpayments: Option<NowPaymentsConfig>,
    /// `[payments.robokassa]`
    pub robokassa: Option<RobokassaConfig>,
    /// `[payments.freekassa]`
    pub freekassa: Option<FreeKassaConfig>,
    /// `[payments.yookassa]`
    pub yookassa: Option<YooKassaConfig>,
    /// `[payments.coingate]`
    pub coingate: Option<CoinGateConfig>,
    /// `[payments.cryptomus]`
    pub cryptomus: Option<CryptomusConfig>,
}

impl PaymentsConfig {
    /// The path of `provider`'s webhook on MoonVPN's HTTP server.
    pub fn callback_path(provider: payments::Provider) -> String {
        format!("/pay/{provider}/callback")
    }

    /// The full URL to give `provider` as its callback, when `public_url` is set.
    pub fn callback_url(&self, provider: payments::Provider) -> Option<String> {
        let base = self.public_url.as_deref()?.trim().trim_end_matches('/');
        (!base.is_empty()).then(|| format!("{base}{}", Self::callback_path(provider)))
    }
}

/// `rate = { shop = 1000, provider = 1 }`: `shop` whole units of the shop's currency cost
/// `provider` whole units of the provider's currency.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RateConfig {
    /// Units of the shop's currency.
    pub shop: u64,
    /// Units of the provider's currency.
    pub provider: u64,
}

impl Default for RateConfig {
    fn default() -> Self {
        Self { shop: 1, provider: 1 }
    }
}

impl RateConfig {
    /// The checked rate.
    pub fn rate(self, provider: &'static str) -> Result<Rate, ConfigError> {
        Rate::new(self.shop, self.provider).map_err(|e| ConfigError::Invalid {
            provider,
            key: "rate",
            why: e.to_string(),
        })
    }
}

/// `[payments.stars]`: Telegram Stars, paid inside Telegram (no secret: the bot token and
/// `security.secret_key` are enough). Built by the app with the Bot API client.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StarsConfig {
    /// Offer Stars.
    #[serde(default)]
    pub enabled: bool,
    /// How many Stars a sum of the shop's currency costs (`{ shop = 1000, provider = 1 }`:
    /// one Star per 1000 Toman), rounded up to whole Stars.
    #[serde(default)]
    pub rate: RateConfig,
}

impl StarsConfig {
    /// The checked rate.
    pub fn checked_rate(&self) -> Result<Rate, ConfigError> {
        self.rate.rate("stars")
    }
}

/// `[payments.zarinpal]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ZarinpalConfig {
    /// Offer Zarinpal.
    #[serde(default)]
    pub enabled: bool,
    /// The 36-character merchant id from Zarinpal's panel.
    pub merchant_id: String,
    /// Use Zarinpal's sandbox (`sandbox.zarinpal.com`).
    #[serde(default)]
    pub sandbox: bool,
    /// `IRT` (toman) or `IRR` (rial): sent as Zarinpal's `currency`.
    #[serde(default = "irt")]
    pub currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
    /// Another API host (a test fake); normally unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

/// `[payments.nowpayments]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NowPaymentsConfig {
    /// Offer NOWPayments.
    #[serde(default)]
    pub enabled: bool,
    /// The API key (`x-api-key`).
    pub api_key: String,
    /// The IPN secret (signs notifications).
    pub ipn_secret: String,
    /// The currency invoices are priced in (default USD).
    #[serde(default = "usd")]
    pub currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
    /// Another API host (a test fake); normally unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

fn usd() -> String {
    "USD".to_owned()
}

fn irt() -> String {
    "IRT".to_owned()
}

/// The hash Robokassa's cabinet is set to.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SignatureAlgorithm {
    /// MD5 (Robokassa's default).
    #[default]
    Md5,
    /// SHA-256.
    Sha256,
}

/// `[payments.robokassa]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RobokassaConfig {
    /// Offer Robokassa.
    #[serde(default)]
    pub enabled: bool,
    /// The shop's `MerchantLogin`.
    pub merchant_login: String,
    /// Password #1 (signs the pay link).
    pub password1: String,
    /// Password #2 (signs ResultURL).
    pub password2: String,
    /// The hash set in the cabinet.
    #[serde(default)]
    pub algorithm: SignatureAlgorithm,
    /// Send `IsTest=1` (test passwords).
    #[serde(default)]
    pub test: bool,
    /// The currency Robokassa charges in (default RUB).
    #[serde(default = "rub")]
    pub currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
}

/// `[payments.freekassa]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FreeKassaConfig {
    /// Offer FreeKassa.
    #[serde(default)]
    pub enabled: bool,
    /// The shop id (`m`, `MERCHANT_ID`).
    pub merchant_id: String,
    /// Secret word 1 (signs the pay form).
    pub secret_word_1: String,
    /// Secret word 2 (signs notifications).
    pub secret_word_2: String,
    /// The currency FreeKassa charges in (default RUB).
    #[serde(default = "rub")]
    pub currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
    /// Addresses notifications may come from; empty accepts any (the signature still
    /// decides). Behind a proxy, the server must see the real client address.
    #[serde(default)]
    pub allowed_ips: Vec<std::net::IpAddr>,
}

fn rub() -> String {
    "RUB".to_owned()
}

/// YooKassa's published notification networks (`SecurityHelper.YOOKASSA_NETWORKS` of its SDK).
pub const YOOKASSA_NETWORKS: [&str; 10] = [
    "77.75.153.0/25",
    "77.75.156.11/32",
    "77.75.156.35/32",
    "77.75.154.128/25",
    "185.71.76.0/27",
    "185.71.77.0/27",
    "2a02:5180:0:1509::/64",
    "2a02:5180:0:2655::/64",
    "2a02:5180:0:1533::/64",
    "2a02:5180:0:2669::/64",
];

fn yookassa_networks() -> Vec<String> {
    YOOKASSA_NETWORKS.iter().map(|n| (*n).to_owned()).collect()
}

/// `[payments.yookassa]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct YooKassaConfig {
    /// Offer YooKassa.
    #[serde(default)]
    pub enabled: bool,
    /// The shop id (HTTP Basic user).
    pub shop_id: String,
    /// The secret key (HTTP Basic password).
    pub secret_key: String,
    /// Where the payer's browser goes back to after paying (e.g. `https://t.me/<bot>`).
    pub return_url: String,
    /// The currency YooKassa charges in (default RUB).
    #[serde(default = "rub")]
    pub currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
    /// Networks notifications may come from (CIDR); YooKassa's published list by default.
    /// An empty list turns the address check off (the re-fetch still decides). Behind a
    /// proxy, the server must see the real client address.
    #[serde(default = "yookassa_networks")]
    pub allowed_networks: Vec<String>,
    /// Another API host (a test fake); normally unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

fn do_not_convert() -> String {
    "DO_NOT_CONVERT".to_owned()
}

/// `[payments.coingate]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CoinGateConfig {
    /// Offer CoinGate.
    #[serde(default)]
    pub enabled: bool,
    /// The API token (`Authorization: Bearer …`).
    pub api_token: String,
    /// Our secret for the per-order callback token (`hex(HMAC-SHA256(secret, order_id))`).
    pub callback_secret: String,
    /// Use CoinGate's sandbox (`api-sandbox.coingate.com`, its own credentials).
    #[serde(default)]
    pub sandbox: bool,
    /// The currency orders are priced in (default USD).
    #[serde(default = "usd")]
    pub currency: String,
    /// What CoinGate settles in (`DO_NOT_CONVERT` keeps the coin).
    #[serde(default = "do_not_convert")]
    pub receive_currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
    /// Another API host (a test fake); normally unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

/// `[payments.cryptomus]`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CryptomusConfig {
    /// Offer Cryptomus.
    #[serde(default)]
    pub enabled: bool,
    /// The merchant UUID (`merchant` header).
    pub merchant: String,
    /// The payment API key (signs requests and webhooks).
    pub payment_key: String,
    /// The currency invoices are priced in (default USD).
    #[serde(default = "usd")]
    pub currency: String,
    /// The conversion rate from the shop's currency.
    #[serde(default)]
    pub rate: RateConfig,
    /// Addresses webhooks may come from (Cryptomus documents `91.227.144.54`); empty accepts
    /// any (the signature still decides).
    #[serde(default)]
    pub allowed_ips: Vec<std::net::IpAddr>,
    /// Another API host (a test fake); normally unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

macro_rules! redacted_debug {
    ($ty:ident, $($field:ident),*) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &self.$field))*
                    .finish_non_exhaustive()
            }
        }
    };
}
redacted_debug!(
    RobokassaConfig,
    enabled,
    merchant_login,
    algorithm,
    test,
    currency,
    rate
);
redacted_debug!(FreeKassaConfig, enabled, merchant_id, currency, rate, allowed_ips);
redacted_debug!(ZarinpalConfig, enabled, sandbox, currency, rate, api_url);
redacted_debug!(NowPaymentsConfig, enabled, currency, rate, api_url);
redacted_debug!(
    YooKassaConfig,
    enabled,
    return_url,
    currency,
    rate,
    allowed_networks,
    api_url
);
redacted_debug!(
    CoinGateConfig,
    enabled,
    sandbox,
    currency,
    receive_currency,
    rate,
    api_url
);
redacted_debug!(CryptomusConfig, enabled, currency, rate, allowed_ips, api_url);

/// Checks a required value.
pub(crate) fn required(provider: &'static str, key: &'static str, value: &str) -> Result<(), ConfigError> {
    if value.trim().is_empty() {
        return Err(ConfigError::Missing { provider, key });
    }
    Ok(())
}

/// An HTTP client for a provider's API with short timeouts.
pub(crate) fn client(provider: &'static str) -> Result<reqwest::Client, ConfigError> {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|e| ConfigError::Invalid {
            provider,
            key: "api_url",
            why: e.to_string(),
        })
}

/// `api_url` without a trailing slash, or `default`.
pub(crate) fn api_base(api_url: Option<&str>, default: &str) -> String {
    api_url.map_or_else(|| default.to_owned(), |u| u.trim_end_matches('/').to_owned())
}

/// Parses a currency code.
pub(crate) fn currency(provider: &'static str, code: &str) -> Result<Currency, ConfigError> {
    Currency::from_code(code).map_err(|e| ConfigError::Invalid {
        provider,
        key: "currency",
        why: e.to_string(),
    })
}
