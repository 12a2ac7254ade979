//! `moonvpn init`: writes a new configuration file (bot token, superadmins, currency,
//! language and a fresh secret key), readable by its owner only, and never over an existing
//! one. Values come from flags; on a terminal, what the flags did not give is asked for.

mod answers;
mod file;
mod prompt;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

pub use answers::Answers;

use super::{EXIT_CONFIG, EXIT_FAILURE};

/// `moonvpn init [--token T] [--superadmin ID]… [--currency C] [--language L]`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Bot token from @BotFather (or set MOONVPN_TELEGRAM__TOKEN, which keeps it out of the
    /// shell history)
    #[arg(long, env = "MOONVPN_TELEGRAM__TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Telegram user id of a superadmin; repeat it or separate ids with commas
    #[arg(
        long = "superadmin",
        value_name = "ID",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub superadmins: Vec<i64>,
    /// Currency the shop keeps its books in [default: IRT]
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Bot language for users who have not picked one: en, fa or ru [default: fa for IRT and
    /// IRR, else en]
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// Database URL [default: sqlite://moonvpn.db?mode=rwc, a file in the working directory]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Never ask: fail when --token or --superadmin is missing, even on a terminal
    #[arg(long)]
    pub no_input: bool,
}

impl InitArgs {
    fn answers(&self) -> Answers {
        Answers {
            token: self.token.clone().filter(|t| !t.trim().is_empty()),
            superadmins: self.superadmins.clone(),
            currency: self.currency.clone(),
            language: self.language.clone(),
            database_url: self.database_url.clone(),
        }
    }
}

/// Runs `moonvpn init`, writing to `path`; prints what it wrote and what to do next.
pub fn main(args: &InitArgs, path: &Path) -> ExitCode {
    match init(args, path) {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err((code, message)) => {
            eprintln!("error: {message}");
            ExitCode::from(code)
        }
    }
}

fn init(args: &InitArgs, path: &Path) -> Result<String, (u8, String)> {
    if path.exists() {
        return Err((EXIT_CONFIG, refusal(path)));
    }
    let secret_key = file::new_secret_key().map_err(|e| {
        (
            EXIT_FAILURE,
            format!("cannot make a secret key from the system's randomness: {e}"),
        )
    })?;
    let mut answers = args.answers();
    let interactive = !args.no_input && std::io::stdin().is_terminal();
    if interactive {
        answers.check(&secret_key).map_err(|e| (EXIT_CONFIG, e.to_string()))?;
        let mut stdin = std::io::stdin().lock();
        let mut stdout = std::io::stdout().lock();
        prompt::ask_missing(&mut answers, &secret_key, &mut stdin, &mut stdout)
            .map_err(|e| (EXIT_CONFIG, e.to_string()))?;
    } else if let Some(flag) = answers.missing() {
        return Err((
            EXIT_CONFIG,
            format!("{flag} is missing (give it, or run `moonvpn init` on a terminal to be asked)"),
        ));
    }
    let config = answers.check(&secret_key).map_err(|e| (EXIT_CONFIG, e.to_string()))?;
    let text = file::render(&answers, &config, &secret_key);
    file::write_new(path, &text).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => (EXIT_CONFIG, refusal(path)),
        _ => (EXIT_FAILURE, format!("cannot write {}: {e}", path.display())),
    })?;
    Ok(summary(path, &config))
}

fn refusal(path: &Path) -> String {
    format!(
        "{} exists already; init never overwrites it, because it holds the secret key that \
         decrypts the panel passwords in the database. Edit it instead, or move it away to start over",
        path.display()
    )
}

fn summary(path: &Path, config: &crate::config::Config) -> String {
    let admins = config.superadmins().len();
    format!(
        "wrote {path} (readable by you only): bot {bot}, {admins} superadmin{s}, currency {currency}, \
         language {language}, database {database}, and a new secret key\n\
         Keep a copy of {path} with your backups: without its secret key the panel passwords in \
         the database cannot be read.\n\
         Next: moonvpn{config_flag} run\n",
        path = path.display(),
        bot = config.telegram().bot_id(),
        s = if admins == 1 { "" } else { "s" },
        currency = config.currency().code(),
        language = config.default_language().code(),
        database = config.database_url(),
        config_flag = if path == Path::new(crate::config::DEFAULT_FILE) {
            String::new()
        } else {
            format!(" --config {}", path.display())
        },
    )
}
