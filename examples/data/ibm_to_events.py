#!/usr/bin/env python3
"""Convert IBM's Twitter customer-care conversations (EMNLP 2020, Apache-2.0) to kesher events.

Usage: python3 ibm_to_events.py dev.json N > ibm-twitter-care-dev.jsonl

One case per conversation (case_id = the conversation's sessionID), in the file's order:
- an `opened` event at the first turn: customer = the first client, channel twitter, the
  company (brand) in `metadata.brand`;
- one `interaction` per turn: `client`/`client1` turns are inbound customer messages, `agent`
  turns outbound agent messages;
- the final `agentURL` tweet as an outbound agent message. It has no timestamp in the data: its
  instant is read from its tweet id (a Twitter "snowflake": milliseconds since 2010-11-04 01:42:54.657
  UTC in the bits above 22). The same decoding reproduces every turn's `datetime` in dev.json exactly.

Agents sign tweets with initials (`^SJ`); the agent id is `<brand>/<initials>` when a signature is
present, else the brand. Nothing is invented: there is no status, category or resolution in the data,
so the events carry none.

Privacy: the source is not anonymised. Customer handles are replaced by stable pseudonyms
(`tw-` + 10 hex digits of SHA-256 of the handle), also where the text mentions them, and e-mail
addresses in the text are masked as `__email__` (the TWCS convention).
"""
import datetime
import hashlib
import json
import re
import sys

TWITTER_EPOCH_MS = 1288834974657
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SIGNATURE = re.compile(r"\^\s?([A-Za-z][A-Za-z]{0,15})\s*$")


def snowflake_time(tweet_id: str) -> str:
    ms = (int(tweet_id) >> 22) + TWITTER_EPOCH_MS
    t = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def pseudonym(handle: str) -> str:
    return "tw-" + hashlib.sha256(handle.lower().encode()).hexdigest()[:10]


def clean(text: str, handles: set) -> str:
    text = EMAIL.sub("__email__", text)
    for h in sorted(handles, key=len, reverse=True):
        text = re.sub("@" + re.escape(h) + r"\b", "@" + pseudonym(h), text, flags=re.IGNORECASE)
    return text


def agent_id(brand: str, text: str) -> str:
    m = SIGNATURE.search(text.strip())
    return f"{brand}/{m.group(1)}" if m else brand


def convert(conversations, limit):
    for conv in conversations[:limit]:
        head = conv["dialogHeader"]
        brand = head["company"]
        case_id = head["sessionID"]
        turns = conv["dialogContent"]
        handles = {t.get("client") or t.get("client1") for t in turns if "agent" not in t}
        first_client = next(t.get("client") or t.get("client1") for t in turns if "agent" not in t)
        seq = 0
        yield {"type": "opened", "case_id": case_id, "seq": seq, "at": turns[0]["datetime"],
               "customer": {"id": pseudonym(first_client)}, "channel": "twitter",
               "metadata": {"brand": brand, "source": "ibm-twitter-cdp/dev.json"}}
        for t in turns:
            seq += 1
            text = clean(t["message"], handles)
            base = {"type": "interaction", "case_id": case_id, "seq": seq, "id": t["tweet_ID"]}
            if "agent" in t:
                yield {**base, "customer_id": pseudonym(first_client), "at": t["datetime"],
                       "channel": "twitter", "direction": "outbound",
                       "actor": {"type": "agent", "id": agent_id(brand, t["message"])},
                       "kind": "message", "text": text}
            else:
                who = t.get("client") or t.get("client1")
                yield {**base, "customer_id": pseudonym(who), "at": t["datetime"],
                       "channel": "twitter", "direction": "inbound",
                       "actor": {"type": "customer"}, "kind": "message", "text": text}
        url = conv["agentURL"]
        seq += 1
        yield {"type": "interaction", "case_id": case_id, "seq": seq, "id": url["tweet_ID"],
               "customer_id": pseudonym(first_client), "at": snowflake_time(url["tweet_ID"]),
               "channel": "twitter", "direction": "outbound",
               "actor": {"type": "agent", "id": agent_id(brand, url["url_utterance"])},
               "kind": "message", "text": clean(url["url_utterance"], handles),
               "metadata": {"doc_url": url["url"], "doc_id": url["doc_id"]}}


def main():
    path, limit = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8") as f:
        conversations = json.load(f)
    for event in convert(conversations, limit):
        sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
