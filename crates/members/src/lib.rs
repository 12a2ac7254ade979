//! Members: the people who use the bot. Registration from a Telegram profile (idempotent per
//! Telegram id), roles (user, seller, admin, superadmin), blocking, language, the typed
//! settings store and the audit log every admin action writes to.
//!
//! Other crates check who may do what through the [`Authorizer`] port (implemented by
//! [`MemberService`]) and record admin actions with [`NewAuditEntry`] / the [`AuditLog`] port.
#![forbid(unsafe_code)]

mod access;
mod audit;
mod audit_days;
mod audit_view;
mod backup;
mod error;
mod find;
mod guard;
#[cfg(test)]
mod guard_tests;
mod profile;
mod repo;
mod role;
mod service;
#[cfg(test)]
mod service_tests;
mod settings;
mod shop_settings;
mod support_contact;
mod user;
mod user_ref;

pub use access::{AccessError, Authorizer};
pub use audit::{
    AuditAction, AuditActionFilter, AuditActionFilterError, AuditEntry, AuditLog, AuditQuery, AuditTarget,
    NewAuditEntry,
};
pub use audit_days::{AuditDays, AuditDaysError, jalali_to_gregorian, zone_name};
pub use backup::{BackupFile, BackupSource, Backups, RestoredBackup};
pub use error::MemberError;
pub use find::TrackingOwners;
pub use guard::SuperadminSync;
pub use profile::{FirstName, TelegramProfile, Username, UsernameError};
pub use repo::{MemberRepo, RegisterUser, Registration};
pub use role::{Language, ParseCodeError, Role, UserStatus};
pub use service::{MemberService, MembersConfig};
pub use settings::{SettingKey, SettingKeyError, SettingsRepo};
pub use shop_settings::{ShopSetting, ShopSettingValue, ShopSettingsView};
pub use support_contact::{SupportContact, SupportContactError};
pub use user::User;
pub use user_ref::{UserRef, UserRefError};

#[cfg(any(test, feature = "mock"))]
pub use access::MockAuthorizer;
#[cfg(any(test, feature = "mock"))]
pub use audit::MockAuditLog;
#[cfg(any(test, feature = "mock"))]
pub use backup::MockBackupSource;
#[cfg(any(test, feature = "mock"))]
pub use find::MockTrackingOwners;
#[cfg(any(test, feature = "mock"))]
pub use repo::MockMemberRepo;
#[cfg(any(test, feature = "mock"))]
pub use settings::MockSettingsRepo;
