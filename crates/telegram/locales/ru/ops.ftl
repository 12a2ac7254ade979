# ru: shop operations in the admin menu: stats, audit log, backups

## Stats

ops-btn-stats = 📊 Статистика
ops-btn-stats-refresh = 🔄 Обновить
ops-stats-title = 📊 <b>Статистика магазина</b>
ops-stats-users = 👥 Пользователи: <b>{ $total }</b> · новых сегодня { $today } · за 7 дней { $week }
ops-stats-sales = 💰 Продажи: сегодня <b>{ $today }</b> · 7 дней <b>{ $week }</b> · 30 дней <b>{ $month }</b>
ops-stats-money-in = 📥 Поступления за 30 дней:
ops-stats-money-in-none = 📥 За последние 30 дней поступлений не было.
ops-method-card = 💳 Перевод на карту
ops-method-adjustment = ✍️ Корректировки админом
ops-method-other = Прочее
ops-stats-services = 🟢 Активные услуги: <b>{ $count }</b>
ops-stats-receipts = 🧾 Чеков ждут проверки: <b>{ $count }</b>
ops-stats-panels-ok = 🖥 Все панели проходят проверку.
ops-stats-panels-failing = 🔴 Панели, не прошедшие проверку:
ops-stats-chart = Продажи по дням за { $days } дн. (сегодня — зелёным): <b>{ $total }</b>

## Audit log

ops-btn-audit = 📜 Журнал действий
ops-audit-title = 📜 <b>Журнал действий</b> · записей: { $total } (новые сверху, { $zone })
ops-audit-empty = По этим фильтрам ничего нет.
ops-audit-system = система
ops-audit-period-all = За всё время
ops-audit-period-today = Сегодня
ops-audit-period-week = 7 дней
ops-audit-period-month = 30 дней
ops-audit-newer = « Новее
ops-audit-older = Старее »
ops-audit-filter-actor = 👤 Кто: { $actor }
ops-audit-filter-action = 🏷 Действие: <code>{ $action }</code>
ops-audit-filter-day = 📅 За { $day }
ops-audit-filter-days = 📅 С { $from } по { $to }
ops-audit-filter-since = 📅 С { $from }
ops-audit-filter-until = 📅 По { $to }
ops-audit-btn-actor = 👤 Кто
ops-audit-btn-action = 🏷 Действие
ops-audit-btn-days = 📅 Дни
ops-audit-btn-clear = ✖️ Сбросить фильтры
ops-audit-actions-ask = 🏷 Какие действия? Выберите группу (затем всю группу или одно действие) или действие.
ops-audit-family-ask = 🏷 Какие действия группы <code>{ $family }</code>?
ops-audit-family-all = Все { $family }…
ops-audit-all-actions = Все действия
ops-audit-actor-ask = 👤 Чьи действия? Отправьте Telegram id, @username, код операции из его кошелька или #id.
ops-audit-actor-none = Никто не найден по «{ $query }». Отправьте Telegram id, @username, код операции или #id либо нажмите «Отмена».
ops-audit-days-ask = 📅 Какие дни? Отправьте один день или два для периода: 2026-12-07 или по иранскому календарю 1405-09-16 (дни по { $zone }, оба включительно).
ops-audit-days-invalid = «{ $text }» — не дата. Отправьте 2026-12-07 или 1405-09-16, либо две даты для периода, либо нажмите «Отмена».

## Scheduled backups (sent to superadmins as a document)

backup-caption = 🗄 <b>Резервная копия</b> от { $date }, { $time } UTC · строк: { $rows } · { $size } МБ
    Восстановить на сервере: <code>moonvpn restore FILE</code>. В ней данные всех пользователей — храните её в тайне.
backup-too-big = 🗄 Сегодняшняя резервная копия весит { $size } МБ — больше { $limit } МБ, которые Telegram позволяет отправить боту, поэтому она не отправлена. Сделайте её на сервере командой <code>moonvpn backup</code>.
