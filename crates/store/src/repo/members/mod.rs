//! Repositories of the members area: users ([`members::MemberRepo`]), settings
//! ([`members::SettingsRepo`]) and the audit log ([`members::AuditLog`]).

pub mod audit;
mod settings;
mod users;

pub use audit::write_audit;
pub use users::user_from_row;
