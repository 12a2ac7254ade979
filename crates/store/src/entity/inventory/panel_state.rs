//! `panel_state`: what MoonVPN keeps about a panel besides its settings: an admin's API
//! generation pin and the last health check.

use sea_orm::entity::prelude::*;

/// A `panel_state` row; `panel_id` is UNIQUE. The health columns are NULL until the panel is
/// first checked; `last_error` is set when that check failed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_state")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `panel.id` (UNIQUE).
    #[sea_orm(unique)]
    pub panel_id: i64,
    /// Pinned 3x-ui API generation (`A` … `D`); NULL = detect.
    pub api_generation: Option<String>,
    /// Last check (Unix ms); NULL = never checked.
    pub checked_at: Option<i64>,
    /// How long it took, in ms.
    pub latency_ms: Option<i64>,
    /// `running`, `stopped` or `failed`.
    pub xray_state: Option<String>,
    /// xray's error when `failed`.
    #[sea_orm(column_type = "Text", nullable)]
    pub xray_error: Option<String>,
    /// xray version.
    pub xray_version: Option<String>,
    /// CPU use in tenths of a percent.
    pub cpu_permille: Option<i64>,
    /// Memory in use, bytes.
    pub memory_used: Option<i64>,
    /// Memory installed, bytes.
    pub memory_total: Option<i64>,
    /// Server uptime, seconds.
    pub uptime_secs: Option<i64>,
    /// Why the last check failed; NULL when it succeeded.
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
