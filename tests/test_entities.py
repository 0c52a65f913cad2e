"""The framework's entities mirror the validated models, and a based-on role's inheritance covers every field."""

from __future__ import annotations

from ldcf.framework import entities
from ldcf.reading import models
from ldcf.reading.models import ENTITY_OF, plain


def test_every_entity_has_exactly_the_fields_of_its_model():
    for model, entity in ENTITY_OF.items():
        assert entity._fields == tuple(model.model_fields), model.__name__


def test_no_model_shares_its_name_with_an_entity():
    entity_names = {entity.__name__ for entity in ENTITY_OF.values()}
    assert not entity_names & {model.__name__ for model in ENTITY_OF}


def test_plain_converts_nested_models_and_keeps_values():
    role = models.RoleFile.model_validate(
        {
            "id": "a-role",
            "title": "A Role",
            "level": 4,
            "source": {"document": "Report", "date": "2018"},
            "role_specific": ({"function": "Do things", "competences": ("GEN97",)},),
        }
    )
    converted = plain(role)
    assert type(converted) is entities.Role
    assert type(converted.source) is entities.Source
    assert converted.source.date == "2018"
    assert converted.role_specific[0].function == "Do things"
    assert converted.role_specific[0].competences == ("GEN97",)


def test_every_role_field_is_either_inherited_or_declared_not_inherited():
    declared = (
        entities.NOT_INHERITED
        + entities.INHERITED_LEVEL
        + entities.INHERITED_AND_EXTENDED
        + entities.INHERITED_UNLESS_GIVEN
    )
    assert sorted(declared) == sorted(entities.Role._fields)
    assert len(set(declared)) == len(declared)


def test_a_based_on_role_takes_what_it_does_not_give_from_its_base():
    group = entities.CompetenceGroup(None, None, ("GEN97",))
    own_group = entities.CompetenceGroup(None, None, ("GEN99",))
    duties = (entities.DutyGroup("Clinical", (entities.Duty("Assesses people in custody.", ("GEN97",)),)),)
    base = entities.Role(
        id="base", title="Base", level=5, based_on=None, aliases=(), source=entities.Source("Doc", "2018", None),
        employer="Employer", location=None, afc_band="5", area_of_work="Area", reports_to="Team manager",
        accountable_to=None, responsible_for=None, purpose=("Base purpose",), scope="Scope", duties=duties,
        person_specification=None, role_specific=(group,), locality_specific=(), learning=None, cpd=None, notes=(),
    )  # fmt: skip
    role = base._replace(id="local", title="Local", level=None, based_on="base", employer=None, afc_band=None,
                         area_of_work=None, reports_to=None, duties=(), scope="Own scope", purpose=("Own purpose",),
                         role_specific=(own_group,))  # fmt: skip
    resolved = entities.inherit(role, base)
    assert resolved.level == 5
    assert resolved.role_specific == (group, own_group)
    assert resolved.scope == "Own scope"
    assert resolved.purpose == ("Own purpose",)
    assert resolved.area_of_work == "Area"
    assert resolved.reports_to == "Team manager"
    assert resolved.duties == duties
    assert resolved.employer is None  # not inherited
    assert resolved.afc_band is None
