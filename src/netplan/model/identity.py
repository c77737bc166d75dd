"""Who is who: the one place that decides whether two strings name the same person.

Three strengths of key, from strict to loose:

- `name_key`: NFKC, invisible characters dropped, spacing collapsed, case folded.
  "José" precomposed and decomposed, or "JOSÉ  Díaz", are one key. Two people with
  the same `name_key` are duplicates.
- `loose_key`: also without accents, punctuation and middle initials. A match on
  this key still counts ("Tomas J Herrera" is "Tomás Herrera"), but callers say so.
- near misses (`NameIndex.suggest`): one letter off, or a nickname (Bob/Robert)
  with the same surname. Only ever suggested, never matched.

Emails and profile URLs have keys of their own (`email_key`, `profile_key`), for
lists that carry them. Everything here is pure and bounded: a key costs time
linear in the name's length, an index is a few dicts, and a suggestion compares
a name with a capped number of candidates, never with every other name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Generic, Literal, NamedTuple, TypeVar

T = TypeVar("T")

# Characters that print as nothing, so a name made only of them is blank: every
# format character (Cf: zero-width space and joiners, soft hyphen, bidi marks,
# the Mongolian vowel separator, word joiner, BOM), the Hangul fillers, the
# braille blank, the combining grapheme joiner and the variation selectors.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]"
)
# Punctuation dropped without a trace, so "O'Brien" and "OBrien" agree.
_JOINERS = re.compile("['\u2019\u02bc`\u00b4]")
# Everything that is neither a letter, a digit nor a space separates words.
_SEPARATORS = re.compile(r"[\W_]+")

# A name longer than this is compared on its first part only: keeps every
# comparison bounded whatever a file holds (no real name comes close).
MAX_COMPARED = 200


def _visible(s: str) -> str:
    return _INVISIBLE.sub("", s) if not s.isascii() else s


def name_key(name: str) -> str:
    """The key two spellings of one name share: '' for a name that is blank to the eye."""
    if name.isascii():
        return " ".join(name.split()).casefold()
    s = _visible(unicodedata.normalize("NFKC", name))
    # NFKC once more after folding: folding can undo the normal form ("ǰ").
    return unicodedata.normalize("NFKC", " ".join(s.split()).casefold())


def is_blank(name: str) -> bool:
    if name.isascii():  # the common case, without building the key
        return not name.strip()
    return not name_key(name)


def _strip_accents(s: str) -> str:
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A name whose strict key is already its loose key: plain ASCII words, at most two.
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)?")


def loose_key(name: str) -> str:
    """`name_key` without accents, punctuation or middle initials: 'tomas herrera'."""
    return _loosen(name_key(name[:MAX_COMPARED]))


def _loosen(strict: str) -> str:
    """The loose key of a strict one (a `name_key`): indexes hold strict keys already,
    and keying them again would double the cost of matching a list by name."""
    strict = strict[:MAX_COMPARED]
    if _PLAIN.fullmatch(strict):
        return strict  # the common case, at a fraction of the cost
    s = _strip_accents(strict)
    words = _SEPARATORS.sub(" ", _JOINERS.sub("", s)).split()
    if len(words) > 2:
        # Initials between the first and the last word are middle initials.
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


# Common English nicknames → the formal first name. Suggestions only: "Bob Lee"
# may be a different person from "Robert Lee", so these never make a match.
_NICKNAMES = {
    "al": "albert",
    "alex": "alexander",
    "andy": "andrew",
    "ben": "benjamin",
    "bill": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "cathy": "catherine",
    "chris": "christopher",
    "dan": "daniel",
    "danny": "daniel",
    "dave": "david",
    "ed": "edward",
    "eddie": "edward",
    "jim": "james",
    "jimmy": "james",
    "joe": "joseph",
    "jon": "jonathan",
    "kate": "katherine",
    "katie": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "matt": "matthew",
    "mike": "michael",
    "nick": "nicholas",
    "pat": "patricia",
    "peggy": "margaret",
    "maggie": "margaret",
    "rob": "robert",
    "sam": "samuel",
    "steve": "steven",
    "sue": "susan",
    "tom": "thomas",
    "tony": "anthony",
    "will": "william",
}


def _formal(words: list[str]) -> str:
    if words:
        words = [_NICKNAMES.get(words[0], words[0]), *words[1:]]
    return " ".join(words)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return swapped and a[i + 2 :] == b[i + 2 :]


How = Literal["exact", "loose"]


class Found(NamedTuple, Generic[T]):
    """A lookup that found one person: `how` says whether the loose key was needed."""

    value: T
    how: How


class Ambiguous(NamedTuple, Generic[T]):
    """A loose match that fits several people: never guessed."""

    values: tuple[T, ...]


# How many people sharing one word a suggestion looks at: a list of 10,000
# "Smith"s must not make each lookup compare with all of them.
_CANDIDATES_PER_WORD = 32


class NameIndex(Generic[T]):
    """People by name, for lookups by `name_key`, then `loose_key`, then suggestions.

    Built in one pass; each lookup is a few dict accesses. The word index behind
    suggestions is built only when the first suggestion is asked for.
    """

    def __init__(self, people: Iterable[tuple[str, T]]) -> None:
        self._exact: dict[str, T] = {}
        self._loose: dict[str, list[T]] | None = None
        self._names: list[tuple[str, T]] = []
        for name, value in people:
            self._names.append((name, value))
            self._exact.setdefault(name_key(name), value)
        self._words: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self._names)

    def _loose_index(self) -> dict[str, list[T]]:
        if self._loose is None:
            self._loose = {}
            for name, value in self._names:
                group = self._loose.setdefault(loose_key(name), [])
                # Bounded like the other indexes: enough to say "ambiguous".
                if len(group) < _CANDIDATES_PER_WORD and not any(v is value for v in group):
                    group.append(value)
        return self._loose

    def lookup(self, name: str) -> Found[T] | Ambiguous[T] | None:
        exact = self._exact.get(name_key(name))
        if exact is not None:
            return Found(exact, "exact")
        loose = self._loose_index().get(loose_key(name))
        if not loose:
            return None
        if len(loose) == 1:
            return Found(loose[0], "loose")
        return Ambiguous(tuple(loose))

    def get(self, name: str) -> T | None:
        """The person a name means, exactly or loosely; None when unknown or ambiguous."""
        found = self.lookup(name)
        return found.value if isinstance(found, Found) else None

    def suggest(self, name: str) -> T | None:
        """Someone whose name is close to `name` (one letter off, a nickname), or None."""
        words = loose_key(name).split()
        if not words or not self._names:
            return None
        index = self._word_index()
        formal = _formal(words)
        best: T | None = None
        for word in _index_words(words):
            for i in index.get(word, ())[:_CANDIDATES_PER_WORD]:
                other_name, value = self._names[i]
                other = loose_key(other_name).split()
                if _formal(other) == formal or _near(words, other):
                    if best is not None and best is not value:
                        return None  # two near misses: a suggestion would be a guess
                    best = value
        return best

    def _word_index(self) -> dict[str, list[int]]:
        if self._words is None:
            self._words = {}
            for i, (name, _) in enumerate(self._names):
                for word in _index_words(loose_key(name).split()):
                    self._words.setdefault(word, []).append(i)
        return self._words


def _index_words(words: list[str]) -> dict[str, None]:
    """The keys a name is found under for suggestions: each word, and all of them run
    together (so "TomásHerrera" finds "Tomás Herrera")."""
    return dict.fromkeys([*words, "".join(words)])


def _near(a: list[str], b: list[str]) -> bool:
    """Same words but for one letter in one of them, or the same words run together."""
    if "".join(a) == "".join(b):
        return True
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and min(map(len, differ[0])) > 2 and _one_edit_apart(*differ[0])


_WHITESPACE = re.compile(r"\s")


def email_key(value: str) -> str | None:
    """A comparable email address, or None when the value is not one.

    LinkedIn puts `urn:li:member:…` in its email column for some members: not an email.
    """
    if "@" not in value:
        return None  # most values asked about are names: answer those at once
    s = value.strip().casefold()
    if s.startswith("mailto:"):
        s = s[len("mailto:") :]
    local, at, domain = s.partition("@")
    if not at or not local or "." not in domain or "@" in domain or _WHITESPACE.search(s):
        return None
    return s


_PROFILE = re.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/(in|pub)/([^?#\s]+)", re.IGNORECASE
)


def profile_key(value: str) -> str | None:
    """A LinkedIn profile URL as 'in/slug', or 'pub/slug/1a/2b/3c' for an old public
    one (whose slug alone is a name many people share): scheme, www., country
    subdomain, trailing slash, query and case ignored. None when the value is not such
    a URL."""
    if "." not in value:
        return None  # not "linkedin.com": most values asked about are names
    m = _PROFILE.match(value.strip()[:MAX_COMPARED])
    if m is None:
        return None
    kind, path = m.group(1).casefold(), m.group(2)
    parts = [part for part in path.split("/") if part]
    if not parts:
        return None
    # /in/slug, or /pub/slug/1a/2b/3c: what follows (a language, a page) is not who.
    slug = "/".join(parts[:1] if kind == "in" else parts[:4])
    if "%" in slug:
        from urllib.parse import unquote  # rare: from-importing costs a little per call

        slug = unquote(slug)
    return f"{kind}/{unicodedata.normalize('NFC', slug).casefold()}"


def person_keys(
    name: str, email: str | None = None, linkedin: str | None = None
) -> tuple[str, ...]:
    """Every key one person can be recognised by: their name's, and their email's and
    profile's when known."""
    keys = [name_key(name)]
    for key in (email_key(email) if email else None, profile_key(linkedin) if linkedin else None):
        if key:
            keys.append(key)
    return tuple(keys)


