"""Actors: mention -> ActorRef, from data files the authors wrote (states, leaders by date, IGOs, blocs).

    from multipolar.actors import Roster
    roster = Roster.load()
    roster.lookup("Putin")  # ActorRef(code='RUS', name='Vladimir Putin', sector='GOV', kind='leader')
"""
from multipolar.actors.roster import Roster

__all__ = ["Roster"]
