//! `inbound`: an inbound of a panel, as last synced, with its sales capacity.

use sea_orm::entity::prelude::*;

/// An `inbound` row; UNIQUE (`panel_id`, `remote_id`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inbound")]
pub struct Model {
    /// MoonVPN inbound id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `panel.id`.
    pub panel_id: i64,
    /// The panel's own inbound id.
    pub remote_id: i64,
    /// xray tag.
    pub tag: String,
    /// `vless`, `vmess`, `trojan`, `shadowsocks` or another protocol name.
    pub protocol: String,
    /// Listening port.
    pub port: i64,
    /// The panel's remark.
    pub remark: String,
    /// `settings` JSON text.
    pub settings: String,
    /// `streamSettings` JSON text.
    pub stream_settings: String,
    /// `sniffing` JSON text.
    pub sniffing: String,
    /// Most clients to sell here; 0 = unlimited.
    pub max_clients: i64,
    /// Clients on it.
    pub client_count: i64,
    /// `active`, `full` or `disabled`.
    pub status: String,
    /// Whether the admin sells new clients onto it (sync never writes it).
    pub on_sale: bool,
    /// Last sync (Unix ms).
    pub synced_at: i64,
    /// First seen (Unix ms).
    pub created_at: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
