//! `moonvpn secrets rotate --new-key-file PATH [--old-key-file PATH]`: re-encrypts every
//! secret in the database (panel credentials, card numbers) from the old
//! `security.secret_key` to a new one, in one transaction. Keys are read from files, never
//! from the command line (where `ps` would show them). If any value does not open with the
//! old key, nothing changes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kernel::Secret;
use store::{Cipher, Store, rotate_secrets};

use crate::config::{Config, MIN_SECRET_KEY_CHARS};

/// `moonvpn secrets …`
#[derive(Debug, Subcommand)]
pub enum SecretsCommand {
    /// Re-encrypt every stored secret with a new security.secret_key
    Rotate(RotateArgs),
}

/// `moonvpn secrets rotate` options.
#[derive(Debug, Args)]
pub struct RotateArgs {
    /// File holding the new key (at least 32 characters; surrounding whitespace is ignored)
    #[arg(long, value_name = "PATH")]
    pub new_key_file: PathBuf,
    /// File holding the old key [default: security.secret_key from the configuration]
    #[arg(long, value_name = "PATH")]
    pub old_key_file: Option<PathBuf>,
}

/// Runs a `secrets` command and returns the exit code.
pub fn main(command: SecretsCommand, config: &Config) -> ExitCode {
    let SecretsCommand::Rotate(args) = command;
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(super::EXIT_FAILURE);
        }
    };
    match runtime.block_on(rotate(&args, config)) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err((code, message)) => {
            eprintln!("error: {message}");
            ExitCode::from(code)
        }
    }
}

async fn rotate(args: &RotateArgs, config: &Config) -> Result<String, (u8, String)> {
    let bad_input = |m: String| (super::EXIT_CONFIG, m);
    let new = read_key(&args.new_key_file, "--new-key-file").map_err(bad_input)?;
    let old = match &args.old_key_file {
        Some(path) => read_key(path, "--old-key-file").map_err(bad_input)?,
        None => config.secret_key().clone(),
    };
    let failed = |m: String| (super::EXIT_FAILURE, m);
    let store = Store::connect(config.database_url().expose(), &old)
        .await
        .map_err(|e| failed(format!("cannot open the database {}: {e}", config.database_url())))?;
    let result = rotate_secrets(store.db(), &Cipher::new(&old), &Cipher::new(&new)).await;
    store.close().await.ok();
    let report = result.map_err(|e| failed(format!("{e}; nothing was changed (is the old key right?)")))?;
    Ok(format!(
        "re-encrypted the secrets of {} panel(s) and {} bank card(s) ({} value(s) upgraded from the old format)\n\
         now set security.secret_key to the new key and restart every instance",
        report.panels, report.cards, report.upgraded
    ))
}

fn read_key(path: &Path, flag: &str) -> Result<Secret, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{flag} {}: {e}", path.display()))?;
    let key = text.trim();
    let chars = key.chars().count();
    if chars < MIN_SECRET_KEY_CHARS {
        return Err(format!(
            "{flag} {}: the key has {chars} characters, at least {MIN_SECRET_KEY_CHARS} are needed",
            path.display()
        ));
    }
    Ok(Secret::new(key))
}
