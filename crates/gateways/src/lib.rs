//! Payment provider adapters behind [`payments::PaymentGateway`], one module per provider,
//! each verifying callbacks exactly as the provider documents
//! (`shared/reference/payments.md`), and a factory building the providers enabled in the
//! config.
//!
//! Provider secrets live in the config file (or `MOONVPN_PAYMENTS__…` variables), never in
//! the database, and are never logged.
#![forbid(unsafe_code)]

mod coingate;
mod config;
mod cryptomus;
mod form;
mod freekassa;
mod net;
mod nowpayments;
mod php_json;
mod robokassa;
mod sign;
mod yookassa;
mod zarinpal;

pub use coingate::{CoinGate, callback_token as coingate_callback_token};
pub use config::{
    CoinGateConfig, ConfigError, CryptomusConfig, FreeKassaConfig, NowPaymentsConfig, PaymentsConfig, RateConfig,
    RobokassaConfig, SignatureAlgorithm, StarsConfig, YOOKASSA_NETWORKS, YooKassaConfig, ZarinpalConfig,
};
pub use cryptomus::{Cryptomus, sign as cryptomus_sign};
pub use freekassa::FreeKassa;
pub use nowpayments::{NowPayments, signature as nowpayments_signature, sorted_json};
pub use robokassa::Robokassa;
pub use yookassa::{YooKassa, basic_auth as yookassa_basic_auth};
pub use zarinpal::{Verification, Zarinpal};

use std::sync::Arc;

use payments::{Gateways, PaymentGateway, Provider};

/// Builds every HTTP provider enabled in `config` and checks the Stars settings (Stars is
/// built by the app, on the Bot API client).
pub fn build(config: &PaymentsConfig) -> Result<Gateways, config::ConfigError> {
    let mut gateways = Gateways::new();
    if let Some(stars) = config.stars.as_ref().filter(|c| c.enabled) {
        stars.checked_rate()?;
    }
    if let Some(c) = config.zarinpal.as_ref().filter(|c| c.enabled) {
        let callback = config.callback_url(Provider::Zarinpal);
        gateways.insert(
            Provider::Zarinpal,
            Arc::new(Zarinpal::new(c.clone(), callback)?) as Arc<dyn PaymentGateway>,
        );
    }
    if let Some(c) = config.nowpayments.as_ref().filter(|c| c.enabled) {
        let callback = config.callback_url(Provider::NowPayments);
        gateways.insert(
            Provider::NowPayments,
            Arc::new(NowPayments::new(c.clone(), callback)?) as Arc<dyn PaymentGateway>,
        );
    }
    if let Some(c) = config.robokassa.as_ref().filter(|c| c.enabled) {
        gateways.insert(
            Provider::Robokassa,
            Arc::new(Robokassa::new(c.clone())?) as Arc<dyn PaymentGateway>,
        );
    }
    if let Some(c) = config.freekassa.as_ref().filter(|c| c.enabled) {
        gateways.insert(
            Provider::FreeKassa,
            Arc::new(FreeKassa::new(c.clone())?) as Arc<dyn PaymentGateway>,
        );
    }
    if let Some(c) = config.yookassa.as_ref().filter(|c| c.enabled) {
        gateways.insert(
            Provider::YooKassa,
            Arc::new(YooKassa::new(c.clone())?) as Arc<dyn PaymentGateway>,
        );
    }
    if let Some(c) = config.coingate.as_ref().filter(|c| c.enabled) {
        let callback = config.callback_url(Provider::CoinGate);
        gateways.insert(
            Provider::CoinGate,
            Arc::new(CoinGate::new(c.clone(), callback)?) as Arc<dyn PaymentGateway>,
        );
    }
    if let Some(c) = config.cryptomus.as_ref().filter(|c| c.enabled) {
        let callback = config.callback_url(Provider::Cryptomus);
        gateways.insert(
            Provider::Cryptomus,
            Arc::new(Cryptomus::new(c.clone(), callback)?) as Arc<dyn PaymentGateway>,
        );
    }
    Ok(gateways)
}
