"""The interests vocabulary: what people said they like, read as a workspace's own canonical interests.

Files say the same thing many ways ("rouge", "Vin rouge", "vins rouges"; "bulles", "crémant"). Each
spelling is normalised into a key (``normalise_interest``); a workspace's synonyms map keys to its
canonical interests, and a contact's ``interests`` array holds canonical labels. An unknown spelling is
never dropped: it becomes a new interest of its own, which a marketer can later rename or merge.

Every change to a workspace's vocabulary (seeding, an import's new spellings, rename, merge, synonyms)
takes the same transaction-level advisory lock, so an import never writes a label a merge just removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import psycopg

from lib.db import Database, Principal
from lib.i18n import TranslatedError

MAX_LENGTH = 80

# Normalisation rules (normalise_interest), applied in this order:
#  1. case and accents do not count: casefold, œ/æ spelled oe/ae, accents removed ("Rosé" → "rose");
#  2. punctuation and spacing do not count: anything but letters and digits separates words
#     ("accords mets-vins", "Champagne & crémants", "l'Alsace");
#  3. simple plurals do not count, word by word: a final -s is dropped ("rouges", "crus", "wines"),
#     -eaux loses its x ("châteaux"); words of three letters or fewer, words ending in -ss, -is or -x
#     (other than -eaux), and a few invariable words (_INVARIABLE: "bordeaux", "mets", "gras"...) stay;
#  4. filler words do not count: articles and small words (_FILLERS: le, la, les, de, du, des, et, the...)
#     and the generic "vin"/"wine", unless nothing else is left ("Vins" → "vin");
#  5. word order and repeated words do not count: the remaining words are sorted and de-duplicated.
# So "Vins rouges", "vin rouge", "ROUGE" and "rouge" share the key "rouge".
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_SEPARATORS = re.compile(r"[\W_]+")
_FILLERS = frozenset({
    "le", "la", "les", "l", "un", "une", "de", "du", "des", "d", "et", "en", "au", "aux", "a", "pour", "avec",
    "the", "and", "of", "for", "with",
})
_GENERIC = frozenset({"vin", "wine"})
_INVARIABLE = frozenset({"bordeaux", "mets", "gras", "gros", "pays", "corps", "prix", "temps", "fois", "sans"})


def _singular(word: str) -> str:
    if len(word) <= 3 or word in _INVARIABLE or word.isdigit():
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("ss", "is")):
        return word[:-1]
    return word


def normalise_interest(text: str) -> str:
    """The key of an interest as written: same key, same interest (the rules are listed above). May be ''."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold().translate(_LIGATURES))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = [_singular(word) for word in _SEPARATORS.split(folded) if word]
    meaningful = [word for word in words if word not in _FILLERS]
    specific = [word for word in meaningful if word not in _GENERIC]
    kept = specific or meaningful or words
    return " ".join(sorted(set(kept)))[:MAX_LENGTH].strip()


def tidy_label(text: str) -> str:
    """A label as people should read it: single spaces, at most 80 characters, a capital first letter."""
    label = " ".join((text or "").split())[:MAX_LENGTH].strip()
    return label[:1].upper() + label[1:]


@dataclass(frozen=True)
class StarterInterest:
    label: str
    synonyms: tuple[str, ...]


