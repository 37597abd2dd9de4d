"""How a clause is read: negation, modality, comparison, location, confidence, and
the dated Event row made from a trigger."""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import date_fields, timex_root
from tiegraph.extract.events import participants as parts
from tiegraph.extract.events import rules
from tiegraph.model import Actor, Event, Span, stable_id
from tiegraph.nlp import syntax


def _governor(tok: Token, lex: rules.Lexicon) -> str | None:
    """future | negated | suppress when the trigger sits in a governed complement.

    "agreed to withdraw" -> future; "refused to attack" -> negated; "urged X to
    attack", "a demand for a treaty", "proposed talks" -> suppress.
    """
    node = tok
    if node.dep_ == "conj" and node.head.dep_ in {"xcomp", "ccomp", "dobj", "pobj"}:
        node = node.head
    gov: Token | None = None
    if tok.pos_ in {"VERB", "AUX"}:
        if node.dep_ in {"xcomp", "ccomp"}:
            gov = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
            gov = node.head.head
        elif node.dep_ == "acl" and any(c.lower_ == "to" for c in node.children):
            # "the ability to mediate", "a decision to deploy": the noun decides;
            # an unlisted noun makes the infinitive a mere possibility
            gov = node.head
            forms = syntax.forms(gov)
            if not forms & (lex.gov_future | lex.gov_negated | lex.gov_suppress):
                return "suppress"
        elif (
            node.dep_ == "advcl"
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in node.children)
            and any(
                c.dep_ == "dobj" and c.lemma_.lower() in lex.plan_objects and c.i < node.i
                for c in node.head.children
            )
        ):
            # "foiled a plot to bomb the embassy": the plot's content, not a deed
            return "suppress"
    else:
        hops = 0
        while node.dep_ in {"pobj", "prep", "compound", "appos"} and hops < 4:
            node = node.head
            hops += 1
        if node.i != tok.i or tok.dep_ in {"dobj", "nsubjpass"}:
            gov = node if node.i != tok.i else tok.head
    if gov is None or gov.i == tok.i:
        return None
    if node.dep_ == "ccomp" and node.i < gov.i:
        # "Washington has accused Beijing of ..., a charge Chinese officials deny": a clause
        # before its verb is no complement of it (the parser's reading of an apposition)
        return None
    forms = syntax.forms(gov)
    if forms & lex.gov_negated:
        return "negated"
    if forms & lex.gov_future and tok.pos_ in {"VERB", "AUX"}:
        return "future"
    if forms & lex.gov_suppress:
        return "suppress"
    if forms & lex.gov_future and tok.dep_ in {"dobj", "nsubjpass"}:
        return "future"  # "planned a summit"; not "agreed on a deal"
    return None


CLAUSE_LINKS = {"xcomp", "ccomp", "advcl", "acl", "conj", "relcl", "pobj", "prep", "pcomp"}


def suppressed_above(tok: Token, lex: rules.Lexicon, hops: int = 6) -> bool:
    """ "suggested that Washington should use sanctions ... as a way to push for his
    release": a clause nested (through complements, purpose, relative and conjoined
    clauses and their phrases) under a suggestion, demand or threat is no asserted
    event, however deep."""
    node = tok
    for _ in range(hops):
        if node.dep_ not in CLAUSE_LINKS or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and _governor(node, lex) == "suppress":
            return True
    return False


def _has_negation(node: Token, lex: rules.Lexicon) -> bool:
    for c in node.children:
        if c.dep_ == "neg":
            return True
        if c.lower_ in lex.negation and c.dep_ in {"advmod", "det", "preconj", "cc"}:
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {
            "none",
            "nobody",
            "neither",
            "nothing",
        }:
            return True
    return False


def polarity(tok: Token, lex: rules.Lexicon | None = None, governed: str | None = None) -> str:
    """Negated when the trigger, its noun phrase or a governing verb carries a negation
    ("did not announce a treaty", "a treaty was never signed", "None ... were announced",
    "ended without an agreement", "refused to attack")."""
    lex = lex or rules.lexicon()
    if governed == "negated":
        return "negated"
    own_agent = tok.pos_ in syntax.NOUN_POS and any(
        (c.dep_ == "prep" and c.lower_ == "by") or (c.dep_ == "poss" and not syntax.is_pronoun(c))
        for c in tok.children
    )
    node = tok
    for _ in range(6):
        if (
            own_agent
            and node.i != tok.i
            and node.pos_ in {"VERB", "AUX"}
            and node.lemma_.lower() not in lex.light_verbs | {"be"}
        ):
            # "did not respond to a request by the South": the request was made
            break
        if _has_negation(node, lex):
            return "negated"
        if node.dep_ in {"pobj", "pcomp"} and node.head.lower_ == "without":
            return "negated"
        head = node.head
        if head.i == node.i:
            break
        climb = node.dep_ in {
            "xcomp",
            "aux",
            "auxpass",
            "attr",
            "pobj",
            "dobj",
            "prep",
            "nsubj",
            "nsubjpass",
            "appos",
            "compound",
            "acomp",
            "pcomp",
        }
        if node.dep_ == "conj":
            climb = any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in head.children)
        if not climb:
            break
        node = head
    return "asserted"


