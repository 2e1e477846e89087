### kesher's words in English: the reference catalogue. Every other language has each of
### these messages, with no variable the English one does not give. A host overrides any of
### them, or adds a language, with kesher::catalogue::Catalogue::with_messages.

## Escalation reasons: why a rule asked for an action (kesher::live::Escalation::reason).
## $metric: the target's metric (first_response, resolution…); $rule: the rule's name.

# $percent: the share of the target's time used, in percent.
escalation-share = { $metric } has used { $percent }% of its time (rule { $rule })
escalation-breach = { $metric } is breached (rule { $rule })
# $promise: the promise's id.
escalation-promise-broken = promise { $promise } was broken (rule { $rule })
# $channel: the public channel of the message (twitter, facebook_page…).
escalation-public-negative = a customer wrote a negative public message on { $channel } (rule { $rule })

## The service report's labels and sentences (kesher report). Short ones are table
## headers and units; `percent-space` goes between a number and `%`.

report-title = Customer experience report
report-cases = cases
report-cases-title = Cases
report-dropped = dropped into it
report-percent-space = { " " }
report-below = below
report-from = from
report-to = to
report-as-of = clocks read at
report-inputs = Input
report-refused-cases = Cases that could not be evaluated (left out of every figure)
report-read = rows read
report-accepted = accepted
report-rejected = rejected
report-median-first-response = Median first response
report-p90-first-response = 90 % answered within
report-within-sla = First response within SLA
report-fcr = First contact resolution
report-unanswered = Unanswered messages
report-public-balance = Public messages + / −
report-customer-said = What the customer said at its critical points (UTC):
report-waiting = Open cases waiting for an answer
report-transfers = Transfers
report-to-win-back = Customers to win back
report-by-brand = By brand
report-by-channel = By channel of first contact
report-brand = Brand
report-channel = Channel
report-hardest-stage = Stage prone to trouble
report-first-response-distribution = Time to first response
report-no-answer = no answer
report-emotion-pattern = How customers feel: the typical pattern
report-lowest-journey = The journey that fell lowest
report-prone-to-trouble = Stages prone to trouble
report-no-trouble = No stage shows drops or lows.
report-problems = Recurring problems
report-problems-intro = Cases grouped by the words of their first message, largest first: the first rows are FAQ candidates, and the answers are replies from cases that ended well.
report-problems-sampled = Grouped from a uniform sample (chosen by case id) of the described cases; the counts are of the sample, the shares hold for all:
report-of = of
report-problem = Problem
report-terms = Words
report-share = Share
report-cumulative = Cumulative
report-example = Example
report-answer-candidate = Answer that worked
report-retention = Retention
report-win-back = Win back
report-nurture = Nurture
report-word-of-mouth = Word of mouth
report-customer = Customer
report-score = Score
report-facts = Why
report-nurture-needs-records = Nurture needs customer records with purchases (kesher report --customers FILE).
report-of-total = of
report-contracts = Service contracts, as customers read them
report-coverage = Channel coverage
report-contacts = Customer contacts
report-covered = covered
report-partial = partly covered
report-uncovered = no contract
report-no-contracts = No contracts were given (kesher report --contracts FILE): SLA compliance, statements and coverage need them.
report-not-available = n/a
report-no-resolutions = no case in the data records a resolution
report-method = How this was computed
report-method-text = Every case was rebuilt from its events by kesher. First response is the time from the case's opening to the first answer by a person, in calendar time; SLA compliance counts business time on each contract's calendar, with pauses left out. Emotion is kesher's model (documented in kesher::EmotionEffects) with customer messages scored by the built-in lexicon; the lowest journey shows its turning points and critical points.
report-min = min
report-hours = h
report-days = d
report-seconds = s
report-none = none
report-more-brands = more brands in the table above

## The emotion graph's pictures (journeys and patterns as SVG): emotion levels on the axis,
## marks on the curve, and the built-in stages' names (a stage of a host's own map is shown
## by its name, `_` read as a space).