# A sensible French wine vocabulary a new workspace starts with. Appellations are left to become interests
# of their own (a marketer can merge them into a region): merging is reversible, splitting is not.
STARTER_VOCABULARY: tuple[StarterInterest, ...] = (
    StarterInterest("Vin rouge", ("rouge", "red", "red wine", "tinto")),
    StarterInterest("Vin blanc", ("blanc", "blanc sec", "white", "white wine")),
    StarterInterest("Rosé", ("rosé", "rosé de Provence", "rosado")),
    StarterInterest("Champagne & crémants", (
        "bulles", "pétillant", "crémant", "champagne", "sparkling", "effervescent", "mousseux",
        "méthode traditionnelle", "prosecco", "cava")),
    StarterInterest("Bio & nature", (
        "bio", "biologique", "organic", "biodynamie", "biodynamique", "nature", "naturel", "vins naturels",
        "natural wine", "sans sulfites")),
    StarterInterest("Liquoreux & moelleux", (
        "liquoreux", "moelleux", "sauternes", "barsac", "monbazillac", "vendanges tardives", "vin doux", "sweet",
        "sweet wine")),
    StarterInterest("Bordeaux", ("bordelais", "bordeaux wine")),
    StarterInterest("Bourgogne", ("bourguignon", "burgundy")),
    StarterInterest("Vallée du Rhône", ("rhône", "côtes du rhône", "rhone valley")),
    StarterInterest("Loire", ("vallée de la Loire", "val de Loire", "loire valley", "ligérien")),
    StarterInterest("Alsace", ("alsacien",)),
    StarterInterest("Provence", ()),
    StarterInterest("Languedoc-Roussillon", ("languedoc", "roussillon")),
    StarterInterest("Sud-Ouest", ("south west",)),
    StarterInterest("Grands crus", ("grand cru", "premier cru", "cru classé", "grands crus classés")),
    StarterInterest("Vins de garde & millésimes", ("vin de garde", "millésime", "vieux millésimes")),
    StarterInterest("Dégustations & visites", (
        "dégustation", "oenotourisme", "visite de cave", "visite", "visite du domaine", "portes ouvertes",
        "tasting", "wine tasting")),
    StarterInterest("Accords mets-vins", ("accord mets vin", "gastronomie", "food pairing", "cuisine")),
    StarterInterest("Spiritueux", (
        "whisky", "whiskey", "whiskies", "cognac", "armagnac", "rhum", "rum", "calvados", "gin", "eau-de-vie",
        "spirits")),
    StarterInterest("Cadeaux & coffrets", ("cadeau", "coffret", "idées cadeaux", "gift")),
)


class InterestError(TranslatedError, ValueError):
    """A vocabulary change that cannot be made; ``message`` says why in the user's language."""

    prefix = "interests.error."


@dataclass(frozen=True)
class InterestCount:
    """One canonical interest: its label, how many contacts cite it, and its other spellings."""

    label: str
    contacts: int
    synonyms: list[str]
    origin: str


class HasInterests(Protocol):
    interests: list[str]


def _lock(conn: psycopg.Connection, workspace_id: str) -> None:
    conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-interests:' || %s, 0))", (workspace_id,))


def _can_write(conn: psycopg.Connection, workspace_id: str) -> bool:
    return bool(conn.execute("select cercle.can_write(%s)", (workspace_id,)).fetchone()[0])


def seed_vocabulary(conn: psycopg.Connection, workspace_id: str) -> bool:
    """Gives a workspace the starter vocabulary the first time it needs one; True when it was seeded now.

    Runs in the caller's transaction. A workspace that has any interest already is left alone, so an
    interest a marketer merged away does not come back.
    """
    _lock(conn, workspace_id)
    if conn.execute("select exists (select 1 from public.interests where workspace_id = %s)",
                    (workspace_id,)).fetchone()[0]:
        return False
    labels = [entry.label for entry in STARTER_VOCABULARY]
    conn.execute(
        "insert into public.interests (workspace_id, key, label, origin) "
        "select %s, k, l, 'starter' from unnest(%s::text[], %s::text[]) as v(k, l) on conflict do nothing",
        (workspace_id, [normalise_interest(label) for label in labels], labels),
    )
    # several spellings may share a key ("naturel", "vins naturels"): the first one written is kept
    synonyms: dict[str, tuple[str, str]] = {}
    for entry in STARTER_VOCABULARY:
        owner = normalise_interest(entry.label)
        for spelling in (entry.label, *entry.synonyms):
            synonyms.setdefault(normalise_interest(spelling), (spelling, owner))
    conn.execute(
        "insert into public.interest_synonyms (workspace_id, key, spelling, interest_id) "
        "select i.workspace_id, v.k, v.s, i.id from unnest(%s::text[], %s::text[], %s::text[]) as v(k, s, o) "
        "join public.interests i on i.workspace_id = %s and i.key = v.o "
        "on conflict do nothing",
        (list(synonyms), [s for s, _ in synonyms.values()], [o for _, o in synonyms.values()], workspace_id),
    )
    return True


