"""Who may do what: roles viewer < editor < admin, scoped per region, read from one access file.

Pure (no Streamlit): tutka/app/access.py turns `st.user` into claims and calls `resolve()`; every function that writes
calls `require(user, action, region)` before writing, so hiding a button is never the only protection.

The access file (YAML, `$TUTKA_ACCESS` or `data/access.yaml`; example in docs/access.example.yaml):

    anonymous: viewer          # visitors who have not signed in may read (omit or `none`: sign-in required)
    signed_in: viewer          # role of a signed-in user that no rule matches (omit or `none`: no access)
    rules:
      - email: maija.meikalainen@kouvola.fi   # exact address, case-insensitive
        role: editor
        regions: [KU286]                      # region codes this rule covers; "*" = every region
      - email: "*@kokkola.fi"                 # every address of a domain
        role: editor
        regions: [KU272]
      - claim: groups                         # any claim of the identity provider's ID token
        value: tutka-admins                   # the claim equals this value or is a list containing it
        role: admin
        regions: ["*"]

A user matching several rules gets all their grants. Reading is never region-scoped (the statistics are public);
writing is: an editor of Kouvola (KU286) cannot change Kokkola (KU272), and values of a wellbeing services county or
the whole country need that code (or "*") in the rule.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tutka import DATA_DIR
from tutka.i18n import t

ENV_VAR = "TUTKA_ACCESS"
ROLES = ("viewer", "editor", "admin")
ANY_REGION = "*"
# action -> the lowest role allowed to do it
ACTIONS: dict[str, str] = {
    "view": "viewer",
    "import": "editor",  # commit an upload
    "undo": "editor",  # undo an import
    "fetch": "editor",  # fetch from Sotkanet / StatFin into the database
    "deck": "editor",  # save or reset the council presentation
    "plan": "editor",  # edit a welfare plan
    "audit": "admin",  # read the audit log
}
# actions that are not about one region (checked against any grant of the role)
GLOBAL_ACTIONS = frozenset({"view", "audit"})


class AccessConfigError(ValueError):
    """The access file is malformed: the message (Finnish) names the file and the entry."""


class AccessDenied(PermissionError):
    """A write the user's role does not allow. str() is the Finnish message; key/params give other languages."""

    def __init__(self, key: str, action: str, **params: object) -> None:
        self.key, self.action, self.params = key, action, params
        super().__init__(self.message("fi"))

    def message(self, lang: str = "fi") -> str:
        what = t(f"auth.action_{self.action}", lang) if self.action in ACTIONS else self.action
        return t(self.key, lang, action=what, **self.params)


@dataclass(frozen=True)
class Grant:
    role: str
    regions: frozenset[str]

    def covers(self, region_code: str | None) -> bool:
        return ANY_REGION in self.regions or (region_code is not None and region_code in self.regions)


@dataclass(frozen=True)
class User:
    """The person behind a session. mode: "local" (no sign-in configured), "signed_in" or "anonymous"."""

    id: str
    name: str
    mode: str
    grants: tuple[Grant, ...] = ()

    @property
    def signed_in(self) -> bool:
        return self.mode == "signed_in"

    @property
    def role(self) -> str | None:
        """The highest role of any grant (for display)."""
        ranks = [ROLES.index(g.role) for g in self.grants]
        return ROLES[max(ranks)] if ranks else None

    def regions(self, action: str) -> frozenset[str]:
        """Region codes where the action is allowed ("*" = all)."""
        need = ROLES.index(ACTIONS[action])
        out: set[str] = set()
        for g in self.grants:
            if ROLES.index(g.role) >= need:
                out |= g.regions
        return frozenset(out)


LOCAL_USER = User(id="", name="", mode="local", grants=(Grant("admin", frozenset({ANY_REGION})),))


@dataclass(frozen=True)
class Rule:
    role: str
    regions: frozenset[str]
    email: str | None = None
    claim: str | None = None
    value: str | None = None

    def matches(self, claims: Mapping[str, object]) -> bool:
        if self.email is not None:
            email = _email(claims)
            return bool(email) and fnmatch.fnmatchcase(email, self.email)
        got = claims.get(self.claim or "")
        if isinstance(got, list | tuple | set):
            return self.value in {str(v) for v in got}
        return got is not None and str(got) == self.value


@dataclass(frozen=True)
class AccessConfig:
    anonymous: str | None = None
    signed_in: str | None = None
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    source: str = ""


def default_path() -> Path:
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else DATA_DIR / "access.yaml"


def load_access(path: str | os.PathLike | None = None) -> AccessConfig:
    """Read and validate the access file. A missing file means: signed-in users may read, nobody may write."""
    p = Path(path) if path else default_path()
    if not p.exists():
        return AccessConfig(signed_in="viewer", source="")
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AccessConfigError(t("auth.cfg_yaml", "fi", file=p.name, error=str(exc).splitlines()[0])) from exc
    return parse_access(raw or {}, p.name)


