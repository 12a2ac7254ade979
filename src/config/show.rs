//! Prints a [`Config`] for `moonvpn config check`: TOML-shaped, secrets masked.

use std::fmt;

use super::typed::Config;

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let telegram = self.telegram();
        let admins: Vec<String> = self.superadmins().iter().map(ToString::to_string).collect();
        writeln!(f, "currency = {:?}", self.currency().code())?;
        writeln!(f, "default_language = {:?}", self.default_language().code())?;
        writeln!(f)?;
        writeln!(f, "[telegram]")?;
        writeln!(f, "token = \"{}:***\"", telegram.bot_id())?;
        writeln!(f, "api_url = {:?}", telegram.api_url())?;
        writeln!(f, "mode = {:?}", telegram.mode().as_str())?;
        if let Some(webhook) = telegram.webhook() {
            writeln!(f, "webhook_url = {:?}", webhook.public_url())?;
            writeln!(f, "webhook_secret = \"***\"")?;
        }
        writeln!(f)?;
        writeln!(f, "[database]")?;
        writeln!(f, "url = \"{}\"", self.database_url())?;
        writeln!(f)?;
        writeln!(f, "[admins]")?;
        writeln!(f, "superadmins = [{}]", admins.join(", "))?;
        if let Some(channel) = self.alert_channel() {
            writeln!(f, "alert_channel = {channel}")?;
        }
        writeln!(f)?;
        writeln!(f, "[http]")?;
        writeln!(f, "listen = \"{}\"", self.http_listen())?;
        match self.metrics_token() {
            Some(_) => writeln!(f, "metrics_token = \"***\"")?,
            None => writeln!(f, "# metrics_token is not set: /metrics and /healthz?detail are open")?,
        }
        writeln!(f)?;
        writeln!(f, "[security]")?;
        writeln!(f, "secret_key = \"***\"")?;
        writeln!(f)?;
        writeln!(f, "[shop]")?;
        writeln!(f, "name = {:?}", self.shop_name().as_str())?;
        writeln!(f, "utc_offset = {:?}", super::shop::offset_text(self.utc_offset()))?;
        writeln!(f)?;
        writeln!(f, "[support]")?;
        match self.support_contact() {
            Some(contact) => writeln!(f, "contact = {:?}", contact.as_str())?,
            None => writeln!(f, "# contact is not set")?,
        }
        writeln!(f)?;
        writeln!(f, "[receipts]")?;
        writeln!(f, "ttl_minutes = {}", self.receipt_ttl().as_secs() / 60)?;
        let receipts = self.receipts();
        let units = |m: kernel::Money| m.minor() / 10_i64.pow(u32::from(self.currency().exponent()));
        writeln!(f, "min_amount = {}", units(receipts.min_amount))?;
        writeln!(f, "max_amount = {}", units(receipts.max_amount))?;
        let presets: Vec<String> = receipts.presets.iter().map(|m| units(*m).to_string()).collect();
        writeln!(f, "presets = [{}]", presets.join(", "))?;
        match receipts.audit_channel {
            Some(channel) => write!(f, "audit_channel = {channel}")?,
            None => write!(
                f,
                "# audit_channel is not set: receipts go to their card's channel only"
            )?,
        }
        writeln!(f)?;
        writeln!(f)?;
        writeln!(f, "[jobs]")?;
        writeln!(f, "reconcile_hours = {}", self.reconcile_interval().as_secs() / 3600)?;
        writeln!(f, "backup_to_telegram = {}", self.backup_interval().is_some())?;
        match self.backup_interval() {
            Some(every) => write!(f, "backup_hours = {}", every.as_secs() / 3600)?,
            None => write!(f, "# no backups are sent to the superadmins")?,
        }
        show_payments(f, self.payments())
    }
}

