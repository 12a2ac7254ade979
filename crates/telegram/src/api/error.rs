//! What a failed Bot API call means for the bot.

use std::time::Duration;

use frankenstein::response::ErrorResponse;

/// A failed Bot API call, classified by what the caller should do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 403: the user blocked the bot (or never started it, or deleted their account). Mark
    /// them and stop sending; retrying will not help.
    #[error("the user blocked the bot: {0}")]
    Blocked(String),
    /// 400 "message is not modified": an edit with identical content. Treated as success by
    /// [`super::BotApi`]; only seen by callers of the raw classifier.
    #[error("message is not modified")]
    NotModified,
    /// 400: the callback query was answered too late or twice.
    #[error("callback query is too old")]
    QueryTooOld,
    /// 429 that outlasted the retry budget: slow down and try after `retry_after`.
    #[error("rate limited by Telegram; retry after {retry_after:?}")]
    RateLimited {
        /// How long Telegram asked to wait.
        retry_after: Duration,
    },
    /// 409: another poller is running, or a webhook is set while polling.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 401/404: the token is wrong (or revoked).
    #[error("Telegram refused the bot token")]
    Unauthorized,
    /// Any other 400: the request itself is wrong (a bug, or data Telegram refuses).
    #[error("Telegram refused the request: {0}")]
    BadRequest(String),
    /// Telegram could not be reached or answered garbage (the token never appears here).
    #[error("cannot reach Telegram: {0}")]
    Network(String),
}

impl ApiError {
    /// Classifies an error Telegram returned.
    pub fn from_response(response: &ErrorResponse) -> Self {
        let description = response.description.clone();
        let lower = description.to_ascii_lowercase();
        match response.error_code {
            429 => Self::RateLimited {
                retry_after: Duration::from_secs(
                    response
                        .parameters
                        .and_then(|p| p.retry_after)
                        .map_or(1, u64::from)
                        .max(1),
                ),
            },
            403 => Self::Blocked(description),
            400 if lower.contains("message is not modified") => Self::NotModified,
            400 if lower.contains("query is too old") || lower.contains("query id is invalid") => Self::QueryTooOld,
            400 if lower.contains("chat not found") || lower.contains("user is deactivated") => {
                Self::Blocked(description)
            }
            409 => Self::Conflict(description),
            401 | 404 => Self::Unauthorized,
            _ => Self::BadRequest(format!("{} {description}", response.error_code)),
        }
    }

    /// Classifies any error of the frankenstein client.
    pub fn from_client(error: frankenstein::Error) -> Self {
        match error {
            frankenstein::Error::Api(response) => Self::from_response(&response),
            frankenstein::Error::HttpReqwest(e) => Self::Network(e.without_url().to_string()),
            frankenstein::Error::JsonDecode { source, .. } => Self::Network(format!("undecodable answer: {source}")),
            other => Self::Network(other.to_string()),
        }
    }

    /// How long to wait before trying again, if waiting can help.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => Some(*retry_after),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use frankenstein::response::ResponseParameters;

    use super::*;

    fn response(code: u64, description: &str, retry_after: Option<u16>) -> ErrorResponse {
        ErrorResponse {
            ok: false,
            description: description.to_owned(),
            error_code: code,
            parameters: retry_after.map(|s| ResponseParameters {
                migrate_to_chat_id: None,
                retry_after: Some(s),
            }),
        }
    }

    #[test]
    fn telegram_errors_are_classified_by_what_to_do() {
        let cases = [
            (
                response(429, "Too Many Requests: retry after 7", Some(7)),
                ApiError::RateLimited {
                    retry_after: Duration::from_secs(7),
                },
            ),
            (
                response(403, "Forbidden: bot was blocked by the user", None),
                ApiError::Blocked("Forbidden: bot was blocked by the user".into()),
            ),
            (
                response(403, "Forbidden: bot can't initiate conversation with a user", None),
                ApiError::Blocked("Forbidden: bot can't initiate conversation with a user".into()),
            ),
            (
                response(
                    400,
                    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
                    None,
                ),
                ApiError::NotModified,
            ),
            (
                response(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID is invalid",
                    None,
                ),
                ApiError::QueryTooOld,
            ),
            (
                response(409, "Conflict: terminated by other getUpdates request", None),
                ApiError::Conflict("Conflict: terminated by other getUpdates request".into()),
            ),
            (response(401, "Unauthorized", None), ApiError::Unauthorized),
            (
                response(400, "Bad Request: BUTTON_DATA_INVALID", None),
                ApiError::BadRequest("400 Bad Request: BUTTON_DATA_INVALID".into()),
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(ApiError::from_response(&raw), expected);
        }
    }

    #[test]
    fn a_429_without_retry_after_waits_at_least_a_second() {
        assert_eq!(
            ApiError::from_response(&response(429, "Too Many Requests", None)).retry_after(),
            Some(Duration::from_secs(1))
        );
    }
}
