"""Short lists read as JSON in their owner's query (newsroom/related_rows.py),
against the real database: what comes back is what a plain query loads."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from newsroom.related_rows import RelatedRows


@pytest.fixture
def tables(transactional_db):
    """Throwaway models with a column of every kind (SQLite's schema editor
    cannot run inside the test's transaction: hence transactional_db)."""
    with isolate_apps("tests"):

        class Owner(models.Model):
            name = models.CharField(max_length=20)

            class Meta:
                app_label = "tests"

            def __str__(self):
                return self.name

        class Target(models.Model):
            id = models.UUIDField(primary_key=True, default=uuid.uuid4)
            label = models.CharField(max_length=20)

            class Meta:
                app_label = "tests"

            def __str__(self):
                return self.label

        class Row(models.Model):
            owner = models.ForeignKey(Owner, models.CASCADE, related_name="rows")
            target = models.ForeignKey(Target, models.CASCADE, null=True)
            flag = models.BooleanField(default=False)
            when = models.DateTimeField(null=True)
            day = models.DateField(null=True)
            moment = models.TimeField(null=True)
            amount = models.DecimalField(max_digits=7, decimal_places=2, null=True)
            token = models.UUIDField(null=True)
            span = models.DurationField(null=True)
            ratio = models.FloatField(null=True)
            text = models.TextField(blank=True)

            class Meta:
                app_label = "tests"
                ordering = ["-amount", "id"]

            def __str__(self):
                return self.text

        with connection.schema_editor() as editor:
            for model in (Owner, Target, Row):
                editor.create_model(model)
        yield Owner, Target, Row
        with connection.schema_editor() as editor:
            for model in (Row, Target, Owner):
                editor.delete_model(model)


def read_with(owner_model, rows: RelatedRows, compiled=False):
    """The owners with `rows` read in their query and attached."""
    subquery = rows.sql_for(owner_model.objects.all()) if compiled else rows.subquery()
    owners = list(owner_model.objects.annotate(**{rows.annotation: subquery}))
    for owner in owners:
        rows.attach(owner, owner.__dict__.pop(rows.annotation), owner._state.db)
    return owners


def rows_of(tables, **options) -> RelatedRows:
    _owner, _target, row = tables
    return RelatedRows(
        "rows", row.objects.filter(owner=models.OuterRef("pk")), **options
    )


def make_rows(tables):
    owner_model, target_model, row_model = tables
    owner = owner_model.objects.create(name="JWG")
    target = target_model.objects.create(label="BNPT")
    full = row_model.objects.create(
        owner=owner,
        target=target,
        flag=True,
        when=dt.datetime(2022, 3, 24, 9, 30, 15, 123456, tzinfo=dt.UTC),
        day=dt.date(2022, 3, 24),
        moment=dt.time(14, 5, 6, 789000),
        amount=Decimal("1234.50"),
        token=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        span=dt.timedelta(days=1, hours=2, seconds=3),
        ratio=0.25,
        text='quotes " and \\ and ümlauts',
    )
    empty = row_model.objects.create(owner=owner)
    return owner, full, empty


@pytest.mark.parametrize("compiled", [False, True], ids=["subquery", "sql_for"])
def test_every_kind_of_value_comes_back_as_a_plain_query_loads_it(tables, compiled):
    owner, full, empty = make_rows(tables)
    [read] = read_with(tables[0], rows_of(tables, with_related=("target",)), compiled)
    by_id = {row.id: row for row in read.rows.all()}
    row_model = tables[2]
    for expected in row_model.objects.filter(owner=owner):
        got = by_id[expected.id]
        for field in row_model._meta.concrete_fields:
            want, value = getattr(expected, field.attname), getattr(got, field.attname)
            assert (type(value), value, str(value)) == (type(want), want, str(want))
        assert got._state.adding is False
        assert got._state.db == expected._state.db
    assert by_id[full.id].target.label == "BNPT"


def test_a_row_without_its_related_row_has_none_without_a_query(
    tables, django_assert_num_queries
):
    owner, full, empty = make_rows(tables)
    [read] = read_with(tables[0], rows_of(tables, with_related=("target",)))
    with django_assert_num_queries(0):
        targets = {row.id: row.target for row in read.rows.all()}
    assert targets[empty.id] is None
    assert targets[full.id].pk == full.target_id


def test_the_list_is_in_the_models_order_none_last_as_postgresql_sorts(tables):
    owner_model, _target, row_model = tables
    owner = owner_model.objects.create(name="JWG")
    for amount in (None, Decimal("2.00"), Decimal("10.00"), None, Decimal("2.00")):
        row_model.objects.create(owner=owner, amount=amount)
    [read] = read_with(owner_model, rows_of(tables))
    # ordering ["-amount", "id"]: descending, so NULLs first (PostgreSQL's).
    got = [(row.amount, row.id) for row in read.rows.all()]
    assert got == sorted(got, key=lambda r: (r[0] is not None, -(r[0] or 0), r[1]))
    assert [amount for amount, _id in got][:2] == [None, None]


def test_a_list_can_follow_a_related_rows_field(tables):
    owner_model, target_model, row_model = tables
    owner = owner_model.objects.create(name="JWG")
    for label in ("PNP", None, "BNPT"):
        target = target_model.objects.create(label=label) if label else None
        row_model.objects.create(owner=owner, target=target)
    rows = rows_of(tables, with_related=("target",), order=("target__label",))
    [read] = read_with(owner_model, rows)
    labels = [row.target.label if row.target else None for row in read.rows.all()]
    assert labels == ["BNPT", "PNP", None]


def test_the_attached_list_answers_without_a_query(tables, django_assert_num_queries):
    owner, full, empty = make_rows(tables)
    other = tables[0].objects.create(name="other")
    tables[2].objects.create(owner=other, flag=True)
    read = {o.pk: o for o in read_with(tables[0], rows_of(tables))}[owner.pk]
    with django_assert_num_queries(0):
        assert {row.pk for row in read.rows.all()} == {full.pk, empty.pk}
        assert read.rows.count() == 2
        assert read.rows.exists()
    # Refined, the list is still the owner's rows (one query), never the
    # other owner's.
    assert {row.pk for row in read.rows.filter(flag=True)} <= {full.pk, empty.pk}
    assert read.rows.filter(owner=other).count() == 0


def test_columns_left_out_are_deferred_and_read_on_use(
    tables, django_assert_num_queries
):
    owner, full, empty = make_rows(tables)
    [read] = read_with(tables[0], rows_of(tables, fields={"": ("flag",)}))
    row = next(row for row in read.rows.all() if row.pk == full.pk)
    assert "text" in row.get_deferred_fields()
    assert "flag" not in row.get_deferred_fields()
    with django_assert_num_queries(1):
        assert row.text == full.text
