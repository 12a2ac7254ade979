//! [`PanelProblem`]: why a panel counts as down, by kind, so every reader (an admin screen, a
//! Persian alert chat, the log) can say it in their own words. The panel driver's error maps
//! onto it (`inventory::PanelError::problem`); the panel's own words (a refusal, an answer
//! that could not be read) travel with their kind and are quoted as they came.

use serde::{Deserialize, Serialize};

/// Why a panel failed or counts as down.
/// Stored by name: `{"kind": "login_refused"}`, `{"kind": "rejected", "detail": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum PanelProblem {
    /// The panel did not answer (DNS, refused connection, TLS handshake failure).
    Unreachable,
    /// Its TLS certificate is not trusted (self-signed, expired, for another host).
    UntrustedCertificate,
    /// It presented another certificate than the pinned one (fingerprints as shown to admins).
    CertificateChanged {
        /// The fingerprint trusted so far.
        pinned: String,
        /// The fingerprint presented now.
        presented: String,
    },
    /// Its self-signed certificate is allowed but not pinned yet.
    CertificateNotPinned,
    /// It took too long to answer.
    Timeout,
    /// It refused the username, password, two-factor code or API token.
    LoginRefused,
    /// It has two-factor login on and no two-factor secret was given.
    TwoFactorRequired,
    /// It has no such inbound or client.
    NotFound,
    /// It understood and said no, in these words.
    Rejected(String),
    /// It answered something that cannot be read (wrong URL, unsupported version).
    BadResponse(String),
    /// It answers but xray is stopped.
    XrayStopped,
    /// It answers but xray failed, for this reason.
    XrayFailed(String),
    /// A reason recorded in words only, before kinds were kept (e.g. a notice queued by an
    /// older version), shown as it was written.
    Described(String),
}

impl std::fmt::Display for PanelProblem {
    /// In English, for logs and the command line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreachable => f.write_str("the panel cannot be reached"),
            Self::UntrustedCertificate => f.write_str("the panel's TLS certificate is not trusted"),
            Self::CertificateChanged { pinned, presented } => write!(
                f,
                "the panel's TLS certificate changed: pinned {pinned}, presented {presented}"
            ),
            Self::CertificateNotPinned => f.write_str("the panel's self-signed certificate is not pinned yet"),
            Self::Timeout => f.write_str("the panel did not answer in time"),
            Self::LoginRefused => f.write_str("the panel refused the login"),
            Self::TwoFactorRequired => f.write_str("the panel needs a two-factor secret"),
            Self::NotFound => f.write_str("the panel has no such inbound or client"),
            Self::Rejected(why) => write!(f, "the panel refused: {why}"),
            Self::BadResponse(why) => write!(f, "unexpected answer from the panel: {why}"),
            Self::XrayStopped => f.write_str("xray is stopped"),
            Self::XrayFailed(why) => write!(f, "xray failed: {why}"),
            Self::Described(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_stored_by_name_and_read_back() {
        for (problem, json) in [
            (PanelProblem::LoginRefused, r#"{"kind":"login_refused"}"#),
            (
                PanelProblem::Rejected("no such user".into()),
                r#"{"kind":"rejected","detail":"no such user"}"#,
            ),
            (
                PanelProblem::CertificateChanged {
                    pinned: "AA".into(),
                    presented: "BB".into(),
                },
                r#"{"kind":"certificate_changed","detail":{"pinned":"AA","presented":"BB"}}"#,
            ),
        ] {
            assert_eq!(serde_json::to_string(&problem).unwrap(), json);
            assert_eq!(serde_json::from_str::<PanelProblem>(json).unwrap(), problem);
        }
    }
}