emotion-level-furious = furious
emotion-level-angry = angry
emotion-level-frustrated = frustrated
emotion-level-neutral = neutral
emotion-level-satisfied = satisfied
emotion-level-happy = happy
emotion-level-wow = wow
journey-turning-point = turning point
journey-lowest = lowest
journey-below = below
journey-median = median
journey-journeys = journeys
journey-prone-to-trouble = prone to trouble
stage-before = before
stage-during = during
stage-after = after
stage-first_contact = first contact
stage-waiting = waiting
stage-answer = answer
stage-resolution = resolution
stage-follow_up = follow up
stage-order = order
stage-delivery = delivery

## Retention facts: why a customer is on a list (kesher::insight). $count: a whole number;
## $level: how the customer feels now (-1 to +1, signed); $days: the window in days;
## $date: a birthday (day and month); $channel: a public channel; $balance: signed.

retention-feels = feels { $level } (latest, within { $days } days)
retention-breaches = { $count } SLA targets breached or met late
retention-broken = { $count } promises broken
retention-open = { $count } cases still open and waiting for an answer
retention-purchases = { $count } purchases
retention-birthday = birthday on { $date }: send a greeting
retention-monthly = consents to a monthly touch
retention-public = { $count } public messages on { $channel }
retention-balance = balance { $balance }

## Releasing a customer: the message when a case cannot be solved as they wanted
## (kesher::playbook::release). $customer: the customer's name; $refund: an amount and
## currency, or "none" when nothing was refunded.

release-message = { $refund ->
    [none] { $customer }, we are sorry we could not solve this the way you wanted. Thank you for giving us the chance; we hope you will consider us again.
   *[other] { $customer }, we are sorry we could not solve this the way you wanted. We have refunded { $refund }. Thank you for giving us the chance; we hope you will consider us again.
}

## Dates and weekdays in customer-facing text. $day: the day of the month; $month: 1–12;
## $weekday: mon, tue, wed, thu, fri, sat or sun.

date-day-month = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
weekday = { $weekday ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
}
# A run of weekdays, each written by `weekday`.
weekday-range = { $first }–{ $last }
# Lists: `list-and` ends a list of words ($head: the items before the last, joined by
# `list-separator`); `list-and-times` ends a list of times of day.
list-separator = {", "}
list-and = { $head } and { $last }
list-and-times = { $head } and { $last }

## Durations promised to customers. $n: how many; $basis: business (counted in opening
## hours) or calendar.

