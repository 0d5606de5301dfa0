"""Residents' reviews as published: which are shown on the build date, and the average in words.

A review is shown while its provider is published, its status is
`published` and it is younger than the policy's `shown_for_months`. The
average and count are given only from the policy's `min_count` reviews, so
one review does not define a business; below that, the reviews are listed
without a rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from care_directory.listings.reviews import ReviewFile
from care_directory.policy.requirements import ReviewRules
from care_directory.policy.rules import lapse_date

MAX_STARS = 5


@dataclass(frozen=True)
class Review:
    """One published review, ready for a page."""

    id: str
    rating: int
    help: str
    text: str  # as written (limited Markdown), for plain-text outputs
    text_html: str
    display_name: str
    service_date: date
    review_date: date
    reply_html: str
    reply_date: date | None

    @property
    def rating_words(self) -> str:
        return f"{self.rating} out of {MAX_STARS}"


@dataclass(frozen=True)
class Reviews:
    """A provider's shown reviews, newest first, and whether the council's minimum allows an average."""

    items: tuple[Review, ...] = ()
    min_count: int = 1
    recent_count: int = 3

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def rated(self) -> bool:
        """Enough reviews for the average and count to be shown anywhere."""
        return self.count >= self.min_count

    @property
    def average(self) -> float | None:
        """The mean rating to one decimal place, or None below the minimum count."""
        return round(sum(r.rating for r in self.items) / self.count, 1) if self.rated and self.items else None

    @property
    def average_words(self) -> str:
        """'4.5 out of 5, from 12 reviews', or '' below the minimum count."""
        if self.average is None:
            return ""
        shown = f"{self.average:.1f}".removesuffix(".0")
        return f"{shown} out of {MAX_STARS}, from {self.count} review{'s' if self.count != 1 else ''}"

    @property
    def recent(self) -> tuple[Review, ...]:
        return self.items[: self.recent_count]


def stars(rating: float) -> str:
    """The rating as five star characters, filled to the nearest whole star (for sight only: text says it)."""
    filled = int(rating + 0.5)
    return "★" * filled + "☆" * (MAX_STARS - filled)


def shown_reviews(files: list[ReviewFile], rules: ReviewRules, today: date) -> dict[str, Reviews]:
    """Provider slug -> its reviews shown on `today`, newest first."""
    by_provider: dict[str, list[Review]] = {}
    for file in files:
        data = file.data
        if data["status"] != "published" or lapse_date(data["review_date"], rules.shown_for_months) <= today:
            continue
        reply = data.get("reply")
        by_provider.setdefault(file.provider_slug, []).append(
            Review(
                id=file.id,
                rating=data["rating"],
                help=data["help"],
                text=data["text"],
                text_html=file.text_html,
                display_name=data["display_name"],
                service_date=data["service_date"],
                review_date=data["review_date"],
                reply_html=file.reply_html,
                reply_date=reply["date"] if reply else None,
            )
        )
    return {
        slug: Reviews(
            tuple(sorted(items, key=lambda r: (r.review_date, r.id), reverse=True)),
            rules.min_count,
            rules.recent_shown,
        )
        for slug, items in by_provider.items()
    }
