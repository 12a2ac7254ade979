//! A database server on this machine is reached without TLS unless the URL asks for it.
//!
//! sqlx's default for PostgreSQL (`sslmode=prefer`) and MySQL (`ssl-mode=PREFERRED`) is to
//! encrypt whenever the server offers it, and Debian's PostgreSQL offers it out of the box.
//! On a loopback address or a Unix socket that protects nothing (the traffic never leaves the
//! machine) and costs both processes CPU on every query: measured on the bot under load, about
//! a third of its CPU and half of the database's (docs/benchmarks.md, issue #14). A URL that
//! names a mode (`sslmode=require`, `ssl-mode=VERIFY_IDENTITY`, `PGSSLMODE`) keeps it.

/// Whether `host` (as the driver parsed it from the URL) is this machine: a loopback address,
/// `localhost`, or a Unix socket directory.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.starts_with('/')
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether the URL's query names a TLS mode itself (`sslmode` for PostgreSQL, `ssl-mode` or
/// `sslmode` for MySQL), in which case it is left as asked.
pub(crate) fn names_tls_mode(url: &str) -> bool {
    url.split_once('?').is_some_and(|(_, query)| {
        query.split('&').any(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            name.eq_ignore_ascii_case("sslmode") || name.eq_ignore_ascii_case("ssl-mode")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_machine_is_loopback_addresses_localhost_and_sockets() {
        for host in [
            "127.0.0.1",
            "127.0.0.53",
            "localhost",
            "LOCALHOST",
            "::1",
            "[::1]",
            "/var/run/postgresql",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["db", "10.0.0.5", "db.example.com", "2001:db8::1", ""] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn a_tls_mode_in_the_url_is_seen_under_either_spelling() {
        assert!(names_tls_mode("postgres://moon@127.0.0.1/moonvpn?sslmode=require"));
        assert!(names_tls_mode(
            "postgres://127.0.0.1/m?application_name=x&SSLMODE=prefer"
        ));
        assert!(names_tls_mode("mysql://root@localhost/test?ssl-mode=REQUIRED"));
        assert!(!names_tls_mode("postgres://moon@127.0.0.1/moonvpn"));
        assert!(!names_tls_mode("postgres://moon@127.0.0.1/moonvpn?sslrootcert=/ca.pem"));
    }
}
