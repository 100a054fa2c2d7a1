"""How much the generator makes at each scale."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    incidents: int
    patrol_logs: int
    violations: int
    teams: int
    boas_per_team: int
    years: int = 10


SCALES = {
    "tiny": Scale(incidents=800, patrol_logs=200, violations=160, teams=3, boas_per_team=3),
    "small": Scale(incidents=20_000, patrol_logs=5_000, violations=4_000, teams=6, boas_per_team=6),
    "medium": Scale(
        incidents=200_000, patrol_logs=50_000, violations=40_000, teams=10, boas_per_team=10
    ),
    "large": Scale(
        incidents=2_000_000, patrol_logs=500_000, violations=400_000, teams=20, boas_per_team=18
    ),
}