# Legal forms that do not make two companies different: "Acme Inc." is "ACME".
_LEGAL_FORMS = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "ltd",
        "limited",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "spa",
        "srl",
        "pty",
        "kg",
    ]
)


def company_key(company: str | None) -> str:
    """A company's name for comparing: loose, without legal forms ('' when unknown)."""
    if not company:
        return ""
    # A list names few companies many times over: key each once per run (the
    # cache holds names cut as loose_key cuts them, so its size stays bounded).
    return _company_key(company[:MAX_COMPARED])


@functools.lru_cache(maxsize=4096)
def _company_key(company: str) -> str:
    words = loose_key(company).split()
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


# How PeopleIndex found a person: by email, by profile, by the name's strict key, or
# by its loose key only (accents, punctuation and middle initials ignored).
Via = Literal["email", "profile", "name", "loose"]


class Match(NamedTuple, Generic[T]):
    value: T
    how: Via


class Keys(NamedTuple):
    """One person's keys, worked out once and used against several indexes."""

    name: str  # `name_key`, '' without a name
    email: str | None
    profile: str | None
    company: str  # `company_key`, '' when unknown


def keys_of(
    name: str, email: str | None = None, linkedin: str | None = None, company: str | None = None
) -> Keys:
    return Keys(
        name_key(name) if name else "",
        email_key(email) if email else None,
        profile_key(linkedin) if linkedin else None,
        company_key(company),
    )


