"""The framework's plain records mirror the validated models, so nothing is lost between them."""

from __future__ import annotations

from ldcf import models
from ldcf.entities import ENTITIES, plain


def test_every_entity_has_exactly_the_fields_of_its_model():
    for name, entity in ENTITIES.items():
        assert entity._fields == tuple(getattr(models, name).model_fields), name


def test_plain_converts_nested_models_and_keeps_values():
    role = models.Role.model_validate(
        {
            "id": "a-role",
            "title": "A Role",
            "level": 4,
            "source": {"document": "Report", "date": "2018"},
            "role_specific": ({"function": "Do things", "competences": ("GEN97",)},),
        }
    )
    converted = plain(role)
    assert type(converted) is ENTITIES["Role"]
    assert type(converted.source) is ENTITIES["Source"]
    assert converted.source.date == "2018"
    assert converted.role_specific[0].function == "Do things"
    assert converted.role_specific[0].competences == ("GEN97",)
