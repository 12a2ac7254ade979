//! Builders shared by the service tests.

use std::sync::Arc;

use kernel::{
    ByteLimit, ClientAccountId, CountLimit, FixedClock, InboundId, LocationId, PanelId, Secret, StorageError,
    TelegramId, TransferId, UserId,
};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::{
    AccountCounts, AccountRepo, AccountService, AccountStatus, AccountTransfer, Allocation, ApiGeneration, CertPin,
    ClientAccount, ClientEmail, ClientLimits, ClientName, DisplayName, ExtendedLimits, FleetRepo, FleetService,
    HealthCheck, Inbound, InboundSpec, InboundStatus, InboundSync, Location, LocationPrefix, MockPanelDriver,
    NewClientAccount, NewLocation, NewPanel, NewTransfer, Panel, PanelHealth, PanelUrl, PlacementRepo,
    PlacementService, Protocol, Provisioned, RemoteInbound, UsageUpdate,
};
use async_trait::async_trait;

mockall::mock! {
    /// One mock of the three storage ports, so a test sets what the store answers in one
    /// place whichever port a use case reads it through.
    pub Repo {}
    #[async_trait]
    impl FleetRepo for Repo {
        async fn add_panel(&self, panel: &NewPanel, at: OffsetDateTime) -> Result<Panel, StorageError>;
        async fn panels(&self) -> Result<Vec<Panel>, StorageError>;
        async fn panel(&self, id: PanelId) -> Result<Panel, StorageError>;
        async fn set_panel_tls_pin(&self, id: PanelId, pin: Option<CertPin>) -> Result<Panel, StorageError>;
        async fn set_panel_active(&self, id: PanelId, active: bool) -> Result<Panel, StorageError>;
        async fn update_panel(&self, panel: &Panel, at: OffsetDateTime) -> Result<Panel, StorageError>;
        async fn delete_panel(&self, id: PanelId) -> Result<(), StorageError>;
        async fn record_health(&self, check: &HealthCheck) -> Result<(), StorageError>;
        async fn last_health(&self, panel: PanelId) -> Result<Option<HealthCheck>, StorageError>;
        async fn health_checks(&self) -> Result<Vec<HealthCheck>, StorageError>;
        async fn set_panel_generation(&self, id: PanelId, generation: Option<ApiGeneration>) -> Result<(), StorageError>;
        async fn panel_generations(&self) -> Result<Vec<(PanelId, ApiGeneration)>, StorageError>;
        async fn apply_inbound_sync(&self, panel: PanelId, sync: &InboundSync, at: OffsetDateTime) -> Result<(), StorageError>;
    }
    #[async_trait]
    impl PlacementRepo for Repo {
        async fn add_location(&self, location: &NewLocation) -> Result<Location, StorageError>;
        async fn locations(&self) -> Result<Vec<Location>, StorageError>;
        async fn location(&self, id: LocationId) -> Result<Location, StorageError>;
        async fn set_location_active(&self, id: LocationId, active: bool) -> Result<Location, StorageError>;
        async fn next_client_number(&self, location: LocationId) -> Result<u32, StorageError>;
        async fn inbounds_of_panel(&self, panel: PanelId) -> Result<Vec<Inbound>, StorageError>;
        async fn inbound(&self, id: InboundId) -> Result<Inbound, StorageError>;
        async fn sellable_inbounds(&self, location: LocationId) -> Result<Vec<Inbound>, StorageError>;
        async fn reserve_slot(&self, inbound: InboundId) -> Result<bool, StorageError>;
        async fn release_slot(&self, inbound: InboundId) -> Result<(), StorageError>;
        async fn set_inbound_capacity<'a>(&self, inbound: InboundId, max_clients: CountLimit, audit: Option<&'a members::NewAuditEntry>) -> Result<Inbound, StorageError>;
        async fn set_inbound_on_sale(&self, inbound: InboundId, on_sale: bool, audit: &members::NewAuditEntry) -> Result<Inbound, StorageError>;
    }
    #[async_trait]
    impl AccountRepo for Repo {
        async fn insert_account(&self, account: &NewClientAccount) -> Result<ClientAccount, StorageError>;
        async fn account(&self, id: ClientAccountId) -> Result<ClientAccount, StorageError>;
        async fn accounts_of(&self, user: UserId) -> Result<Vec<ClientAccount>, StorageError>;
        async fn account_ip_limit(&self, id: ClientAccountId) -> Result<CountLimit, StorageError>;
        async fn extend_account(&self, snapshot: &ClientAccount, limits: &ExtendedLimits, notice: &notify::NewNotice, audit: &members::NewAuditEntry, at: OffsetDateTime) -> Result<Option<ClientAccount>, StorageError>;
        async fn record_usage(&self, id: ClientAccountId, used_bytes: u64, status: AccountStatus, at: OffsetDateTime) -> Result<ClientAccount, StorageError>;
        async fn set_account_status(&self, id: ClientAccountId, status: AccountStatus, at: OffsetDateTime) -> Result<ClientAccount, StorageError>;
        async fn replace_account_key(&self, id: ClientAccountId, client_uuid: &str, links: &Provisioned, at: OffsetDateTime) -> Result<ClientAccount, StorageError>;
        async fn complete_transfer(&self, transfer: &NewTransfer) -> Result<(AccountTransfer, ClientAccount), StorageError>;
        async fn pending_old_client_removals(&self, limit: u64) -> Result<Vec<(TransferId, ClientAccountId)>, StorageError>;
        async fn mark_old_client_removed(&self, id: TransferId, at: OffsetDateTime) -> Result<(), StorageError>;
        async fn record_usages(&self, updates: &[UsageUpdate], at: OffsetDateTime) -> Result<(), StorageError>;
        async fn accounts_of_panel(&self, id: PanelId) -> Result<Vec<ClientAccount>, StorageError>;
        async fn panel_account_counts(&self, id: PanelId) -> Result<AccountCounts, StorageError>;
    }
}

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

/// A fleet service on `repo` (every port) and `driver`.
pub fn fleet_service(repo: MockRepo, driver: MockPanelDriver) -> FleetService {
    let repo = Arc::new(repo);
    FleetService::new(
        repo.clone(),
        repo.clone(),
        repo,
        Arc::new(driver),
        Arc::new(FixedClock::new(NOW)),
    )
}

/// A placement service on `repo` (every port) and `driver`.
pub fn placement_service(repo: MockRepo, driver: MockPanelDriver) -> PlacementService {
    let repo = Arc::new(repo);
    PlacementService::new(repo.clone(), repo, Arc::new(driver), Arc::new(FixedClock::new(NOW)))
}

/// An account service on `repo` (every port) and `driver`, with a placement service on the
/// same two.
pub fn account_service(repo: MockRepo, driver: MockPanelDriver) -> AccountService {
    let (repo, driver) = (Arc::new(repo), Arc::new(driver));
    let clock = Arc::new(FixedClock::new(NOW));
    let allocator = Arc::new(PlacementService::new(
        repo.clone(),
        repo.clone(),
        driver.clone(),
        clock.clone(),
    ));
    AccountService::new(repo.clone(), repo.clone(), repo, allocator, driver, clock)
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
