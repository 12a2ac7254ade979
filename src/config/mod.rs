//! Configuration: serde defaults, then `moonvpn.toml`, then `MOONVPN_*` environment variables
//! (`__` between levels), checked into a typed [`Config`].
//!
//! Every failure is a [`ConfigError`] whose `Display` is one line naming the key.

mod bot;
mod database_url;
mod error;
mod jobs;
mod limits;
mod raw;
mod receipts;
mod security;
mod shop;
mod show;
mod typed;

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};

pub use bot::{TelegramConfig, TelegramMode, WebhookConfig};
pub use database_url::{DatabaseUrl, mask_database_url};
pub use error::{ConfigError, env_name};
pub use members::Language;
pub use raw::{OneOrMany, RawConfig};
pub use receipts::ReceiptSettings;
pub use security::MIN_SECRET_KEY_CHARS;
pub use shop::default_language_for;
pub use typed::Config;

/// The file read when neither `--config` nor `MOONVPN_CONFIG` names one.
pub const DEFAULT_FILE: &str = "moonvpn.toml";

/// Which configuration file to read and whether it must exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    path: PathBuf,
    required: bool,
}

impl ConfigFile {
    /// Picks the file: `explicit` (from `--config`), else `MOONVPN_CONFIG`, else
    /// `moonvpn.toml` in the working directory. Only the default may be absent.
    pub fn resolve(explicit: Option<&Path>) -> Self {
        if let Some(path) = explicit {
            return Self::required(path);
        }
        match Env::var("MOONVPN_CONFIG").filter(|p| !p.is_empty()) {
            Some(path) => Self::required(Path::new(&path)),
            None => Self {
                path: PathBuf::from(DEFAULT_FILE),
                required: false,
            },
        }
    }

    fn required(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            required: true,
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file exists on disk right now.
    pub fn exists(&self) -> bool {
        self.path.is_file()
    }

    /// Loads and checks the configuration from this file and the environment.
    pub fn load(&self) -> Result<Config, ConfigError> {
        if self.required && !self.exists() {
            return Err(ConfigError::FileNotFound {
                path: self.path.clone(),
            });
        }
        let raw: RawConfig = figment(&self.path).extract()?;
        Config::try_from(raw)
    }
}

/// Loads the configuration the way the binary does (see [`ConfigFile::resolve`]).
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    ConfigFile::resolve(explicit).load()
}

/// The layered sources: defaults come from serde, then the file, then the environment.
/// Values of string keys are taken from the environment verbatim so that numeric-looking
/// tokens, keys and phone numbers stay strings (figment parses `0012` as 12 otherwise).
fn figment(path: &Path) -> Figment {
    let env = moonvpn_env();
    let mut figment = Figment::new();
    // `file_exact`: a relative path means the working directory, never a parent directory.
    if path.is_file() {
        figment = figment.merge(Toml::file_exact(path));
    }
    figment = figment.merge(env.clone());
    for (key, value) in env.iter() {
        if raw::STRING_KEYS.contains(&key.as_str()) {
            figment = figment.merge(Serialized::default(key.as_str(), value));
        }
    }
    figment
}

/// `MOONVPN_*` variables except `MOONVPN_CONFIG` (the file path) and `MOONVPN_TEST_*`
/// (test-suite switches), nested on `__`.
fn moonvpn_env() -> Env {
    Env::prefixed("MOONVPN_")
        .filter(|key| key != "CONFIG" && !key.starts_with("TEST_"))
        .split("__")
}
