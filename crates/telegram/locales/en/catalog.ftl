## Creating and editing plans and discount codes in the admin menu

admin-btn-plan-new = ➕ New plan
admin-btn-plan-edit = ✏️ Edit
admin-plan-ranges = Buyers pick { $min_gb }–{ $max_gb } GB and { $min_days }–{ $max_days } days
admin-plan-nowhere = nowhere yet
admin-plan-ip-limit = 📱 At most { $devices } devices at once
admin-plan-new-title = ➕ <b>New plan</b>
admin-plan-ask-name = Send the plan's name, as buyers will see it (up to 64 characters).
admin-plan-ask-kind = What does <b>{ $name }</b> sell?
admin-btn-plan-kind-fixed = 📦 A package: GB for days at one price
admin-btn-plan-kind-test = 🎁 A free test (once per user)
admin-btn-plan-kind-dynamic = 🧮 Build-your-own: a price per GB and per day
admin-plan-ask-days = How many days does <b>{ $name }</b> last? Send a number of days (1–3650).
admin-plan-ask-gb = How many GB does <b>{ $name }</b> give? Send a number, or tap Unlimited.
admin-btn-plan-unlimited = ♾ Unlimited
admin-plan-ask-price = What does <b>{ $name }</b> cost? Send the price in digits.
admin-plan-ask-per-gb = What does one GB of <b>{ $name }</b> cost? Send the price in digits (0 if only days are charged).
admin-plan-ask-per-day = What does one day of <b>{ $name }</b> cost? Send the price in digits (0 if only GB are charged).
admin-plan-ask-gb-range = How many GB may a buyer pick? Send the smallest and the largest, like <code>10-100</code>.
admin-plan-ask-days-range = How many days may a buyer pick? Send the shortest and the longest, like <code>7-90</code>.
admin-plan-ask-locations = Where is <b>{ $name }</b> sold? Tap locations to tick them, then Done.
admin-plan-ask-locations-none = There are no locations yet, so <b>{ $name }</b> will be sold nowhere until you connect a panel and add its location to the plan. Tap Done to go on.
admin-btn-locations-done = ✔️ Done
admin-plan-pick-a-location = Tick at least one location.
admin-plan-ask-renewal = When a buyer renews <b>{ $name }</b>, what happens to what is left?
admin-btn-renewal-add = ➕ Add the new GB and days to what is left
admin-btn-renewal-restart = 🔄 Start over from the renewal day
admin-plan-ask-test = Is <b>{ $name }</b> a free test plan (it costs nothing, once per user)?
admin-btn-plan-paid = 💳 A paid plan
admin-plan-ask-ip-limit = How many devices may use one <b>{ $name }</b> service at once? Send a number, or tap No limit.
admin-btn-no-limit = No limit
admin-plan-summary = Check the new plan and tap Create:
admin-btn-plan-create = ✅ Create the plan
admin-plan-created = ✅ Plan <b>{ $name }</b> created and on sale.
admin-plan-refused = ⚠️ Not saved: { $why }
admin-plan-edit-pick = ✏️ What do you want to change in <b>{ $name }</b>?
admin-plan-edit-now = Now: { $value }
admin-plan-edit-confirm = Save this change to <b>{ $name }</b>?
    { $field }: { $before } → <b>{ $after }</b>
admin-btn-save = ✅ Save
admin-plan-paid-needs-price = A paid plan needs a price above zero.
admin-plan-saved = ✅ Saved: { $field }.
admin-plan-range-gb = { $min }–{ $max } GB
admin-plan-range-days = { $min }–{ $max } days
admin-plan-field-name = Name
admin-plan-field-days = Days
admin-plan-field-gb = GB
admin-plan-field-price = Price
admin-plan-field-per-gb = Price per GB
admin-plan-field-per-day = Price per day
admin-plan-field-gb-range = GB buyers pick
admin-plan-field-days-range = Days buyers pick
admin-plan-field-locations = Locations
admin-plan-field-renewal = Renewal
admin-plan-field-test = Free test
admin-plan-field-ip-limit = Devices at once

