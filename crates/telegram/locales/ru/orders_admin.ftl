## Заказы пользователя и возврат или повтор оплаченного заказа суперадмином (администраторы)

admin-btn-orders = 🧾 Заказы
admin-orders-title = 🧾 Заказы <b>{ $name }</b>: { $total }
admin-orders-none = Заказов пока нет.
admin-order-line = <code>{ $tracking }</code> · { $plan } · { $amount } · { $status } · { $date }
admin-order-title = 🧾 Заказ <code>{ $tracking }</code>, покупатель <b>{ $name }</b>
admin-order-status = Статус: { $status }
admin-order-plan = Тариф: { $plan } · { $location }
admin-order-amount = Сумма: { $amount }
admin-order-discount = Сумма: { $amount } ({ $price } минус скидка { $discount })
admin-order-created = Заказан: { $date }
admin-order-paid-at = Оплачен: { $date }
admin-order-attempts = Попыток доставки: { $attempts }
admin-order-account = Услуга: { $account }
admin-order-failure = Почему не выполнен: { $reason }
admin-order-status-pending = ⏳ ждёт оплаты
admin-order-status-paid = 💳 оплачен, не доставлен
admin-order-status-fulfilled = ✅ доставлен
admin-order-status-failed = ↩️ не выполнен
admin-order-status-expired = ⌛ истёк без оплаты
admin-btn-order-profile = 👤 Профиль
admin-btn-order-override = ⚖️ Решение суперадмина
admin-order-override-ask = Заказ оплачен, но услуга не доставлена. Что сделать?
    ↩️ <b>Вернуть деньги</b>: { $amount } вернётся на кошелёк покупателя, заказ закроется.
    🔁 <b>Повторить</b>: сервер сразу попросят создать услугу ещё раз.
admin-btn-order-refund = ↩️ Вернуть деньги
admin-btn-order-retry = 🔁 Повторить
admin-order-reason-ask = Почему? Отправьте причину одним сообщением (не больше { $max } символов). Она попадёт в журнал действий, а при возврате её прочитает покупатель.
admin-order-reason-empty = Причина пустая. Напишите причину или нажмите «Отмена».
admin-order-reason-too-long = В причине { $chars } символов; помещается не больше { $max }. Сократите и отправьте снова или нажмите «Отмена».
admin-order-confirm-refund = Вернуть деньги за заказ <code>{ $tracking }</code> сейчас? <b>{ $amount }</b> вернётся на кошелёк { $name }, заказ закроется как невыполненный, а клиент, если он был заведён для заказа на сервере, будет удалён. Покупателю сообщат: «{ $reason }»
admin-order-confirm-retry = Повторить доставку заказа <code>{ $tracking }</code> сейчас? Сервер сразу попросят создать услугу; если получится, { $name } получит услугу как обычно. Заказ, исчерпавший все попытки доставки, вместо этого будет возвращён. Причина: «{ $reason }»
admin-btn-order-refund-yes = ✅ Да, вернуть
admin-btn-order-retry-yes = ✅ Да, повторить
admin-order-tap-confirm = Нажмите кнопку ✅ или «Отмена» под подтверждением.
admin-order-expired = Это подтверждение уже закрыто; ничего не изменено.
admin-order-refunded = ✅ Деньги за заказ <code>{ $tracking }</code> возвращены: { $amount } на кошельке покупателя, ему сообщили.
admin-order-delivered = ✅ Заказ <code>{ $tracking }</code> доставлен; покупатель получит услугу.
admin-order-retry-refunded = ↩️ Заказ <code>{ $tracking }</code> не удалось доставить, поэтому деньги возвращены ({ $amount }); покупателю сообщили.
admin-order-in-progress = ⏳ Заказ <code>{ $tracking }</code> сейчас доставляет другой процесс; ничего не сделано. Загляните через минуту.
admin-order-not-overridable = ⚠️ Вернуть деньги или повторить можно только для оплаченного, но не доставленного заказа; статус этого: { $status }. Ничего не изменено.
admin-order-gone = Этого заказа больше нет.
