"""The reference vocabulary in the database: what ``migrate`` gives, and what loading again leaves alone.

The data itself is specified in tests/unit/portal/test_taxonomy_reference.py.
Here: a fresh database has every metal and process; loading again creates
nothing; an editor's changes survive ``manage.py load_vocabulary`` and the
data migration; only the command brings back what an editor deleted.
"""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from portal.taxonomy import reference
from portal.taxonomy.loading import load_reference_vocabulary
from portal.taxonomy.models import Metal, Process

pytestmark = pytest.mark.django_db

MIGRATION = ("taxonomy", "0004_reference_vocabulary")


def load_vocabulary(*args: str) -> str:
    out = StringIO()
    call_command("load_vocabulary", *args, stdout=out)
    return out.getvalue()


def run_the_data_migration_again() -> None:
    """Call the migration's function with the historical models, as ``migrate`` does."""
    historical = MigrationLoader(connection).project_state(MIGRATION).apps
    importlib.import_module("portal.taxonomy.migrations.0004_reference_vocabulary").load(historical, None)


def snapshot() -> tuple[list, list]:
    return list(Metal.objects.order_by("slug").values()), list(Process.objects.order_by("slug").values())


# --- a fresh database ------------------------------------------------------------------


def test_a_migrated_database_has_every_reference_metal_and_process():
    assert sorted(Metal.objects.values_list("slug", flat=True)) == sorted(m.slug for m in reference.METALS)
    assert sorted(Process.objects.values_list("slug", flat=True)) == sorted(p.slug for p in reference.PROCESSES)


@pytest.mark.parametrize("slug, symbol, german, english, group", [
    ("cu", "Cu", "Kupfer", "Copper", None),
    ("w", "W", "Wolfram", "Tungsten", None),
    ("bi", "Bi", "Bismut", "Bismuth", None),
    ("nd", "Nd", "Neodym", "Neodymium", "ree"),
    ("sc", "Sc", "Scandium", "Scandium", "ree"),
    ("pt", "Pt", "Platin", "Platinum", "pgm"),
    ("ree", "", "Seltene Erden", "Rare earth elements", None),
])
def test_metals_come_with_symbol_names_and_group(slug, symbol, german, english, group):
    metal = Metal.objects.get(slug=slug)
    assert (metal.symbol, metal.name_de, metal.name_en) == (symbol, german, english)
    assert (metal.group.slug if metal.group else None) == group


@pytest.mark.parametrize("slug, critical, strategic", [
    ("cu", True, True), ("nd", True, True), ("pgm", True, True),
    ("la", True, False), ("ta", True, False),
    ("in", False, False), ("au", False, False),
])
def test_metals_carry_the_flags_of_the_critical_raw_materials_act(slug, critical, strategic):
    metal = Metal.objects.get(slug=slug)
    assert (metal.critical_raw_material, metal.strategic_raw_material) == (critical, strategic)


def test_processes_form_the_standard_hierarchy():
    def ancestors(slug: str) -> list[str]:
        return [process.slug for process in Process.objects.get(slug=slug).ancestors()]

    assert ancestors("bioleaching") == ["leaching", "hydrometallurgy"]
    assert ancestors("sensor-based-sorting") == ["sorting", "mechanical-processing"]
    assert ancestors("electrorefining") == ["electrometallurgy"]
    assert Process.objects.get(slug="leaching").name_de == "Laugung"
    assert set(Process.objects.filter(parent=None).values_list("slug", flat=True)) == {
        "mechanical-processing", "pyrometallurgy", "hydrometallurgy", "electrometallurgy"}


# --- loading again ---------------------------------------------------------------------


def test_loading_again_creates_nothing():
    before = snapshot()
    result = load_reference_vocabulary(Metal, Process)
    assert result.created == 0
    assert result.kept == len(reference.METALS) + len(reference.PROCESSES)
    assert snapshot() == before
    assert (f"created 0 metals and 0 processes; {len(reference.METALS)} metals and {len(reference.PROCESSES)} "
            "processes already there, left as they are") in load_vocabulary()


