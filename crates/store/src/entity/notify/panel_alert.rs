//! `panel_alert`: what admins were last told about a panel (down, sync failing).

use sea_orm::entity::prelude::*;

/// One panel's alerted state.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_alert")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The panel (UNIQUE).
    pub panel_id: i64,
    /// Admins were told it is down (and not yet that it is back).
    pub down: bool,
    /// Admins were told its sync fails (and no sync worked since).
    pub sync_failed: bool,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
