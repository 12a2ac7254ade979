# ru: notices messages (see ../ru.ftl for the core screens)

## Order outcomes, naming the order by the tracking code the buyer was shown
notice-order-fulfilled-code = ✅ Заказ <code>{ $tracking }</code> готов. Конфиг и QR-код — в разделе «Мои услуги».
notice-order-refunded-code = ↩️ Заказ <code>{ $tracking }</code> не выполнен: { $reason }. { $amount } возвращено на кошелёк.
notice-order-needs-attention-code = ⚠️ Заказ <code>{ $tracking }</code> возвращён и требует проверки: { $reason }.