def modality(tok: Token, lex: rules.Lexicon | None = None, governed: str | None = None) -> str:
    """actual | future | hypothetical | reported, from auxiliaries, markers and governors."""
    lex = lex or rules.lexicon()
    if governed == "future":
        return "future"
    node = tok
    for _ in range(7):
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if auxes & lex.hypothetical or marks & {"if", "unless", "whether"}:
            return "hypothetical"
        if auxes & lex.future or ("going" in auxes and node.tag_ == "VB"):
            return "future"
        if any(c.dep_ == "prep" and c.lower_ == "according" for c in node.children):
            return "reported"
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ == "ccomp" and head.lemma_.lower() in lex.speech:
            return "reported"
        if node.dep_ == "xcomp" and head.lemma_.lower() in lex.gov_future:
            return "future"
        if node.dep_ not in {
            "xcomp",
            "conj",
            "ccomp",
            "advcl",
            "relcl",
            "dobj",
            "pobj",
            "prep",
            "attr",
            "nsubj",
            "nsubjpass",
            "compound",
            "appos",
            "pcomp",
        }:
            break
        node = head
    return "actual"


def _location(ctx: DocContext, tok: Token, exclude: set[str]) -> str | None:
    """The place governed by the event: "in Iraq" -> IRQ, "at the Grand Hyatt Seoul"."""
    heads = [tok]
    if tok.pos_ in syntax.NOUN_POS and tok.head.pos_ in {"VERB", "AUX"}:
        heads.append(tok.head)
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in {"in", "at", "near", "inside", "outside"}:
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.ent_type_ in {"DATE", "TIME"}:
                    continue
                acts = ctx.actors.actors_under(p)
                if acts and acts[0].kind == "state" and acts[0].country:
                    if acts[0].country in exclude:
                        continue  # "invested in North Korea": the target, not a venue
                    return acts[0].country
                named = [p, *(c for c in p.children if c.dep_ in {"compound", "amod"})]
                if any(t.ent_type_ in {"GPE", "LOC", "FAC", "ORG"} for t in named) or (
                    p.pos_ == "PROPN" and p.text[:1].isupper()
                ):
                    words = [t for t in p.subtree if t.dep_ not in {"det", "punct"}]
                    if words and not any(t.ent_type_ == "DATE" for t in words):
                        return p.doc[words[0].i : words[-1].i + 1].text
    return None


def _in_comparison(tok: Token, lex: rules.Lexicon) -> bool:
    """ "In the same way NATO has expanded from a defense pact ...", "like the treaty ..." """
    for a in [tok, *tok.ancestors]:
        low = a.lower_
        if a.dep_ in {"prep", "mark"} and low in lex.comparison:
            return True
        if a.lemma_.lower() == "way" and any(c.lower_ == "same" for c in a.children):
            return True
        for c in a.children:
            if c.dep_ == "mark" and c.lower_ in lex.comparison:
                return True
            if c.dep_ in {"prep", "advmod"} and c.lower_ in {"like", "unlike", "similarly"}:
                return True
    return False


def _confidence(
    pos: str,
    src: Actor | None,
    tgt: Actor | None,
    participants: str,
    inherited: bool,
    dated: bool,
    modal: str,
) -> float:
    """Documented in docs/events.md: rule kind, complete dyad, how roles were found."""
    base = {"verb": 0.6, "noun": 0.5}.get(pos, 0.5)
    if src is not None and tgt is not None:
        base += 0.2
    if participants in {"light", "fragment", "antecedent"}:
        base -= 0.05 if participants == "light" else 0.1
    elif participants == "sentence":
        base -= 0.2
    if inherited:
        base -= 0.05
    if not dated:
        base -= 0.1
    if modal != "actual":
        base -= 0.05
    return round(max(0.05, min(0.95, base)), 2)


TEMPORAL_PREPS = {"after", "before", "since", "following", "under", "until", "from"}


