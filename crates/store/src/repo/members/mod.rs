//! Repositories of the members area: users ([`members::MemberRepo`]), settings
//! ([`members::SettingsRepo`]), the audit log ([`members::AuditLog`]) and whose a tracking code
//! is ([`members::TrackingOwners`]).

pub mod audit;
mod settings;
mod tracking;
mod users;

pub use audit::write_audit;
pub use users::user_from_row;
