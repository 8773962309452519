#!/usr/bin/env python3
"""Independent verifier of an imtahan NDJSON export (docs/auditors.md).

Python 3 standard library only. Written from the recipes in docs/auditors.md
and docs/events/README.md, not from the TypeScript, so that an auditor who
does not trust the product's own `imtahan audit` has a second opinion:

  * every stream's hash chain (canonical encoding, SHA-256, previousHash),
  * the export's digest,
  * money (WAL-6, PAY-4, WAL-5): every balance, no balance below zero,
    balance = credits - debits, sum of balances + in flight = credited - fees,
  * scores (SCO-1..SCO-7, APL-4..APL-6): every recorded result, expert-review
    revision and appeal revision recomputed from the events alone.

Pass marks come from the events: `ExamDefined` version 2 records the
sitting's blueprint (groups and pass marks) and the open-answer normalisation
version. An `ExamDefined` with no `version` member is version 1, recorded
before the event carried them: it is read with what was in force then, the
SPEC section 3.1 defaults embedded below (PASS_MARKS) and normalisation 1 --
as the product's upcaster reads it. Any other version, or a normalisation
version other than 1, is a finding and the sitting is not re-scored.

usage: python3 verify_export.py EXPORT.ndjson [--json]
exit:  0 everything holds, 1 findings (each names stream@revision), 2 usage.
"""

import hashlib
import json
import re
import sys
import unicodedata

# --------------------------------------------------------------------------
# Canonical JSON (docs/auditors.md, "The canonical encoding")
# --------------------------------------------------------------------------


