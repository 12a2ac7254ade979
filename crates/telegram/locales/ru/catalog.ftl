## Creating and editing plans and discount codes in the admin menu

admin-btn-plan-new = ➕ Новый тариф
admin-btn-plan-edit = ✏️ Изменить
admin-plan-ranges = Покупатель выбирает { $min_gb }–{ $max_gb } ГБ и { $min_days }–{ $max_days } дн.
admin-plan-nowhere = пока нигде
admin-plan-ip-limit = 📱 Не больше { $devices } устройств одновременно
admin-plan-new-title = ➕ <b>Новый тариф</b>
admin-plan-ask-name = Пришлите название тарифа, как его увидят покупатели (до 64 символов).
admin-plan-ask-kind = Что продаёт <b>{ $name }</b>?
admin-btn-plan-kind-fixed = 📦 Пакет: ГБ на срок по одной цене
admin-btn-plan-kind-test = 🎁 Бесплатный тест (один раз на пользователя)
admin-btn-plan-kind-dynamic = 🧮 Конструктор: цена за ГБ и за день
admin-plan-ask-days = Сколько дней длится <b>{ $name }</b>? Пришлите число дней (1–3650).
admin-plan-ask-gb = Сколько ГБ даёт <b>{ $name }</b>? Пришлите число или нажмите «Безлимит».
admin-btn-plan-unlimited = ♾ Безлимит
admin-plan-ask-price = Сколько стоит <b>{ $name }</b>? Пришлите цену цифрами.
admin-plan-ask-per-gb = Сколько стоит один ГБ в <b>{ $name }</b>? Пришлите цену цифрами (0, если оплачиваются только дни).
admin-plan-ask-per-day = Сколько стоит один день в <b>{ $name }</b>? Пришлите цену цифрами (0, если оплачиваются только ГБ).
admin-plan-ask-gb-range = Сколько ГБ может выбрать покупатель? Пришлите наименьшее и наибольшее, например <code>10-100</code>.
admin-plan-ask-days-range = Сколько дней может выбрать покупатель? Пришлите наименьшее и наибольшее, например <code>7-90</code>.
admin-plan-ask-locations = Где продаётся <b>{ $name }</b>? Отметьте локации и нажмите «Готово».
admin-plan-ask-locations-none = Локаций пока нет, поэтому <b>{ $name }</b> нигде не будет продаваться, пока вы не подключите панель и не добавите её локацию в тариф. Нажмите «Готово», чтобы продолжить.
admin-btn-locations-done = ✔️ Готово
admin-plan-pick-a-location = Отметьте хотя бы одну локацию.
admin-plan-ask-renewal = Что происходит с остатком, когда покупатель продлевает <b>{ $name }</b>?
admin-btn-renewal-add = ➕ Новые ГБ и дни добавляются к остатку
admin-btn-renewal-restart = 🔄 Отсчёт заново со дня продления
admin-plan-ask-test = <b>{ $name }</b> — бесплатный тестовый тариф (ничего не стоит, один раз на пользователя)?
admin-btn-plan-paid = 💳 Платный тариф
admin-plan-ask-ip-limit = Сколько устройств может одновременно пользоваться одной услугой <b>{ $name }</b>? Пришлите число или нажмите «Без ограничений».
admin-btn-no-limit = Без ограничений
admin-plan-summary = Проверьте новый тариф и нажмите «Создать»:
admin-btn-plan-create = ✅ Создать тариф
admin-plan-created = ✅ Тариф <b>{ $name }</b> создан и в продаже.
admin-plan-refused = ⚠️ Не сохранено: { $why }
admin-plan-edit-pick = ✏️ Что изменить в <b>{ $name }</b>?
admin-plan-edit-now = Сейчас: { $value }
admin-plan-edit-confirm = Сохранить это изменение в <b>{ $name }</b>?
    { $field }: { $before } → <b>{ $after }</b>
admin-btn-save = ✅ Сохранить
admin-plan-paid-needs-price = Платному тарифу нужна цена больше нуля.
admin-plan-saved = ✅ Сохранено: { $field }.
admin-plan-range-gb = { $min }–{ $max } ГБ
admin-plan-range-days = { $min }–{ $max } дн.
admin-plan-field-name = Название
admin-plan-field-days = Дни
admin-plan-field-gb = ГБ
admin-plan-field-price = Цена
admin-plan-field-per-gb = Цена за ГБ
admin-plan-field-per-day = Цена за день
admin-plan-field-gb-range = ГБ на выбор
admin-plan-field-days-range = Дни на выбор
admin-plan-field-locations = Локации
admin-plan-field-renewal = Продление
admin-plan-field-test = Бесплатный тест
admin-plan-field-ip-limit = Устройств одновременно

