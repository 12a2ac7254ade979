//! Turning what an admin typed into domain values, refusing bad input with one clear line.

use std::io::BufRead;

use inventory::{ApiGeneration, DisplayName, LocationPrefix, NewLocation, PanelPlacement, PanelUrl, PlacementService};
use kernel::Secret;

use super::CliError;

/// Where a secret comes from: the command line, an environment variable, or stdin.
#[derive(Debug, Clone, Default, clap::Args)]
#[group(multiple = false)]
pub struct PasswordArgs {
    /// Login password (ends up in shell history; prefer --password-env or --password-stdin)
    #[arg(long)]
    pub password: Option<String>,
    /// Read the login password from this environment variable
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Read the login password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

impl PasswordArgs {
    /// The password given, if any.
    pub fn read(&self) -> Result<Option<Secret>, CliError> {
        if let Some(p) = &self.password {
            return Ok(Some(Secret::new(p.clone())));
        }
        if let Some(var) = &self.password_env {
            return from_env(var, "--password-env").map(Some);
        }
        if self.password_stdin {
            return stdin_line("--password-stdin", "password").map(Some);
        }
        Ok(None)
    }
}

/// Where an API token comes from.
#[derive(Debug, Clone, Default, clap::Args)]
#[group(multiple = false)]
pub struct TokenArgs {
    /// API token (3x-ui 3.0 and later), used instead of a cookie login
    #[arg(long)]
    pub api_token: Option<String>,
    /// Read the API token from this environment variable
    #[arg(long, value_name = "VAR")]
    pub api_token_env: Option<String>,
}

impl TokenArgs {
    /// The token given, if any.
    pub fn read(&self) -> Result<Option<Secret>, CliError> {
        match (&self.api_token, &self.api_token_env) {
            (Some(t), _) if t.trim().is_empty() => Err(CliError::input("--api-token is empty")),
            (Some(t), _) => Ok(Some(Secret::new(t.trim()))),
            (None, Some(var)) => from_env(var, "--api-token-env").map(Some),
            (None, None) => Ok(None),
        }
    }
}

fn from_env(var: &str, flag: &str) -> Result<Secret, CliError> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(Secret::new(value)),
        Ok(_) => Err(CliError::input(format!("{flag}: environment variable {var} is empty"))),
        Err(_) => Err(CliError::input(format!(
            "{flag}: environment variable {var} is not set"
        ))),
    }
}

/// Where a panel's two-factor (TOTP) secret comes from. Never a plain flag: it would end up in
/// shell history.
#[derive(Debug, Clone, Default, clap::Args)]
#[group(multiple = false)]
pub struct TwoFactorArgs {
    /// Read the panel's two-factor (TOTP) secret, the base32 text shown when 2FA was turned on, from this environment variable
    #[arg(long, value_name = "VAR")]
    pub two_factor_secret_env: Option<String>,
    /// Read the two-factor secret from standard input (the line after the password when --password-stdin is given too)
    #[arg(long)]
    pub two_factor_secret_stdin: bool,
}

impl TwoFactorArgs {
    /// The secret given, if any, checked to be base32 and written without spaces or dashes in
    /// upper case.
    pub fn read(&self) -> Result<Option<Secret>, CliError> {
        let raw = if let Some(var) = &self.two_factor_secret_env {
            from_env(var, "--two-factor-secret-env")?
        } else if self.two_factor_secret_stdin {
            stdin_line("--two-factor-secret-stdin", "two-factor secret")?
        } else {
            return Ok(None);
        };
        let cleaned: String = raw
            .expose()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .trim_end_matches('=')
            .to_ascii_uppercase();
        let secret = Secret::new(cleaned);
        if panel_xui::TwoFactor::Totp(secret.clone()).code_at(0).is_none() {
            return Err(CliError::input(
                "the two-factor secret is not base32 (letters A-Z and digits 2-7, as the panel shows it)",
            ));
        }
        Ok(Some(secret))
    }
}

/// The next line of standard input, which must not be empty.
fn stdin_line(flag: &str, what: &str) -> Result<Secret, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::input(format!("cannot read the {what} from stdin: {e}")))?;
    let line = line.trim_end_matches(['\r', '\n']);
    if line.is_empty() {
        return Err(CliError::input(format!("{flag}: standard input had no {what}")));
    }
    Ok(Secret::new(line))
}

/// `on` or `off` (any case) of `panel inbound-sale`: whether the inbound is sold onto.
pub fn on_off(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{raw:?} is neither on nor off")),
    }
}

/// A 3x-ui API generation for `--generation`: `a`, `b`, `c` or `d`.
pub fn generation(raw: &str) -> Result<ApiGeneration, String> {
    ApiGeneration::parse(raw).ok_or_else(|| {
        format!("{raw:?} is not a 3x-ui API generation; use a (2.0-2.8.3), b (2.8.4-2.9), c (3.0) or d (3.1+)")
    })
}

/// `--generation` of `panel edit`: a generation, or `auto` to detect again.
pub fn generation_or_auto(raw: &str) -> Result<Option<ApiGeneration>, String> {
    if raw.trim().eq_ignore_ascii_case("auto") {
        Ok(None)
    } else {
        generation(raw).map(Some).map_err(|e| format!("{e}, or auto"))
    }
}

/// A panel URL, or exit 2 with what is wrong with it.
pub fn url(raw: &str) -> Result<PanelUrl, CliError> {
    PanelUrl::new(raw).map_err(|e| CliError::input(e.to_string()))
}

/// A display name, or exit 2.
pub fn name(raw: &str, flag: &str) -> Result<DisplayName, CliError> {
    DisplayName::new(raw).map_err(|e| CliError::input(format!("{flag}: {e}")))
}

/// A login name: not empty, no spaces at the ends.
pub fn username(raw: &str) -> Result<String, CliError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(CliError::input("--username is empty"));
    }
    Ok(name.to_owned())
}

/// Where `panel add` puts the panel: the location named `name` (any case), or a new one with
/// `prefix`, created by the use case only once the panel accepted the login.
pub async fn placement(
    placement: &PlacementService,
    name: &str,
    prefix: Option<&str>,
) -> Result<PanelPlacement, CliError> {
    let wanted = self::name(name, "--location")?;
    if let Some(found) = placement
        .location_named(wanted.as_str())
        .await
        .map_err(CliError::failed)?
    {
        return Ok(PanelPlacement::Existing(found.id));
    }
    let Some(prefix) = prefix else {
        return Err(CliError::input(format!(
            "location {:?} does not exist; add --prefix (2 to 5 letters, like FR) to create it",
            wanted.as_str()
        )));
    };
    let prefix = LocationPrefix::new(prefix).map_err(|e| CliError::input(format!("--prefix: {e}")))?;
    Ok(PanelPlacement::New(NewLocation { name: wanted, prefix }))
}