class PeopleIndex(Generic[T]):
    """People from lists, found again by the strongest thing two records share: the same
    email, else the same LinkedIn profile, else the same cleaned name with no conflicting
    company. Two people with one name at different companies stay two; a bare name
    that fits several is ambiguous and never guessed. Every lookup is a few dict
    accesses, so matching lists is linear in their rows; names are compared by their
    strict key first, and by their loose key only for a name the strict key misses
    (that index is built on the first such miss).
    """

    def __init__(self) -> None:
        self._email: dict[str, T] = {}
        self._profile: dict[str, T] = {}
        self._names: dict[str, list[tuple[str, T]]] = {}  # name key → (company key, value)
        # Loose key → the people whose strict key is a different spelling of it
        # ("josé díaz" under "jose diaz"). A name whose strict key is already loose (most
        # are) is found under that key in `_names`, so it is not copied here. Built on
        # the first lookup that needs it.
        self._aliases: dict[str, list[tuple[str, T]]] | None = None

    def __len__(self) -> int:
        return len(self._names)

    def add(
        self,
        value: T,
        name: str,
        email: str | None = None,
        linkedin: str | None = None,
        company: str | None = None,
    ) -> None:
        self.add_keys(value, keys_of(name, email, linkedin, company))

    def add_keys(self, value: T, keys: Keys) -> None:
        self.add_many([value], [keys])

    def add_many(self, values: Iterable[T], keys: Iterable[Keys]) -> None:
        """`add_keys` for many people: one loop, the dicts looked up once."""
        emails, profiles, names, aliases = self._email, self._profile, self._names, self._aliases
        for value, (name, email, profile, company) in zip(values, keys, strict=True):
            if email and email not in emails:
                emails[email] = value
            if profile and profile not in profiles:
                profiles[profile] = value
            if not name:
                continue
            group = names.get(name)
            if group is None:
                names[name] = [(company, value)]
            # Bounded: a list of a million "Jane Smith"s keeps a few, enough to say
            # "ambiguous", not all of them.
            elif len(group) < _CANDIDATES_PER_WORD and not any(v is value for _, v in group):
                group.append((company, value))
            else:
                continue
            if aliases is not None and (loose := _loosen(name)) != name:
                near = aliases.setdefault(loose, [])  # kept up to date, not rebuilt
                if len(near) < _CANDIDATES_PER_WORD:
                    near.append((company, value))

    def find(
        self,
        name: str,
        email: str | None = None,
        linkedin: str | None = None,
        company: str | None = None,
    ) -> Match[T] | Ambiguous[T] | None:
        return self.find_keys(keys_of(name, email, linkedin, company))

    def find_keys(self, keys: Keys) -> Match[T] | Ambiguous[T] | None:
        name, email, profile, mine = keys
        if email and email in self._email:
            return Match(self._email[email], "email")
        if profile and profile in self._profile:
            return Match(self._profile[profile], "profile")
        if not name:
            return None
        how: Via = "name"
        group = self._names.get(name)
        if not group:
            if not self._names:
                return None
            how = "loose"
            group = self._loose_group(name)
            if not group:
                return None
        if len(group) == 1:  # the usual case: one person of that name
            company, value = group[0]
            return Match(value, how) if not mine or not company or company == mine else None
        fits = [v for c, v in group if not mine or not c or c == mine]
        if len(fits) == 1:
            return Match(fits[0], how)
        distinct = list({id(v): v for v in fits}.values())
        if len(distinct) == 1:
            return Match(distinct[0], how)
        return Ambiguous(tuple(distinct)) if distinct else None

    def _loose_group(self, name: str) -> list[tuple[str, T]] | None:
        """The people whose name has the loose key of `name` (a strict key not found):
        those spelled as that key first, then the other spellings, at most
        _CANDIDATES_PER_WORD."""
        if self._aliases is None:
            self._aliases = {}
            for key, group in self._names.items():
                loose = _loosen(key)
                if loose != key:
                    near = self._aliases.setdefault(loose, [])
                    near.extend(group[: _CANDIDATES_PER_WORD - len(near)])
        loose = _loosen(name)
        spelled = self._names.get(loose) if loose != name else None
        other = self._aliases.get(loose)
        if spelled and other:
            return (spelled + other)[:_CANDIDATES_PER_WORD]
        return spelled or other
