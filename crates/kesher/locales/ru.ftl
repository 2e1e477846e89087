### kesher's words in Russian.

## Escalation reasons.

escalation-share = { $metric }: использовано { $percent }% отведённого времени (правило { $rule })
escalation-breach = цель { $metric } нарушена (правило { $rule })
escalation-promise-broken = обещание { $promise } не выполнено (правило { $rule })
escalation-public-negative = клиент написал негативное публичное сообщение в { $channel } (правило { $rule })