/// `[payments]`: every configured provider with its secrets masked and the callback URL to
/// give it.
fn show_payments(f: &mut fmt::Formatter<'_>, p: &gateways::PaymentsConfig) -> fmt::Result {
    use payments::Provider;
    writeln!(f)?;
    writeln!(f)?;
    writeln!(f, "[payments]")?;
    match &p.public_url {
        Some(url) => writeln!(f, "public_url = {url:?}")?,
        None => writeln!(
            f,
            "# public_url is not set: callbacks are /pay/<provider>/callback on http.listen"
        )?,
    }
    let callback = |f: &mut fmt::Formatter<'_>, provider: Provider| match p.callback_url(provider) {
        Some(url) => writeln!(f, "# callback URL to give the provider: {url}"),
        None => writeln!(
            f,
            "# callback path to give the provider: {}",
            gateways::PaymentsConfig::callback_path(provider)
        ),
    };
    if let Some(s) = &p.stars {
        writeln!(f)?;
        writeln!(f, "[payments.stars]")?;
        writeln!(f, "enabled = {}", s.enabled)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", s.rate.shop, s.rate.provider)?;
        writeln!(f, "# paid inside Telegram: no callback URL")?;
    }
    if let Some(z) = &p.zarinpal {
        writeln!(f)?;
        writeln!(f, "[payments.zarinpal]")?;
        writeln!(f, "enabled = {}", z.enabled)?;
        writeln!(f, "merchant_id = \"***\"")?;
        writeln!(f, "sandbox = {}", z.sandbox)?;
        writeln!(f, "currency = {:?}", z.currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", z.rate.shop, z.rate.provider)?;
        if let Some(api) = &z.api_url {
            writeln!(f, "api_url = {api:?}")?;
        }
        writeln!(
            f,
            "# the payer's browser returns to this URL; MoonVPN then verifies with Zarinpal"
        )?;
        callback(f, Provider::Zarinpal)?;
    }
    if let Some(n) = &p.nowpayments {
        writeln!(f)?;
        writeln!(f, "[payments.nowpayments]")?;
        writeln!(f, "enabled = {}", n.enabled)?;
        writeln!(f, "api_key = \"***\"")?;
        writeln!(f, "ipn_secret = \"***\"")?;
        writeln!(f, "currency = {:?}", n.currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", n.rate.shop, n.rate.provider)?;
        if let Some(api) = &n.api_url {
            writeln!(f, "api_url = {api:?}")?;
        }
        callback(f, Provider::NowPayments)?;
    }
    if let Some(r) = &p.robokassa {
        writeln!(f)?;
        writeln!(f, "[payments.robokassa]")?;
        writeln!(f, "enabled = {}", r.enabled)?;
        writeln!(f, "merchant_login = {:?}", r.merchant_login)?;
        writeln!(f, "password1 = \"***\"")?;
        writeln!(f, "password2 = \"***\"")?;
        writeln!(f, "algorithm = {:?}", format!("{:?}", r.algorithm).to_ascii_lowercase())?;
        writeln!(f, "test = {}", r.test)?;
        writeln!(f, "currency = {:?}", r.currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", r.rate.shop, r.rate.provider)?;
        callback(f, Provider::Robokassa)?;
    }
    if let Some(k) = &p.freekassa {
        writeln!(f)?;
        writeln!(f, "[payments.freekassa]")?;
        writeln!(f, "enabled = {}", k.enabled)?;
        writeln!(f, "merchant_id = {:?}", k.merchant_id)?;
        writeln!(f, "secret_word_1 = \"***\"")?;
        writeln!(f, "secret_word_2 = \"***\"")?;
        writeln!(f, "currency = {:?}", k.currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", k.rate.shop, k.rate.provider)?;
        let ips: Vec<String> = k.allowed_ips.iter().map(|ip| format!("{:?}", ip.to_string())).collect();
        writeln!(f, "allowed_ips = [{}]", ips.join(", "))?;
        callback(f, Provider::FreeKassa)?;
    }
    if let Some(y) = &p.yookassa {
        writeln!(f)?;
        writeln!(f, "[payments.yookassa]")?;
        writeln!(f, "enabled = {}", y.enabled)?;
        writeln!(f, "shop_id = {:?}", y.shop_id)?;
        writeln!(f, "secret_key = \"***\"")?;
        writeln!(f, "return_url = {:?}", y.return_url)?;
        writeln!(f, "currency = {:?}", y.currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", y.rate.shop, y.rate.provider)?;
        let nets: Vec<String> = y.allowed_networks.iter().map(|n| format!("{n:?}")).collect();
        writeln!(f, "allowed_networks = [{}]", nets.join(", "))?;
        if let Some(api) = &y.api_url {
            writeln!(f, "api_url = {api:?}")?;
        }
        callback(f, Provider::YooKassa)?;
    }
    if let Some(c) = &p.coingate {
        writeln!(f)?;
        writeln!(f, "[payments.coingate]")?;
        writeln!(f, "enabled = {}", c.enabled)?;
        writeln!(f, "api_token = \"***\"")?;
        writeln!(f, "callback_secret = \"***\"")?;
        writeln!(f, "sandbox = {}", c.sandbox)?;
        writeln!(f, "currency = {:?}", c.currency)?;
        writeln!(f, "receive_currency = {:?}", c.receive_currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", c.rate.shop, c.rate.provider)?;
        if let Some(api) = &c.api_url {
            writeln!(f, "api_url = {api:?}")?;
        }
        callback(f, Provider::CoinGate)?;
    }
    if let Some(c) = &p.cryptomus {
        writeln!(f)?;
        writeln!(f, "[payments.cryptomus]")?;
        writeln!(f, "enabled = {}", c.enabled)?;
        writeln!(f, "merchant = {:?}", c.merchant)?;
        writeln!(f, "payment_key = \"***\"")?;
        writeln!(f, "currency = {:?}", c.currency)?;
        writeln!(f, "rate = {{ shop = {}, provider = {} }}", c.rate.shop, c.rate.provider)?;
        let ips: Vec<String> = c.allowed_ips.iter().map(|ip| format!("{:?}", ip.to_string())).collect();
        writeln!(f, "allowed_ips = [{}]", ips.join(", "))?;
        if let Some(api) = &c.api_url {
            writeln!(f, "api_url = {api:?}")?;
        }
        callback(f, Provider::Cryptomus)?;
    }
    Ok(())
}