def parse_access(raw: object, source: str = "access.yaml") -> AccessConfig:
    if not isinstance(raw, dict):
        raise AccessConfigError(t("auth.cfg_not_mapping", "fi", file=source))
    unknown = set(raw) - {"anonymous", "signed_in", "rules"}
    if unknown:
        raise AccessConfigError(t("auth.cfg_unknown_key", "fi", file=source, name=", ".join(sorted(unknown))))
    anonymous = _role_or_none(raw.get("anonymous"), source, "anonymous")
    if anonymous not in (None, "viewer"):
        raise AccessConfigError(t("auth.cfg_anonymous", "fi", file=source))
    signed_in = _role_or_none(raw.get("signed_in"), source, "signed_in")
    rules_raw = raw.get("rules") or []
    if not isinstance(rules_raw, list):
        raise AccessConfigError(t("auth.cfg_rules_list", "fi", file=source))
    rules = tuple(_rule(r, i + 1, source) for i, r in enumerate(rules_raw))
    return AccessConfig(anonymous=anonymous, signed_in=signed_in, rules=rules, source=source)


def _role_or_none(value: object, source: str, where: str) -> str | None:
    if value in (None, "none", False):
        return None
    if value not in ROLES:
        raise AccessConfigError(t("auth.cfg_role", "fi", file=source, where=where, role=value, roles=", ".join(ROLES)))
    return str(value)


def _rule(raw: object, n: int, source: str) -> Rule:
    where = f"rules[{n}]"
    if not isinstance(raw, dict):
        raise AccessConfigError(t("auth.cfg_rule_mapping", "fi", file=source, where=where))
    unknown = set(raw) - {"email", "claim", "value", "role", "regions"}
    if unknown:
        raise AccessConfigError(
            t("auth.cfg_unknown_key", "fi", file=f"{source} {where}", name=", ".join(sorted(unknown)))
        )
    role = _role_or_none(raw.get("role"), source, where)
    if role is None:
        raise AccessConfigError(t("auth.cfg_role", "fi", file=source, where=where, role="", roles=", ".join(ROLES)))
    has_email, has_claim = raw.get("email") is not None, raw.get("claim") is not None
    if has_email == has_claim or (has_claim and raw.get("value") is None):
        raise AccessConfigError(t("auth.cfg_match", "fi", file=source, where=where))
    regions = raw.get("regions")
    if regions is None and role != "editor":
        regions = [ANY_REGION]  # viewers read everything anyway; an admin without a list is an admin everywhere
    if isinstance(regions, str):
        regions = [regions]
    if not isinstance(regions, list) or not regions or not all(isinstance(r, str) and r.strip() for r in regions):
        raise AccessConfigError(t("auth.cfg_regions", "fi", file=source, where=where))
    return Rule(
        role=role,
        regions=frozenset(r.strip().upper() if r.strip() != ANY_REGION else ANY_REGION for r in regions),
        email=str(raw["email"]).strip().lower() if has_email else None,
        claim=str(raw["claim"]) if has_claim else None,
        value=str(raw["value"]) if has_claim else None,
    )


def _email(claims: Mapping[str, object]) -> str:
    value = claims.get("email")
    return str(value).strip().lower() if value else ""


def resolve(config: AccessConfig, claims: Mapping[str, object] | None) -> User:
    """The user of a session with sign-in configured. claims: st.user as a dict (is_logged_in, email, name, ...)."""
    claims = claims or {}
    if not claims.get("is_logged_in"):
        grants: tuple[Grant, ...] = (Grant(config.anonymous, frozenset({ANY_REGION})),) if config.anonymous else ()
        return User(id="", name="", mode="anonymous", grants=grants)
    ident = _email(claims) or str(claims.get("sub") or "")
    name = str(claims.get("name") or ident)
    grants = tuple(Grant(r.role, r.regions) for r in config.rules if r.matches(claims))
    if not grants and config.signed_in:
        grants = (Grant(config.signed_in, frozenset({ANY_REGION})),)
    return User(id=ident, name=name, mode="signed_in", grants=grants)


def can(user: User, action: str, region_code: str | None = None) -> bool:
    """May this user do this action (on this region)? Unknown actions are refused."""
    if action not in ACTIONS:
        return False
    need = ROLES.index(ACTIONS[action])
    for g in user.grants:
        if ROLES.index(g.role) < need:
            continue
        if action in GLOBAL_ACTIONS or g.covers(region_code):
            return True
    return False


def require(user: User, action: str, region_code: str | None = None) -> None:
    """Raise AccessDenied (a PermissionError with a Finnish message) unless the user may do this."""
    require_all(user, action, [region_code] if region_code is not None else [])


def require_all(user: User, action: str, region_codes: Iterable[str]) -> None:
    """Every region of a multi-region write (an upload, an undo) must be allowed; the message lists those that are not."""
    codes = sorted({str(c) for c in region_codes})
    if action not in ACTIONS:
        raise AccessDenied("auth.denied_action", action)
    if not user.grants or not any(ROLES.index(g.role) >= ROLES.index(ACTIONS[action]) for g in user.grants):
        key = "auth.denied_anonymous" if user.mode == "anonymous" else "auth.denied_role"
        raise AccessDenied(key, action, user=user.id)
    if action in GLOBAL_ACTIONS:
        return
    if not codes:
        codes = [""]  # a regional action without a region: only "*" grants allow it
    denied = [c for c in codes if not can(user, action, c or None)]
    if denied:
        raise AccessDenied(
            "auth.denied_region",
            action,
            user=user.id,
            regions=", ".join(c or "?" for c in denied),
        )
