"""The real plans as material: their texts, the extractor's records of them, and the renaming
that moves a line of one real plan into an invented jurisdiction.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract import extract_file
from kg.extract.records import PlanRecords
from kg.manifest import PlanEntry, load_manifest
from kg.paths import Paths
from kg.registry import Jurisdiction, Organization, Registry
from kg.synth.names import PlaceName

# The suffix a jurisdiction's full name adds to its short form: 沙坪坝区, 华蓥市
LEVEL_SUFFIX = ("区", "市", "县")
# The abbreviation of a government's document numbers: 沙府办发〔2025〕13号 (沙 + 府办)
DOC_ABBREVIATION = "府办"


@dataclass(frozen=True)
class RealPlan:
    """One plan of data/sources/ with what the extractor reads in it."""

    entry: PlanEntry
    jurisdiction: Jurisdiction
    lines: tuple[str, ...]
    records: PlanRecords
    organizations: tuple[Organization, ...]  # the registry's bodies of its jurisdiction

    @property
    def short(self) -> str:
        """The place name as printed without its level: 沙坪坝."""
        name = self.jurisdiction.name_zh
        return name[:-1] if name.endswith(LEVEL_SUFFIX) else name

    @property
    def short_en(self) -> str:
        return self.jurisdiction.name_en.split()[0]


def load_material(paths: Paths) -> tuple[list[RealPlan], Registry]:
    registry = Registry.load(paths.registry)
    plans = []
    for entry in load_manifest(paths.sources / "manifest.yaml"):
        source = paths.sources / entry.file
        records = extract_file(source)
        # a PDF, DOCX or HTML plan's lines are those its records keep; a text's, the file's
        lines = records.lines or tuple(source.read_text(encoding="utf-8").split("\n"))
        plans.append(RealPlan(
            entry, registry.jurisdictions[entry.jurisdiction], lines, records,
            tuple(o for o in registry.organizations if o.jurisdiction == entry.jurisdiction)))
    return plans, registry


class Renamer:
    """Moves text of one real plan into an invented place: 沙坪坝区卫生健康委 → 龙溪区卫生健康委.

    Names of bodies above the plan's jurisdiction that carry its name (重庆医科大学附属永川医院,
    a municipal hospital) are kept as printed, since the registry has them under the parent.
    """

    def __init__(self, plan: RealPlan, place: PlaceName, registry: Registry) -> None:
        self.old, self.new = plan.short, place.short
        self.old_en, self.new_en = plan.short_en, place.title_en
        elsewhere = {name for org in registry.organizations
                     if org.jurisdiction != plan.jurisdiction.id
                     for name in org.names if self.old in name}
        self.kept = sorted(elsewhere, key=len, reverse=True)

    def zh(self, text: str) -> str:
        held = {}
        for index, name in enumerate(self.kept):
            if name in text:
                marker = f"\x00{index}\x00"
                held[marker] = name
                text = text.replace(name, marker)
        text = text.replace(self.old[0] + DOC_ABBREVIATION, self.new[0] + DOC_ABBREVIATION)
        text = text.replace(self.old, self.new)
        for marker, name in held.items():
            text = text.replace(marker, name)
        return text

    def en(self, text: str) -> str:
        return text.replace(self.old_en, self.new_en)