def _number(value):
    """A number as ECMAScript's Number::toString writes it (what JSON.stringify does)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "null"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that read back as the same double, as ECMAScript does.
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole.lstrip("0")) if whole.strip("0") else -(len(fraction) - len(fraction.lstrip("0")))
    point += int(exponent or 0)
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= point <= 21:
        text = digits + "0" * (point - k)
    elif 0 < point <= 21:
        text = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * (-point) + digits
    else:
        e = point - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


def _utf16_key(key):
    return key.encode("utf-16-be")


def canonical(value):
    """Sorted keys at every depth, no whitespace, non-ASCII as is."""
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return _number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=_utf16_key)
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(value[k]) for k in keys) + "}"
    raise TypeError("not JSON: %r" % (value,))


CONTEXT_KEYS = ("correlationId", "causationId", "principal")


def hashed_fields(line):
    metadata = line["metadata"]
    fields = {
        "streamId": line["streamId"],
        "revision": line["revision"],
        "id": line["id"],
        "type": line["type"],
        "data": line["data"],
        "recordedAt": metadata["recordedAt"],
        "previousHash": metadata.get("previousHash"),
    }
    for key in CONTEXT_KEYS:
        if key in metadata and metadata[key] is not None:
            fields[key] = metadata[key]
    return fields


def event_hash(line):
    return hashlib.sha256(canonical(hashed_fields(line)).encode("utf-8")).hexdigest()


def digest_of(heads):
    text = "".join("%s %d %s\n" % (stream, heads[stream][0], heads[stream][1]) for stream in sorted(heads, key=_utf16_key))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Money, in qepik (1 AZN = 100 qepik)
# --------------------------------------------------------------------------

MONEY = re.compile(r"^(0|[1-9]\d{0,14})(\.\d{1,2})?$")


def qepik(text):
    if not isinstance(text, str) or not MONEY.match(text):
        raise ValueError("not an amount: %r" % (text,))
    whole, _, cents = text.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


def azn(amount):
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    return "%s%d.%02d" % (sign, amount // 100, amount % 100)


CREDITS = {"TopUpCredited", "TransferCredited", "TransferRefunded"}
DEBITS = {"FeeCharged", "TransferDebited"}

# --------------------------------------------------------------------------
# Scores (docs/exams.md, docs/events/README.md)
# --------------------------------------------------------------------------

# SPEC section 3.1 defaults: pass mark in points per subgroup (SCO-4), for
# ExamDefined version 1 only (version 2 records its own blueprint).
PASS_MARKS = {
    "AA": (119, 112, 105, 98),
    "AB": (102, 96, 90, 84),
    "BA": (102, 96, 90, 84),
    "AC": (80, 75, 70, 65),
    "BB": (80, 75, 70, 65),
}
DEFAULT_PASS_MARKS = {group + str(n + 1): marks[n] for group, marks in PASS_MARKS.items() for n in range(4)}
# Open-answer normalisation versions this verifier implements (normalise_open).
NORMALISATIONS = (1,)
POINTS = {"closed": 1, "open": 2}  # SCO-1
SUBJECTS = ("azerbaijani", "legislation", "informatics", "logic")
TYPES = ("open", "closed")
LETTERS = set("ABCDE")

# ECMAScript's \s and String.prototype.trim() set (not Python's isspace()).
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPACES = re.compile("[" + re.escape(JS_SPACE) + "]+")
DECIMAL_COMMA = re.compile(r"(?<=[0-9]),(?=[0-9])")


def js_trim(text):
    return text.strip(JS_SPACE)


def normalise_open(text):
    """SCO-2: NFC; Azerbaijani folding (I with dot -> i, I -> dotless i); lower; spaces; decimal comma."""
    folded = unicodedata.normalize("NFC", text).replace("\u0130", "i").replace("I", "\u0131").lower()
    folded = js_trim(SPACES.sub(" ", folded))
    folded = DECIMAL_COMMA.sub(".", folded)
    return unicodedata.normalize("NFC", folded)


def read_closed(text):
    trimmed = js_trim(text)
    if trimmed == "":
        return "blank"
    letter = trimmed.upper()
    return letter if letter in LETTERS else "other"


def tally():
    return {"points": 0, "max": 0, "correct": 0, "wrong": 0, "unanswered": 0}


def score(form, key, reviews, credited_for_session, answers, subgroup, pass_marks):
    """The result a session's answers earn under the key, the reviews and its own appeal credits."""
    credited = set(credited_for_session)
    extra = {}
    for review in reviews:
        if review["kind"] == "credit_to_all":
            credited.add(review["taskId"])
        else:
            extra.setdefault(review["taskId"], []).append(review["answer"])
    total = tally()
    by_subject = {subject: tally() for subject in SUBJECTS}
    by_type = {kind: tally() for kind in TYPES}
    for task in form["tasks"]:
        task_id, kind = task["id"], task["type"]
        task_key = key.get(task_id)
        accepted = set()
        if task_key is not None and task_key.get("type") == kind:
            keyed = task_key["accepted"] if kind == "open" else [task_key["option"]]
            for answer in list(keyed) + extra.get(task_id, []):
                if kind == "open":
                    normal = normalise_open(answer)
                    if normal != "":
                        accepted.add(normal)
                else:
                    letter = read_closed(answer)
                    if letter not in ("blank", "other"):
                        accepted.add(letter)
        answer = answers.get(task_id)
        if task_id in credited:
            outcome = "correct"
        elif not isinstance(answer, str) or answer == "":
            outcome = "unanswered"
        elif kind == "open":
            normal = normalise_open(answer)
            outcome = "unanswered" if normal == "" else ("correct" if normal in accepted else "wrong")
        else:
            letter = read_closed(answer)
            outcome = "unanswered" if letter == "blank" else ("correct" if letter in accepted else "wrong")
        for slot in (total, by_subject[task["subject"]], by_type[kind]):
            slot["max"] += POINTS[kind]
            slot[outcome] += 1
            if outcome == "correct":
                slot["points"] += POINTS[kind]
    pass_mark = pass_marks[subgroup]
    return {
        "total": total,
        "bySubject": by_subject,
        "byType": by_type,
        "subgroup": subgroup,
        "passMark": pass_mark,
        "passed": total["points"] >= pass_mark,
    }


def result_differences(recorded, recomputed):
    found = []
    if recorded["total"]["points"] != recomputed["total"]["points"]:
        found.append("recorded score %s, recomputed %s" % (recorded["total"]["points"], recomputed["total"]["points"]))
    if recorded["passMark"] != recomputed["passMark"] or recorded["subgroup"] != recomputed["subgroup"]:
        found.append("recorded pass mark %s for %s, the sitting's blueprint gives %s" % (recorded["passMark"], recorded["subgroup"], recomputed["passMark"]))
    if recorded["passed"] != recomputed["passed"]:
        found.append("recorded passed=%s, recomputed passed=%s" % (recorded["passed"], recomputed["passed"]))
    if found:
        return found
    slices = [("total", recorded["total"], recomputed["total"])]
    slices += [("subject " + s, recorded["bySubject"].get(s), recomputed["bySubject"][s]) for s in SUBJECTS]
    slices += [("type " + k, recorded["byType"].get(k), recomputed["byType"][k]) for k in TYPES]
    for name, theirs, ours in slices:
        if theirs is None or any(theirs.get(field) != ours[field] for field in ours):
            found.append("breakdown %s recorded %s, recomputed %s" % (name, theirs, ours))
    return found


