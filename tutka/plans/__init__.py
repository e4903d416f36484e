"""Welfare plans: model (YAML ↔ tables), store (save with change log, undo), Excel import/export, targets,
yearly follow-up and the yearly report."""

from tutka.plans.model import (
    FOLLOWUP_STATUSES,
    METRIC_KINDS,
    PLAN_TABLES,
    SCOPES,
    load_plans,
    plan_frames,
    plans_from_frames,
    validate_plan,
)

__all__ = [
    "FOLLOWUP_STATUSES",
    "METRIC_KINDS",
    "PLAN_TABLES",
    "SCOPES",
    "load_plans",
    "plan_frames",
    "plans_from_frames",
    "validate_plan",
]
