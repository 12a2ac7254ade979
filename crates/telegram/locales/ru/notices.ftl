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
