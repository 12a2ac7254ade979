//! Tests of the panel admin use cases (connect, check, edit, remove, pins, overviews).

use crate::fixtures::*;
use crate::{
    AccountCounts, ApiGeneration, InventoryError, MockPanelDriver, MockRepo, PanelChanges, PanelError, PanelRemoval,
    PanelSnapshot, PanelUrl, ServerStatus, XrayState,
};
use kernel::{LocationId, PanelId, Secret, StorageError};

fn running() -> ServerStatus {
    ServerStatus {
        xray: XrayState::Running,
        xray_version: None,
        cpu_percent: 1.0,
        memory_used: 1,
        memory_total: 2,
        uptime: std::time::Duration::from_secs(1),
    }
}

fn counts(live: usize, total: usize) -> AccountCounts {
    AccountCounts { live, total }
}

#[tokio::test]
async fn wrong_credentials_store_nothing_and_say_what_to_check() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_add_panel().never();
    let mut driver = MockPanelDriver::new();
    driver.expect_pin_generation().returning(|_, _| ());
    driver.expect_detect_generation().returning(|_| Ok(ApiGeneration::D));
    driver
        .expect_server_status()
        .returning(|_| Err(PanelError::LoginRefused));

    let err = fleet_service(repo, driver)
        .connect_panel(&new_panel(1), None)
        .await
        .unwrap_err();

    assert!(err.to_string().contains("username, password"));
}

#[tokio::test]
async fn a_panel_that_logs_in_is_stored_pinned_checked_and_synced() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_add_panel().times(1).returning(|_, _| Ok(panel(7, 1, true)));
    repo.expect_set_panel_generation()
        .withf(|id, g| *id == PanelId::new(7) && *g == Some(ApiGeneration::B))
        .times(1)
        .returning(|_, _| Ok(()));
    repo.expect_record_health().times(1).returning(|_| Ok(()));
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_inbounds_of_panel().returning(|_| Ok(Vec::new()));
    repo.expect_apply_inbound_sync()
        .withf(|_, s, _| s.added.len() == 2)
        .returning(|_, _, _| Ok(()));
    repo.expect_accounts_of_panel().returning(|_| Ok(Vec::new()));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_pin_generation()
        .withf(|url, g| url.as_str() == "https://paris.example.com:2053/base" && *g == Some(ApiGeneration::B))
        .times(1)
        .returning(|_, _| ());
    driver.expect_detect_generation().never();
    driver.expect_server_status().returning(|_| Ok(running()));
    driver.expect_snapshot().returning(|_| {
        Ok(PanelSnapshot {
            inbounds: vec![remote(1, 0, true), remote(2, 0, true)],
            clients: Vec::new(),
        })
    });

    let connected = fleet_service(repo, driver)
        .connect_panel(&new_panel(1), Some(ApiGeneration::B))
        .await
        .unwrap();

    assert_eq!(connected.panel.id, PanelId::new(7));
    assert_eq!(connected.generation, ApiGeneration::B);
    assert!(connected.health.is_up());
    assert_eq!(connected.sync.unwrap().inbounds.added, 2);
}

#[tokio::test]
async fn a_panel_in_an_unknown_location_is_refused_before_any_login() {
    let mut repo = MockRepo::new();
    repo.expect_location()
        .returning(|_| Err(StorageError::NotFound("location 9".into())));
    let mut driver = MockPanelDriver::new();
    driver.expect_server_status().never();

    let err = fleet_service(repo, driver)
        .connect_panel(&new_panel(9), None)
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::NotFound(_)));
}

#[tokio::test]
async fn a_panel_serving_accounts_is_not_removed() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_panel_account_counts().returning(|_| Ok(counts(3, 5)));
    repo.expect_delete_panel().never();
    repo.expect_set_panel_active().never();

    let err = fleet_service(repo, MockPanelDriver::new())
        .remove_panel(PanelId::new(1), false)
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::PanelInUse { accounts: 3 }));
    assert!(err.to_string().contains("3 account(s)"));
}

#[tokio::test]
async fn forcing_the_removal_of_a_panel_with_accounts_takes_it_off_sale_instead() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_panel_account_counts().returning(|_| Ok(counts(3, 5)));
    repo.expect_delete_panel().never();
    repo.expect_set_panel_active()
        .withf(|_, active| !active)
        .times(1)
        .returning(|id, _| Ok(panel(id.get(), 1, false)));

    let removal = fleet_service(repo, MockPanelDriver::new())
        .remove_panel(PanelId::new(1), true)
        .await
        .unwrap();

    assert_eq!(removal, PanelRemoval::Disabled { live_accounts: 3 });
}

#[tokio::test]
async fn a_panel_nothing_was_sold_on_is_deleted() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_panel_account_counts().returning(|_| Ok(counts(0, 0)));
    repo.expect_delete_panel().times(1).returning(|_| Ok(()));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_pin_generation()
        .withf(|_, g| g.is_none())
        .returning(|_, _| ());

    let removal = fleet_service(repo, driver)
        .remove_panel(PanelId::new(1), false)
        .await
        .unwrap();

    assert_eq!(removal, PanelRemoval::Deleted);
}

