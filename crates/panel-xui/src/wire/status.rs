//! `server/status`: CPU, memory, uptime and xray state.

use serde::Deserialize;

use super::lenient;

/// Memory counters in bytes.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct WireMemory {
    /// In use.
    #[serde(default, deserialize_with = "lenient::int")]
    pub current: i64,
    /// Installed.
    #[serde(default, deserialize_with = "lenient::int")]
    pub total: i64,
}

/// xray's state.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireXray {
    /// `running`, `stop` or `error`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub state: String,
    /// Why it failed.
    #[serde(default, deserialize_with = "lenient::string")]
    pub error_msg: String,
    /// Its version.
    #[serde(default, deserialize_with = "lenient::string")]
    pub version: String,
}

/// The status fields MoonVPN reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct WireStatus {
    /// CPU use in percent.
    #[serde(default)]
    pub cpu: Option<f64>,
    /// Memory.
    #[serde(default)]
    pub mem: Option<WireMemory>,
    /// xray.
    #[serde(default)]
    pub xray: Option<WireXray>,
    /// Seconds since boot.
    #[serde(default, deserialize_with = "lenient::int")]
    pub uptime: i64,
}
