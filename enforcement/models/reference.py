"""Reference data: areas, themes, categories, offence catalogue, intervention types, case types."""

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A wijk (district) or buurt (neighbourhood), with CBS code where known."""

    class Kind(models.TextChoices):
        DISTRICT = "wijk", _("Wijk")
        NEIGHBOURHOOD = "buurt", _("Buurt")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9_-]+$", _("Alleen hoofdletters, cijfers, - en _."))],
        help_text=_("CBS-code waar bekend, bijv. WK036301 of BU03630101."),
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ligt in wijk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    # GeoJSON Polygon or MultiPolygon geometry in WGS84 (lon, lat), optional.
    boundary = models.JSONField(_("grens (GeoJSON)"), null=True, blank=True)
    # Bounding box of the boundary, kept by the service that sets it, to find candidates fast.
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="wijk") | models.Q(parent__isnull=True),
                name="area_district_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A safety theme: overlast, jeugd, ondermijning, afval, parkeren, ..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="categories"
    )
    name = models.CharField(_("naam"), max_length=200)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ["theme__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "name"], name="category_unique_per_theme"),
        ]

    def __str__(self) -> str:
        return self.name


class InterventionType(models.Model):
    """A step on the escalation ladder: verbal warning ... bestuursdwang, referral to care."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    # Higher is heavier; the intervention matrix proposes a step, repeats raise it.
    ladder_step = models.PositiveSmallIntegerField(_("trede"), default=1)
    needs_offender = models.BooleanField(_("vraagt overtreder"), default=True)
    needs_amount = models.BooleanField(_("vraagt bedrag"), default=False)
    produces_letter = models.BooleanField(_("maakt brief"), default=False)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("interventiesoort")
        verbose_name_plural = _("interventiesoorten")
        ordering = ["ladder_step", "name"]

    def __str__(self) -> str:
        return self.name


class Offence(models.Model):
    """An entry of the offence catalogue (feitcode)."""

    code = models.CharField(_("feitcode"), max_length=20, unique=True)
    description = models.CharField(_("omschrijving"), max_length=500)
    legal_basis = models.CharField(
        _("grondslag"), max_length=200, help_text=_("Bijv. APV art. 2:48.")
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offences",
    )
    default_intervention = models.ForeignKey(
        InterventionType,
        verbose_name=_("standaardinterventie"),
        on_delete=models.PROTECT,
        related_name="offences",
    )
    default_amount = models.DecimalField(
        _("standaardbedrag"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Repeat offending counts within a group; an offence without one is a group of its own.
    group = models.ForeignKey(
        "enforcement.OffenceGroup",
        verbose_name=_("groep (voor herhaling)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offences",
    )
    # Tied to premises (horeca, exploitation permit): the operator is the offender.
    premises_bound = models.BooleanField(
        _("gebonden aan een inrichting"),
        default=False,
        db_default=False,
        help_text=_("Bijv. horeca of exploitatievergunning: de exploitant is de overtreder."),
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("feit")
        verbose_name_plural = _("feitencatalogus")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_amount__isnull=True) | models.Q(default_amount__gte=0),
                name="offence_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class CaseType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    standard_term_days = models.PositiveSmallIntegerField(
        _("standaardtermijn (werkdagen)"), validators=[MinValueValidator(1)]
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(standard_term_days__gte=1), name="case_type_term_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """An address of the municipality (a BAG extract imported as CSV by the functional
    admin): where GPS coordinates become a street and number (issue 15)."""

    postcode = models.CharField(
        _("postcode"),
        max_length=6,
        validators=[RegexValidator(r"^[1-9][0-9]{3}[A-Z]{2}$", _("Een postcode is 1234AB."))],
    )
    street = models.CharField(_("straat"), max_length=200)
    number = models.CharField(_("huisnummer"), max_length=20)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        ordering = ["street", "number"]
        indexes = [models.Index(fields=["latitude", "longitude"])]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "number"], name="address_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.number}"
