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
                mask_database_url(url)
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

/// Query parameters whose value is a secret (`postgres://h/db?password=…`).
fn is_secret_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["password", "passwd", "pwd", "secret", "token", "key"]
        .iter()
        .any(|word| name.contains(word))
}

/// A database URL as it may be shown: the password in `scheme://user:password@host/…` and
/// the value of every secret-looking query parameter (`?password=…`, `sslpassword`, …) are
/// replaced with `***`. Works on text that is not a valid URL too (error messages).
pub fn mask_database_url(url: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (url, None),
    };
    let mut out = mask_userinfo(head);
    if let Some(query) = query {
        out.push('?');
        let masked: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if is_secret_param(name) => format!("{name}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        out.push_str(&masked.join("&"));
    }
    out
}

/// Masks the password of the authority part (everything before the first `/` after `://`;
/// the last `@` ends the user info, since a password may itself hold `@`).
fn mask_userinfo(head: &str) -> String {
    let Some((scheme, rest)) = head.split_once("://") else {
        return head.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return head.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => head.to_owned(),
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&mask_database_url(&self.0))
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({})", mask_database_url(&self.0))
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
    fn passwords_in_the_query_never_show() {
        let url =
            DatabaseUrl::parse("postgres://moon@db/moonvpn?sslmode=require&password=s3cret&sslpassword=k3y").unwrap();
        assert_eq!(
            url.to_string(),
            "postgres://moon@db/moonvpn?sslmode=require&password=***&sslpassword=***"
        );
        assert!(!format!("{url:?}").contains("s3cret"));
        let mixed = mask_database_url("mysql://root:p@ss@db/x?PASSWORD=s3cret");
        assert_eq!(mixed, "mysql://root:***@db/x?PASSWORD=***");
    }

    #[test]
    fn a_refused_url_is_quoted_masked() {
        let err = DatabaseUrl::parse("mongodb://moon:s3cret@db/x?password=s3cret").unwrap_err();
        assert!(!err.contains("s3cret"), "{err}");
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
