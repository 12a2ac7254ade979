# ru: notices messages (see ../ru.ftl for the core screens)

## Order outcomes, naming the order by the tracking code the buyer was shown
notice-order-fulfilled-code = ✅ Заказ <code>{ $tracking }</code> готов. Конфиг и QR-код — в разделе «Мои услуги».
notice-order-refunded-code = ↩️ Заказ <code>{ $tracking }</code> не выполнен: { $reason }. { $amount } возвращено на кошелёк.
notice-order-needs-attention-code = ⚠️ Заказ <code>{ $tracking }</code> возвращён и требует проверки: { $reason }.

## Reminders (each with a Renew button)
reminder-expires-3d = ⏳ Срок <b>{ $name }</b> истекает через 3 дня, { $date }. Продлите сейчас — и всё продолжит работать без перерыва.
reminder-expires-1d = ⏳ Срок <b>{ $name }</b> истекает завтра, { $date }. Продлите сейчас — и всё продолжит работать без перерыва.
reminder-expired = ⛔ Срок <b>{ $name }</b> истёк. Продлите, чтобы снова подключиться.
reminder-traffic-80 = 📊 <b>{ $name }</b>: израсходовано 80% трафика. Продлите, чтобы добавить ещё.
reminder-traffic-100 = ⛔ <b>{ $name }</b>: трафик закончился. Продлите, чтобы снова подключиться.

## Settings: which reminders a user gets
btn-settings = ⚙️ Настройки
settings-title =
    ⚙️ <b>Настройки</b>
    Напоминания: нажмите, чтобы выключить или включить. Об истёкшей услуге и закончившемся трафике мы сообщаем всегда.
settings-expires-3d = За 3 дня до окончания
settings-expires-1d = За 1 день до окончания
settings-traffic-80 = Израсходовано 80% трафика
settings-low-balance = Мало денег после покупки
settings-always = Отправляется всегда
label-reminder-on = 🔔 { $kind }: вкл.
label-reminder-off = 🔕 { $kind }: выкл.
toast-reminder-on = Напоминание включено.
toast-reminder-off = Напоминание выключено.

## Low balance after a purchase (with a Top-up button)
notice-low-balance = 💰 На балансе осталось { $balance } — меньше, чем стоила эта покупка ({ $price }). Пополните кошелёк, чтобы следующее продление прошло.

## Admin alerts
notice-order-paid = 🛒 Новый заказ <code>{ $tracking }</code>: оплачено { $amount }.
notice-order-paid-renewal = 🔄 Продление <code>{ $tracking }</code>: оплачено { $amount }.
notice-panel-down = 🔴 Панель <b>{ $name }</b> недоступна: { $problem }. Продажи обходят её, пока она снова не ответит.
notice-panel-up = 🟢 Панель <b>{ $name }</b> снова отвечает.
notice-panel-sync-failed = ⚠️ Не удалось синхронизировать панель <b>{ $name }</b>: { $error }. Трафик и сроки могут быть неактуальны до следующей удачной синхронизации.
notice-reconcile-drift = 🔍 Ежедневная проверка панелей нашла расхождения:
    { $lines }
    Ничего не изменено. Чтобы заново создать пропавшие аккаунты: <code>moonvpn panel reconcile --repair</code>
notice-drift-line = • <b>{ $name }</b>: клиентов, неизвестных MoonVPN: { $unknown }; аккаунтов, пропавших с панели: { $lost }
