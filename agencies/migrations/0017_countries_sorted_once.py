"""The country fields read their list through agencies.countries.SortedOnce
(translated and sorted once per language): a change of the fields' Python
class only, nothing in the database (SQLite would otherwise copy each table
to alter a column that does not change)."""

import agencies.countries
import django_countries.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0016_proposal_story_and_country"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="agency",
                    name="country",
                    field=django_countries.fields.CountryField(
                        countries=agencies.countries.SortedOnce,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="agencyproposal",
                    name="country",
                    field=django_countries.fields.CountryField(
                        blank=True,
                        countries=agencies.countries.SortedOnce,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="country",
                    field=django_countries.fields.CountryField(
                        blank=True,
                        countries=agencies.countries.SortedOnce,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="country",
                    field=django_countries.fields.CountryField(
                        blank=True,
                        countries=agencies.countries.SortedOnce,
                        help_text="Leave empty for the agency's country.",
                        max_length=2,
                        verbose_name="delegation",
                    ),
                ),
            ],
        ),
    ]
