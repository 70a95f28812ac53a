"""Scheduled: {"task": "stuck"} every 15 minutes, {"task": "purge"} daily (EventBridge Scheduler rules).
An operator re-drives one application past the automatic bound with {"task": "redrive", "application_id": ...}
(docs/runbooks/processing-error.md)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import MaintenanceSettings
from ektp.services.maintenance import SweepReport
from ektp.wiring import help_overdue_watch, maintenance_service

logger = Logger(service="ektp-maintenance")
metrics = Metrics(namespace="ektp", service="maintenance")
settings = MaintenanceSettings.load()


def _operator_redrive(application_id: str) -> dict[str, Any]:
    record = maintenance_service(settings).redrive(application_id, actor="operator")
    return {"redriven": record is not None, "attempt": record.attempt if record else None}


def _count(report: SweepReport) -> None:
    """The alarms watch these: applications that stopped moving through the pipeline, and applications the
    automatic re-drives could not finish (an operator must look)."""
    metrics.add_metric(name="StuckApplications", unit=MetricUnit.Count, value=sum(report.stuck.values()))
    metrics.add_metric(name="RestartedChains", unit=MetricUnit.Count, value=report.restarted)
    metrics.add_metric(name="RedrivenApplications", unit=MetricUnit.Count, value=report.redriven)
    metrics.add_metric(name="ApplicationsNeedingOperator", unit=MetricUnit.Count, value=report.need_operator)


def _count_overdue_help() -> int:
    """Help requests past their response-time target (domain/help_requests.py): a district's desk is behind."""
    overdue = len(help_overdue_watch(settings).overdue())
    metrics.add_metric(name="OverdueHelpRequests", unit=MetricUnit.Count, value=overdue)
    return overdue


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    task = event.get("task")
    if task == "redrive":
        result = _operator_redrive(str(event["application_id"]))
        logger.info("operator redrive", extra=result)
        return result
    if task == "purge":
        report = maintenance_service(settings).purge_abandoned_drafts()
        metrics.add_metric(name="PurgedDrafts", unit=MetricUnit.Count, value=report.purged)
    else:
        report = maintenance_service(settings).sweep_stuck()
        _count(report)
    result = {
        "stuck": report.stuck,
        "restarted": report.restarted,
        "redriven": report.redriven,
        "need_operator": report.need_operator,
        "purged": report.purged,
    }
    if task != "purge":
        result["help_overdue"] = _count_overdue_help()
    logger.info("maintenance done", extra=result)
    return result
