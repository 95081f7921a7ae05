"""What the quote screen reads from its fields and from the material, without a screen: the plants
typed, and how many base units one unit holds."""

from __future__ import annotations

from decimal import Decimal

from ordertui.model import Material

#: plants quoted side by side at most (one availability call each)
MAX_PLANTS = 6


def base_per_unit(material: Material, unit: str) -> Decimal | None:
    """How many base units one ``unit`` of ``material`` holds (MARM: numerator / denominator)."""
    if unit == material.base_unit:
        return Decimal(1)
    found = next((u for u in material.units if u.unit == unit and u.denominator), None)
    return found.numerator / found.denominator if found is not None else None


def parse_plants(text: str) -> tuple[str, ...]:
    """``1000, 1100`` → ("1000", "1100"); a plant is SAP's CHAR4 (WERKS)."""
    raw = text.replace(",", " ").replace(";", " ").split()
    plants = tuple(dict.fromkeys(p.upper() for p in raw))
    for plant in plants:
        if len(plant) > 4 or not plant.isalnum():
            raise ValueError(f"“{plant[:10]}” is not a plant (4 letters or digits)")
    if len(plants) > MAX_PLANTS:
        raise ValueError(f"At most {MAX_PLANTS} plants at once")
    return plants
