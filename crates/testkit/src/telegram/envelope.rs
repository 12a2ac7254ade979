//! The Bot API envelope: `{"ok": true, "result": …}` or
//! `{"ok": false, "error_code": N, "description": "…", "parameters": {…}}`, with the HTTP
//! status equal to `error_code` as the real server sends it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A failed call, as the bot will see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) code: u16,
    pub(crate) description: String,
    pub(crate) retry_after: Option<u32>,
}

impl ApiError {
    /// Any code with a full description (`"Bad Request: …"`).
    pub(crate) fn new(code: u16, description: impl Into<String>) -> ApiError {
        ApiError {
            code,
            description: description.into(),
            retry_after: None,
        }
    }

    /// 400 `Bad Request: <what>`.
    pub(crate) fn bad(what: impl AsRef<str>) -> ApiError {
        ApiError::new(400, format!("Bad Request: {}", what.as_ref()))
    }

    /// 403 `Forbidden: <what>`.
    pub(crate) fn forbidden(what: impl AsRef<str>) -> ApiError {
        ApiError::new(403, format!("Forbidden: {}", what.as_ref()))
    }

    /// 409 `Conflict: <what>`.
    pub(crate) fn conflict(what: impl AsRef<str>) -> ApiError {
        ApiError::new(409, format!("Conflict: {}", what.as_ref()))
    }

    /// 429 `Too Many Requests: retry after N` with `parameters.retry_after`.
    pub(crate) fn too_many(retry_after: u32) -> ApiError {
        ApiError {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }

    /// 401 for a token the fake does not know.
    pub(crate) fn unauthorized() -> ApiError {
        ApiError::new(401, "Unauthorized")
    }

    /// 404 for a method the Bot API does not have.
    pub(crate) fn method_not_found() -> ApiError {
        ApiError::new(404, "Not Found: method not found")
    }

    /// 404 for a path that is not `/bot<token>/<method>` at all.
    pub(crate) fn not_found() -> ApiError {
        ApiError::new(404, "Not Found")
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Value {
        let mut body = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(retry_after) = self.retry_after {
            body["parameters"] = json!({ "retry_after": retry_after });
        }
        body
    }
}

/// A successful call's JSON body.
pub(crate) fn ok_body(result: Value) -> Value {
    json!({ "ok": true, "result": result })
}

/// Turns a method's outcome into the HTTP response.
pub(crate) fn respond(outcome: &Result<Value, ApiError>) -> Response {
    match outcome {
        Ok(result) => json_response(StatusCode::OK, &ok_body(result.clone())),
        Err(error) => {
            let status = StatusCode::from_u16(error.code).unwrap_or(StatusCode::BAD_REQUEST);
            json_response(status, &error.body())
        }
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
