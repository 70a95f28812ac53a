"""The cold-start bench's dummy environment lets every function's settings load (it broke when a required bool
and a required int met the string "bench", and when the API's routes/ folder was not on the child's path)."""

from __future__ import annotations

from pydantic import BaseModel

from bench.coldstart import bench_handler, child_environment, dummy_environment, handlers
from ektp import config
from ektp.config import function_environment


def _settings_models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(config).values()
        if isinstance(value, type) and issubclass(value, config._Settings) and value is not config._Settings
    ]


def test_every_function_settings_model_loads_from_the_dummy_environment() -> None:
    models = _settings_models()
    assert len(models) >= 10
    with function_environment(dummy_environment()):
        for model in models:
            model.load()


def test_the_api_function_initialises_with_its_routes_folder() -> None:
    measured = bench_handler(handlers()["api"], runs=1, env=child_environment())
    assert "error" not in measured, measured
    assert measured["modules"] > 100
