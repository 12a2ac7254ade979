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
