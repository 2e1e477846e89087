#!/usr/bin/env python3
"""Pseudonymise IBM's Twitter customer-care conversations (EMNLP 2020, Apache-2.0), keeping
their JSON format, so that kesher's IBM importer can read the result like the original.

Usage: python3 ibm_pseudonymise.py dev.json > ibm-twitter-care-dev.json

Customer handles (`client`, `client1`) become `tw-` + 10 hex digits of SHA-256 of the handle,
also where a message mentions them; e-mail addresses in messages become `__email__`. Agent
handles (the brands) and everything else are kept as they are, in the same order.
"""
import json
import sys

from ibm_to_events import clean, pseudonym


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        conversations = json.load(f)
    for conv in conversations:
        turns = conv["dialogContent"]
        handles = {t.get("client") or t.get("client1") for t in turns if "agent" not in t}
        for t in turns:
            for role in ("client", "client1"):
                if role in t:
                    t[role] = pseudonym(t[role])
            t["message"] = clean(t["message"], handles)
        url = conv.get("agentURL")
        if url:
            url["url_utterance"] = clean(url["url_utterance"], handles)
    json.dump(conversations, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
