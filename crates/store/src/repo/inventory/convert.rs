//! Rows ↔ inventory domain types. A row that no longer parses is `StorageError::Other`.

use inventory::{
    AccountStatus, AccountTransfer, CertPin, ClientAccount, ClientEmail, ClientName, DisplayName, Inbound, InboundSpec,
    InboundStatus, Location, LocationPrefix, Panel, PanelUrl, Protocol,
};
use kernel::{ClientAccountId, CountLimit, InboundId, LocationId, PanelId, StorageError, TransferId, UserId};

use crate::Cipher;
use crate::cipher::SecretColumn;
use crate::entity::inventory::{account_transfer, client_account, inbound, location, panel};
use crate::error::corrupt;
use crate::time_ms::from_ms;

/// A count or size for a BIGINT column (values beyond `i64::MAX` are stored as `i64::MAX`).
pub(super) fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A BIGINT column that must hold a non-negative value.
fn unsigned<T: TryFrom<i64>>(table: &str, id: i64, column: &str, value: i64) -> Result<T, StorageError> {
    T::try_from(value).map_err(|_| corrupt(table, id, format_args!("{column} = {value}")))
}

impl TryFrom<location::Model> for Location {
    type Error = StorageError;

    fn try_from(row: location::Model) -> Result<Self, Self::Error> {
        let bad = |e| corrupt("location", row.id, e);
        Ok(Self {
            id: LocationId::new(row.id),
            name: DisplayName::new(&row.name).map_err(bad)?,
            prefix: LocationPrefix::new(&row.prefix).map_err(bad)?,
            active: row.active,
        })
    }
}

/// A panel row with its credentials decrypted.
pub(super) fn panel_from_row(cipher: &Cipher, row: panel::Model) -> Result<Panel, StorageError> {
    let bad = |e| corrupt("panel", row.id, e);
    Ok(Panel {
        id: PanelId::new(row.id),
        name: DisplayName::new(&row.name).map_err(bad)?,
        url: PanelUrl::new(&row.url).map_err(bad)?,
        username: row.username,
        password: cipher.decrypt(SecretColumn::PANEL_PASSWORD, row.id, &row.password_enc)?,
        api_token: row
            .api_token_enc
            .as_deref()
            .map(|t| cipher.decrypt(SecretColumn::PANEL_API_TOKEN, row.id, t))
            .transpose()?,
        two_factor_secret: row
            .two_factor_secret_enc
            .as_deref()
            .map(|t| cipher.decrypt(SecretColumn::PANEL_TWO_FACTOR, row.id, t))
            .transpose()?,
        allow_insecure_tls: row.allow_insecure_tls,
        tls_pin: row
            .tls_pin
            .as_deref()
            .map(CertPin::parse)
            .transpose()
            .map_err(|e| corrupt("panel", row.id, e))?,
        location: LocationId::new(row.location_id),
        active: row.active,
        created_at: from_ms(row.created_at)?,
    })
}

impl TryFrom<inbound::Model> for Inbound {
    type Error = StorageError;

    fn try_from(row: inbound::Model) -> Result<Self, Self::Error> {
        let id = row.id;
        Ok(Self {
            id: InboundId::new(id),
            panel: PanelId::new(row.panel_id),
            remote_id: row.remote_id,
            spec: InboundSpec {
                tag: row.tag,
                protocol: Protocol::parse(&row.protocol),
                port: unsigned("inbound", id, "port", row.port)?,
                remark: row.remark,
                settings: row.settings,
                stream_settings: row.stream_settings,
                sniffing: row.sniffing,
            },
            max_clients: crate::repo::limit_column::count_limit(unsigned(
                "inbound",
                id,
                "max_clients",
                row.max_clients,
            )?),
            client_count: unsigned("inbound", id, "client_count", row.client_count)?,
            status: row
                .status
                .parse::<InboundStatus>()
                .map_err(|e| corrupt("inbound", id, e))?,
            on_sale: row.on_sale,
            synced_at: from_ms(row.synced_at)?,
        })
    }
}

impl TryFrom<client_account::Model> for ClientAccount {
    type Error = StorageError;

    fn try_from(row: client_account::Model) -> Result<Self, Self::Error> {
        let id = row.id;
        let bad = |e| corrupt("client_account", id, e);
        Ok(Self {
            id: ClientAccountId::new(id),
            user: UserId::new(row.user_id),
            inbound: InboundId::new(row.inbound_id),
            location: LocationId::new(row.location_id),
            name: ClientName::parse(&row.name).map_err(bad)?,
            email: ClientEmail::new(&row.email).map_err(bad)?,
            client_uuid: row.client_uuid,
            sub_id: row.sub_id,
            traffic_limit_bytes: crate::repo::limit_column::byte_limit(unsigned(
                "client_account",
                id,
                "traffic_limit_bytes",
                row.traffic_limit_bytes,
            )?),
            traffic_used_bytes: unsigned("client_account", id, "traffic_used_bytes", row.traffic_used_bytes)?,
            expires_at: row.expires_at.map(from_ms).transpose()?,
            status: row.status.parse::<AccountStatus>().map_err(bad)?,
            config_url: row.config_url,
            subscription_url: row.subscription_url,
            created_at: from_ms(row.created_at)?,
        })
    }
}

/// The IP limit column of an account row.
pub(super) fn ip_limit(row: &client_account::Model) -> Result<CountLimit, StorageError> {
    unsigned("client_account", row.id, "ip_limit", row.ip_limit).map(crate::repo::limit_column::count_limit)
}

impl TryFrom<account_transfer::Model> for AccountTransfer {
    type Error = StorageError;

    fn try_from(row: account_transfer::Model) -> Result<Self, Self::Error> {
        Ok(Self {
            id: TransferId::new(row.id),
            user: UserId::new(row.user_id),
            from_account: ClientAccountId::new(row.from_account_id),
            to_account: ClientAccountId::new(row.to_account_id),
            from_location: LocationId::new(row.from_location_id),
            to_location: LocationId::new(row.to_location_id),
            carried_bytes: crate::repo::limit_column::byte_limit(unsigned(
                "account_transfer",
                row.id,
                "carried_bytes",
                row.carried_bytes,
            )?),
            expires_at: row.expires_at.map(from_ms).transpose()?,
            created_at: from_ms(row.created_at)?,
        })
    }
}
