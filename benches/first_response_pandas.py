"""The peer of `kesher report` in issue 21, item 5: first-response times per brand from a Twitter
support export (Kaggle's `twcs.csv` columns) with pandas, and nothing else of the report.

    .venv/bin/python benches/first_response_pandas.py FILE

A conversation opens with a customer's tweet that answers nothing; its first response is the
earliest brand tweet that answers it. The script prints, per brand, how many conversations got
a first response and the median delay in seconds. `benches/report_bench.py` times it beside
`kesher report` on the same file (kesher does this and the rest of the report: threads, cases,
SLAs, journeys, patterns, problems, retention, the page).
"""
import sys

import pandas as pd


def first_responses(path: str) -> pd.DataFrame:
    tweets = pd.read_csv(
        path,
        usecols=["tweet_id", "author_id", "inbound", "created_at", "in_response_to_tweet_id"],
        dtype={"tweet_id": "int64", "author_id": "string", "inbound": "bool",
               "in_response_to_tweet_id": "float64"},
    )
    tweets["created_at"] = pd.to_datetime(tweets["created_at"], format="%a %b %d %H:%M:%S %z %Y", utc=True)
    openings = tweets[tweets["inbound"] & tweets["in_response_to_tweet_id"].isna()]
    replies = tweets[~tweets["inbound"]]
    answered = replies.merge(
        openings[["tweet_id", "created_at"]],
        left_on="in_response_to_tweet_id",
        right_on="tweet_id",
        suffixes=("", "_opening"),
    )
    answered["delay"] = (answered["created_at"] - answered["created_at_opening"]).dt.total_seconds()
    first = answered.sort_values("delay").drop_duplicates("tweet_id_opening")
    return first.groupby("author_id")["delay"].agg(["count", "median"])


def main() -> None:
    print(first_responses(sys.argv[1]).to_string())


if __name__ == "__main__":
    main()
