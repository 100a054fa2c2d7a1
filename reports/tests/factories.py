import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from reports.models import CouncilReport, ReportBuild


class CouncilReportFactory(DjangoModelFactory):
    class Meta:
        model = CouncilReport

    period = "2026Q2"
    version = factory.Sequence(lambda n: n + 1)
    introduction = "Het tweede kwartaal in cijfers."
    figures = factory.LazyFunction(dict)


class PublishedReportFactory(CouncilReportFactory):
    status = CouncilReport.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ReportBuildFactory(DjangoModelFactory):
    class Meta:
        model = ReportBuild

    period = "2026Q2"
    status = ReportBuild.Status.QUEUED
