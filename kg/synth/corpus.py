"""`plankg synth`: write a corpus of N plan texts with their manifest and registry, the same
bytes for the same seed, in the folder layout `Paths.corpus` reads (sources/, registry/).
"""
from __future__ import annotations

import json
import random
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from kg.paths import Paths
from kg.synth.compose import Composed, compose, partner_of
from kg.synth.material import RealPlan, Renamer, load_material
from kg.synth.names import PlaceName, load_syllables, place_names
from kg.synth.registry_rows import jurisdiction_row, organization_rows, write_registry

SUMMARY = "synth.json"  # beside manifest.yaml: what the generator wrote, plan by plan


class SynthError(ValueError):
    """A corpus that cannot be written where asked, and why."""


@dataclass(frozen=True)
class WrittenPlan:
    """The generator's account of one text it wrote."""

    id: str
    file: str
    jurisdiction: str
    template: str  # the real plan whose structure the text follows
    partner: str | None  # the real plan task lines were borrowed from
    tasks: int
    subtasks: int
    tasks_with_lead_units: int
    indicators: int
    borrowed: int
    dropped: int


def write_corpus(count: int, seed: int, folder: Path, paths: Paths = Paths(),
                 with_real: bool = False) -> list[WrittenPlan]:
    """`count` synthetic plans into `folder`; `with_real`: the real plans' texts and manifest
    entries first, unchanged (the registry holds their bodies: its real tables are copied)."""
    if count < 1:
        raise SynthError(f"--plans {count}: give at least 1")
    target = Paths.corpus(folder, paths.root)
    _clear(target)
    plans, registry = load_material(paths)
    places = place_names(count, seed, load_syllables(paths.syllables))
    order = list(plans)
    random.Random(f"templates-{seed}").shuffle(order)  # every style appears once N ≥ 5
    target.sources.mkdir(parents=True)
    written, entries, jurisdictions, organizations = [], [], [], []
    if with_real:
        entries += _real_entries(paths, target)
    for index, place in enumerate(places):
        template = order[index % len(order)]
        partner = partner_of(template, plans)
        rng = random.Random(f"plan-{seed}-{index}")
        composed = compose(template, partner, place, registry, rng)
        entry = _entry(template, place, registry)
        (target.sources / entry["file"]).write_text("\n".join(composed.lines), encoding="utf-8")
        entries.append(entry)
        jurisdictions.append(jurisdiction_row(template, place))
        drawn_on = [template] + ([partner] if partner and composed.borrowed else [])
        organizations += organization_rows(drawn_on, place, registry)
        written.append(_account(entry, template, partner, composed))
    manifest = ("# A synthetic corpus written by `plankg synth`; texts recombined from the real "
                "plans.\n" + yaml.safe_dump({"plans": entries}, allow_unicode=True,
                                              sort_keys=False))
    (target.sources / "manifest.yaml").write_text(manifest, encoding="utf-8")
    (target.sources / SUMMARY).write_text(json.dumps(
        {"seed": seed, "plans": [asdict(w) for w in written]}, ensure_ascii=False, indent=2)
        + "\n", encoding="utf-8")
    write_registry(paths.registry, target.registry, jurisdictions, organizations)
    return written


def _real_entries(paths: Paths, target: Paths) -> list[dict]:
    """The real plans' manifest entries as written, their texts copied beside the synthetic ones."""
    real = yaml.safe_load((paths.sources / "manifest.yaml").read_text(encoding="utf-8"))["plans"]
    for entry in real:
        shutil.copyfile(paths.sources / entry["file"], target.sources / entry["file"])
    return real


def _entry(template: RealPlan, place: PlaceName, registry) -> dict:
    rename = Renamer(template, place, registry)
    real = template.entry
    year = real.id.rsplit("-", 1)[-1]
    stem = real.file.split("_", 1)[1] if "_" in real.file else real.file
    return {"id": f"{place.id}-{year}", "file": f"{place.id}_{stem}",
            "title": rename.zh(real.title),
            "issuer": rename.zh(real.issuer) if real.issuer else None,
            "doc_number": rename.zh(real.doc_number) if real.doc_number else None,
            "issued": real.issued.isoformat() if real.issued else None,
            "jurisdiction": place.id}


def _account(entry: dict, template: RealPlan, partner: RealPlan | None, composed: Composed
             ) -> WrittenPlan:
    return WrittenPlan(entry["id"], entry["file"], entry["jurisdiction"], template.entry.id,
                       partner.entry.id if partner else None, composed.tasks, composed.subtasks,
                       composed.tasks_with_lead_units, composed.indicators, composed.borrowed,
                       composed.dropped)


def _clear(target: Paths) -> None:
    """Replace an earlier synthetic corpus; never overwrite a folder that is not one."""
    if target.sources.exists() and not (target.sources / SUMMARY).exists():
        raise SynthError(f"{target.sources} exists and holds no {SUMMARY}: not a corpus "
                         "`plankg synth` wrote; choose another folder")
    for folder in (target.sources, target.registry, target.build):
        if folder.exists():
            shutil.rmtree(folder)
