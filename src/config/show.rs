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
        writeln!(f, "[support]")?;
        match self.support_contact() {
            Some(contact) => writeln!(f, "contact = {contact:?}")?,
            None => writeln!(f, "# contact is not set")?,
        }
        writeln!(f)?;
        writeln!(f, "[receipts]")?;
        write!(f, "ttl_minutes = {}", self.receipt_ttl().as_secs() / 60)
    }
}
