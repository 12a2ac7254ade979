//! Tests of allocation: which inbound a new client gets and what it is called.

use crate::fixtures::*;
use crate::{InboundStatus, InventoryError, MockPanelDriver, MockRepo, PanelError, PanelHealth};
use kernel::{InboundId, LocationId, StorageError};
use mockall::predicate::eq;

fn repo_with(inbounds: Vec<crate::Inbound>) -> MockRepo {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_sellable_inbounds().returning(move |_| Ok(inbounds.clone()));
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_last_health().returning(|_| Ok(None));
    repo.expect_record_health().returning(|_| Ok(()));
    repo
}

/// A location on sale with one open inbound on panel 1, never checked; the test says what the
/// panel's row is.
fn one_inbound_repo() -> MockRepo {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_sellable_inbounds()
        .returning(|_| Ok(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]));
    repo.expect_last_health().returning(|_| Ok(None));
    repo
}

fn all_healthy() -> MockPanelDriver {
    let mut driver = MockPanelDriver::new();
    driver.expect_health().returning(|_| Ok(healthy()));
    driver
}

#[tokio::test]
async fn the_least_loaded_inbound_gets_the_client_and_the_next_name() {
    let mut repo = repo_with(vec![
        inbound(1, 1, 40, 100, InboundStatus::Active),
        inbound(2, 1, 12, 100, InboundStatus::Active),
        inbound(3, 1, 25, 0, InboundStatus::Active),
    ]);
    repo.expect_reserve_slot()
        .with(eq(InboundId::new(2)))
        .times(1)
        .returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1001));

    let a = placement_service(repo, all_healthy())
        .allocate(LocationId::new(1))
        .await
        .unwrap();

    assert_eq!(a.inbound, InboundId::new(2));
    assert_eq!(a.name.as_str(), "FR-MoonVPN-1001");
    assert_eq!(a.email.as_str(), "FR-MoonVPN-1001");
    assert_eq!(a.location, LocationId::new(1));
    assert_eq!(a.client_uuid.len(), 36);
    assert_eq!(a.sub_id.len(), 16);
}

#[tokio::test]
async fn a_full_inbound_is_skipped_for_sales() {
    let mut repo = repo_with(vec![
        inbound(1, 1, 10, 10, InboundStatus::Active),
        inbound(2, 1, 50, 0, InboundStatus::Active),
    ]);
    repo.expect_reserve_slot()
        .with(eq(InboundId::new(2)))
        .times(1)
        .returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1002));

    let a = placement_service(repo, all_healthy())
        .allocate(LocationId::new(1))
        .await
        .unwrap();

    assert_eq!(a.inbound, InboundId::new(2));
}

#[tokio::test]
async fn an_inbound_filled_by_someone_else_meanwhile_falls_through_to_the_next() {
    let mut repo = repo_with(vec![
        inbound(1, 1, 9, 10, InboundStatus::Active),
        inbound(2, 1, 20, 0, InboundStatus::Active),
    ]);
    repo.expect_reserve_slot()
        .with(eq(InboundId::new(1)))
        .returning(|_| Ok(false));
    repo.expect_reserve_slot()
        .with(eq(InboundId::new(2)))
        .returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1003));

    let a = placement_service(repo, all_healthy())
        .allocate(LocationId::new(1))
        .await
        .unwrap();

    assert_eq!(a.inbound, InboundId::new(2));
}

#[tokio::test]
async fn an_inbound_on_a_down_panel_is_skipped_and_the_panel_asked_once() {
    let mut repo = repo_with(vec![
        inbound(1, 1, 0, 0, InboundStatus::Active),
        inbound(2, 1, 1, 0, InboundStatus::Active),
        inbound(3, 2, 5, 0, InboundStatus::Active),
    ]);
    repo.expect_reserve_slot()
        .with(eq(InboundId::new(3)))
        .times(1)
        .returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1004));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_health()
        .withf(|c| c.url.as_str() == "https://panel1.example.com")
        .times(1)
        .returning(|_| Err(PanelError::Unreachable));
    driver
        .expect_health()
        .withf(|c| c.url.as_str() == "https://panel2.example.com")
        .returning(|_| Ok(healthy()));

    let a = placement_service(repo, driver)
        .allocate(LocationId::new(1))
        .await
        .unwrap();

    assert_eq!(a.inbound, InboundId::new(3));
}

