//! The Stats use case: what counts as a sale or money in, and which day it belongs to.

use super::*;
use kernel::FixedClock;
use members::{AccessError, MockAuthorizer};
use time::macros::datetime;

fn fact(at: OffsetDateTime, kind: &str, amount: i64, key: &str, provider: Option<&str>) -> LedgerFact {
    LedgerFact {
        at,
        kind: kind.into(),
        amount,
        key: key.into(),
        provider: provider.map(Into::into),
    }
}

fn admin() -> MockAuthorizer {
    let mut access = MockAuthorizer::new();
    access
        .expect_authorize()
        .returning(|_, _, _| Ok(crate::catalog_tests::member(UserId::new(1))));
    access
}

fn source() -> MockStatsSource {
    let mut source = MockStatsSource::new();
    source.expect_user_counts().returning(|today, week| {
        assert_eq!(today, datetime!(2026-12-06 00:00 UTC));
        assert_eq!(week, datetime!(2026-11-30 00:00 UTC));
        Ok(UserCounts {
            total: 10,
            today: 1,
            week: 4,
        })
    });
    source.expect_ledger_since().returning(|since| {
        assert_eq!(since, datetime!(2026-11-07 00:00 UTC));
        Ok(vec![
            fact(datetime!(2026-11-07 00:00 UTC), "purchase", -500, "order:1:debit", None),
            fact(
                datetime!(2026-12-05 10:00 UTC),
                "purchase",
                -1000,
                "order:2:debit",
                None,
            ),
            fact(
                datetime!(2026-12-06 09:00 UTC),
                "purchase",
                -2000,
                "order:3:debit",
                None,
            ),
            fact(datetime!(2026-12-06 09:05 UTC), "refund", 2000, "order:3:refund", None),
            fact(
                datetime!(2026-12-06 09:10 UTC),
                "purchase",
                -3000,
                "order:4:debit",
                None,
            ),
            fact(
                datetime!(2026-12-01 08:00 UTC),
                "deposit",
                5000,
                "receipt:1:approve",
                None,
            ),
            fact(
                datetime!(2026-12-01 09:00 UTC),
                "deposit",
                700,
                "payment:4:credit",
                Some("stars"),
            ),
            fact(
                datetime!(2026-12-01 09:30 UTC),
                "refund",
                -700,
                "payment:4:refund",
                Some("stars"),
            ),
            fact(
                datetime!(2026-12-02 09:00 UTC),
                "deposit",
                900,
                "payment:5:credit",
                Some("zarinpal"),
            ),
            fact(
                datetime!(2026-12-03 09:00 UTC),
                "adjustment",
                -100,
                "cli:adjust:1",
                None,
            ),
        ])
    });
    source.expect_active_services().returning(|| {
        Ok(vec![
            ServiceCount {
                location: "Germany".into(),
                panel: "de-1".into(),
                active: 2,
            },
            ServiceCount {
                location: "France".into(),
                panel: "fr-1".into(),
                active: 3,
            },
        ])
    });
    source.expect_pending_receipts().returning(|| Ok(2));
    source.expect_failing_panels().returning(|| Ok(vec![]));
    source
}

fn service(source: MockStatsSource, access: MockAuthorizer) -> StatsService {
    StatsService::new(
        Arc::new(source),
        Arc::new(access),
        Arc::new(FixedClock::new(datetime!(2026-12-06 12:00 UTC))),
    )
}

#[tokio::test]
async fn sales_are_order_debits_minus_refunds_per_day_and_money_in_is_split_by_method() {
    let stats = service(source(), admin()).shop_stats(UserId::new(1)).await.unwrap();
    assert_eq!(stats.days.len(), STATS_DAYS);
    assert_eq!(stats.days[0].day, time::macros::date!(2026 - 11 - 07));
    assert_eq!(stats.days[0].sales, 500);
    assert_eq!(stats.days[STATS_DAYS - 2].sales, 1000);
    assert_eq!(stats.days[STATS_DAYS - 1].sales, 3000);
    assert_eq!(
        (stats.sales_today, stats.sales_week, stats.sales_month),
        (3000, 4000, 4500)
    );
    assert_eq!(
        stats.money_in,
        vec![
            (MoneyIn::Card, 5000),
            (MoneyIn::Provider("zarinpal".into()), 900),
            (MoneyIn::Adjustment, -100),
        ]
    );
    assert_eq!(stats.services[0].location, "France");
    assert_eq!(stats.active_services(), 5);
    assert_eq!(stats.users.total, 10);
    assert_eq!(stats.pending_receipts, 2);
}

#[tokio::test]
async fn a_plain_user_gets_no_stats() {
    let mut access = MockAuthorizer::new();
    access
        .expect_authorize()
        .withf(|_, role, attempt| *role == Role::Admin && *attempt == StatsService::VIEW)
        .returning(|_, _, _| Err(AccessError::Forbidden { needed: Role::Admin }));
    let result = service(MockStatsSource::new(), access).shop_stats(UserId::new(2)).await;
    assert!(matches!(result, Err(OrderError::Forbidden { .. })));
}

#[tokio::test]
async fn days_run_midnight_to_midnight_in_the_shops_time() {
    // 21:00 UTC on the 6th is half past midnight on the 7th in Tehran (+03:30).
    let tehran = time::macros::offset!(+3:30);
    let mut source = MockStatsSource::new();
    source.expect_user_counts().returning(|today, week| {
        assert_eq!(
            today,
            datetime!(2026-12-06 20:30 UTC),
            "today starts at midnight in Tehran"
        );
        assert_eq!(week, datetime!(2026-11-30 20:30 UTC));
        Ok(UserCounts::default())
    });
    source.expect_ledger_since().returning(|_| {
        Ok(vec![
            fact(datetime!(2026-12-06 20:00 UTC), "purchase", -700, "order:1:debit", None),
            fact(datetime!(2026-12-06 20:45 UTC), "purchase", -300, "order:2:debit", None),
        ])
    });
    source.expect_active_services().returning(|| Ok(vec![]));
    source.expect_pending_receipts().returning(|| Ok(0));
    source.expect_failing_panels().returning(|| Ok(vec![]));
    let stats = StatsService::new(
        Arc::new(source),
        Arc::new(admin()),
        Arc::new(FixedClock::new(datetime!(2026-12-06 21:00 UTC))),
    )
    .with_utc_offset(tehran)
    .shop_stats(UserId::new(1))
    .await
    .unwrap();
    let last = stats.days[STATS_DAYS - 1];
    assert_eq!(
        last.day,
        time::macros::date!(2026 - 12 - 07),
        "today is the 7th in Tehran"
    );
    assert_eq!(last.sales, 300, "a sale at 00:15 Tehran time is today's");
    assert_eq!(
        stats.days[STATS_DAYS - 2].sales,
        700,
        "one at 23:30 the evening before is yesterday's"
    );
    assert_eq!((stats.sales_today, stats.sales_week), (300, 1000));
}
