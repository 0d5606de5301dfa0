"""Write N realistic synthetic listings, valid under the default policy on BUILD_DATE.

Used by the benchmarks. Names, services, areas and wording vary with a
seeded random generator, so the same N always gives the same listings.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

BUILD_DATE = date(2026, 12, 1)
TOWNS = {
    "cambridge": [("Cambridge", "CB1"), ("Cambridge", "CB4"), ("Cherry Hinton", "CB1"), ("Chesterton", "CB4")],
    "east-cambridgeshire": [("Ely", "CB7"), ("Soham", "CB7"), ("Littleport", "CB6"), ("Burwell", "CB25")],
    "fenland": [("Wisbech", "PE13"), ("March", "PE15"), ("Chatteris", "PE16"), ("Whittlesey", "PE7")],
    "huntingdonshire": [("Huntingdon", "PE29"), ("St Neots", "PE19"), ("St Ives", "PE27"), ("Ramsey", "PE26")],
    "south-cambridgeshire": [("Histon", "CB24"), ("Sawston", "CB22"), ("Cambourne", "CB23"), ("Melbourn", "SG8")],
}
FIRST = [
    "Bright",
    "Kind",
    "Willow",
    "Meadow",
    "Oak",
    "Riverside",
    "Fenland",
    "Home",
    "Helping",
    "Friendly",
    "Village",
    "Green",
    "Heart",
    "Little",
    "Steady",
]
SECOND = ["Care", "Support", "Helpers", "Companions", "Hands", "Home Help", "Days", "Neighbours", "Carers", "Friends"]
SENTENCES = [
    "We are a small local team who get to know each person well.",
    "You will usually see the same face at every visit.",
    "We can help with everyday jobs around the home so you can stay independent.",
    "Visits can be weekly, fortnightly or as often as you need.",
    "We are happy to meet you and your family before you decide.",
    "All of our team have been checked and trained.",
    "We will always phone if we are running late.",
    "We can support people living with dementia and their carers.",
    "We work in the villages as well as the towns.",
    "Tell us what matters to you and we will plan visits around it.",
]
PERSONAL = [
    "eating-and-drinking",
    "toileting",
    "washing-and-bathing",
    "dressing",
    "oral-care",
    "skin-hair-and-nail-care",
]
OTHER = [
    "cleaning",
    "gardening",
    "cooking",
    "laundry",
    "paperwork",
    "pet-care",
    "shopping",
    "keeping-well",
    "sitting-service",
    "day-respite",
    "overnight-respite",
    "trips-out",
    "creative-activities",
    "life-skills",
    "support-to-work",
]
LANGUAGES = ["Polish", "Punjabi", "Urdu", "Romanian", "Lithuanian", "Portuguese", "Bengali", "Arabic"]


def listing(n: int, rng: random.Random) -> dict:
    """One valid listing; n makes the name unique."""
    district = rng.choice(list(TOWNS))
    town, postcode = rng.choice(TOWNS[district])
    personal = rng.random() < 0.4
    services = sorted(
        set(rng.sample(OTHER, rng.randint(1, 4)) + (rng.sample(PERSONAL, rng.randint(1, 3)) if personal else []))
    )
    sole = rng.random() < 0.5
    workers = 1 if sole else rng.randint(2, 8)
    checked = BUILD_DATE - timedelta(days=rng.randint(10, 300))
    data = {
        "name": f"{rng.choice(FIRST)} {rng.choice(SECOND)} {town} {n}",
        "summary": f"{rng.choice(SENTENCES)} Based in {town}.",
        "description": " ".join(rng.sample(SENTENCES, 4)) + "\n\n" + " ".join(rng.sample(SENTENCES, 3)),
        "business_type": "sole_trader" if sole else rng.choice(["partnership", "limited_company", "cic"]),
        "workers": workers,
        "services": services,
        "areas": {"districts": [district], "postcodes": [postcode]},
        "base": {"town": town, "postcode_district": postcode},
        "contact": {"phone": f"01632 960{n % 1000:03d}", "email": f"hello{n}@example.org"},
        "availability": {"accepting_new_clients": rng.random() < 0.8, "days": ["mon", "tue", "wed", "thu", "fri"]},
        "pricing": [
            {"service_or_label": s, "amount": round(rng.uniform(15, 30), 2), "unit": "hour"} for s in services[:3]
        ],
        "payment": {"direct_payments": rng.random() < 0.9, "self_funders": True},
        "regulation": {"cqc": ("exempt_sole_trader" if sole else "registered") if personal else "not_applicable"},
        "checks": {c: checked.isoformat() for c in ("identity", "right_to_work", "enhanced_dbs")},
        "insurance": {
            "public_liability": {"expires": (BUILD_DATE + timedelta(days=400)).isoformat(), "cover_gbp": 5000000}
        },
        "training": {
            c: checked.isoformat() for c in ("safeguarding", "first_aid", "health_and_safety", "gdpr", "lone_worker")
        },
        "status": "active",
        "listed_since": "2024-01-15",
        "last_reviewed": checked.isoformat(),
    }
    if personal and not sole:
        data["regulation"]["cqc_location_id"] = f"1-{1000000000 + n}"
    if personal and sole:
        data["training"]["care_certificate"] = checked.isoformat()
    if "cooking" in services:
        data["training"]["food_hygiene"] = checked.isoformat()
    if workers > 1:
        data["insurance"]["employers_liability"] = {
            "expires": (BUILD_DATE + timedelta(days=400)).isoformat(),
            "cover_gbp": 10000000,
        }
    if rng.random() < 0.15:
        data["languages"] = [rng.choice(LANGUAGES)]
    return data


def write_listings(folder: Path, count: int, seed: int = 1) -> None:
    """Write `count` listings into folder/content/providers/."""
    rng = random.Random(seed)
    providers = folder / "content" / "providers"
    providers.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (providers / f"provider-{n:05d}.yaml").write_text(
            yaml.safe_dump(listing(n, rng), sort_keys=False), encoding="utf-8"
        )
