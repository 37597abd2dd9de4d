"""The per-document actor index the extractors read: actors, mentions, token maps."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tiegraph.model import Actor, Mention, Span


@dataclass
class ActorIndex:
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)
    mention_vias: dict[int, str] = field(default_factory=dict)
    # every actor a token denotes: "officials" in "Hungarian and Romanian officials"
    token_actors: dict[int, list[str]] = field(default_factory=dict)
    # token -> country of a place that is no actor ("visited Busan", "a summit in Seoul")
    token_place: dict[int, str] = field(default_factory=dict)

    def actor_of_token(self, tok: Token) -> Actor | None:
        aid = self.token_actor.get(tok.i)
        return self.actors.get(aid) if aid else None

    def actors_of_token(self, tok: Token) -> list[Actor]:
        ids = self.token_actors.get(tok.i) or (
            [self.token_actor[tok.i]] if tok.i in self.token_actor else []
        )
        return [self.actors[i] for i in ids if i in self.actors]

    def actors_under(self, tok: Token) -> list[Actor]:
        """Actors denoted by the noun phrase headed by `tok`, including conjuncts."""
        out: list[Actor] = []
        for head in [tok, *tok.conjuncts]:
            acts = self.actors_of_token(head)
            if not acts:
                for child in head.children:
                    if child.dep_ in {"compound", "amod", "nmod"} and child.i in self.token_actor:
                        acts = self.actors_of_token(child)
                        break
            for a in acts:
                if a.kind != "none" and a not in out:
                    out.append(a)
        return out

    def place_country(self, tok: Token) -> str | None:
        """The country a token names as a state or a place, acting or not ("officials in
        Seoul", "a summit in Busan", "Seoul said"); None for other tokens."""
        a = self.actor_of_token(tok)
        if a is not None and a.kind == "state" and a.country:
            return a.country
        return self.token_place.get(tok.i) or None

    def persons(self) -> list[Actor]:
        return [a for a in self.actors.values() if a.kind == "person"]


def _span(doc: Doc, start: int, end: int) -> Span:
    sp = doc[start:end]
    return Span(sp.start_char, sp.end_char, sp.text)
