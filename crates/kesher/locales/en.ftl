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
