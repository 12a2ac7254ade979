//! The driver's operations, each built from route calls (one file per group).

pub(crate) mod clients;
pub(crate) mod inbounds;
pub(crate) mod links;
pub(crate) mod server;
pub(crate) mod snapshot;
pub(crate) mod writes;

use inventory::PanelError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads a payload, or says what could not be read.
pub(crate) fn parse<T: DeserializeOwned>(what: &str, obj: Value) -> Result<T, PanelError> {
    serde_json::from_value(obj).map_err(|e| PanelError::BadResponse(format!("unreadable {what}: {e}")))
}
