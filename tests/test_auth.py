"""Pure permission rules of tutka.auth: roles, per-region scope, claims, anonymous access, config errors."""

from __future__ import annotations

import pytest

from tutka import auth
from tutka.auth import AccessConfigError, AccessDenied, can, parse_access, require, require_all, resolve

CONFIG = parse_access(
    {
        "anonymous": "viewer",
        "signed_in": None,
        "rules": [
            {"email": "maija@kouvola.fi", "role": "editor", "regions": ["KU286"]},
            {"email": "*@kokkola.fi", "role": "editor", "regions": ["ku272", "HV16"]},
            {"claim": "groups", "value": "tutka-admins", "role": "admin"},
            {"email": "lukija@example.fi", "role": "viewer"},
        ],
    }
)


def signed(email: str, **claims: object) -> auth.User:
    return resolve(CONFIG, {"is_logged_in": True, "email": email, **claims})


def test_editor_is_scoped_to_own_municipality():
    maija = signed("Maija@Kouvola.fi")  # e-mail matched case-insensitively
    assert maija.id == "maija@kouvola.fi" and maija.role == "editor"
    for action in ("import", "undo", "deck", "plan", "fetch"):
        assert can(maija, action, "KU286")
        assert not can(maija, action, "KU272")  # an editor of Kouvola cannot change Kokkola
    assert not can(maija, "import", "SSS")  # nor the whole country without that code in the rule
    assert can(maija, "view", "KU272")  # reading is not scoped
    assert not can(maija, "audit")


def test_domain_rule_and_lower_cased_region_codes():
    kalle = signed("kalle@kokkola.fi")
    assert can(kalle, "import", "KU272") and can(kalle, "import", "HV16")
    assert not can(kalle, "import", "KU286")
    assert resolve(CONFIG, {"is_logged_in": True, "email": "x@kokkola.fi.evil.com"}).grants == ()


def test_claim_rule_gives_admin_everywhere():
    admin = signed("pekka@example.fi", groups=["muut", "tutka-admins"])
    assert admin.role == "admin"
    assert can(admin, "audit") and can(admin, "import", "KU999") and can(admin, "deck", "KU286")
    assert not can(signed("pekka@example.fi", groups="muut"), "view")  # no rule, signed_in: none


def test_viewer_and_anonymous_read_only():
    for user in (signed("lukija@example.fi"), resolve(CONFIG, {"is_logged_in": False}), resolve(CONFIG, None)):
        assert can(user, "view")
        assert not any(can(user, a, "KU286") for a in ("import", "undo", "deck", "plan", "fetch"))
        assert not can(user, "audit")


def test_sign_in_required_without_anonymous():
    strict = parse_access({"rules": []})
    visitor = resolve(strict, {"is_logged_in": False})
    assert visitor.mode == "anonymous" and not can(visitor, "view")
    with pytest.raises(AccessDenied) as exc:
        require(visitor, "import", "KU286")
    assert str(exc.value) == "Kirjaudu sisään, jotta voit tallentaa tuontia."


def test_require_messages_are_finnish_and_list_denied_regions():
    maija = signed("maija@kouvola.fi")
    require(maija, "deck", "KU286")  # allowed: no exception
    with pytest.raises(PermissionError) as exc:
        require_all(maija, "import", ["KU286", "KU272", "SSS"])
    assert str(exc.value) == (
        "Käyttäjällä maija@kouvola.fi ei ole oikeutta tallentaa tuontia alueille KU272, SSS. "
        "Pyydä oikeutta ylläpitäjältä."
    )
    assert "not allowed to save an import for the regions KU272, SSS" in exc.value.message("en")
    with pytest.raises(AccessDenied, match="lukea tapahtumalokia"):
        require(maija, "audit")
    with pytest.raises(AccessDenied):
        require(maija, "import")  # a regional action without a region needs a "*" grant
    with pytest.raises(AccessDenied, match="Tuntematon toiminto"):
        require(maija, "drop_everything", "KU286")
    assert not can(maija, "drop_everything", "KU286")


def test_local_user_may_do_everything():
    assert all(can(auth.LOCAL_USER, a, "KU272") for a in auth.ACTIONS)


def test_missing_file_means_read_only_for_signed_in(tmp_path):
    cfg = auth.load_access(tmp_path / "missing.yaml")
    user = resolve(cfg, {"is_logged_in": True, "email": "a@b.fi"})
    assert can(user, "view") and not can(user, "import", "KU286")
    assert not can(resolve(cfg, {"is_logged_in": False}), "view")


def test_load_access_from_env(tmp_path, monkeypatch):
    path = tmp_path / "access.yaml"
    path.write_text("rules:\n  - email: a@b.fi\n    role: admin\n", encoding="utf-8")
    monkeypatch.setenv(auth.ENV_VAR, str(path))
    cfg = auth.load_access()
    assert can(resolve(cfg, {"is_logged_in": True, "email": "a@b.fi"}), "audit")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ([1, 2], "avain–arvo-rakenne"),
        ({"admins": []}, "tuntematon kohta: admins"),
        ({"anonymous": "editor"}, "vain lukuoikeuden"),
        ({"rules": {"a": 1}}, "pitää olla luettelo"),
        ({"rules": [{"email": "a@b.fi", "role": "boss"}]}, "rules[1]: tuntematon rooli ”boss”"),
        ({"rules": [{"email": "a@b.fi", "role": "editor"}]}, "rules[1]: anna alueet"),
        ({"rules": [{"email": "a@b.fi", "role": "editor", "regions": []}]}, "anna alueet"),
        ({"rules": [{"role": "viewer"}]}, "joko email tai claim"),
        ({"rules": [{"email": "a@b.fi", "claim": "g", "value": "x", "role": "viewer"}]}, "joko email tai claim"),
        ({"rules": [{"claim": "groups", "role": "viewer"}]}, "joko email tai claim"),
        ({"rules": ["a@b.fi"]}, "rules[1]: sääntö"),
    ],
)
def test_bad_config_is_refused_with_finnish_message(raw, fragment):
    with pytest.raises(AccessConfigError) as exc:
        parse_access(raw, "access.yaml")
    assert fragment in str(exc.value) and "access.yaml" in str(exc.value)


def test_bad_yaml_file(tmp_path):
    path = tmp_path / "access.yaml"
    path.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(AccessConfigError, match="access.yaml ei ole kelvollista YAMLia"):
        auth.load_access(path)
