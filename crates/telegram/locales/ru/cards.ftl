# ru: cards messages (see ../ru.ftl for the core screens)

## Top-up: amount and methods
top-up-out-of-bounds = Сумма пополнения должна быть от { $min } до { $max }. Отправьте другую сумму.
top-up-methods = Пополнение на <b>{ $amount }</b>. Как вы хотите оплатить?
btn-pay-card = 💳 Перевод с карты на карту

## Card-to-card: the card, the proof
card-pay = 💳 <b>Пополнение переводом на карту</b>
    Переведите <b>ровно { $amount }</b> на эту карту:

    <code>{ $digits }</code>
    { $holder } · { $bank }

    Сумма перевода: <code>{ $exact }</code>
    Код отслеживания: <code>{ $tracking }</code>

    Несколько единиц сверх { $requested } помогают узнать ваш платёж; они тоже зачисляются.
    Затем отправьте сюда фото чека, или его текст (номер операции, время), или и то и другое в течение { $minutes ->
        [one] { $minutes } минуты
        [few] { $minutes } минут
       *[other] { $minutes } минут
    } (до { $time } UTC).
btn-cancel-request = ✖️ Отменить пополнение
card-cancelled = Пополнение <code>{ $tracking }</code> отменено. Ничего не списано.
card-unavailable = Переводы на карту сейчас недоступны. Попробуйте позже или напишите в поддержку.
card-busy = Сейчас открыто слишком много платежей. Попробуйте через несколько минут.
card-too-many-open = У вас уже { $count ->
        [one] { $count } пополнение ждёт
        [few] { $count } пополнения ждут
       *[other] { $count } пополнений ждут
    } проверки. Отправьте чеки или отмените одно из них.
card-already-pending = Это пополнение ещё ждёт проверки.
card-already-approved = Это пополнение уже подтверждено.
card-already-rejected = Это пополнение уже отклонено.
card-already-expired = Срок этого пополнения истёк. Начните новое: Кошелёк → Пополнить.
card-already-cancelled = Это пополнение отменено. Начните новое: Кошелёк → Пополнить.
card-no-open-request = У вас нет открытого пополнения, к которому можно отправить чек. Начните его: Кошелёк → ➕ Пополнить.
card-proof-bad-photo = Не удалось прочитать фото. Отправьте чек ещё раз как фото.
card-proof-empty = Отправьте фото чека или его текст.
card-proof-too-long = Текст слишком длинный (не более { $max } символов). Отправьте только номер операции и время.
card-proof-pending = 📨 Получено. Пополнение <code>{ $tracking }</code> на { $amount } ждёт проверки; мы сообщим, как только администратор его проверит. Можно ещё добавить фото или текст.

## Review in the channels
review-photo = 🧾 <code>{ $tracking }</code>
review-title = 🧾 Чек #{ $receipt } · <code>{ $tracking }</code>
review-payer = От: { $name } { $username } · id { $id }
review-amount = К переводу: <b>{ $amount }</b> (запрошено { $requested })
review-card = Карта: { $card } · { $bank } · { $holder }
review-text = Текст: { $text }
review-has-photo = 📷 Фото: отправлено с тем же кодом отслеживания
review-flags = ⚠️ Отметки: { $flags }
review-status-pending = ⏳ Ждёт проверки
review-status-approved = ✅ Подтвердил { $by } { $date } в { $time } UTC: зачислено { $credited }
review-status-rejected = ❌ Отклонил { $by } { $date } в { $time } UTC: { $reason }
review-status-expired = ⌛ Истёк до проверки
review-status-cancelled = ✖️ Отменён плательщиком
btn-approve = ✅ Подтвердить
btn-reject = ❌ Отклонить
reject-reason-0 = Перевода с такой суммой нет
reject-reason-1 = Переведена другая сумма
reject-reason-2 = Чек не читается
reject-reason-3 = Этот чек уже использовался
toast-receipt-approved = ✅ Подтверждено; кошелёк пополнен.
toast-receipt-rejected = ❌ Отклонено; плательщику сообщена причина.
toast-receipt-decided = По этому чеку уже есть решение; в посте видно, чьё.
toast-receipt-staff-only = Проверять чеки могут только администраторы. Ничего не изменено.
notice-receipt-balance = Ваш баланс теперь { $balance }.

