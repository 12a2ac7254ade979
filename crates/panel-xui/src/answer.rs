//! What a panel's HTTP answer means, by the rules of every generation (reference §2).

use inventory::PanelError;
use serde_json::Value;

use crate::http::Resp;
use crate::wire::Envelope;

/// The meaning of one answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    /// `success: true`; the payload.
    Done(Value),
    /// `success: false`; the panel's message.
    Refused(String),
    /// The session or token is not (or no longer) accepted: 3xx, 401, or 403 with no body.
    AuthLost,
    /// 404 with no body: on 2.8.4+ both "not logged in" and (from 2.8.5, the panel's
    /// catch-all) "no such route".
    EmptyNotFound,
    /// 404 with gin's `404 page not found` text (up to 2.8.4): no such route.
    RouteMissing,
    /// The panel failed (5xx); it may work a moment later.
    ServerError(u16),
    /// Something that is not a 3x-ui answer.
    Garbage(String),
}

fn preview(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut short: String = text.trim().chars().take(80).collect();
    if text.trim().chars().count() > 80 {
        short.push('…');
    }
    short
}

/// Reads an answer.
pub(crate) fn classify(resp: &Resp) -> Answer {
    let empty = resp.body.iter().all(u8::is_ascii_whitespace);
    match resp.status {
        200..=299 => match serde_json::from_slice::<Envelope>(&resp.body) {
            Ok(env) if env.success => Answer::Done(env.obj),
            Ok(env) => Answer::Refused(env.message()),
            Err(_) if empty => Answer::Garbage("an empty answer".into()),
            Err(_) => Answer::Garbage(format!("not a 3x-ui answer: {}", preview(&resp.body))),
        },
        300..=399 | 401 => Answer::AuthLost,
        403 => match serde_json::from_slice::<Envelope>(&resp.body) {
            Ok(env) if !env.message().is_empty() => Answer::Refused(env.message()),
            _ => Answer::AuthLost,
        },
        404 if empty => Answer::EmptyNotFound,
        404 => Answer::RouteMissing,
        status @ 500..=599 => Answer::ServerError(status),
        status => Answer::Garbage(format!("HTTP {status}: {}", preview(&resp.body))),
    }
}

/// The error for a `success: false` message: "not found" texts (`record not found`,
/// `Inbound Not Found For Email`, `client with email x not found`) are `NotFound`.
pub(crate) fn refusal(message: &str) -> PanelError {
    if message.to_ascii_lowercase().contains("not found") {
        PanelError::NotFound
    } else {
        PanelError::Rejected(message.to_owned())
    }
}

/// The error for a 5xx: a proxy in front that cannot reach the panel (502–504) is
/// `Unreachable`; the panel failing itself is a bad answer.
pub(crate) fn server_error(status: u16) -> PanelError {
    match status {
        502..=504 => PanelError::Unreachable,
        status => PanelError::BadResponse(format!("the panel failed with HTTP {status}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> Resp {
        Resp {
            status,
            body: body.as_bytes().to_vec(),
            ..Resp::default()
        }
    }

    #[test]
    fn envelopes_become_done_or_refused() {
        assert_eq!(
            classify(&resp(200, r#"{"success":true,"msg":"","obj":[1]}"#)),
            Answer::Done(serde_json::json!([1]))
        );
        assert_eq!(
            classify(&resp(
                200,
                r#"{"success":false,"msg":"Obtain (record not found)","obj":null}"#
            )),
            Answer::Refused("Obtain (record not found)".into())
        );
    }

    #[test]
    fn every_generations_logged_out_answer_means_log_in_again() {
        assert_eq!(classify(&resp(307, "")), Answer::AuthLost);
        assert_eq!(
            classify(&resp(
                401,
                r#"{"success":false,"msg":"Your session has expired","obj":null}"#
            )),
            Answer::AuthLost
        );
        assert_eq!(classify(&resp(403, "")), Answer::AuthLost);
        assert_eq!(classify(&resp(404, "")), Answer::EmptyNotFound);
    }

    #[test]
    fn a_gin_404_page_means_the_route_is_missing() {
        assert_eq!(classify(&resp(404, "404 page not found")), Answer::RouteMissing);
    }

    #[test]
    fn a_scoped_token_refusal_keeps_the_panels_message() {
        let a = classify(&resp(
            403,
            r#"{"success":false,"msg":"this API token is not permitted to access this endpoint"}"#,
        ));
        assert_eq!(
            a,
            Answer::Refused("this API token is not permitted to access this endpoint".into())
        );
    }

    #[test]
    fn garbage_and_server_failures_are_told_apart() {
        assert!(matches!(classify(&resp(200, "<html>")), Answer::Garbage(_)));
        assert_eq!(classify(&resp(500, "")), Answer::ServerError(500));
        assert_eq!(server_error(502), PanelError::Unreachable);
        assert!(matches!(server_error(500), PanelError::BadResponse(_)));
    }

    #[test]
    fn not_found_messages_map_to_not_found() {
        assert_eq!(
            refusal("Something went wrong (Inbound Not Found For Email: x)"),
            PanelError::NotFound
        );
        assert_eq!(
            refusal("Something went wrong (Duplicate email: x)"),
            PanelError::Rejected("Something went wrong (Duplicate email: x)".into())
        );
    }
}
