//! Serde types for the panel's JSON, tolerant of every generation's spelling: settings sent
//! as JSON text (A–C) or as objects (D), `tgId` as text (2.0) or a number, `null` where a
//! list or object was expected.

mod client;
mod envelope;
mod inbound;
mod lenient;
mod limits;
mod settings;
mod status;
mod traffic;

pub(crate) use client::WireClient;
pub(crate) use envelope::Envelope;
pub(crate) use inbound::{WireInbound, as_text as inbound_text};
pub(crate) use lenient::{json_text, list as lenient_list};
pub(crate) use limits::{limit_ip, total_gb};
pub(crate) use settings::PanelSettings;
pub(crate) use status::WireStatus;
pub(crate) use traffic::WireTraffic;
