//! The first-run guide of `moonvpn run`: while the shop cannot sell yet (no panel, no location
//! with a panel, or no plan on sale), the console names the exact commands that fix it. The
//! superadmin's /start in the bot shows the same steps.

use orders::SetupProgress;

use crate::wiring::Services;

/// The guide's lines for `progress`, or nothing when the shop can sell.
pub fn guide(progress: SetupProgress) -> Vec<String> {
    if progress.is_complete() {
        return Vec::new();
    }
    let mut lines =
        vec!["the shop cannot sell yet; next steps (in another terminal, next to moonvpn.toml):".to_owned()];
    let mut step = 0;
    let mut next = |text: &str| {
        step += 1;
        lines.push(format!("  {step}. {text}"));
    };
    if !progress.panel {
        next(
            "connect your 3x-ui panel (this also adds its location): PANEL_PASSWORD='…' moonvpn panel add \
             --url https://HOST:PORT/PATH --username admin --password-env PANEL_PASSWORD --location France --prefix FR",
        );
    } else if !progress.location {
        next(
            "sell in a location that has an active panel: `moonvpn location list` and `moonvpn panel list` \
             show them; `moonvpn panel add … --location NAME` adds a panel there",
        );
    }
    if !progress.plan {
        next(
            "put a plan on sale there: moonvpn plan add --name \"1 month, 50 GB\" --days 30 --volume-gb 50 \
             --price PRICE --location France",
        );
    }
    next(
        "take payments: when a customer has paid you, credit their wallet and they buy with it: \
         moonvpn user adjust-balance TELEGRAM_ID --credit AMOUNT --reason \"paid by card\"",
    );
    next("send /start to your bot as a superadmin: it shows the same checklist");
    lines
}

/// Logs the guide when the shop cannot sell yet; a failure to read the shop is only a warning.
pub async fn announce(services: &Services) {
    match SetupProgress::read(&services.fleet, &services.placement, &services.catalog).await {
        Ok(progress) => {
            for line in guide(progress) {
                tracing::info!("{line}");
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot read the shop's setup progress"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(panel: bool, location: bool, plan: bool) -> SetupProgress {
        SetupProgress { panel, location, plan }
    }

    #[test]
    fn an_empty_shop_is_told_every_command_in_order() {
        let lines = guide(progress(false, false, false));
        assert!(lines[0].starts_with("the shop cannot sell yet"));
        assert!(lines[1].starts_with("  1. connect your 3x-ui panel"), "{lines:#?}");
        assert!(lines[1].contains("moonvpn panel add --url"));
        assert!(lines[2].starts_with("  2. put a plan on sale there: moonvpn plan add"));
        assert!(lines[3].contains("moonvpn user adjust-balance"));
        assert!(lines[4].contains("/start"));
    }

    #[test]
    fn only_missing_steps_are_named_and_a_ready_shop_gets_no_guide() {
        let lines = guide(progress(true, true, false));
        assert!(!lines.iter().any(|l| l.contains("panel add")), "{lines:#?}");
        assert!(lines[1].starts_with("  1. put a plan on sale"));
        let lines = guide(progress(true, false, false));
        assert!(lines[1].contains("moonvpn location list"), "{lines:#?}");
        assert!(guide(progress(true, true, true)).is_empty());
    }
}