#[tokio::test]
async fn a_panel_whose_xray_is_stopped_is_skipped() {
    let mut repo = repo_with(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]);
    repo.expect_reserve_slot().never();
    let mut driver = MockPanelDriver::new();
    driver.expect_health().returning(|_| {
        Ok(PanelHealth {
            xray_running: false,
            version: None,
        })
    });

    let err = placement_service(repo, driver)
        .allocate(LocationId::new(1))
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::LocationUnreachable { .. }));
}

#[tokio::test]
async fn with_every_inbound_full_or_disabled_there_is_no_capacity() {
    let mut repo = repo_with(vec![
        inbound(1, 1, 10, 10, InboundStatus::Active),
        inbound(2, 1, 0, 0, InboundStatus::Disabled),
        inbound(3, 1, 3, 3, InboundStatus::Full),
    ]);
    repo.expect_reserve_slot().never();
    repo.expect_next_client_number().never();

    let err = placement_service(repo, all_healthy())
        .allocate(LocationId::new(1))
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::NoCapacity { location } if location == LocationId::new(1)));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_location_has_room_only_with_an_open_inbound_on_an_active_panel() {
    let full = || {
        vec![
            inbound(1, 1, 10, 10, InboundStatus::Active),
            inbound(2, 1, 0, 0, InboundStatus::Disabled),
        ]
    };
    let service_of = |inbounds: Vec<crate::Inbound>| placement_service(repo_with(inbounds), MockPanelDriver::new());
    assert!(!service_of(full()).location_has_room(LocationId::new(1)).await.unwrap());
    let mut open = full();
    open.push(inbound(3, 1, 3, 0, InboundStatus::Active));
    assert!(service_of(open).location_has_room(LocationId::new(1)).await.unwrap());

    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_sellable_inbounds()
        .returning(|_| Ok(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]));
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, false)));
    let on_inactive_panel = placement_service(repo, MockPanelDriver::new());
    assert!(!on_inactive_panel.location_has_room(LocationId::new(1)).await.unwrap());
}

#[tokio::test]
async fn an_inactive_panel_is_never_sold_on() {
    let mut repo = one_inbound_repo();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, false)));
    let mut driver = MockPanelDriver::new();
    driver.expect_health().never();

    let err = placement_service(repo, driver)
        .allocate(LocationId::new(1))
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::NoCapacity { .. }));
}

#[tokio::test]
async fn a_location_off_sale_allocates_nothing() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", false)));
    repo.expect_sellable_inbounds().never();

    let err = placement_service(repo, MockPanelDriver::new())
        .allocate(LocationId::new(1))
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::LocationInactive(_)));
}

#[tokio::test]
async fn names_follow_the_number_storage_hands_out() {
    let mut repo = repo_with(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]);
    repo.expect_reserve_slot().returning(|_| Ok(true));
    let mut n = 1000;
    repo.expect_next_client_number().returning(move |_| {
        n += 1;
        Ok(n)
    });
    let svc = placement_service(repo, all_healthy());

    let first = svc.allocate(LocationId::new(1)).await.unwrap();
    let second = svc.allocate(LocationId::new(1)).await.unwrap();

    assert_eq!(first.name.as_str(), "FR-MoonVPN-1001");
    assert_eq!(second.name.as_str(), "FR-MoonVPN-1002");
    assert_ne!(first.client_uuid, second.client_uuid);
}

#[tokio::test]
async fn when_no_name_can_be_reserved_the_slot_is_given_back() {
    let mut repo = repo_with(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]);
    repo.expect_reserve_slot().returning(|_| Ok(true));
    repo.expect_next_client_number()
        .returning(|_| Err(StorageError::Unavailable("db down".into())));
    repo.expect_release_slot()
        .with(eq(InboundId::new(1)))
        .times(1)
        .returning(|_| Ok(()));

    let err = placement_service(repo, all_healthy())
        .allocate(LocationId::new(1))
        .await
        .unwrap_err();

    assert!(err.is_retryable());
}

fn down_check(panel: i64, seconds_ago: i64) -> crate::HealthCheck {
    crate::HealthCheck {
        panel: kernel::PanelId::new(panel),
        checked_at: NOW - time::Duration::seconds(seconds_ago),
        latency_ms: 5000,
        result: Err("the panel did not answer in time".into()),
    }
}

