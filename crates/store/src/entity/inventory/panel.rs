//! `panel`: a 3x-ui panel; its credentials are stored encrypted.

use sea_orm::entity::prelude::*;

/// A `panel` row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel")]
pub struct Model {
    /// Panel id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Normalised URL with base path (UNIQUE).
    #[sea_orm(unique)]
    pub url: String,
    /// Login name.
    pub username: String,
    /// Login password, encrypted with the store cipher.
    pub password_enc: String,
    /// API token, encrypted with the store cipher.
    pub api_token_enc: Option<String>,
    /// Two-factor TOTP secret, encrypted with the store cipher (migration 000010).
    pub two_factor_secret_enc: Option<String>,
    /// Accept a self-signed certificate.
    pub allow_insecure_tls: bool,
    /// SHA-256 fingerprint of the self-signed certificate pinned on first use (migration 000020).
    pub tls_pin: Option<String>,
    /// `location.id` its inbounds serve.
    pub location_id: i64,
    /// Used for new sales.
    pub active: bool,
    /// Added at (Unix ms).
    pub created_at: i64,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