# --------------------------------------------------------------------------
# The verifier
# --------------------------------------------------------------------------


class Verifier:
    def __init__(self):
        self.findings = []
        self.events = 0
        self.chains = {}  # stream -> (next revision, previous hash)
        self.heads = {}  # stream -> (revision, hash)
        self.last_position = None
        # money
        self.balances = {}
        self.received = {}
        self.credited = {}
        self.topped_up = set()
        self.transfers = {}  # transferId -> {"debited": q, "settled": how}
        self.fees = 0
        self.money_events = 0
        # scores
        self.sittings = {}
        self.sessions = {}
        self.sessions_checked = 0
        self.revisions_checked = 0
        self.appeal_revisions_checked = 0

    def finding(self, check, rule, where, message):
        stream, revision = where if where else (None, None)
        entry = {"check": check, "rule": rule, "message": message}
        if stream is not None:
            entry["streamId"] = stream
            entry["revision"] = str(revision)
            entry["message"] = "%s@%s: %s" % (stream, revision, message)
        self.findings.append(entry)

    # -- hash chain ---------------------------------------------------------
    def chain(self, line, where):
        stream, revision = where
        expected_revision, previous = self.chains.get(stream, (0, None))
        link_checked = False
        if revision > expected_revision:
            self.finding("hash-chain", "chain", where, "revision(s) %d..%d missing before this event" % (expected_revision, revision - 1))
            link_checked = True
        elif revision < expected_revision:
            self.finding("hash-chain", "chain", where, "revision %d appears again" % revision)
            link_checked = True
        recorded = line["metadata"].get("hash")
        if event_hash(line) != recorded:
            self.finding("hash-chain", "changed", where, "content does not match its recorded hash")
        elif not link_checked and line["metadata"].get("previousHash") != previous:
            self.finding("hash-chain", "inserted", where, "previousHash is not the hash of the event before it")
        self.chains[stream] = (max(expected_revision, revision + 1), recorded)
        head = self.heads.get(stream)
        if head is None or revision >= head[0]:
            self.heads[stream] = (revision, recorded)

    # -- money --------------------------------------------------------------
    def money(self, line, where):
        data, kind = line["data"], line["type"]
        self.money_events += 1
        if kind == "WalletOpened":
            self.balances.setdefault(data["walletId"], 0)
        elif kind == "PaymentReceived":
            self.received[data["paymentCode"]] = qepik(data["amount"])
        elif kind == "PaymentCredited":
            code = data["paymentCode"]
            if code in self.credited:
                self.finding("money", "PAY-4", where, "payment code %s credited twice" % code)
            else:
                self.credited[code] = (data["walletId"], qepik(data["amount"]))
            if self.received.get(code) != qepik(data["amount"]):
                self.finding("money", "PAY-4", where, "credited amount differs from the payment received")
        elif kind in CREDITS or kind in DEBITS:
            wallet, amount = data["walletId"], qepik(data["amount"])
            if wallet not in self.balances:
                self.finding("money", "WAL-6", where, "money moved on an account never opened")
            after = self.balances.get(wallet, 0) + (amount if kind in CREDITS else -amount)
            if after != qepik(data["balance"]):
                self.finding("money", "WAL-6", where, "recorded balance %s, credits - debits give %s" % (data["balance"], azn(after)))
            if after < 0:
                self.finding("money", "WAL-6", where, "balance below zero: %s" % azn(after))
            self.balances[wallet] = after
            if kind == "FeeCharged":
                self.fees += amount
            elif kind == "TopUpCredited":
                code = data["paymentCode"]
                if code in self.topped_up:
                    self.finding("money", "PAY-4", where, "payment code %s topped up twice" % code)
                self.topped_up.add(code)
                if self.credited.get(code) != (wallet, amount):
                    self.finding("money", "PAY-4", where, "top-up does not match the crediting of %s" % code)
            elif kind == "TransferDebited":
                if data["transferId"] in self.transfers:
                    self.finding("money", "WAL-5", where, "transfer debited twice")
                self.transfers[data["transferId"]] = {"debited": amount, "settled": None}
            else:  # TransferCredited / TransferRefunded
                flow = self.transfers.setdefault(data["transferId"], {"debited": None, "settled": None})
                if flow["debited"] != amount:
                    self.finding("money", "WAL-5", where, "transfer settled without a matching debit")
                if flow["settled"] is not None:
                    self.finding("money", "WAL-5", where, "transfer settled twice")
                flow["settled"] = kind
        # declines (TransferDebitDeclined, TransferCreditDeclined, FeeChargeDeclined) move no money

    def money_totals(self):
        transfers_in_flight = sum(f["debited"] or 0 for f in self.transfers.values() if f["settled"] is None)
        top_ups_in_flight = sum(a for code, (_, a) in self.credited.items() if code not in self.topped_up)
        credited = sum(a for _, a in self.credited.values())
        balances = sum(self.balances.values())
        held = balances + transfers_in_flight + top_ups_in_flight
        owed = credited - self.fees
        if held != owed:
            self.finding("money", "WAL-6", None, "balances + in flight = %s, but credited - fees = %s" % (azn(held), azn(owed)))
        return {
            "accounts": len(self.balances),
            "paymentsReceived": len(self.received),
            "paymentsCredited": azn(credited),
            "feesCharged": azn(self.fees),
            "balancesTotal": azn(balances),
            "transfersInFlight": azn(transfers_in_flight),
            "topUpsInFlight": azn(top_ups_in_flight),
            "held": azn(held),
            "owed": azn(owed),
        }

    # -- scores -------------------------------------------------------------
    def defined(self, data, where):
        """ExamDefined: v2 carries blueprint and normalisation; no `version` is v1, read with the defaults."""
        forms = {entry["form"]["group"]: entry for entry in data["forms"]}
        sitting = {"forms": forms, "reviews": {}, "published": False, "refused": False}
        self.sittings[data["examId"]] = sitting
        if "version" not in data:
            sitting["passMarks"] = dict(DEFAULT_PASS_MARKS)
            return
        if data["version"] != 2:
            sitting["refused"] = True
            self.finding("scores", "SCO-7", where, "ExamDefined version %s is unknown to this verifier: sitting not re-scored" % json.dumps(data["version"]))
            return
        blueprint = data["blueprint"]
        sitting["passMarks"] = {subgroup: mark["points"] for subgroup, mark in blueprint["passMarks"].items()}
        normalisation = data["openAnswerNormalisation"]
        if normalisation not in NORMALISATIONS:
            sitting["refused"] = True
            self.finding("scores", "SCO-2", where, "open-answer normalisation %s is unknown to this verifier: sitting not re-scored" % json.dumps(normalisation))
        for group, entry in forms.items():
            wanted = blueprint["groups"][group]
            for subject in SUBJECTS:
                for kind in TYPES:
                    found = sum(1 for task in entry["form"]["tasks"] if task["subject"] == subject and task["type"] == kind)
                    if found != wanted["subjects"][subject][kind]:
                        self.finding("scores", "EXM-1", where, "form %s has %d %s %s tasks, its blueprint %d" % (entry["form"]["formId"], found, subject, kind, wanted["subjects"][subject][kind]))

    def exam(self, line, where):
        data, kind = line["data"], line["type"]
        if kind == "ExamDefined":
            self.defined(data, where)
            return
        sitting = self.sittings.get(data.get("examId"))
        if sitting is None:
            return
        if kind == "ExpertReviewRecorded":
            sitting["reviews"][data["review"]["reviewId"]] = data["review"]
        elif kind == "ResultsPublished":
            sitting["published"] = True

    def rescore(self, session, applied):
        sitting, entry = session["sitting"], session["entry"]
        reviews = [r for rid, r in sitting["reviews"].items() if rid in applied]
        return score(entry["form"], entry["key"], reviews, session["corrected"], session["answers"], session["subgroup"], sitting["passMarks"])

    def ended(self, data, where):
        self.sessions_checked += 1
        sitting = self.sittings.get(data["examId"])
        refused = sitting is not None and sitting["refused"]
        entry = sitting["forms"].get(data["subgroup"][:2]) if sitting and not refused else None
        session = {
            "sitting": sitting,
            "entry": entry,
            "subgroup": data["subgroup"],
            "answers": data["answers"],
            "applied": set(data["reviewIds"]),
            "corrected": set(),
            "revisions": set(),
            "score": data["result"]["total"]["points"],
            "passed": data["result"]["passed"],
            "annulment": None,
        }
        self.sessions[where[0]] = session
        if refused:
            return  # the sitting's finding says why it cannot be re-scored
        if entry is None:
            self.finding("scores", "SCO-7", where, "no form for %s in sitting %s earlier in the log" % (data["subgroup"], data["examId"]))
            return
        if entry["form"]["formId"] != data["formId"]:
            self.finding("scores", "SCO-7", where, "names form %s, the sitting's is %s" % (data["formId"], entry["form"]["formId"]))
        for review_id in session["applied"]:
            if review_id not in sitting["reviews"]:
                self.finding("scores", "SCO-5", where, "names review %s, not recorded before" % review_id)
        recomputed = self.rescore(session, session["applied"])
        for problem in result_differences(data["result"], recomputed):
            self.finding("scores", "SCO-7", where, problem)
        session["score"], session["passed"] = recomputed["total"]["points"], recomputed["passed"]

    def revised(self, data, where, session):
        """Checks shared by expert-review and appeal revisions (APL-6, SCO-5, SCO-7, SCO-4, SCO-6)."""
        recomputed = self.rescore(session, session["applied"])
        if data["oldScore"] != session["score"]:
            self.finding("scores", "APL-6", where, "revises from %s, the score in force is %s" % (data["oldScore"], session["score"]))
        if data["newScore"] < data["oldScore"]:
            self.finding("scores", "SCO-5", where, "lowers the score from %s to %s" % (data["oldScore"], data["newScore"]))
        if data["newScore"] != data["result"]["total"]["points"]:
            self.finding("scores", "SCO-7", where, "newScore %s, but its result says %s" % (data["newScore"], data["result"]["total"]["points"]))
        for problem in result_differences(data["result"], recomputed):
            self.finding("scores", "SCO-7", where, problem)
        annulled = session["annulment"] is not None
        for which, shown, expected in (
            ("old", data["oldPassed"], session["passed"] and not annulled),
            ("new", data["newPassed"], recomputed["passed"] and not annulled),
        ):
            if shown != expected:
                rule = "SCO-6" if annulled and shown else "SCO-4"
                self.finding("scores", rule, where, "%s verdict recorded passed=%s, expected %s" % (which, shown, expected))
        session["score"], session["passed"] = recomputed["total"]["points"], recomputed["passed"]

    def session_event(self, line, where):
        data, kind = line["data"], line["type"]
        session = self.sessions.get(where[0])
        if kind == "SessionEnded":
            self.ended(data, where)
        elif kind in ("ScoreRevised", "ScoreRevisedOnAppeal"):
            if kind == "ScoreRevised":
                self.revisions_checked += 1
            else:
                self.appeal_revisions_checked += 1
            if session is None:
                self.finding("scores", "SCO-5", where, "revises a score with no recorded end before it")
                return
            if session["entry"] is None:
                return
            if kind == "ScoreRevised":
                if data["reviewId"] in session["applied"]:
                    self.finding("scores", "SCO-5", where, "applies review %s a second time" % data["reviewId"])
                if data["reviewId"] not in session["sitting"]["reviews"]:
                    self.finding("scores", "SCO-5", where, "applies review %s, not recorded before" % data["reviewId"])
                session["applied"].add(data["reviewId"])
            else:
                if data["revisionId"] in session["revisions"]:
                    self.finding("scores", "APL-6", where, "appeal revision %s recorded twice" % data["revisionId"])
                session["revisions"].add(data["revisionId"])
                on_form = {task["id"] for task in session["entry"]["form"]["tasks"]}
                for correction in data["corrections"]:
                    task_id = correction["taskId"]
                    if task_id not in on_form:
                        self.finding("scores", "APL-4", where, "corrects task %s, not on the form" % task_id)
                    given = session["answers"].get(task_id)
                    final = None if given is None or js_trim(given) == "" else given
                    if correction["answer"] != final:
                        self.finding("scores", "APL-4", where, "correction of %s records an answer that is not the final one" % task_id)
                    session["corrected"].add(task_id)
            self.revised(data, where, session)
        elif kind == "ResultAnnulled" and session is not None:
            session["annulment"] = data["decisionId"]
        elif kind == "CourtRulingRecorded" and session is not None:
            if session["annulment"] == data["decisionId"] and data["outcome"] == "annulment_reversed":
                session["annulment"] = None

    def stale(self):
        """SCO-5: at the end every result stands under every review of its form."""
        count = 0
        for stream, session in self.sessions.items():
            if session["entry"] is None:
                continue
            on_form = {task["id"] for task in session["entry"]["form"]["tasks"]}
            every = {rid for rid, r in session["sitting"]["reviews"].items() if r["taskId"] in on_form}
            if every <= session["applied"]:
                continue
            final = self.rescore(session, every)["total"]["points"]
            if final != session["score"]:
                count += 1
                self.finding("scores", "SCO-5", (stream, "end"), "score in force %s, under every review of its form %s: not re-scored" % (session["score"], final))
        return count

    # -- the log ------------------------------------------------------------
    def line(self, number, text):
        try:
            line = json.loads(text)
            stream, revision = line["streamId"], int(line["revision"])
            position = (int(line["position"]["commit"]), int(line["position"]["prepare"]))
            line["data"], line["metadata"]["recordedAt"], line["type"]
        except (ValueError, KeyError, TypeError) as error:
            self.finding("source", "malformed-line", None, "line %d does not parse (%s)" % (number, type(error).__name__))
            return
        self.events += 1
        where = (stream, revision)
        if self.last_position is not None and position <= self.last_position:
            self.finding("source", "out-of-order", where, "position not after the previous line's")
        self.last_position = position
        self.chain(line, where)
        category = stream.split("-", 1)[0]
        try:
            if category in ("wallet", "payment", "transfer"):
                self.money(line, where)
            elif category == "exam":
                self.exam(line, where)
            elif category == "examsession":
                self.session_event(line, where)
        except (KeyError, TypeError, ValueError, IndexError) as error:
            self.finding("decode", "undecodable", where, "%s event does not have the documented shape (%s)" % (line["type"], type(error).__name__))

    def report(self, path):
        money = self.money_totals()
        not_rescored = self.stale()
        sittings = list(self.sittings.values())
        return {
            "format": "imtahan-verify/1",
            "ok": not self.findings,
            "source": path,
            "digest": digest_of(self.heads),
            "events": self.events,
            "streams": len(self.heads),
            "money": money,
            "scores": {
                "sittings": len(sittings),
                "sittingsPublished": sum(1 for s in sittings if s["published"]),
                "sessionsChecked": self.sessions_checked,
                "revisionsChecked": self.revisions_checked,
                "appealRevisionsChecked": self.appeal_revisions_checked,
                "notRescored": not_rescored,
            },
            "findingCount": len(self.findings),
            "findings": self.findings,
        }


def main(argv):
    args = [a for a in argv if a != "--json"]
    if len(args) != 1 or args[0].startswith("-"):
        sys.stderr.write(__doc__.split("\n\n")[-1] + "\n")
        return 2
    verifier = Verifier()
    try:
        with open(args[0], encoding="utf-8") as export:
            for number, text in enumerate(export, start=1):
                if text.strip():
                    verifier.line(number, text)
    except OSError as error:
        sys.stderr.write("cannot read %s: %s\n" % (args[0], error))
        return 2
    report = verifier.report(args[0])
    if "--json" in argv:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        out = sys.stdout.write
        out("source   %s\nevents   %d in %d streams\ndigest   %s\n" % (args[0], report["events"], report["streams"], report["digest"]))
        for name, value in report["money"].items():
            out("money    %-18s %s\n" % (name, value))
        for name, value in report["scores"].items():
            out("scores   %-18s %s\n" % (name, value))
        for finding in report["findings"]:
            out("FINDING  [%s %s] %s\n" % (finding["check"], finding["rule"], finding["message"]))
        out("verdict  %s (%d findings)\n" % ("PASSED" if report["ok"] else "FAILED", report["findingCount"]))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