def test_an_editors_changes_survive_the_command_and_the_data_migration():
    copper = Metal.objects.get(slug="cu")
    copper.name_de, copper.critical_raw_material = "Kupfer (Sekundärkupfer)", False
    copper.save()
    Metal.objects.filter(slug="sc").update(group=None)  # scandium taken out of the rare earths
    Process.objects.filter(slug="bioleaching").update(parent=Process.objects.get(slug="hydrometallurgy"))
    edited = snapshot()

    load_vocabulary()
    run_the_data_migration_again()

    assert snapshot() == edited
    copper.refresh_from_db()
    assert (copper.name_de, copper.critical_raw_material) == ("Kupfer (Sekundärkupfer)", False)
    assert Metal.objects.get(slug="sc").group is None
    assert Process.objects.get(slug="bioleaching").parent.slug == "hydrometallurgy"


def test_the_command_brings_back_a_deleted_row_linked_to_the_group_as_the_editors_left_it():
    Metal.objects.filter(slug="ree").update(name_de="Seltenerdelemente")
    Metal.objects.filter(slug="dy").delete()
    Process.objects.filter(slug="bioleaching").delete()

    out = load_vocabulary()

    assert "created 1 metal and 1 process" in out
    dysprosium = Metal.objects.get(slug="dy")
    assert (dysprosium.name_de, dysprosium.group.name_de) == ("Dysprosium", "Seltenerdelemente")
    assert dysprosium.critical_raw_material and dysprosium.strategic_raw_material
    assert Process.objects.get(slug="bioleaching").parent.slug == "leaching"


def test_a_later_data_migration_adds_only_the_entries_it_names():
    Metal.objects.filter(slug__in=["os", "ir"]).delete()  # say an editor deleted osmium, and iridium is new
    historical = MigrationLoader(connection).project_state(MIGRATION).apps

    result = load_reference_vocabulary(
        historical.get_model("taxonomy", "Metal"), historical.get_model("taxonomy", "Process"),
        metals=["ir"], processes=[],
    )

    assert (result.created_metals, result.created_processes) == (("ir",), ())
    assert Metal.objects.get(slug="ir").group.slug == "pgm"
    assert not Metal.objects.filter(slug="os").exists()


def test_a_slug_outside_the_reference_is_refused_with_the_file_to_edit():
    with pytest.raises(ValueError, match=r"unobtainium.*portal/taxonomy/reference.py"):
        load_reference_vocabulary(Metal, Process, metals=["unobtainium"])


def test_a_dry_run_says_what_it_would_create_and_changes_nothing():
    Metal.objects.filter(slug="w").delete()
    Process.objects.filter(slug="ion-exchange").delete()
    before = snapshot()

    out = load_vocabulary("--dry-run")

    assert snapshot() == before
    assert "would create metal w" in out and "would create process ion-exchange" in out
    assert "Dry run, nothing changed. Reference vocabulary: would create 1 metal and 1 process" in out


# --- the admin -------------------------------------------------------------------------


def test_editors_see_and_set_the_strategic_flag_in_the_admin(admin_client):
    listing = admin_client.get("/admin/snippets/taxonomy/metal/", {"strategic_raw_material": "true"})
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Sortiere nach &#x27;Strategischer Rohstoff&#x27;" in body  # a column of the listing
    assert "Neodym" in body and "Lanthan" not in body  # filtered: lanthanum is critical, not strategic
    lanthanum = Metal.objects.get(slug="la")
    form = admin_client.get(f"/admin/snippets/taxonomy/metal/edit/{lanthanum.pk}/").content.decode()
    assert 'name="strategic_raw_material"' in form
    assert "Anhang I (strategische Rohstoffe) der Verordnung (EU) 2024/1252" in form