admin-cat-expired = Этот вопрос уже закрыт; откройте тарифы или промокоды заново.
admin-cat-tap-a-button = Пожалуйста, ответьте одной из кнопок.
admin-cat-tap-save = Нажмите «Сохранить», чтобы оставить изменение, или «Назад».
admin-cat-bad-negative = Цена не может быть отрицательной.
admin-cat-bad-amount = Это не сумма. Пришлите только цифры, например 120000.
admin-cat-bad-days = Пришлите целое число дней (1–3650) цифрами.
admin-cat-bad-gb = Пришлите целое число ГБ (1–1 000 000) цифрами (или нажмите «Безлимит»).
admin-cat-bad-zero-price = Платному тарифу нужна цена больше нуля. Для бесплатного вернитесь назад и выберите «Бесплатный тест».
admin-cat-bad-gb-range = Пришлите два числа ГБ, сначала меньшее, например 10-100 (1–1 000 000).
admin-cat-bad-days-range = Пришлите два числа дней, сначала меньшее, например 7-90 (1–3650).
admin-cat-bad-ip-limit = Пришлите целое число устройств, 1–1000 (или нажмите «Без ограничений»).
admin-cat-bad-name = Название тарифа — от 1 до 64 символов.
admin-cat-bad-code = Промокод — от 3 до 32 латинских букв, цифр, «_» или «-», например MOON20.
admin-cat-bad-percent = Процент — целое число от 1 до 100, например 15%.
admin-cat-bad-zero-amount = Сумма должна быть больше нуля.
admin-cat-bad-usage-limit = Пришлите целое число использований от 1 (или нажмите «Без ограничений»).
admin-cat-bad-date = Пришлите дату в виде год-месяц-день, например 2026-12-31.

admin-btn-code-new = ➕ Новый промокод
admin-code-new-title = ➕ <b>Новый промокод</b>
admin-code-ask-code = Пришлите промокод, который будут вводить покупатели: от 3 до 32 латинских букв, цифр, «_» или «-», например <code>MOON20</code>.
admin-code-ask-value = Какую скидку он даёт? Пришлите процент, например <code>15%</code>, или сумму, например <code>20000</code>.
admin-code-ask-usage-limit = Сколько оплаченных заказов всего могут его использовать? Пришлите число или нажмите «Без ограничений».
admin-code-ask-min-order = Какая наименьшая сумма заказа? Пришлите сумму или нажмите «Без минимума».
admin-code-ask-max-discount = Какая наибольшая скидка на один заказ? Пришлите сумму или нажмите «Без потолка».
admin-code-ask-from = С какого дня он действует? Пришлите дату, например <code>2026-12-31</code> (UTC), или нажмите «С этого момента».
admin-code-ask-until = С какого дня он перестаёт действовать (в 00:00 UTC)? Пришлите дату, например <code>2026-12-31</code>, или нажмите «Бессрочно».
admin-code-summary = Проверьте новый промокод и нажмите «Создать»:
admin-btn-code-no-minimum = Без минимума
admin-btn-code-no-cap = Без потолка
admin-btn-code-from-now = С этого момента
admin-btn-code-no-end = Бессрочно
admin-btn-code-every-plan = Все платные тарифы
admin-btn-code-create = ✅ Создать промокод
admin-code-created = ✅ Промокод <code>{ $code }</code> создан и активен.
admin-code-taken = Промокод { $code } уже есть; пришлите другой или измените тот на его странице.
admin-code-bad-window = Промокод должен начать действовать раньше, чем закончит: последний день — после первого.
admin-code-edit-pick = ✏️ Какое правило <code>{ $code }</code> изменить?
admin-code-edit-confirm = Сохранить это изменение в <code>{ $code }</code>?
    { $field }: { $before } → <b>{ $after }</b>
admin-code-field-value = Скидка
admin-code-field-usage-limit = Всего использований
admin-code-field-min-order = Минимальный заказ
admin-code-field-max-discount = Наибольшая скидка
admin-code-field-from = Первый день
admin-code-field-until = Действует до

## Plan descriptions (what buyers read about a plan besides its terms)

admin-plan-ask-description = Пришлите короткое описание тарифа <b>{ $name }</b> для покупателей (до 500 символов) или нажмите «Без описания».
admin-btn-plan-no-description = ➖ Без описания
admin-plan-field-description = Описание
admin-plan-no-description = без описания
admin-plan-description = 📝 { $description }
admin-cat-bad-description = Описание — от 1 до 500 символов.
plan-description = <i>{ $description }</i>

## Discount codes: per-buyer limit, several plans, uses

code-per-user-used = Вы уже использовали этот промокод { $limit ->
    [one] { $limit } раз
    [few] { $limit } раза
   *[other] { $limit } раз
} — больше нельзя. Оформите заказ без него или вернитесь назад.
code-per-user-gone = Вы уже использовали этот промокод столько раз, сколько можно ({ $limit }); деньги не списаны. Оформите заказ заново без него.
admin-code-ask-per-user-limit = Сколько раз один покупатель может использовать промокод? Пришлите число или нажмите «Без ограничений».
admin-cat-bad-per-user-limit = Пришлите целое число от 1 или нажмите «Без ограничений».
admin-code-field-per-user-limit = Раз на покупателя
admin-code-field-plans = Тарифы
admin-code-ask-plans = Для каких тарифов промокод? Нажимайте на тарифы, чтобы отметить их, затем «Готово»; «Все платные тарифы» оставляет без ограничения.
admin-discount-per-user = 👤 Не больше { $limit } раз на покупателя
admin-discount-plans = 📦 Только для: { $plans }
admin-btn-code-uses = 📋 Использования
admin-code-uses-title = 📋 <b>Использования { $code }</b> ({ $total })
admin-code-uses-none = Этим промокодом ещё никто не пользовался.
admin-code-use-line = { $date } · { $buyer } · <code>{ $tracking }</code> · −{ $discount }