admin-cat-expired = This question is closed; open the catalog again.
admin-cat-tap-a-button = Please answer with one of the buttons.
admin-cat-tap-save = Tap Save to keep this change, or Back.
admin-cat-bad-negative = A price cannot be negative.
admin-cat-bad-amount = That is not an amount. Send digits only, like 120000.
admin-cat-bad-days = Send a whole number of days (1–3650), in digits.
admin-cat-bad-gb = Send a whole number of GB (1–1,000,000), in digits (or tap Unlimited).
admin-cat-bad-zero-price = A paid plan needs a price above zero. For a free plan, go back and pick “A free test”.
admin-cat-bad-gb-range = Send two numbers of GB, the smaller first, like 10-100 (1–1,000,000).
admin-cat-bad-days-range = Send two numbers of days, the smaller first, like 7-90 (1–3650).
admin-cat-bad-ip-limit = Send a whole number of devices, 1–1000 (or tap No limit).
admin-cat-bad-name = A plan name has 1 to 64 characters.
admin-cat-bad-code = A code has 3 to 32 Latin letters, digits, “_” or “-”, like MOON20.
admin-cat-bad-percent = A percentage is a whole number from 1 to 100, like 15%.
admin-cat-bad-zero-amount = The amount must be more than zero.
admin-cat-bad-usage-limit = Send a whole number of uses from 1 (or tap No limit).
admin-cat-bad-date = Send a date as year-month-day, like 2026-12-31.

admin-btn-code-new = ➕ New code
admin-code-new-title = ➕ <b>New discount code</b>
admin-code-ask-code = Send the code buyers will type: 3 to 32 Latin letters, digits, “_” or “-”, like <code>MOON20</code>.
admin-code-ask-value = How much does it take off? Send a percentage like <code>15%</code> or an amount like <code>20000</code>.
admin-code-ask-usage-limit = How many paid orders may use it in total? Send a number, or tap No limit.
admin-code-ask-min-order = What is the smallest order price it accepts? Send an amount, or tap No minimum.
admin-code-ask-max-discount = What is the most it may take off one order? Send an amount, or tap No cap.
admin-code-ask-from = From which day is it valid? Send a date like <code>2026-12-31</code> (UTC), or tap From now.
admin-code-ask-until = On which day does it stop working (at 00:00 UTC)? Send a date like <code>2026-12-31</code>, or tap No end.
admin-code-summary = Check the new code and tap Create:
admin-btn-code-no-minimum = No minimum
admin-btn-code-no-cap = No cap
admin-btn-code-from-now = From now
admin-btn-code-no-end = No end
admin-btn-code-every-plan = Every paid plan
admin-btn-code-create = ✅ Create the code
admin-code-created = ✅ Code <code>{ $code }</code> created and active.
admin-code-taken = The code { $code } exists already; send another one, or edit that code from its view.
admin-code-bad-window = The code must start before it stops: the last day comes after the first.
admin-code-edit-pick = ✏️ Which rule of <code>{ $code }</code> do you want to change?
admin-code-edit-confirm = Save this change to <code>{ $code }</code>?
    { $field }: { $before } → <b>{ $after }</b>
admin-code-field-value = Discount
admin-code-field-usage-limit = Uses in total
admin-code-field-min-order = Smallest order
admin-code-field-max-discount = Largest discount
admin-code-field-from = First day
admin-code-field-until = Stops on

## Plan descriptions (what buyers read about a plan besides its terms)

admin-plan-ask-description = Send a short description of <b>{ $name }</b> for buyers (up to 500 characters), or tap No description.
admin-btn-plan-no-description = ➖ No description
admin-plan-field-description = Description
admin-plan-no-description = no description
admin-plan-description = 📝 { $description }
admin-cat-bad-description = A description has 1 to 500 characters.
plan-description = <i>{ $description }</i>

## Discount codes: per-buyer limit, several plans, uses

code-per-user-used = You have already used this discount code { $limit ->
    [one] once, as often as it allows.
   *[other] { $limit } times, as often as it allows.
} Order without it, or go back.
code-per-user-gone = You have already used this discount code as often as it allows ({ $limit }); nothing was charged. Please order again without it.
admin-code-ask-per-user-limit = How many times may one buyer use the code? Send a number, or tap No limit.
admin-cat-bad-per-user-limit = Send a whole number from 1, or tap No limit.
admin-code-field-per-user-limit = Uses per buyer
admin-code-field-plans = Plans
admin-code-ask-plans = Which plans is the code for? Tap plans to tick them, then Done; Every paid plan leaves it open.
admin-discount-per-user = 👤 At most { $limit ->
    [one] one use
   *[other] { $limit } uses
} per buyer
admin-discount-plans = 📦 Only for: { $plans }
admin-btn-code-uses = 📋 Uses
admin-code-uses-title = 📋 <b>Uses of { $code }</b> ({ $total })
admin-code-uses-none = Nobody has used this code yet.
admin-code-use-line = { $date } · { $buyer } · <code>{ $tracking }</code> · −{ $discount }