## Paying an order by card
label-pay-order-card = 💳 Оплатить { $amount } картой
card-pay-order = Этот платёж — за заказ #{ $order }: услуга будет выдана, как только чек подтвердят.
review-order = 🛒 За заказ #{ $order } (выдаётся после подтверждения)
card-proof-document = Отправьте чек как фото (не файлом) или напишите его текст.

## Typed decisions (in the admin's private chat)
btn-approve-other = ✏️ Подтвердить другую сумму
btn-reason-typed = ✏️ Написать причину
card-ask-amount = Сколько на самом деле переведено по чеку <code>{ $tracking }</code>? Запрошено { $amount }. Отправьте сумму к зачислению.
card-ask-reason = Почему чек <code>{ $tracking }</code> отклонён? Отправьте причину; её прочитает плательщик.
card-reason-invalid = Причина — от 1 до { $max } символов. Отправьте ещё раз.
card-amount-invalid = Это не сумма. Отправьте только цифры, например 100000.
card-rejected-done = ❌ Чек <code>{ $tracking }</code> отклонён; плательщику сообщена причина.
card-approved-done = ✅ Чек <code>{ $tracking }</code> подтверждён: зачислено { $amount }.
toast-receipt-asked-privately = Я написал вам в личный чат: ответьте там.
toast-receipt-open-bot = Сначала откройте личный чат с ботом и нажмите Start, затем нажмите снова.

## Bank SMS matching (an admin's private chat)
admin-btn-bank-sms = 📩 Сверить SMS банка
sms-ask = 📩 Вставьте или перешлите сюда SMS банка о зачислении (или уведомление приложения). Я прочитаю сумму и сверю её с уникальными суммами открытых пополнений на карту; наугад ничего не подтверждается.
sms-unreadable = В этом тексте нет зачисления. Перешлите SMS банка как есть (списания никогда не сверяются). Ничего не изменено.
sms-no-time = время не указано
sms-no-match = 📩 Прочитано зачисление { $deposit } ({ $time }), но ни одно открытое пополнение не ждёт ровно { $amount }. Ничего не изменено.
sms-ambiguous = 📩 Прочитано зачисление { $deposit } ({ $time }), но эту сумму ждут { $count } открытых пополнений ({ $receipts }); угадывать я не буду. Решите их в канале. Ничего не изменено.
sms-suggested = 📩 Зачисление { $deposit } ({ $time }) совпадает с чеком #{ $receipt }. Подтвердите одним нажатием:
sms-approved = 📩 Зачисление { $deposit } ({ $time }) совпадает с чеком #{ $receipt }; его карта разрешает автоподтверждение, поэтому он подтверждён.

## A superadmin's override and unflag (on the review posts)
btn-override-approve = ⚖️ Пересмотреть: подтвердить
btn-override-take-back = ⚖️ Пересмотреть: отозвать
btn-unflag = 🏳 Снять отметки
btn-override-yes = ✅ Да, выполнить
review-override-approve-ask = ⚖️ Всё-таки подтвердить чек <code>{ $tracking }</code> и зачислить плательщику { $amount }? Это отменяет прежнее решение.
review-override-take-back-ask = ⚖️ Отозвать чек <code>{ $tracking }</code>: отклонить его и списать зачисленные { $amount } с кошелька плательщика? Не выполняется, если на балансе их уже нет.
review-override-reason = Отменено суперадмином после проверки
review-unflag-ask = 🏳 Снять отметки с чека <code>{ $tracking }</code> ({ $flags })?
toast-receipt-overridden = ⚖️ Решение пересмотрено; плательщику сообщено.
toast-receipt-unflagged = 🏳 У чека больше нет отметок.
toast-receipt-not-overridable = Решение по этому чеку сейчас нельзя пересмотреть. Ничего не изменено.
toast-receipt-cannot-take-back = На балансе плательщика уже нет зачисленной суммы, её нельзя отозвать. Ничего не изменено.
toast-receipt-superadmin-only = Пересматривать решения и снимать отметки может только суперадмин. Ничего не изменено.
