from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agencies"
    verbose_name = _("Agencies and meetings")

    def ready(self):
        import reversion

        from .models import (
            Agency,
            AgencyAlias,
            Meeting,
            MeetingAttendance,
            MeetingParticipant,
            MeetingSeries,
            MeetingSession,
            Person,
        )

        # Every save keeps a revision; an agency's carries its aliases, a
        # meeting's its agenda, delegations and people, as edited together.
        reversion.register(Agency, follow=["aliases"])
        reversion.register(AgencyAlias)
        reversion.register(Person)
        reversion.register(MeetingSeries)
        reversion.register(Meeting, follow=["sessions", "participants", "attendances"])
        for model in (MeetingSession, MeetingParticipant, MeetingAttendance):
            reversion.register(model)

        # A story's old revisions naming a merged duplicate name the person
        # kept (the history's compare and restore).
        from newsroom.history.successors import register_successors

        from .models import MergedPerson

        register_successors(Person, MergedPerson.objects.successors)
