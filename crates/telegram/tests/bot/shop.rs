//! `Shop::open`: a [`TestShop`] with everything on sale, the world most buying tests share.
//!
//! On sale: Silver (50 GB, 30 days, 100,000 Toman; France and Germany; renewal adds to what
//! is left), Gold (20 GB, 10 days, 40,000 Toman; France; renewal restarts), Custom (France;
//! 1,000 Toman per GB for 10–100 GB plus 500 per day for 7–90 days), the free test Trial
//! (France; 1 GB for 1 day) and the code MOON10 (10% off). Each location has one panel of
//! the newest generation with one VLESS inbound.

use std::ops::{Deref, DerefMut};

use kernel::LocationId;
use orders::{DiscountCode, DiscountStatus, DiscountTerms, DiscountValue, DynamicTerms, Percent, RenewalRule};
use testkit::{FakePanel, Generation};
pub use testshop::{GB, key_on, limits_on, unix_ms as ms};
use testshop::{PlanSpec, ShopBuilder, TestShop, money};

/// A shop with everything on sale (derefs to its [`TestShop`]).
pub struct Shop {
    shop: TestShop,
    /// Germany (prefix DE).
    pub de: LocationId,
}

impl Deref for Shop {
    type Target = TestShop;
    fn deref(&self) -> &TestShop {
        &self.shop
    }
}

impl DerefMut for Shop {
    fn deref_mut(&mut self) -> &mut TestShop {
        &mut self.shop
    }
}

impl Shop {
    /// Opens the shop and starts the bot.
    pub async fn open() -> Shop {
        Self::open_with(|b| b).await
    }

    /// Opens the shop with Telegram's flood limits on, in the fake Bot API and in the bot.
    pub async fn open_with_flood_limits() -> Shop {
        Self::open_with(ShopBuilder::with_flood_limits).await
    }

    /// Opens the shop with buyers waiting only `wait` for a delivery on the Pay screen.
    pub async fn open_with_buyer_wait(wait: std::time::Duration) -> Shop {
        Self::open_with(|b| b.with_buyer_wait(wait)).await
    }

    async fn open_with(adjust: impl FnOnce(ShopBuilder) -> ShopBuilder) -> Shop {
        let dynamic = DynamicTerms::new(money(1_000), money(500), (10, 100), (7, 90)).unwrap();
        let builder = TestShop::init()
            .with_location("France", "FR")
            .with_panel(Generation::D)
            .with_location("Germany", "DE")
            .with_panel(Generation::D)
            .with_plan(PlanSpec::fixed("Silver", 50, 30, 100_000).at(&["FR", "DE"]))
            .with_plan(
                PlanSpec::fixed("Gold", 20, 10, 40_000)
                    .at(&["FR"])
                    .renewal(RenewalRule::RestartFromNow),
            )
            .with_plan(PlanSpec::dynamic("Custom", dynamic).at(&["FR"]))
            .with_plan(PlanSpec::free_test("Trial", 1, 1).at(&["FR"]));
        let shop = adjust(builder).start().await;
        let ten_percent = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap();
        shop.services
            .catalog
            .create_discount(
                DiscountCode::parse("MOON10").unwrap(),
                ten_percent,
                DiscountStatus::Active,
            )
            .await
            .unwrap();
        let de = shop.location("DE");
        Shop { shop, de }
    }

    /// The panel in France.
    pub fn france(&self) -> &FakePanel {
        self.shop.panel(0)
    }

    /// The panel in Germany.
    pub fn germany(&self) -> &FakePanel {
        self.shop.panel(1)
    }

    /// Stops the bot.
    pub async fn close(self) {
        self.shop.close().await;
    }
}
