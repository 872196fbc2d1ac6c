"""Privacy transforms applied before anything is written or shown.

Two of them, both pure functions of a :class:`~graphmap.dataset.Dataset`:

* :func:`drop_personal` resets every field the model marks ``personal``
  (nationality, residency, obligations to a foreign government, side jobs,
  ...) to its default, for ``--no-personal-data``.
* :class:`Redactor` replaces people and outside organisations by stable
  codenames, for ``--redact`` and ``graphmap redact``.  A codename is an
  HMAC of the record's id under a secret kept in the workspace, so the same
  person has the same codename in every run and every quarter; the secret
  and a separate key file (codename -> id and name) are the only way back.
  Ids and names are replaced in their own fields, in every reference to
  them, and wherever they occur inside free text (notes, purposes, site and
  project names, finding messages and evidence).

Limits (also in SECURITY.md): names are matched as written, in their NFKC
form and without inner spaces; a name written differently (a nickname, a
family name alone, a transliteration) is not found.  Names shorter than two
characters are replaced in their own field only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphmap import model as m
from graphmap.analyses.base import Evidence, Finding
from graphmap.dataset import Dataset
from graphmap.fileio import atomic_write_text, private_dir

__all__ = [
    "KEY_FILE",
    "SECRET_FILE",
    "OutputPrivacy",
    "Redactor",
    "default_key_path",
    "drop_personal",
    "merge_key_file",
    "personal_fields",
    "workspace_secret",
    "write_key_file",
]

#: File in the workspace holding the codename secret (owner-only).
SECRET_FILE = "redaction.secret"
#: Default re-identification key, kept in the workspace beside the data it
#: re-identifies rather than beside the redacted output that travels.
KEY_FILE = "redaction-key.json"

#: Codename prefixes by label; codenames are valid ids (ASCII) in any language.
_PREFIX = {"Person": "P", "Organisation": "O"}
_CODE_LEN = 6
_MIN_NAME_LEN = 2
#: Names shorter than this match only as whole tokens.
_TOKEN_NAME_LEN = 5


# ------------------------------------------------------------ personal data


def personal_fields(cls: type[m.Record]) -> tuple[str, ...]:
    """Names of the fields of ``cls`` that hold personal data."""
    return tuple(f.name for f in cls.fields() if f.personal)


def _default(cls: type[m.Record], name: str) -> Any:
    return cls.model_fields[name].get_default(call_default_factory=True)


def drop_personal(ds: Dataset) -> Dataset:
    """A copy of ``ds`` with every personal field reset to its default."""
    out = Dataset(failed_ids=set(ds.failed_ids))
    for rec, loc in ds.with_locations():
        cls = type(rec)
        names = personal_fields(cls)
        if names:
            rec = rec.model_copy(update={n: _default(cls, n) for n in names})
        out.add(rec, loc)
    return out


# --------------------------------------------------------------- redaction


def workspace_secret(workspace: Path) -> bytes:
    """The workspace's codename secret, created (owner-only) on first use."""
    path = Path(workspace) / SECRET_FILE
    if path.exists():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    private_dir(workspace)
    value = secrets.token_bytes(32)
    atomic_write_text(path, value.hex() + "\n")
    return value


def _code(secret: bytes, label: str, rid: str) -> str:
    digest = hmac.new(secret, f"{label}\x1f{rid}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=")


def _variants(name: str) -> set[str]:
    """Spellings of ``name`` to look for in free text: as written, NFKC,
    full-width, and with inner spaces removed, half- or full-width."""
    forms = {name, unicodedata.normalize("NFKC", name)}
    forms |= {_widen(f) for f in forms}
    for form in list(forms):
        parts = form.split()
        if len(parts) > 1:
            forms |= {"".join(parts), " ".join(parts), "\u3000".join(parts)}
    return {f for f in forms if len(f) >= _MIN_NAME_LEN}


