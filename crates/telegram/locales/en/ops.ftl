# en: shop operations in the admin menu: stats, audit log, backups

## Stats

ops-btn-stats = 📊 Stats
ops-btn-stats-refresh = 🔄 Refresh
ops-stats-title = 📊 <b>Shop stats</b>
ops-stats-users = 👥 Users: <b>{ $total }</b> · new today { $today } · in 7 days { $week }
ops-stats-sales = 💰 Sales: today <b>{ $today }</b> · 7 days <b>{ $week }</b> · 30 days <b>{ $month }</b>
ops-stats-money-in = 📥 Money in, last 30 days:
ops-stats-money-in-none = 📥 No money came in in the last 30 days.
ops-method-card = 💳 Card to card
ops-method-adjustment = ✍️ Admin adjustments
ops-method-other = Other
ops-stats-services = 🟢 Active services: <b>{ $count }</b>
ops-stats-receipts = 🧾 Receipts waiting for review: <b>{ $count }</b>
ops-stats-panels-ok = 🖥 No panel is failing its health check.
ops-stats-panels-failing = 🔴 Panels failing their health check:
ops-stats-chart = Sales per day, last { $days } days (today in green): <b>{ $total }</b>

## Audit log

ops-btn-audit = 📜 Audit log
ops-audit-title = 📜 <b>Audit log</b> · { $period } · { $family } · { $total ->
        [one] { $total } entry
       *[other] { $total } entries
    } (newest first, UTC)
ops-audit-empty = Nothing matches these filters.
ops-audit-system = system
ops-audit-family = 🏷 Actions: { $family } (tap for the next)
ops-audit-family-all = all
ops-audit-period-all = All time
ops-audit-period-today = Today
ops-audit-period-week = 7 days
ops-audit-period-month = 30 days
ops-audit-newer = « Newer
ops-audit-older = Older »

## Scheduled backups (sent to superadmins as a document)

backup-caption = 🗄 <b>Backup</b> of { $date }, { $time } UTC · { $rows } rows · { $size } MB
    Restore it on the server with <code>moonvpn restore FILE</code>. It holds every user's data: keep it private.
backup-too-big = 🗄 Today's backup is { $size } MB, over the { $limit } MB Telegram lets a bot send, so it was not sent. Take it on the server with <code>moonvpn backup</code>.
