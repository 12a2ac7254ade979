//! The configuration file `moonvpn init` writes: its text, a fresh secret key, and writing it
//! readable by its owner only, never over an existing file.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use rand::TryRngCore;
use rand::rngs::OsRng;

use super::answers::Answers;
use crate::config::Config;

/// Bytes of randomness in a new secret key (written as twice as many hex digits).
const KEY_BYTES: usize = 32;

/// A new secret key: 32 random bytes from the operating system, as 64 hex digits.
pub fn new_secret_key() -> std::io::Result<String> {
    let mut bytes = [0u8; KEY_BYTES];
    OsRng.try_fill_bytes(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.iter().fold(String::with_capacity(KEY_BYTES * 2), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    }))
}

/// The file's text: the checked values (as `config` normalised them) and the key.
pub fn render(answers: &Answers, config: &Config, secret_key: &str) -> String {
    let ids = config
        .superadmins()
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = String::new();
    text.push_str(
        "# MoonVPN configuration, written by `moonvpn init`. Every key is described in\n\
         # docs/configuration.md; MOONVPN_* environment variables override what is here.\n\
         # This file holds the bot token and the secret key: keep it private (mode 0600) and\n\
         # keep a copy of it with your backups.\n\n",
    );
    let _ = writeln!(text, "currency = {}", quoted(config.currency().code()));
    let _ = writeln!(text, "default_language = {}", quoted(config.default_language().code()));
    let _ = writeln!(
        text,
        "\n[telegram]\ntoken = {}",
        quoted(config.telegram().token().expose())
    );
    let _ = writeln!(text, "\n[admins]\nsuperadmins = [{ids}]");
    text.push_str(
        "\n[security]\n\
         # Encrypts panel passwords in the database. Never change or lose it: a database\n\
         # restored with another key cannot read its panel passwords.\n",
    );
    let _ = writeln!(text, "secret_key = {}", quoted(secret_key));
    if let Some(url) = &answers.database_url {
        let _ = writeln!(text, "\n[database]\nurl = {}", quoted(url.trim()));
    }
    text
}

/// A TOML basic string.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Creates `path` with `text`, readable and writable by its owner only (on Unix). Fails
/// with [`std::io::ErrorKind::AlreadyExists`] when the file exists, leaving it untouched.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(text.as_bytes()).and_then(|()| file.sync_all());
    if written.is_err() {
        // Never leave half a configuration behind.
        drop(file);
        let _ = std::fs::remove_file(path);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_64_hex_digits_and_differ() {
        let (a, b) = (new_secret_key().unwrap(), new_secret_key().unwrap());
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn strings_are_escaped_as_toml_basic_strings() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("moonvpn.toml");
        write_new(&path, "first").unwrap();
        let again = write_new(&path, "second").unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
    }
}