def ensure_vocabulary(db: Database, principal: Principal, workspace_id: str) -> bool:
    """Seeds the starter vocabulary when the workspace has none and the user may write; True when seeded."""
    with db.tenant(principal) as conn:
        if not _can_write(conn, workspace_id):
            return False
        return seed_vocabulary(conn, workspace_id)


# New spellings become interests with their synonym in one statement; the lock makes conflicts impossible,
# "on conflict do nothing" keeps a spelling that still clashes as it was written rather than failing the import.
_ADD_UNKNOWN_SQL = """
with wanted (key, label) as (select * from unnest(%(keys)s::text[], %(labels)s::text[])),
created as (
  insert into public.interests (workspace_id, key, label, origin)
  select %(ws)s, w.key, w.label, 'import' from wanted w
  on conflict do nothing
  returning id, key, label
),
linked as (
  insert into public.interest_synonyms (workspace_id, key, spelling, interest_id)
  select %(ws)s, c.key, c.label, c.id from created c
  on conflict do nothing
)
select key, label from created
"""


def canonical_interests(conn: psycopg.Connection, workspace_id: str,
                        raw_lists: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each list of raw spellings as canonical labels (same order, no repeats), in the caller's transaction.

    Unknown spellings are added to the vocabulary as new interests. One query reads the vocabulary, one
    statement adds what is new, whatever the number of rows.
    """
    seed_vocabulary(conn, workspace_id)
    # Files repeat the same few spellings: each distinct one is normalised once.
    key_of: dict[str, str] = {}
    first_spelling: dict[str, str] = {}
    for raw_list in raw_lists:
        for raw in raw_list:
            key = key_of.get(raw)
            if key is None:
                key = key_of[raw] = normalise_interest(raw)
            if key and key not in first_spelling:
                first_spelling[key] = raw
    if not first_spelling:
        return [[] for _ in raw_lists]
    label_of = dict(conn.execute(
        "select s.key, i.label from public.interest_synonyms s "
        "join public.interests i on i.id = s.interest_id and i.workspace_id = s.workspace_id "
        "where s.workspace_id = %s and s.key = any(%s::text[])",
        (workspace_id, list(first_spelling)),
    ).fetchall())
    unknown = [key for key in first_spelling if key not in label_of]
    if unknown:
        created = conn.execute(_ADD_UNKNOWN_SQL, {
            "ws": workspace_id, "keys": unknown, "labels": [tidy_label(first_spelling[key]) for key in unknown],
        }).fetchall()
        label_of.update(dict(created))
    result = []
    for raw_list in raw_lists:
        labels: list[str] = []
        for raw in raw_list:
            key = key_of[raw]
            if not key:
                continue
            label = label_of.get(key) or tidy_label(raw)
            if label not in labels:
                labels.append(label)
        result.append(labels)
    return result


def canonicalise_records(conn: psycopg.Connection, workspace_id: str, records: Sequence[HasInterests]) -> None:
    """Replaces each record's raw ``interests`` with canonical labels (the import calls this before merging)."""
    for record, labels in zip(records, canonical_interests(conn, workspace_id, [r.interests for r in records]),
                              strict=True):
        record.interests = labels


_COUNTS_SQL = """
with cited as (
  select u.label, count(distinct c.id)::int as contacts
  from public.contacts c, unnest(c.interests) as u(label)
  where c.workspace_id = %(ws)s
  group by u.label
)
select i.label, coalesce(cited.contacts, 0), i.origin,
       array(select s.spelling from public.interest_synonyms s
             where s.workspace_id = i.workspace_id and s.interest_id = i.id and s.key <> i.key order by s.spelling)
from public.interests i left join cited on cited.label = i.label
where i.workspace_id = %(ws)s
order by 2 desc, i.label
"""


def interest_counts(db: Database, principal: Principal, workspace_id: str) -> list[InterestCount]:
    """The workspace's interests, most cited first: label, number of contacts, other spellings, origin."""
    with db.tenant(principal) as conn:
        rows = conn.execute(_COUNTS_SQL, {"ws": workspace_id}).fetchall()
    return [InterestCount(label, contacts, list(synonyms), origin) for label, contacts, origin, synonyms in rows]


def stray_interests(db: Database, principal: Principal, workspace_id: str) -> list[tuple[str, int]]:
    """Labels contacts hold that are not in the vocabulary (imported before it existed), with their counts."""
    with db.tenant(principal) as conn:
        return [(label, count) for label, count in conn.execute(
            "select u.label, count(distinct c.id)::int from public.contacts c, unnest(c.interests) as u(label) "
            "where c.workspace_id = %s and not exists (select 1 from public.interests i "
            "where i.workspace_id = c.workspace_id and i.label = u.label) "
            "group by u.label order by 2 desc, 1",
            (workspace_id,),
        ).fetchall()]


def _interest(conn: psycopg.Connection, workspace_id: str, label: str) -> tuple[str, str]:
    """(id, key) of the interest called ``label``; InterestError when there is none."""
    row = conn.execute("select id::text, key from public.interests where workspace_id = %s and label = %s",
                       (workspace_id, label)).fetchone()
    if row is None:
        raise InterestError("unknown", label=label)
    return row


def _owner_of(conn: psycopg.Connection, workspace_id: str, key: str) -> tuple[str, str] | None:
    """(id, label) of the interest a synonym key leads to, if any."""
    return conn.execute(
        "select i.id::text, i.label from public.interest_synonyms s join public.interests i on i.id = s.interest_id "
        "where s.workspace_id = %s and s.key = %s", (workspace_id, key)).fetchone()


def _begin_change(conn: psycopg.Connection, workspace_id: str) -> None:
    if not _can_write(conn, workspace_id):
        raise InterestError("read_only")
    seed_vocabulary(conn, workspace_id)


# Replaces one label by another in every contact that cites it, keeping the first position and no repeats.
_REPLACE_SQL = """
update public.contacts c
set interests = array(select u.label from unnest(array_replace(c.interests, %(old)s, %(new)s))
                      with ordinality as u(label, n) group by u.label order by min(u.n)),
    updated_at = now()
where c.workspace_id = %(ws)s and c.interests @> array[%(old)s]::text[]
"""


def rename_interest(db: Database, principal: Principal, workspace_id: str, label: str, new_label: str) -> int:
    """Renames an interest and rewrites the contacts citing it; returns how many contacts changed.

    The old name stays a synonym, so files that still say it keep landing on the renamed interest.
    """
    new_label = tidy_label(new_label) if new_label and new_label.strip() else ""
    new_key = normalise_interest(new_label)
    if not new_key:
        raise InterestError("empty_label")
    with db.tenant(principal) as conn:
        _begin_change(conn, workspace_id)
        interest_id, _ = _interest(conn, workspace_id, label)
        if new_label == label:
            return 0
        owner = _owner_of(conn, workspace_id, new_key)
        same_label = conn.execute("select id::text from public.interests where workspace_id = %s and label = %s",
                                  (workspace_id, new_label)).fetchone()
        if (owner and owner[0] != interest_id) or (same_label and same_label[0] != interest_id):
            raise InterestError("taken", name=new_label, other=owner[1] if owner else new_label)
        conn.execute("update public.interests set label = %s, key = %s where id = %s",
                     (new_label, new_key, interest_id))
        conn.execute(
            "insert into public.interest_synonyms (workspace_id, key, spelling, interest_id) values (%s, %s, %s, %s) "
            "on conflict (workspace_id, key) do nothing",
            (workspace_id, new_key, new_label, interest_id))
        return conn.execute(_REPLACE_SQL, {"ws": workspace_id, "old": label, "new": new_label}).rowcount


def merge_interests(db: Database, principal: Principal, workspace_id: str, source: str, target: str) -> int:
    """Folds interest ``source`` into ``target``: contacts, synonyms and all; returns how many contacts changed.

    The source disappears; its name and synonyms lead to the target from now on.
    """
    with db.tenant(principal) as conn:
        _begin_change(conn, workspace_id)
        source_id, _ = _interest(conn, workspace_id, source)
        target_id, _ = _interest(conn, workspace_id, target)
        if source_id == target_id:
            raise InterestError("merge_same")
        changed = conn.execute(_REPLACE_SQL, {"ws": workspace_id, "old": source, "new": target}).rowcount
        conn.execute("update public.interest_synonyms set interest_id = %s "
                     "where workspace_id = %s and interest_id = %s", (target_id, workspace_id, source_id))
        conn.execute("delete from public.interests where id = %s and workspace_id = %s", (source_id, workspace_id))
        return changed


def add_synonym(db: Database, principal: Principal, workspace_id: str, label: str, synonym: str) -> None:
    """Makes ``synonym`` (any spelling) lead to the interest ``label`` in future imports."""
    spelling = " ".join((synonym or "").split())[:MAX_LENGTH]
    key = normalise_interest(spelling)
    if not key:
        raise InterestError("empty_synonym")
    with db.tenant(principal) as conn:
        _begin_change(conn, workspace_id)
        interest_id, _ = _interest(conn, workspace_id, label)
        owner = _owner_of(conn, workspace_id, key)
        if owner and owner[0] == interest_id:
            raise InterestError("already_synonym", name=spelling, label=label)
        if owner:
            raise InterestError("taken", name=spelling, other=owner[1])
        conn.execute("insert into public.interest_synonyms (workspace_id, key, spelling, interest_id) "
                     "values (%s, %s, %s, %s)", (workspace_id, key, spelling, interest_id))


def remove_synonym(db: Database, principal: Principal, workspace_id: str, label: str, synonym: str) -> None:
    """Stops ``synonym`` leading to ``label``; contacts already mapped keep their label.

    A later file that says it again creates an interest of its own.
    """
    key = normalise_interest(synonym)
    with db.tenant(principal) as conn:
        _begin_change(conn, workspace_id)
        interest_id, own_key = _interest(conn, workspace_id, label)
        if key == own_key:
            raise InterestError("own_name", name=synonym, label=label)
        removed = conn.execute(
            "delete from public.interest_synonyms where workspace_id = %s and key = %s and interest_id = %s",
            (workspace_id, key, interest_id)).rowcount
        if not removed:
            raise InterestError("unknown_synonym", name=synonym, label=label)


def remap_existing_contacts(db: Database, principal: Principal, workspace_id: str) -> int:
    """Brings contacts imported before the vocabulary onto it: every stray label becomes its canonical label.

    Spellings the vocabulary does not know become interests of their own. Returns how many contacts changed.
    """
    with db.tenant(principal) as conn:
        _begin_change(conn, workspace_id)
        strays = [row[0] for row in conn.execute(
            "select distinct u.label from public.contacts c, unnest(c.interests) as u(label) "
            "where c.workspace_id = %s and not exists (select 1 from public.interests i "
            "where i.workspace_id = c.workspace_id and i.label = u.label)", (workspace_id,))]
        if not strays:
            return 0
        canonical = canonical_interests(conn, workspace_id, [[raw] for raw in strays])
        # a spelling with no key (only punctuation) says nothing: it is dropped rather than kept as noise
        mapping = {raw: (labels[0] if labels else None) for raw, labels in zip(strays, canonical, strict=True)
                   if not labels or labels[0] != raw}
        if not mapping:
            return 0
        return conn.execute(
            """
            with m (raw, label) as (select * from unnest(%(raws)s::text[], %(labels)s::text[]))
            update public.contacts c
            set interests = array(select coalesce(m.label, u.label) from unnest(c.interests)
                                  with ordinality as u(label, n) left join m on m.raw = u.label
                                  where not (m.raw is not null and m.label is null)
                                  group by 1 order by min(u.n)),
                updated_at = now()
            where c.workspace_id = %(ws)s and c.interests && %(raws)s::text[]
            """,
            {"ws": workspace_id, "raws": list(mapping), "labels": list(mapping.values())},
        ).rowcount


def labels_of(counts: Iterable[InterestCount]) -> list[str]:
    """The labels of ``counts`` in alphabetical order, as a chooser lists them."""
    return sorted((count.label for count in counts), key=str.casefold)
