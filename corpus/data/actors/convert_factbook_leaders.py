#!/usr/bin/env python3
"""Writes leaders.tsv (ISO3<TAB>role<TAB>name<TAB>surname) from the Factbook extract.

    convert_factbook_leaders.py factbook_countries.json > leaders.tsv

Each "chief_of_state" / "head_of_government" clause looks like
"President Abdelmadjid TEBBOUNE (since 12 December 2019)": the words before the
name are the role, the name ends with the surname in capitals. Surnames are
title-cased ("TEBBOUNE" -> "Tebboune") and also written in the fourth column,
so "XI Jinping" gives surname "Xi"; clauses without "(since" are skipped.
"""
import json
import re
import sys

TITLE_WORDS = {"president", "prime", "minister", "vice", "deputy", "first", "king", "queen", "sultan", "emir",
               "supreme", "leader", "governor", "general", "premier", "chancellor", "chairman", "captain",
               "regent", "sheikh", "co-prince", "state", "council", "of", "the", "grand", "duke", "prince",
               "pope", "amir", "crown", "administrator", "chief", "executive", "head"}


def title_case(word, may_be_numeral):
    if word.isupper() and not (may_be_numeral and re.fullmatch(r"[IVX]+", word)):
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def leaders(text):
    for clause in re.split(r";|\n", text or ""):
        head = clause.split("(since")[0].strip() if "(since" in clause else ""
        words = re.sub(r"^represented by\s+", "", head).split()
        caps = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) > 1 and w.replace("-", "").replace("'", "").isupper()]
        if not caps or len(words) > 8:
            continue
        first = caps[0]
        # Up to two given names before the capitalised surname; the words before are the role.
        # A capitalised surname followed by a given name ("XI Jinping") is
        # written surname first: nothing before it belongs to the name.
        surname_first = caps[0] + 1 < len(words) and caps[0] + 1 not in caps
        while (not surname_first and first > 0 and caps[0] - first < 2
               and words[first - 1].lower() not in TITLE_WORDS
               and (first < 2 or words[first - 2].lower() not in ("of", "the"))):
            first -= 1
        role = " ".join(words[:first]).lower()
        name = " ".join(title_case(w, i > 0) for i, w in enumerate(words[first:]))
        surname = title_case(words[caps[0]], caps[0] > first)
        if role and name:
            yield role, name, surname


def home_score(record, role, name):
    """How surely `record` is the leader's own state: not "President of China" in
    Hong Kong, not a dependency or realm "represented by" a governor."""
    chief = record.get("chief_of_state") or ""
    head = record.get("head_of_government") or ""
    both = any(n == name for _, n, _ in leaders(chief)) and any(n == name for _, n, _ in leaders(head))
    return 4 * both + 2 * ("represented by" not in chief) + (" of " not in f" {role} ")


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    best = {}  # name -> (score, order, line); a leader of several entities keeps one
    order = 0
    for c in data["countries"]:
        code = c.get("iso_alpha3_guess")
        if not code:
            continue
        for field in ("chief_of_state", "head_of_government"):
            for role, name, surname in leaders(c.get(field)):
                order += 1
                candidate = (home_score(c, role, name), -order, f"{code}\t{role}\t{name}\t{surname}")
                if name not in best or candidate > best[name]:
                    best[name] = candidate
    print("# ISO3\trole\tname\tsurname: current heads of state and government, from the CIA World Factbook")
    print("# (factbook/factbook.json @ 8662a8b17a784841ab4528631b04090eb2f183eb), public domain.")
    for _, _, line in sorted(best.values(), key=lambda t: -t[1]):
        print(line)


if __name__ == "__main__":
    main()
