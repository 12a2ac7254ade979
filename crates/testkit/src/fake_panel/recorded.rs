//! What the fake remembers about each request it answered.

/// One request the fake panel (or its subscription server) received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, e.g. `"POST"`.
    pub method: String,
    /// Path after the panel base path, with a leading `/` (e.g. `"/panel/api/inbounds/list"`,
    /// `"/login"`); no query string. Paths outside the base path and subscription requests
    /// (`"/sub/<subId>"`) are recorded as they arrived.
    pub path: String,
    /// Whether the request carried a valid login session or Bearer token when it arrived.
    pub authenticated: bool,
}