#[tokio::test]
async fn a_panel_found_down_at_its_last_check_is_skipped_without_asking_it_again() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_sellable_inbounds().returning(|_| {
        Ok(vec![
            inbound(1, 1, 0, 0, InboundStatus::Active),
            inbound(2, 2, 9, 0, InboundStatus::Active),
        ])
    });
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_last_health()
        .returning(|id| Ok((id.get() == 1).then(|| down_check(1, 5))));
    repo.expect_reserve_slot()
        .with(eq(InboundId::new(2)))
        .times(1)
        .returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1005));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_health()
        .withf(|c| c.url.as_str() == "https://panel1.example.com")
        .never();
    driver.expect_health().returning(|_| Ok(healthy()));

    let a = placement_service(repo, driver)
        .allocate(LocationId::new(1))
        .await
        .unwrap();

    assert_eq!(a.inbound, InboundId::new(2));
}

#[tokio::test]
async fn a_panel_down_more_than_a_few_seconds_ago_is_asked_again_and_used_when_it_answers() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_sellable_inbounds()
        .returning(|_| Ok(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]));
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_last_health().returning(|_| Ok(Some(down_check(1, 30))));
    repo.expect_reserve_slot().times(1).returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1006));

    let a = placement_service(repo, all_healthy())
        .allocate(LocationId::new(1))
        .await
        .unwrap();

    assert_eq!(a.inbound, InboundId::new(1));
}

#[tokio::test]
async fn a_panel_that_fails_its_live_check_is_remembered_as_down() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_sellable_inbounds()
        .returning(|_| Ok(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]));
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_last_health().returning(|_| Ok(None));
    repo.expect_record_health()
        .withf(|c| c.panel == kernel::PanelId::new(1) && !c.is_up() && c.checked_at == NOW)
        .times(1)
        .returning(|_| Ok(()));
    repo.expect_reserve_slot().never();
    let mut driver = MockPanelDriver::new();
    driver.expect_health().returning(|_| Err(PanelError::Unreachable));

    let err = placement_service(repo, driver)
        .allocate(LocationId::new(1))
        .await
        .unwrap_err();

    assert!(
        matches!(err, InventoryError::LocationUnreachable { .. }),
        "down is not full: {err}"
    );
    assert!(err.to_string().contains("cannot be reached"));
}

/// A placement service selling from one open inbound on `driver`'s panel, with the clock the
/// test moves.
fn one_inbound_on(driver: MockPanelDriver) -> (crate::PlacementService, std::sync::Arc<kernel::FixedClock>) {
    one_inbound_with(repo_with(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]), driver)
}

/// [`one_inbound_on`] with the test's own `repo` (its inbound and panel expectations).
fn one_inbound_with(
    mut repo: MockRepo,
    driver: MockPanelDriver,
) -> (crate::PlacementService, std::sync::Arc<kernel::FixedClock>) {
    repo.expect_reserve_slot().returning(|_| Ok(true));
    repo.expect_next_client_number().returning(|_| Ok(1001));
    let clock = std::sync::Arc::new(kernel::FixedClock::new(NOW));
    let repo = std::sync::Arc::new(repo);
    let svc = crate::PlacementService::new(repo.clone(), repo, std::sync::Arc::new(driver), clock.clone());
    (svc, clock)
}

#[tokio::test]
async fn a_panel_that_answered_lately_is_neither_asked_nor_read_again_for_the_next_sales() {
    let mut repo = one_inbound_repo();
    repo.expect_panel()
        .times(2)
        .returning(|id| Ok(panel(id.get(), 1, true)));
    let mut driver = MockPanelDriver::new();
    driver.expect_health().times(2).returning(|_| Ok(healthy()));
    let (svc, clock) = one_inbound_with(repo, driver);

    for _ in 0..3 {
        svc.allocate(LocationId::new(1)).await.unwrap();
    }
    clock.advance(super::panel_use::UP_FOR);
    svc.allocate(LocationId::new(1)).await.unwrap();
}

#[tokio::test]
async fn a_panel_found_stopped_is_asked_again_by_the_next_sale() {
    let mut driver = MockPanelDriver::new();
    let mut calls = 0;
    driver.expect_health().times(3).returning(move |_| {
        calls += 1;
        Ok(PanelHealth {
            xray_running: calls != 2,
            version: None,
        })
    });
    let (svc, clock) = one_inbound_on(driver);

    svc.allocate(LocationId::new(1)).await.unwrap();
    clock.advance(super::panel_use::UP_FOR);
    let stopped = svc.allocate(LocationId::new(1)).await.unwrap_err();
    assert!(matches!(stopped, InventoryError::LocationUnreachable { .. }));
    svc.allocate(LocationId::new(1)).await.unwrap();
}