def _foreign_timex(ctx: DocContext, trigger: Token, span: Span, lex: rules.Lexicon) -> bool:
    """ "signed a treaty after a 2013 agreement": the year dates the agreement named in
    the prepositional phrase, not the signing."""
    root = timex_root(ctx, span)
    if root is None:
        return False
    noun = root.head
    if noun.i == trigger.i or noun.pos_ not in syntax.NOUN_POS:
        return False
    if root.dep_ not in {"nummod", "compound", "amod", "npadvmod", "poss"}:
        return False
    event_noun = noun.lemma_.lower() in lex.nouns or noun.lemma_.lower() in lex.harm_nouns
    return (
        event_noun
        and noun.dep_ == "pobj"
        and noun.head.lower_ in TEMPORAL_PREPS
        and trigger not in noun.subtree
    )


def _not_after_publication(
    ctx: DocContext,
    trigger: Token,
    dated: tuple[str | None, str, Span | str | None],
    modal: str,
    pol: str,
) -> tuple[str | None, str, Span | str | None, str]:
    """An asserted event the text tells as done is never dated after the article: a past
    clause with a later date took it from elsewhere (the article's date is kept), any
    other clause tells of something still to come (future)."""
    date, prec, source = dated
    pub, pub_prec = ctx.publication_date()
    if not (date and pub) or pol != "asserted" or modal not in {"actual", "reported"}:
        return date, prec, source, modal
    n = min(len(date), len(pub))
    if date[:n] <= pub[:n]:
        return date, prec, source, modal
    if syntax.past_tense(trigger):
        return pub, pub_prec, "publication", modal
    return date, prec, source, "future"


def _clause_reading(
    ctx: DocContext, trigger: Token, governed: str | None, lex: rules.Lexicon
) -> tuple[str | None, str, Span | str | None, str, str]:
    """(date, precision, date source, modality, polarity) of a trigger's clause: the
    same for every pair of participants, so read once per trigger (and governor)."""
    memo: dict[tuple[int, str | None], tuple[str | None, str, Span | str | None, str, str]]
    memo = ctx.memo("events_clause")  # dates depend on the context's time expressions
    key = (trigger.i, governed)
    if key in memo:
        return memo[key]
    try:
        date, prec, source_span = date_fields(ctx, trigger, narrative=True)
    except IndexError:
        # a time expression whose offsets no longer align with the parse (tokens removed
        # from an over-long sentence): the article's date, not a lost document
        date, prec = ctx.publication_date()
        prec, source_span = (prec, "publication") if date else ("unknown", None)
    if isinstance(source_span, Span) and _foreign_timex(ctx, trigger, source_span, lex):
        date, prec = ctx.publication_date()
        prec, source_span = (prec, "publication") if date else ("unknown", None)
    modal = modality(trigger, lex, governed)
    pol = polarity(trigger, lex, governed)
    date, prec, source_span, modal = _not_after_publication(
        ctx, trigger, (date, prec, source_span), modal, pol
    )
    memo[key] = (date, prec, source_span, modal, pol)
    return memo[key]


def _make(
    ctx: DocContext,
    trigger: Token,
    src: Actor | None,
    tgt: Actor | None,
    pat: rules.Pattern,
    participants: str,
    inherited: bool,
    governed: str | None,
) -> Event:
    lex = rules.lexicon()
    table = resources.cameo_to_plover()
    ptype, mode = table.get(pat.cameo) or table.get(pat.cameo[:3]) or ("", None)
    if pat.type:
        ptype, mode = pat.type, pat.mode
    date, prec, source_span, modal, pol = _clause_reading(ctx, trigger, governed, lex)
    conf = _confidence(
        pat.pos, src, tgt, participants, inherited, source_span != "publication", modal
    )
    trig = ctx.tok_span(trigger)
    exclude = {tgt.country} if tgt is not None and tgt.country else set()
    return Event(
        event_id=stable_id(
            ctx.document.doc_id, trig.start, src and src.actor_id, tgt and tgt.actor_id, pat.cameo
        ),
        source=parts._ref(src) if src else None,
        target=parts._ref(tgt) if tgt else None,
        type=ptype,
        mode=mode,
        cameo=pat.cameo,
        goldstein=resources.goldstein_for(pat.cameo),
        quad_class=resources.quad_class(pat.cameo),
        polarity=pol,
        modality=modal,
        date=date,
        date_precision=prec,
        date_source=source_span,
        location=_location(ctx, trigger, exclude),
        trigger=trig,
        evidence=ctx.sent_span(trigger),
        confidence=conf,
        rule=f"{pat.pos}:{pat.lemma}" + (f"+{participants}" if participants != "own" else ""),
    )