duration-seconds = { $basis ->
    [business] { $n ->
        [one] { $n } business second
       *[other] { $n } business seconds
    }
   *[calendar] { $n ->
        [one] { $n } second
       *[other] { $n } seconds
    }
}
duration-minutes = { $basis ->
    [business] { $n ->
        [one] { $n } business minute
       *[other] { $n } business minutes
    }
   *[calendar] { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
}
duration-hours = { $basis ->
    [business] { $n ->
        [one] { $n } business hour
       *[other] { $n } business hours
    }
   *[calendar] { $n ->
        [one] { $n } hour
       *[other] { $n } hours
    }
}
# $hours and $minutes: the two parts.
duration-hours-minutes = { $basis ->
    [business] { $hours ->
        [one] { $hours } business hour
       *[other] { $hours } business hours
    } { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
   *[calendar] { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
}
duration-days = { $basis ->
    [business] { $n ->
        [one] { $n } business day
       *[other] { $n } business days
    }
   *[calendar] { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
}

## SLA statements: what a contract promises, as customers read it
## (kesher::sla::statement). $channel: a channel's name (phone, email, twitter…; any for
## every channel, other for a host's own, then named by $name).

statement-channel = { $channel ->
    [any] your requests
    [phone] phone calls
    [email] emails
    [voicemail] voicemail messages
    [facebook_page] posts on our Facebook page
    [facebook_messenger] Facebook Messenger messages
    [twitter] messages on Twitter
    [whatsapp] WhatsApp messages
    [sms] text messages
    [chat] chat messages
    [web_form] requests from our website form
    [store_visit] requests in our stores
   *[other] messages on { $name }
}
# $priority: urgent, high, normal or low.
statement-priority = { $priority ->
    [urgent] urgent requests
    [high] high-priority requests
    [low] low-priority requests
   *[normal] normal requests
}
# A time promised for one priority: $duration for $requests (a `statement-priority`).
statement-within-priority = { $duration } for { $requests }
# One target: $what is a `statement-channel`, $within a duration.
statement-target = { $metric ->
    [acknowledgement] confirm we received { $what } within { $within }
    [first_response] answer { $what } within { $within }
    [next_response] reply to every further message within { $within }
    [resolution] resolve them within { $within }
    [follow_up] check back within { $within } that the problem is solved
   *[other] answer each such contact within { $within }
}
# The opening hours: $days (a weekday or a `weekday-range`) and $times (09:00–17:00…).
statement-hours-on = { $days } { $times }
statement-around-the-clock = around the clock
statement-except-holidays = except holidays
# $hours: the opening hours, joined by `list-separator`.
statement-business-hours = { " " }({ $hours })
# $targets: the targets joined by `list-and`; $hours: `statement-business-hours`, or
# nothing when every target counts calendar time.
statement = We { $targets }{ $hours }.
# An interaction target's contacts. $kind: voicemail, missed_call, call, visit, or other.
statement-contact = { $kind ->
    [voicemail] voicemail messages
    [missed_call] missed calls
    [call] calls
    [visit] visits
   *[other] messages
}
# $contacts, on the channels named in $channels.
statement-contacts-on = { $contacts } on { $channels }
statement-contacts-public = { $contacts } made in public
# $what: `statement-contact`s or `statement-channel`s; $within and $hours as in `statement`.
statement-call-back = We call back { $what } within { $within }{ $hours }.
statement-answer = We answer { $what } within { $within }{ $hours }.

## The acknowledgement sent the moment a request arrives (kesher::playbook::acknowledgement).
## $time: the promised time of day (10:30); $weekday: a `weekday`; $date: a `date-day-month`.

acknowledgement-today = today at { $time }
acknowledgement-this-week = { $weekday } { $time }
acknowledgement-later = { $weekday } { $date } { $time }
# $within: a duration; $by: one of the three above.
acknowledgement = Your request was received. We will get back to you within { $within }, by { $by }.

## Built-in reply templates (kesher::playbook::ReplyTemplate::built_in): the four parts of a
## good answer. Variables are the template's own: the agent fills them in when replying.

template-reply-greeting = Hello { $customer }, this is { $agent } from { $company }.
template-reply-thanks = Thank you for letting us know.
template-reply-solution = { $solution }
template-reply-closing = Thank you for contacting us. Is there anything else I can help you with?
template-delay-greeting = Hello { $customer }, this is { $agent } from { $company }.
template-delay-thanks = Thank you for telling us that order { $order } is late, and I am sorry for the wait.
template-delay-solution = { $solution } We will update you by { $promised_time }.
template-delay-closing = Thank you for your patience. Is there anything else I can help you with?

## Follow-ups after the resolution (kesher::playbook::FollowUpPlan::message). $customer: the
## customer's name; $number: which follow-up this is (1 for the first).

follow-up-message = { $number ->
    [1] Hello { $customer }, we hope your problem was solved. If anything is still not right, just reply to this message.
   *[other] Hello { $customer }, we are checking in once more: is everything working now? If not, reply and we will take care of it.
}
follow-up-last = Hello { $customer }, this is our last check: we will consider your request solved unless you reply. Thank you for your patience.
# Why a follow-up is due or not (kesher::playbook::next_follow_up_in, FollowUpPlan::reason).
# $status: closed, released, reopened or another status; $number: which follow-up; $limit:
# how many the policy allows.
follow-up-why-not-resolved = the case is not resolved
follow-up-why-status = { $status ->
    [closed] the case is closed
    [released] the customer was released
    [reopened] the case was reopened
   *[other] the case is no longer resolved
}
follow-up-why-confirmed = the customer confirmed after the resolution
follow-up-why-answered = the customer answered after the resolution
follow-up-why-limit = the limit of { $limit } follow-ups is reached
follow-up-why-no-consent = the customer has not consented to follow-ups
follow-up-why-due = follow-up { $number } of { $limit }