def _widen(text: str) -> str:
    """Full-width form of the ASCII in ``text`` (as Japanese IMEs type it)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _continues(text: str, i: int, step: int) -> bool:
    """Whether ``text[i]`` carries a token on: a letter, digit or ``_``, or
    one of ``. : -`` followed (in direction ``step``) by a letter or digit."""
    ch = text[i]
    if _alnum(ch) or ch == "_":
        return True
    j = i + step
    return ch in ".:-" and 0 <= j < len(text) and _alnum(text[j])


class _Scrubber:
    """Replace many literal strings in text at once.

    Candidates are indexed by their first two characters, so a text is
    scanned once whatever the number of names (100k people at scale)."""

    def __init__(self, replacements: Mapping[str, str], *, word: Iterable[str] = ()) -> None:
        self._by_prefix: dict[str, list[tuple[str, str]]] = {}
        self._word = set(word)
        for needle, codename in replacements.items():
            if len(needle) >= _MIN_NAME_LEN:
                self._by_prefix.setdefault(needle[:2], []).append((needle, codename))
        for cands in self._by_prefix.values():
            cands.sort(key=lambda c: -len(c[0]))

    def _bounded(self, text: str, start: int, end: int, needle: str) -> bool:
        """Ids, and short names starting or ending in a Latin letter or
        digit, match only as whole tokens (``P1`` is not inside ``P10``,
        ``Tan`` not inside ``Tantalum``).  Longer names match anywhere: a
        garbled word is a smaller harm than a name left in."""
        if needle not in self._word and len(needle) >= _TOKEN_NAME_LEN:
            return True
        is_id = needle in self._word
        if (is_id or _alnum(needle[0])) and start > 0 and _continues(text, start - 1, -1):
            return False
        return not ((is_id or _alnum(needle[-1])) and end < len(text) and _continues(text, end, 1))

    def __call__(self, text: str) -> str:
        if not self._by_prefix or len(text) < _MIN_NAME_LEN:
            return text
        index = self._by_prefix
        out: list[str] = []
        i = last = 0
        n = len(text)
        while i < n - 1:
            cands = index.get(text[i : i + 2])
            if cands:
                for needle, codename in cands:
                    end = i + len(needle)
                    if text.startswith(needle, i) and self._bounded(text, i, end, needle):
                        out.append(text[last:i])
                        out.append(codename)
                        i = last = end
                        break
                else:
                    i += 1
                continue
            i += 1
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)


class Redactor:
    """Codenames for the people and outside organisations of one dataset."""

    def __init__(self, codenames: dict[str, str], originals: dict[str, tuple[str, str, str]]) -> None:
        #: original id -> codename
        self.codenames = codenames
        #: codename -> (label, original id, original name)
        self._originals = originals
        replacements: dict[str, str] = {}
        for codename, (_label, _rid, name) in originals.items():
            for variant in _variants(name):
                replacements.setdefault(variant, codename)
        ids = {rid: code for rid, code in codenames.items() if rid not in replacements}
        self._scrub = _Scrubber({**ids, **replacements}, word=ids)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> Redactor:
        """A redactor from key rows (codename, label, id, name)."""
        codenames: dict[str, str] = {}
        originals: dict[str, tuple[str, str, str]] = {}
        for row in rows:
            code, rid = str(row["codename"]), str(row["id"])
            codenames[rid] = code
            originals[code] = (str(row.get("label", "")), rid, str(row.get("name", "")))
        return cls(codenames, originals)

    @classmethod
    def for_dataset(cls, ds: Dataset, secret: bytes) -> Redactor:
        """Codenames for every person and every organisation except the
        company itself (kind ``self``)."""
        subjects: list[tuple[str, str, str]] = []
        for rec in ds.of(m.Person):
            subjects.append(("Person", rec.id, rec.name))
        for rec in ds.of(m.Organisation):
            if rec.kind != m.OrgKind.self_:
                subjects.append(("Organisation", rec.id, rec.name))
        taken = {rec.id for rec in ds if isinstance(rec, m.NodeRecord)}
        codenames: dict[str, str] = {}
        originals: dict[str, tuple[str, str, str]] = {}
        for label, rid, name in sorted(subjects):
            code = _code(secret, label, rid)
            length = _CODE_LEN
            codename = f"{_PREFIX[label]}-{code[:length]}"
            while codename in originals or codename in taken:
                length += 1
                codename = f"{_PREFIX[label]}-{code[:length]}"
            codenames[rid] = codename
            originals[codename] = (label, rid, name)
        return cls(codenames, originals)

    # -- transforms

    def text(self, value: str) -> str:
        """``value`` with every known id and name replaced by its codename."""
        return self._scrub(value)

    def ident(self, value: str) -> str:
        """The codename of an id, or the id itself when it is not redacted."""
        return self.codenames.get(value, value)

    def value(self, value: Any) -> Any:
        """Any JSON-like value with ids and names replaced throughout."""
        if isinstance(value, str):
            return self.codenames.get(value) or self.text(value)
        if isinstance(value, list | tuple):
            return type(value)(self.value(v) for v in value)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        return value

    def record(self, rec: m.Record) -> m.Record:
        """``rec`` with ids, references, its own name and free text redacted."""
        own = self.codenames.get(rec.id) if isinstance(rec, m.NodeRecord) else None
        update: dict[str, Any] = {}
        for f in rec.fields():
            value = getattr(rec, f.name)
            if value is None:
                continue
            if f.name == "id" or f.ref:
                new = [self.ident(v) for v in value] if isinstance(value, list) else self.ident(value)
            elif f.name == "name" and own is not None:
                new = own
            elif f.kind == "str":
                new = [self.text(v) for v in value] if isinstance(value, list) else self.text(value)
            else:
                continue
            if new != value:
                update[f.name] = new
        return rec.model_copy(update=update) if update else rec

    def dataset(self, ds: Dataset) -> Dataset:
        """A redacted copy of ``ds`` (source locations dropped: they name files)."""
        out = Dataset()
        for rec in ds:
            out.add(self.record(rec))
        return out

    def finding(self, f: Finding) -> Finding:
        """``f`` with subjects, messages and evidence redacted; its id kept
        (a hash, so it stays comparable across quarters)."""
        ev = f.evidence
        evidence = Evidence(
            nodes=[self.ident(n) for n in ev.nodes],
            edges=[(self.ident(a), self.ident(b), t) for a, b, t in ev.edges],
            facts=self.value(ev.facts),
        )
        return f.model_copy(
            update={
                "subjects": [self.ident(s) for s in f.subjects],
                "message_ja": self.text(f.message_ja),
                "message_en": self.text(f.message_en),
                "evidence": evidence,
            }
        )

    def findings(self, findings: Iterable[Finding]) -> list[Finding]:
        return [self.finding(f) for f in findings]

    # -- the key back

    def key_rows(self) -> list[dict[str, str]]:
        """codename, label, original id and name, sorted by codename."""
        return [
            {"codename": code, "label": label, "id": rid, "name": name}
            for code, (label, rid, name) in sorted(self._originals.items())
        ]

    def names(self) -> list[str]:
        """Every original name (what a redacted output must not contain)."""
        return sorted({name for _label, _rid, name in self._originals.values()})


def write_key_file(path: Path, redactor: Redactor) -> Path:
    """Write the re-identification key (JSON, owner-only, atomic)."""
    body = {
        "about": "graphmap re-identification key: keep apart from the redacted output",
        "codenames": redactor.key_rows(),
    }
    atomic_write_text(path, json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    return Path(path)


def default_key_path(output: Path) -> Path:
    """``<output>.key.json`` beside a redacted output."""
    output = Path(output)
    return output.with_name(output.name + ".key.json")


def merge_key_file(path: Path, redactor: Redactor) -> Path:
    """Add ``redactor``'s codenames to the key file at ``path`` (kept rows
    from earlier runs stay: codenames are stable, so they never conflict)."""
    rows = {r["codename"]: r for r in redactor.key_rows()}
    if Path(path).exists():
        try:
            old = json.loads(Path(path).read_text(encoding="utf-8")).get("codenames", [])
        except (OSError, ValueError, AttributeError):
            old = []
        for row in old:
            if isinstance(row, dict) and "codename" in row:
                rows.setdefault(str(row["codename"]), row)
    return write_key_file(path, Redactor.from_rows(rows.values()))


@dataclass(frozen=True)
class OutputPrivacy:
    """What a command does to its data before writing or showing anything:
    ``--no-personal-data`` and ``--redact [--key-file K]``."""

    redact: bool = False
    no_personal: bool = False
    key_file: Path | None = None

    def key_path(self, workspace: Path) -> Path:
        return self.key_file if self.key_file is not None else Path(workspace) / KEY_FILE

    def apply(self, ds: Dataset, workspace: Path) -> tuple[Dataset, Redactor | None]:
        """The dataset to show, and the redactor used (``None`` without
        ``--redact``).  With ``--redact`` the key file is written first."""
        if self.no_personal:
            ds = drop_personal(ds)
        if not self.redact:
            return ds, None
        redactor = Redactor.for_dataset(ds, workspace_secret(workspace))
        merge_key_file(self.key_path(workspace), redactor)
        return redactor.dataset(ds), redactor
