//! A client's counters (`ClientTraffic`), from `clientStats`, `getClientTraffics/:email` or
//! `clients/traffic/:email`.

use serde::Deserialize;

use super::lenient;

/// The counter fields MoonVPN reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireTraffic {
    /// The inbound holding the client.
    #[serde(default, deserialize_with = "lenient::int")]
    pub inbound_id: i64,
    /// The client's email.
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    /// Uploaded bytes.
    #[serde(default, deserialize_with = "lenient::int")]
    pub up: i64,
    /// Downloaded bytes.
    #[serde(default, deserialize_with = "lenient::int")]
    pub down: i64,
}
