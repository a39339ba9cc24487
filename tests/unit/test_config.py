"""Production refuses unsafe settings; development starts with safe defaults."""

from __future__ import annotations

import importlib

import pytest

from config import ProductionConfig


def production(monkeypatch, secret: str | None, debug: str = "0") -> type[ProductionConfig]:
    monkeypatch.setenv("FLASK_DEBUG", debug)
    return type("Prod", (ProductionConfig,), {"SECRET_KEY": secret or ""})


@pytest.mark.parametrize(
    ("secret", "debug", "complaint"),
    [
        (None, "0", "SECRET_KEY must be set"),
        ("short", "0", "SECRET_KEY must be set"),
        ("x" * 40, "1", "debug must be off"),
    ],
)
def test_production_refuses_unsafe_settings(monkeypatch, secret, debug, complaint):
    with pytest.raises(SystemExit) as refused:
        production(monkeypatch, secret, debug).validate()
    assert complaint in str(refused.value.code)


def test_production_accepts_a_long_secret_without_debug(monkeypatch):
    production(monkeypatch, "k" * 40).validate()


def test_production_app_refuses_to_start(monkeypatch):
    from survey_app import create_app

    with pytest.raises(SystemExit):
        create_app(production(monkeypatch, None))


def test_development_defaults_to_a_sqlite_file_under_instance(monkeypatch):
    import config

    monkeypatch.delenv("DATABASE_URL", raising=False)
    try:
        fresh = importlib.reload(config)
        assert (
            f"sqlite:///{fresh.ROOT / 'instance' / 'survey.db'}"
            == fresh.Config.SQLALCHEMY_DATABASE_URI
        )
        assert fresh.Config.MIN_BASE == 10
    finally:
        monkeypatch.undo()
        importlib.reload(config)
