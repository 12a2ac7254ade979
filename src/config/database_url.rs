//! The database connection URL.

/// A database URL for one of the supported backends (`sqlite:`, `postgres:`/`postgresql:`,
/// `mysql:`; MariaDB uses `mysql:`). It may hold a password, so `Display` masks it.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

/// URL schemes MoonVPN can connect to.
const SCHEMES: &[&str] = &["sqlite", "postgres", "postgresql", "mysql"];

impl DatabaseUrl {
    /// Checks that `url` names a supported backend.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        // The driver panics on a URL it cannot parse, so refuse those here.
        match url::Url::parse(url) {
            Ok(parsed) if SCHEMES.contains(&parsed.scheme()) => Ok(Self(url.to_owned())),
            _ => Err(format!(
                "{:?} is not a database URL; use sqlite://FILE?mode=rwc, postgres://… or mysql://…",
                masked(url)
            )),
        }
    }

    /// The URL itself, password included; only for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether this is the embedded SQLite backend.
    pub fn is_sqlite(&self) -> bool {
        self.0.starts_with("sqlite:")
    }
}

/// Replaces the password in `scheme://user:password@host/…` with `***`.
fn masked(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&masked(&self.0))
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({})", masked(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show_when_printed() {
        let url = DatabaseUrl::parse("postgres://moon:s3cret@db:5432/moonvpn").unwrap();
        assert_eq!(url.to_string(), "postgres://moon:***@db:5432/moonvpn");
        assert!(!format!("{url:?}").contains("s3cret"));
        assert_eq!(url.expose(), "postgres://moon:s3cret@db:5432/moonvpn");
    }

    #[test]
    fn urls_without_a_password_print_unchanged() {
        let url = DatabaseUrl::parse("sqlite://moonvpn.db?mode=rwc").unwrap();
        assert_eq!(url.to_string(), "sqlite://moonvpn.db?mode=rwc");
        assert!(url.is_sqlite());
    }

    #[test]
    fn unknown_backends_are_refused() {
        assert!(DatabaseUrl::parse("mongodb://x").is_err());
        assert!(DatabaseUrl::parse("moonvpn.db").is_err());
        assert!(DatabaseUrl::parse("postgres://db:port/x").is_err());
    }
}
