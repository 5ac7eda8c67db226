"""Registry entries for invented places: the jurisdiction row and the bodies of the real plans
a synthetic text draws on, renamed, so that every name it prints resolves.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from kg.registry import Jurisdiction, Organization, Registry
from kg.registry_files import JURISDICTION_COLUMNS, append_rows
from kg.synth.material import RealPlan, Renamer
from kg.synth.names import PlaceName

ORGANIZATION_COLUMNS = ("jurisdiction", "id", "type", "kind", "name_zh", "name_en", "aliases")


def jurisdiction_row(template: RealPlan, place: PlaceName) -> Jurisdiction:
    """The invented place at the template's level, under the template's parent."""
    real = template.jurisdiction
    suffix = real.name_zh[len(template.short):]
    return Jurisdiction(place.id, place.short + suffix, real.name_en.replace(
        template.short_en, place.title_en), real.level, real.parent)


def organization_rows(sources: list[RealPlan], place: PlaceName, registry: Registry
                      ) -> list[Organization]:
    """The bodies of every real plan a text draws lines from, moved to the invented place;
    bodies both have (the same id) keep the first's names and gain the other's aliases."""
    merged: dict[str, Organization] = {}
    for plan in sources:
        rename = Renamer(plan, place, registry)
        for org in plan.organizations:
            name_zh = rename.zh(org.name_zh)
            aliases = tuple(rename.zh(a) for a in org.aliases)
            if org.id in merged:
                first = merged[org.id]
                extra = [a for a in (name_zh, *aliases) if a not in first.names]
                merged[org.id] = Organization(first.jurisdiction, first.id, first.type,
                                              first.kind, first.name_zh, first.name_en,
                                              first.aliases + tuple(dict.fromkeys(extra)))
                continue
            merged[org.id] = Organization(place.id, org.id, org.type, org.kind, name_zh,
                                          rename.en(org.name_en),
                                          tuple(dict.fromkeys(a for a in aliases if a != name_zh)))
    return list(merged.values())


def write_registry(real: Path, target: Path, jurisdictions: list[Jurisdiction],
                   organizations: list[Organization]) -> None:
    """The real tables, with the invented places and their bodies appended."""
    target.mkdir(parents=True, exist_ok=True)
    for table in sorted(real.glob("*.csv")):
        shutil.copyfile(table, target / table.name)
    append_rows(target / "jurisdictions.csv", JURISDICTION_COLUMNS,
                [(j.id, j.name_zh, j.name_en, j.level, j.parent or "") for j in jurisdictions])
    append_rows(target / "organizations.csv", ORGANIZATION_COLUMNS,
                [(o.jurisdiction, o.id, o.type, o.kind, o.name_zh, o.name_en, "|".join(o.aliases))
                 for o in organizations])
