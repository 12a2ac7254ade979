//! Builders shared by the service tests.

use std::sync::Arc;

use kernel::{
    ByteLimit, ClientAccountId, CountLimit, FixedClock, InboundId, LocationId, PanelId, Secret, TelegramId, UserId,
};
use time::OffsetDateTime;
use time::macros::datetime;

use super::InventoryService;
use crate::{
    AccountStatus, Allocation, ClientAccount, ClientEmail, ClientLimits, ClientName, DisplayName, Inbound, InboundSpec,
    InboundStatus, Location, LocationPrefix, MockInventoryRepo, MockPanelDriver, NewLocation, NewPanel, Panel,
    PanelHealth, PanelUrl, Protocol, Provisioned, RemoteInbound,
};

/// A traffic limit of `n` bytes (0: unlimited, the panel's way of writing it).
pub fn bytes(n: u64) -> ByteLimit {
    ByteLimit::upto(n).unwrap_or(ByteLimit::Unlimited)
}

/// A count limit of `n` (0: unlimited).
pub fn count(n: u32) -> CountLimit {
    CountLimit::upto(n).unwrap_or(CountLimit::Unlimited)
}

/// The fixed "now" of every test.
pub const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

pub fn service(repo: MockInventoryRepo, driver: MockPanelDriver) -> InventoryService {
    InventoryService::new(Arc::new(repo), Arc::new(driver), Arc::new(FixedClock::new(NOW)))
}

pub fn location(id: i64, prefix: &str, active: bool) -> Location {
    Location {
        id: LocationId::new(id),
        name: DisplayName::new(&format!("Location {prefix}")).unwrap(),
        prefix: LocationPrefix::new(prefix).unwrap(),
        active,
    }
}

pub fn new_location(name: &str, prefix: &str) -> NewLocation {
    NewLocation {
        name: DisplayName::new(name).unwrap(),
        prefix: LocationPrefix::new(prefix).unwrap(),
    }
}

pub fn new_panel(location: i64) -> NewPanel {
    NewPanel {
        name: DisplayName::new("Paris 1").unwrap(),
        url: PanelUrl::new("https://paris.example.com:2053/base").unwrap(),
        username: "admin".into(),
        password: Secret::new("pw"),
        api_token: None,
        two_factor_secret: None,
        allow_insecure_tls: false,
        location: LocationId::new(location),
    }
}

/// Panel `id` in `location`; its URL names the panel so driver expectations can tell
/// panels apart.
pub fn panel(id: i64, location: i64, active: bool) -> Panel {
    Panel {
        id: PanelId::new(id),
        name: DisplayName::new(&format!("Panel {id}")).unwrap(),
        url: PanelUrl::new(&format!("https://panel{id}.example.com")).unwrap(),
        username: "admin".into(),
        password: Secret::new("pw"),
        api_token: None,
        two_factor_secret: None,
        allow_insecure_tls: false,
        tls_pin: None,
        location: LocationId::new(location),
        active,
        created_at: NOW,
    }
}

pub fn spec(port: u16) -> InboundSpec {
    InboundSpec {
        tag: format!("inbound-{port}"),
        protocol: Protocol::Vless,
        port,
        remark: format!("r{port}"),
        settings: "{}".into(),
        stream_settings: "{}".into(),
        sniffing: "{}".into(),
    }
}

/// Inbound `id` on `panel` (remote id = id + 100) with `clients` of `max` (0 = unlimited).
pub fn inbound(id: i64, panel: i64, clients: u32, max: u32, status: InboundStatus) -> Inbound {
    Inbound {
        id: InboundId::new(id),
        panel: PanelId::new(panel),
        remote_id: id + 100,
        spec: spec(40_000 + id as u16),
        max_clients: count(max),
        client_count: clients,
        status,
        on_sale: true,
        synced_at: NOW,
    }
}

pub fn remote(remote_id: i64, clients: u32, enabled: bool) -> RemoteInbound {
    RemoteInbound {
        remote_id,
        enabled,
        spec: spec(50_000 + remote_id as u16),
        client_count: clients,
    }
}

pub fn healthy() -> PanelHealth {
    PanelHealth {
        xray_running: true,
        version: Some("2.8.11".into()),
    }
}

pub fn name(prefix: &str, n: u32) -> ClientName {
    ClientName::new(&LocationPrefix::new(prefix).unwrap(), &kernel::ShopName::default(), n).unwrap()
}

pub fn allocation(inbound: i64, location: i64, prefix: &str, n: u32) -> Allocation {
    let name = name(prefix, n);
    Allocation {
        inbound: InboundId::new(inbound),
        location: LocationId::new(location),
        email: ClientEmail::from(&name),
        name,
        client_uuid: "0b1c2d3e-0000-4000-8000-000000000001".into(),
        sub_id: "k3j4h5g6f7d8s9a0".into(),
    }
}

pub fn limits(total_bytes: u64, expires_at: Option<OffsetDateTime>) -> ClientLimits {
    ClientLimits {
        total_bytes: bytes(total_bytes),
        expires_at,
        ip_limit: count(2),
    }
}

pub fn links(name: &str) -> Provisioned {
    Provisioned {
        config_url: format!("vless://uuid@host:443#{name}"),
        subscription_url: Some(format!("https://sub.example.com/sub/{name}")),
    }
}

pub fn tg() -> TelegramId {
    TelegramId::new(4242).unwrap()
}

/// Account `id` of user 1, named `FR-MoonVPN-<1000 + id>`, on `inbound` in `location`.
pub fn account(id: i64, inbound: i64, location: i64, status: AccountStatus) -> ClientAccount {
    let name = name("FR", 1000 + id as u32);
    ClientAccount {
        id: ClientAccountId::new(id),
        user: UserId::new(1),
        inbound: InboundId::new(inbound),
        location: LocationId::new(location),
        email: ClientEmail::from(&name),
        name,
        client_uuid: "0b1c2d3e-0000-4000-8000-000000000002".into(),
        sub_id: "aaaabbbbccccdddd".into(),
        traffic_limit_bytes: bytes(10_000),
        traffic_used_bytes: 1_000,
        expires_at: Some(datetime!(2026-04-01 0:00 UTC)),
        status,
        config_url: "vless://old".into(),
        subscription_url: None,
        created_at: datetime!(2026-02-01 0:00 UTC),
    }
}

/// An authorizer that lets every actor act as an admin, or refuses everyone.
pub fn authorizer(allowed: bool) -> Arc<members::MockAuthorizer> {
    let mut access = members::MockAuthorizer::new();
    access.expect_authorize().returning(move |actor, _, _| {
        if allowed {
            Ok(admin_user(actor))
        } else {
            Err(members::AccessError::Forbidden {
                needed: members::Role::Admin,
            })
        }
    });
    Arc::new(access)
}

/// An audit log expecting `times` entries of `action`.
pub fn audit_log(action: &'static str, times: usize) -> Arc<members::MockAuditLog> {
    let mut audit = members::MockAuditLog::new();
    audit
        .expect_record()
        .withf(move |e| e.action.as_str() == action)
        .times(times)
        .returning(|_| Ok(kernel::AuditEntryId::new(1)));
    Arc::new(audit)
}

/// An admin with id `id`.
pub fn admin_user(id: UserId) -> members::User {
    members::User {
        id,
        telegram_id: tg(),
        username: None,
        first_name: members::FirstName::new("Admin"),
        language: members::Language::En,
        role: members::Role::Admin,
        status: members::UserStatus::Active,
        bot_blocked: false,
        created_at: datetime!(2026-11-01 0:00 UTC),
    }
}
