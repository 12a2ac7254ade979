//! What the shop commands (`plan`, `user`, `location`) share: opening the services, printing
//! a result or one error line, formatting money, and who the CLI acts as.

use std::future::Future;
use std::process::ExitCode;

use kernel::{Currency, Money, TelegramId, UserId};
use members::{MemberError, TelegramProfile};
use serde::Serialize;

use super::panel::CliError;
use crate::config::Config;
use crate::wiring::{self, Services};

/// What a command printed, and the failure to report after it, if any (a sync that finished
/// for some panels and not others prints its report, then fails).
pub struct Output {
    /// Printed on stdout.
    pub text: String,
    /// Printed on stderr as one `error:` line after the text; makes the exit code 1.
    pub failure: Option<String>,
}

impl Output {
    /// Text and success.
    pub fn ok(text: String) -> Self {
        Self { text, failure: None }
    }
}

impl From<String> for Output {
    fn from(text: String) -> Self {
        Self::ok(text)
    }
}

/// Opens the services, runs `command`, prints its output (stdout) and any error (one line on
/// stderr) and returns the exit code: 0, 1 for a failed operation, 2 for bad input.
pub fn run<F, Fut, T>(config: &Config, command: F) -> ExitCode
where
    F: FnOnce(Services) -> Fut,
    Fut: Future<Output = Result<T, CliError>>,
    T: Into<Output>,
{
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(crate::cli::EXIT_FAILURE);
        }
    };
    let result = runtime.block_on(async {
        let services = wiring::open(config).await.map_err(CliError::failed)?;
        let store = services.store.clone();
        let output = command(services).await;
        store.close().await.ok();
        output
    });
    match result.map(Into::into) {
        Ok(Output { text, failure }) => {
            print!("{text}");
            match failure {
                None => ExitCode::SUCCESS,
                Some(why) => {
                    eprintln!("error: {why}");
                    ExitCode::from(crate::cli::EXIT_FAILURE)
                }
            }
        }
        Err(e) => {
            eprintln!("error: {}", e.message());
            ExitCode::from(e.code())
        }
    }
}

/// A JSON document and a newline.
pub fn to_json<T: Serialize>(doc: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(doc)
        .map(|text| text + "\n")
        .map_err(CliError::failed)
}

/// An amount typed on the command line, in the shop's currency; exit 2 when it is not one.
pub fn money(raw: &str, flag: &str, currency: Currency) -> Result<Money, CliError> {
    Money::parse(raw, currency).map_err(|e| CliError::input(format!("{flag}: {e}")))
}

/// `150000 IRT`, `12.50 USD`: minor units shown with the currency's decimals.
pub fn format_money(amount: Money, currency: Currency) -> String {
    format_minor(amount.minor(), currency)
}

/// Like [`format_money`] for a signed change (`-5000 IRT`).
pub fn format_minor(minor: i64, currency: Currency) -> String {
    let exponent = u32::from(currency.exponent());
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs} {}", currency.code());
    }
    let unit = 10u64.pow(exponent);
    format!(
        "{sign}{}.{:0width$} {}",
        abs / unit,
        abs % unit,
        currency.code(),
        width = exponent as usize
    )
}

/// The user the CLI acts as: the first configured superadmin. Registered on first use when
/// they never wrote to the bot (their name is filled in when they do). Commands that look a
/// user up call this first, so the superadmin can name themselves on a fresh database.
pub async fn acting_admin(config: &Config, services: &Services) -> Result<UserId, CliError> {
    let Some(admin) = config.superadmins().first().copied() else {
        return Err(CliError::input("admins.superadmins is empty"));
    };
    match services.members.find_by_telegram(admin).await {
        Ok(Some(user)) => Ok(user.id),
        Ok(None) => register_admin(services, admin).await,
        Err(e) => Err(CliError::failed(e)),
    }
}

async fn register_admin(services: &Services, admin: TelegramId) -> Result<UserId, CliError> {
    let profile = TelegramProfile::new(admin, None, "Superadmin", None);
    services
        .members
        .register(profile)
        .await
        .map(|r| r.user.id)
        .map_err(|e: MemberError| CliError::failed(format!("cannot register the superadmin {admin}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_with_the_currency_decimals() {
        let usd = Currency::from_code("USD").unwrap();
        let irt = Currency::from_code("IRT").unwrap();
        assert_eq!(format_minor(1250, usd), "12.50 USD");
        assert_eq!(format_minor(-5, usd), "-0.05 USD");
        assert_eq!(format_minor(150_000, irt), "150000 IRT");
        assert_eq!(format_minor(-5000, irt), "-5000 IRT");
    }
}