#[tokio::test]
async fn a_new_password_is_tried_before_it_is_saved() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_panel_generations().returning(|| Ok(Vec::new()));
    repo.expect_update_panel().never();
    let mut driver = MockPanelDriver::new();
    driver
        .expect_server_status()
        .withf(|c| c.password.expose() == "new")
        .returning(|_| Err(PanelError::LoginRefused));
    let changes = PanelChanges {
        password: Some(Secret::new("new")),
        ..PanelChanges::default()
    };

    let err = fleet_service(repo, driver)
        .edit_panel(PanelId::new(1), &changes)
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::Panel(PanelError::LoginRefused)));
}

#[tokio::test]
async fn a_new_two_factor_secret_is_tried_with_the_login_then_saved() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_panel_generations().returning(|| Ok(Vec::new()));
    repo.expect_update_panel()
        .withf(|p, _| p.two_factor_secret.as_ref().map(Secret::expose) == Some("JBSWY3DPEHPK3PXP"))
        .times(1)
        .returning(|p, _| Ok(p.clone()));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_server_status()
        .withf(|c| c.two_factor_secret.as_ref().map(Secret::expose) == Some("JBSWY3DPEHPK3PXP"))
        .times(1)
        .returning(|_| Ok(running()));
    let changes = PanelChanges {
        two_factor_secret: Some(Some(Secret::new("JBSWY3DPEHPK3PXP"))),
        ..PanelChanges::default()
    };

    let saved = fleet_service(repo, driver)
        .edit_panel(PanelId::new(1), &changes)
        .await
        .unwrap();

    assert!(saved.connection().two_factor_secret.is_some());
}

#[tokio::test]
async fn a_panel_with_two_factor_login_and_no_secret_is_not_stored() {
    let mut repo = MockRepo::new();
    repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
    repo.expect_add_panel().never();
    let mut driver = MockPanelDriver::new();
    driver.expect_pin_generation().returning(|_, _| ());
    driver
        .expect_detect_generation()
        .returning(|_| Err(PanelError::TwoFactorRequired));

    let err = fleet_service(repo, driver)
        .connect_panel(&new_panel(1), None)
        .await
        .unwrap_err();

    assert!(err.to_string().contains("two-factor (TOTP) secret"), "{err}");
}

#[tokio::test]
async fn a_new_url_that_logs_in_is_saved_and_the_pin_follows_it() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_panel_generations()
        .returning(|| Ok(vec![(PanelId::new(1), ApiGeneration::C)]));
    repo.expect_update_panel()
        .withf(|p, _| p.url.as_str() == "https://new.example.com/x")
        .times(1)
        .returning(|p, _| Ok(p.clone()));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_pin_generation()
        .withf(|url, g| url.as_str() == "https://new.example.com/x" && *g == Some(ApiGeneration::C))
        .times(1)
        .returning(|_, _| ());
    driver
        .expect_pin_generation()
        .withf(|url, g| url.as_str() == "https://panel1.example.com" && g.is_none())
        .times(1)
        .returning(|_, _| ());
    driver.expect_server_status().returning(|_| Ok(running()));
    let changes = PanelChanges {
        url: Some(PanelUrl::new("https://new.example.com/x/").unwrap()),
        ..PanelChanges::default()
    };

    let saved = fleet_service(repo, driver)
        .edit_panel(PanelId::new(1), &changes)
        .await
        .unwrap();

    assert_eq!(saved.url.as_str(), "https://new.example.com/x");
}

#[tokio::test]
async fn a_panel_with_accounts_cannot_move_to_another_location() {
    let mut repo = MockRepo::new();
    repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
    repo.expect_location()
        .returning(|id| Ok(location(id.get(), "DE", true)));
    repo.expect_panel_account_counts().returning(|_| Ok(counts(0, 2)));
    repo.expect_update_panel().never();
    let changes = PanelChanges {
        location: Some(LocationId::new(2)),
        ..PanelChanges::default()
    };

    let err = fleet_service(repo, MockPanelDriver::new())
        .edit_panel(PanelId::new(1), &changes)
        .await
        .unwrap_err();

    assert!(matches!(err, InventoryError::PanelInUse { accounts: 2 }));
}

#[tokio::test]
async fn stored_pins_are_handed_to_the_driver_at_start_up() {
    let mut repo = MockRepo::new();
    repo.expect_panel_generations()
        .returning(|| Ok(vec![(PanelId::new(2), ApiGeneration::A)]));
    repo.expect_panels()
        .returning(|| Ok(vec![panel(1, 1, true), panel(2, 1, true)]));
    let mut driver = MockPanelDriver::new();
    driver
        .expect_pin_generation()
        .withf(|url, g| url.as_str() == "https://panel2.example.com" && *g == Some(ApiGeneration::A))
        .times(1)
        .returning(|_, _| ());

    assert_eq!(fleet_service(repo, driver).restore_generation_pins().await.unwrap(), 1);
}
