"""A record's dict (its JSON in `tiegraph extract`, JSONL and Parquet chunks) is what
`dataclasses.asdict` gives, built without its deep copies (issue 16: the copies were most
of a Dask chunk's write time)."""

from __future__ import annotations

import dataclasses

from tiegraph import model
from tiegraph.distributed.records import record_from_dict


def _objects(rec: model.ExtractionRecord) -> list:
    items = [rec.doc, *rec.actors, *rec.events, *rec.quotes, *rec.claims]
    items += rec.characterizations
    nested = [
        getattr(o, f.name)
        for o in items
        for f in dataclasses.fields(o)
        if dataclasses.is_dataclass(getattr(o, f.name))
    ]
    return items + nested


def test_asdict_equals_the_standard_one_on_real_records(sample_records):
    objects = [o for rec in sample_records.values() for o in _objects(rec)]
    kinds = {type(o).__name__ for o in objects}
    assert {"Document", "Actor", "Event", "Quote", "Claim", "ActorRef", "Span"} <= kinds
    for o in objects:
        assert model.asdict(o) == dataclasses.asdict(o), o


def test_the_dict_holds_no_object_of_the_record(sample_records):
    rec = next(iter(sample_records.values()))
    d = rec.to_dict()
    d["events"][0]["trigger"]["start"] = -1  # the dict is the caller's to change
    d["actors"][0]["name"] = "changed"
    assert rec.events[0].trigger.start != -1 and rec.actors[0].name != "changed"
    assert record_from_dict(rec.to_dict()) == rec


def test_tuples_and_nested_containers_convert_like_asdict():
    @dataclasses.dataclass
    class Inner:
        xs: list[int]
        pair: tuple[str, int]

    @dataclasses.dataclass
    class Outer:
        inner: Inner
        by: dict[str, Inner]
        items: list[Inner]

    o = Outer(Inner([1], ("a", 1)), {"k": Inner([2], ("b", 2))}, [Inner([], ("c", 3))])
    got = model.asdict(o)
    assert got == dataclasses.asdict(o)
    got["inner"]["xs"].append(9)
    assert o.inner.xs == [1]
